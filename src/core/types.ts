// The core's public surface: the use cases (Desk) and the adapters it is given. Pure TypeScript; the
// core never imports electron. The Electron main process and the CLI both build a Desk with
// createDesk(deps) from ./desk.ts and call only these methods.
export type { Capabilities } from './providers/port'
import type {
  ActivateResult,
  CheckResult,
  ComputerIdCandidate,
  DeactivateOnlineResult,
  HardwareIdInfo,
  HistoryRecord,
  ProductResult,
  ProductSummary,
  ProgressEvent,
  QlmActivationUrl,
  ReleaseSeatResult,
  SeatReceipt,
  StatusSnapshot,
  UserLicenseChoice
} from '@shared/contract'
import type { Capabilities } from './providers/port'

export interface OperationOptions {
  signal?: AbortSignal
  onProgress?: (event: Omit<ProgressEvent, 'operationId'>) => void
}

/** Who activates: a key or an account, and (when the account holds several licenses) which one, by license_id. */
export type Identity = ({ licenseKey: string } | { username: string; password: string } | { sso: true }) & { licenseId?: number }

/** Encrypts license keys and passwords at rest. The app uses Electron safeStorage when it is real. */
export interface SecretBox {
  /** A short scheme name stored beside each value, e.g. "safeStorage" or "local-aes". */
  readonly scheme: string
  /** Makes sure values can be sealed (the local key file exists, durably); throws secret_unavailable if not. */
  ready?(): void
  encrypt(plain: string): string
  /** Throws LicenseDeskError('secret_unavailable') when the value cannot be decrypted here. */
  decrypt(stored: string, scheme: string): string
}

/** Writes a file for the user atomically (temp + rename); returns its sha256 hex. */
export type FileWriter = (path: string, content: string) => Promise<{ sha256: string }>

export interface HardwareIdProvider {
  /** This computer's id under a recipe (./recipes.ts); without one, today's default (node-machine-id). */
  get(recipe?: import('./recipes').IdRecipe): Promise<HardwareIdInfo>
  /** Every id this computer yields, with its recipe (the built-in recipes and the given ones). */
  candidates?(recipes?: import('./recipes').IdRecipe[]): Promise<ComputerIdCandidate[]>
}

export interface Desk {
  status(): Promise<StatusSnapshot>
  /** What a product can do (identity, offline artifacts); callers choose their path from it, never from the provider. */
  capabilities(productId: string): Capabilities
  activateOnline(productId: string, identity: Identity, opts?: OperationOptions): Promise<ActivateResult>
  /** LicenseSpring offline activation: builds the request file content and remembers its request_id. */
  createOfflineActivationRequest(
    productId: string,
    identity: ({ licenseKey: string } | { username: string }) & { licenseId?: number },
    outPath: string
  ): Promise<{ filePath: string; sha256: string; requestId: string; portalUrl?: string }>
  /** Imports a .lic (text content); verifies signatures, hardware id, product and request_id. */
  importOfflineActivation(productId: string, licContent: string): Promise<ActivateResult>
  qlmActivationUrl(productId: string, activationKey: string): Promise<QlmActivationUrl>
  activateQlmWithComputerKey(productId: string, activationKey: string, computerKey: string): Promise<ActivateResult>
  /** The licenses an account holds of a LicenseSpring user product, to pick one (its licenseId). */
  listUserLicenses(productId: string, account: { username: string; password: string }, opts?: OperationOptions): Promise<UserLicenseChoice[]>
  /** Floating: borrow the seat until `until` (ISO) or the longest allowed (null). */
  borrowFloating(productId: string, until: string | null, opts?: OperationOptions): Promise<ProductResult>
  /** Floating: return the seat early; the license stays activated here. */
  releaseFloating(productId: string, opts?: OperationOptions): Promise<ProductResult>
  deactivateOnline(productId: string, opts?: OperationOptions): Promise<DeactivateOnlineResult>
  /** LicenseSpring: writes the signed request file to outPath (required); QLM: computes the DVC. */
  deactivateOffline(productId: string, outPath?: string, opts?: OperationOptions): Promise<HistoryRecord>
  /** Default file name for a LicenseSpring offline request (from the profile). */
  offlineFileName(productId: string, kind: 'activation' | 'deactivation'): string
  history(): Promise<HistoryRecord[]>
  /** Releases a seat License Desk holds no record of: by key on this computer (the profile's recipe), or another computer's id. */
  releaseSeat(productId: string, req: import('./usecases/release-seat').ReleaseSeatRequest, opts?: OperationOptions): Promise<ReleaseSeatResult>
  /** Asks the server about the stored license without activating; keeps what it said beside the license. */
  check(productId: string, opts?: OperationOptions): Promise<CheckResult>
  /** Removes the local record after a check the server did not confirm (never otherwise). */
  forget(productId: string): Promise<ProductSummary>
  /** Seat receipts of the activations made here, newest first. */
  receipts(): Promise<SeatReceipt[]>
  /** Writes a seat receipt as a file where the user chose (atomically). */
  exportReceipt(receiptId: string, outPath: string): Promise<{ filePath: string; sha256: string }>
  /** Every computer id this computer yields, and each product's recipe and id. */
  computerIds(): Promise<import('./usecases/seats').ComputerIds>
  /** Where a damaged state file was moved when this Desk opened it, if that happened. */
  stateMovedTo?(): string | undefined
  diagnostics(extra?: Record<string, string>): Promise<string>
}

/** The JSON state file as conf/electron-store expose it: both have a `.store` getter/setter and `.path`. */
export interface StateBackend {
  readonly path: string
  store: Record<string, unknown>
  /** A durable asynchronous write, preferred over the `store` setter when present (the core's file backend). */
  save?(data: Record<string, unknown>): Promise<void>
}

/** What diagnostics say about the network: proxy hosts and ports (never credentials) and the CA set. */
export interface NetworkInfo {
  proxy: { source: string; https?: string; http?: string; noProxy?: string }
  /** Per license server origin: `direct` or `proxy host:port`. */
  routes: Record<string, string>
  certificateAuthorities: string[]
}

export interface DeskDeps {
  /** The validated vendor profile (see ./profile.ts loadProfile). */
  profile: import('./profile').Profile
  /**
   * Opens the state backend; called after the core has checked the file (a corrupt file is moved aside).
   * Default: the core's own writer (compact JSON, atomic replace), as the CLI uses.
   */
  openBackend?: () => StateBackend
  /** Path of the state file, used to check it before opening and for the lock file beside it. */
  statePath: string
  secrets: SecretBox
  hardwareId: HardwareIdProvider
  writeFile?: FileWriter
  fetch?: typeof fetch
  /** The network set-up in force, for diagnostics (given the license servers' URLs). */
  networkInfo?: (urls: string[]) => NetworkInfo | Promise<NetworkInfo>
  now?: () => number
  /** Reported by diagnostics(). */
  appVersion?: string
  /**
   * SSO sign-in: opens the identity provider's address in the system browser (the app) or prints it
   * (the CLI). Without it, SSO products cannot be signed in to.
   */
  openSignIn?: (url: string) => Promise<void> | void
  /** HTTP timeout per attempt (ms); default 15000. */
  timeoutMs?: number
  /** Base of the jittered retry backoff (ms); default 400. Tests make it small. */
  retryBaseMs?: number
}
