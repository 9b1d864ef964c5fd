// The provider port: the one narrow interface LicenseSpring and QLM each implement, bound to one product
// of the vendor profile. The use cases (../usecases) run over it and never ask which provider they have.
// Flows only one provider has (LicenseSpring's offline request and .lic import, QLM's web activation)
// are their own use cases, typed on that provider (see asLicenseSpring / asQlm in ./index.ts).
import type { Authorization, CheckVerdict, HardwareIdInfo, HistoryRecord, OfflineActivationKind, OfflineDeactivationKind } from '@shared/contract'
import type { IdRecipe } from '../recipes'
import type { StoredLicense, StoredRecord, StoredSecret } from '../state'
import type { Identity, OperationOptions } from '../types'

export interface Capabilities {
  /** Which identity online activation takes. */
  authorization: Authorization
  /** Which offline activation the product has (null: none). */
  offlineActivation: OfflineActivationKind | null
  /** What an offline deactivation gives the user. */
  offlineDeactivation: OfflineDeactivationKind
  /** Whether this license (or, without one, the product) can be deactivated offline. */
  canDeactivateOffline: boolean
  /** The vendor's offline portal, when there is one. */
  portalUrl?: string
}

/** What an offline deactivation produces before anything is written or committed. */
export interface OfflineDeactivationArtifact {
  /** The request file's content, when the proof is a file (the use case writes it where the user chose). */
  file?: string
  /** The history record to keep, given the record's common fields and where the file went. */
  record(common: { id: string; productId: string; productName: string; at: string }, written?: { filePath: string; sha256: string }): StoredRecord
}

/** An online activation the server confirmed: the license to store, and the clock offset worth a warning. */
export interface Activation {
  license: StoredLicense
  clockOffsetMs?: number
}

/** An online release the server confirmed (or found done already). */
export interface Release {
  alreadyReleased: boolean
  clockOffsetMs?: number
}

/** What a server check (without activating) said about a stored license. */
export interface CheckOutcome {
  verdict: CheckVerdict
  seats?: StoredLicense['seats']
  serverMessage?: string
}

/** A release of a seat License Desk holds no record of: the identity typed and the id it is held under. */
export interface SeatOwner {
  identity: ({ licenseKey: string } | { username: string; password?: string }) & { licenseId?: number }
  hardware: HardwareIdInfo
}

export interface ProviderPort {
  readonly productId: string
  readonly productName: string
  /** How this product's computer id is computed (the profile's recipe). */
  readonly idRecipe: IdRecipe
  /** The names of the recipes this provider offers other than the one in use (to suggest when a seat is not found). */
  otherRecipes(): string[]
  /** A license record for a seat License Desk did not take (release by key, or another computer's seat). */
  licenseForSeat(owner: SeatOwner): StoredLicense
  /** Asks the server about the stored license without activating; updates nothing. */
  check(license: StoredLicense, opts: OperationOptions): Promise<CheckOutcome>
  /** The kind of history record this provider's offline deactivation keeps. */
  readonly recordKind: StoredRecord['kind']
  /** The license server's URL (the network diagnostics say how it is reached). */
  readonly serverUrl: string
  capabilities(license?: StoredLicense): Capabilities
  /** The identity as the server knows it (a key typed in lower case is the same key), or invalid_input. */
  normalizeIdentity<T extends Identity | { licenseKey: string } | { username: string }>(typed: T): T
  /** Takes a seat for this computer; resolves to the license to store once the server confirmed. */
  activateOnline(hardware: HardwareIdInfo, identity: Identity, opts: OperationOptions): Promise<Activation>
  /** Releases the seat; alreadyReleased when the server no longer holds it (an earlier answer was lost). */
  deactivateOnline(license: StoredLicense, opts: OperationOptions, mode?: { byKey?: boolean }): Promise<Release>
  /** Builds the offline deactivation proof for a stored license (nothing is written here). */
  offlineDeactivation(license: StoredLicense): OfflineDeactivationArtifact
  /** A stored history record as the user sees it (secrets sealed in storage are used, never returned). */
  presentRecord(record: StoredRecord): HistoryRecord
}

/** Shared, mutable knowledge of the server's clock: server time minus local time. */
export interface ClockState {
  offsetMs: number | null
  /** Called whenever a response teaches us the offset. */
  onLearn?: (offsetMs: number) => void
}

/** What the desk gives each provider: network settings, clock, sealing of secrets, this computer's details. */
export interface ProviderEnv {
  fetch?: typeof fetch
  now: () => number
  timeoutMs?: number
  retryBaseMs?: number
  /** The learnt server clock (loaded lazily from the state file). */
  clock(): ClockState
  /** Local time corrected by the learnt server clock offset. */
  serverNow(): number
  seal(plain: string): StoredSecret
  open(secret: StoredSecret | undefined, what: string): string
  /** OS, host name and app version, sent where the protocol has room for them. */
  osInfo(): Record<string, string>
  supportEmail: string
  /** Opens (or shows) an SSO sign-in address; undefined where nothing can. */
  openSignIn?: (url: string) => Promise<void> | void
}
