// The IPC contract between the renderer and the main process, declared once. The main handlers
// (src/main/ipc.ts), the preload API (src/preload/index.ts) and the renderer's client are all typed
// from this file; input schemas live beside it in ./schemas.ts and the request types are inferred from
// them (each request shape is written once). No runtime dependencies here (type imports only).
import type { zm } from './zod'
import type { ErrorInfo, Result } from './errors'
import type { requestSchemas } from './schemas'

/** The request type a schema of ./schemas.ts accepts. */
type RequestOf<K extends keyof typeof requestSchemas> = zm.infer<(typeof requestSchemas)[K]>

export type Provider = 'licensespring' | 'qlm'
/** How a product is activated: a key, an account (user name + password), SSO (company sign-in in the browser), a QLM key. */
export type Authorization = 'license-key' | 'user' | 'sso' | 'qlm-key'
export type LicenseState = 'inactive' | 'active' | 'offline-deactivated' | 'offline-activation-pending'
/** How a product is activated without a connection: a request file to upload, or a web page that gives a computer key. */
export type OfflineActivationKind = 'request-file' | 'web-page'
/** The proof an offline deactivation leaves: a request file saved where the user chooses, or a code to send. */
export type OfflineDeactivationKind = 'request-file' | 'code'

export interface AppInfo {
  appName: string
  vendorName: string
  supportEmail: string
  supportUrl: string
  version: string
  versions: Record<string, string>
  locale: string
  demo: boolean
}

export interface HardwareIdInfo {
  id: string
  /** e.g. "linux:/etc/machine-id", "windows:MachineGuid", "darwin:IOPlatformUUID" */
  source: string
}

/** One id this computer yields under one recipe, or why it yields none (hwid, diagnostics). */
export interface ComputerIdCandidate {
  /** The recipe's name: node-machine-id, licensespring, computer-name, command (program), or override. */
  recipe: string
  id?: string
  source?: string
  error?: { code: string; message: string }
}

/** Seats as the server last reported them (activation or check); fields the server did not give are absent. */
export interface SeatCounts {
  /** Seats in use (LicenseSpring times_activated, QLM activations). */
  inUse?: number
  /** Seats the license has (max_activations). */
  max?: number
  /** Transfers made so far (LicenseSpring transfer_count). */
  transfers?: number
  /** The transfer limit, when the license has one. */
  maxTransfers?: number
  /** When the server said so (ISO-8601). */
  at: string
}

export interface LicenseSummary {
  /** The key with its middle masked (e.g. DEMO-••••-••••-0001); never the full key. */
  keyHint?: string
  username?: string
  licenseType?: string
  expiresAt?: string | null
  activatedAt: string
  /** Hardware id (LicenseSpring) or computer id (QLM) used at activation; deactivation reuses it. */
  hardwareId: string
  activatedOffline: boolean
  /** The recipe the id was computed with (e.g. licensespring, computer-name, override:--hardware-id). */
  hardwareIdSource?: string
  /** Seats as the server last reported them. */
  seats?: SeatCounts
  /** The last server check, if one was made. */
  lastCheck?: CheckSummary
  /** The license chosen among several of the account (its license_id). */
  licenseId?: number
  /** A floating license: shared by `users` computers at a time; borrowable for up to maxBorrowHours. */
  floating?: FloatingInfo
}

/** A seat receipt: which computer holds a seat (the id used at activation), without the key. */
export interface SeatReceipt {
  id: string
  productId: string
  productName: string
  provider: Provider
  keyHint?: string
  username?: string
  /** The hardware id (LicenseSpring) or computer id (QLM) the seat is held under. */
  hardwareId: string
  hardwareIdSource?: string
  /** The computer's host name when the receipt was made, to recognise it. */
  hostname?: string
  at: string
}

/** What a server check said about this computer's seat. */
export type CheckVerdict = 'ok' | 'gone' | 'disabled' | 'expired' | 'not_confirmed'

export interface CheckSummary {
  verdict: CheckVerdict
  at: string
  /** The server's own words, when it gave some (QLM texts are shown verbatim). */
  serverMessage?: string
}

export interface FloatingInfo {
  users: number
  canBorrow: boolean
  maxBorrowHours: number
  /** Borrowed for offline use until this instant (ISO). */
  borrowedUntil?: string
}

/** One license of an account that holds several of a product, as the user picks it. */
export interface UserLicenseChoice {
  licenseId: number
  licenseType: string
  isTrial: boolean
  expiresAt: string | null
  maxActivations: number
  timesActivated: number
  floating: boolean
  /** The vendor's note on the license, if any (e.g. "Design office, 3 seats"). */
  note?: string
}

export type UserLicensesRequest = RequestOf<'userLicenses'>

/** until: ISO date-time to borrow until; null: the longest the license allows. */
export type BorrowRequest = RequestOf<'borrow'>

export interface ProductResult {
  product: ProductSummary
}

export interface ProductSummary {
  id: string
  name: string
  provider: Provider
  authorization: Authorization
  state: LicenseState
  license?: LicenseSummary
  canActivateOffline: boolean
  canDeactivateOffline: boolean
  /** Which offline activation the product has (null: none). */
  offlineActivation: OfflineActivationKind | null
  /** What an offline deactivation of this product gives the user. */
  offlineDeactivation: OfflineDeactivationKind
  portalUrl?: string
  /** The last offline deactivation of this product, if any. */
  lastOffline?: HistoryRecord
}

export interface StatusSnapshot {
  products: ProductSummary[]
  hardware: HardwareIdInfo | null
  hardwareError?: ErrorInfo
  /** Server clock minus this computer's clock, when learnt; null when unknown. */
  clockOffsetMs: number | null
  /** Set when the state file was damaged: it was moved to this path (kept for support) and a fresh one started. */
  stateMovedTo?: string
}

export type HistoryRecord =
  | {
      id: string
      kind: 'licensespring-file'
      productId: string
      productName: string
      at: string
      filePath: string
      sha256: string
      requestId: string
      portalUrl?: string
    }
  | {
      id: string
      kind: 'qlm-dvc'
      productId: string
      productName: string
      at: string
      code: string
      /** yyyy-MM-dd: the calendar date the code is valid for. */
      validFor: string
      selfHelpUrl?: string
      computerId: string
      /** The activation key in full, as the release form asks for it (the self-help URL carries it too). */
      activationKey?: string
      /** mailto: link with product, key hint, computer id, code and date prefilled. */
      supportMailto?: string
    }

/** operationId: chosen by the renderer; used to cancel and to match progress events. */
export type OperationRequest = RequestOf<'operation'>

/** licenseId: which of the account's licenses (from licenses:list); sso: sign in through the customer's identity
 * provider in the system browser (authorization "sso"). */
export type ActivateOnlineRequest = RequestOf<'activateOnline'>

export interface ActivateResult {
  product: ProductSummary
  /** Set when the server told us this computer's clock is off; the UI should say so. */
  clockOffsetMs?: number
}

export interface DeactivateOnlineResult {
  product: ProductSummary
  /** The seat was already released (e.g. an earlier attempt's answer was lost). */
  alreadyReleased: boolean
  clockOffsetMs?: number
}

/** A seat released by key (License Desk held no record of it): which computer lost it, and the proof offline. */
export type ReleaseSeatResult = {
  productId: string
  productName: string
  /** The id the seat was held under, and where it came from (a recipe, typed, a receipt). */
  hardwareId: string
  source: string
  /** The seat was another computer's. */
  otherComputer: boolean
} & ({ mode: 'online'; alreadyReleased: boolean } | { mode: 'offline'; record: HistoryRecord })

/** What "Check with the server" found. */
export interface CheckResult {
  product: ProductSummary
  verdict: CheckVerdict
  serverMessage?: string
  /** The server says the seat is gone, disabled or expired: offer to remove the local record (never silently). */
  offerRemove: boolean
}

export type DeactivateOfflineResult = { cancelled: true } | { cancelled: false; record: HistoryRecord }

export type OfflineActivationRequestInput = RequestOf<'offlineActivationRequest'>

export type SaveResult = { cancelled: true } | { cancelled: false; filePath: string; sha256: string; portalUrl?: string }

/** content: the .lic file's text (e.g. from a dropped file). Without it, main shows an open dialog. */
export type ImportActivationInput = RequestOf<'importActivation'>

export type ImportResult = { cancelled: true } | { cancelled: false; product: ProductSummary }

export type QlmActivationUrlInput = RequestOf<'qlmActivationUrl'>

export interface QlmActivationUrl {
  computerId: string
  url: string
}

export type QlmComputerKeyInput = RequestOf<'qlmComputerKey'>

/** Release a seat License Desk holds no record of: this computer's (by key) or another computer's (its id). */
export type ReleaseSeatRequest = RequestOf<'releaseSeat'>

export type ReleaseSeatResponse = { cancelled: true } | ({ cancelled: false } & ReleaseSeatResult)

export interface ComputerIdsInfo {
  candidates: ComputerIdCandidate[]
  products: Array<{ productId: string; recipe: string; id?: string; source?: string; error?: { code: string; message: string } }>
}

export type ImportReceiptResult = { cancelled: true } | { cancelled: false; receipt: SeatReceipt }

export interface ProgressEvent {
  operationId: string
  step: 'preparing' | 'contacting' | 'retrying' | 'verifying' | 'saving' | 'done'
  attempt?: number
  /** Only for step "retrying": how long until the next attempt. */
  delayMs?: number
}

/** Every invoke channel: name -> request and response types. */
export interface Contract {
  'app:info': { req: void; res: AppInfo }
  'status:get': { req: void; res: StatusSnapshot }
  'activate:online': { req: ActivateOnlineRequest; res: ActivateResult }
  'activate:offline:request': { req: OfflineActivationRequestInput; res: SaveResult }
  'activate:offline:import': { req: ImportActivationInput; res: ImportResult }
  'activate:qlm:url': { req: QlmActivationUrlInput; res: QlmActivationUrl }
  'activate:qlm:computer-key': { req: QlmComputerKeyInput; res: ActivateResult }
  'licenses:list': { req: UserLicensesRequest; res: UserLicenseChoice[] }
  'floating:borrow': { req: BorrowRequest; res: ProductResult }
  'floating:release': { req: OperationRequest; res: ProductResult }
  'deactivate:online': { req: OperationRequest; res: DeactivateOnlineResult }
  'deactivate:offline': { req: OperationRequest; res: DeactivateOfflineResult }
  'operation:cancel': { req: RequestOf<'cancel'>; res: { cancelled: boolean } }
  'history:list': { req: void; res: HistoryRecord[] }
  'shell:show-in-folder': { req: RequestOf<'showInFolder'>; res: null }
  'shell:open-external': { req: RequestOf<'openExternal'>; res: null }
  'clipboard:write': { req: RequestOf<'copyText'>; res: null }
  'diagnostics:get': { req: void; res: { text: string } }
  'seat:release': { req: ReleaseSeatRequest; res: ReleaseSeatResponse }
  'seat:check': { req: OperationRequest; res: CheckResult }
  'seat:forget': { req: RequestOf<'product'>; res: ProductSummary }
  'seat:receipts': { req: void; res: SeatReceipt[] }
  'seat:receipt:export': { req: RequestOf<'exportReceipt'>; res: SaveResult }
  /** The receipt file's text (e.g. a dropped file), or dialog: true to choose it in an open dialog. */
  'seat:receipt:import': { req: RequestOf<'importReceipt'>; res: ImportReceiptResult }
  'hwid:candidates': { req: void; res: ComputerIdsInfo }
}

export type Channel = keyof Contract

/** The one event channel (main -> renderer). */
export const PROGRESS_CHANNEL = 'operation:progress'

/** Preload method name -> channel. The preload exposes exactly these methods plus onProgress. */
export const API_METHODS = {
  getAppInfo: 'app:info',
  getStatus: 'status:get',
  activateOnline: 'activate:online',
  createOfflineActivationRequest: 'activate:offline:request',
  importOfflineActivation: 'activate:offline:import',
  getQlmActivationUrl: 'activate:qlm:url',
  activateQlmWithComputerKey: 'activate:qlm:computer-key',
  listUserLicenses: 'licenses:list',
  borrowFloating: 'floating:borrow',
  releaseFloating: 'floating:release',
  deactivateOnline: 'deactivate:online',
  deactivateOffline: 'deactivate:offline',
  cancel: 'operation:cancel',
  listHistory: 'history:list',
  showInFolder: 'shell:show-in-folder',
  openExternal: 'shell:open-external',
  copyText: 'clipboard:write',
  getDiagnostics: 'diagnostics:get',
  releaseSeat: 'seat:release',
  checkLicense: 'seat:check',
  forgetLicense: 'seat:forget',
  listReceipts: 'seat:receipts',
  exportReceipt: 'seat:receipt:export',
  importReceipt: 'seat:receipt:import',
  getComputerIds: 'hwid:candidates'
} as const satisfies Record<string, Channel>

export type ApiMethod = keyof typeof API_METHODS
export const CHANNELS = Object.values(API_METHODS) as Channel[]

type Call<C extends Channel> = Contract[C]['req'] extends void ? () => Promise<Result<Contract[C]['res']>> : (req: Contract[C]['req']) => Promise<Result<Contract[C]['res']>>

/** The object the preload exposes as window.licenseDesk. */
export type LicenseDeskApi = { [M in ApiMethod]: Call<(typeof API_METHODS)[M]> } & {
  onProgress(listener: (event: ProgressEvent) => void): () => void
}

export const API_GLOBAL = 'licenseDesk'
