// Data model of the local license server: the seed file format (resources/demo/licenses.json) and the
// mutable state it becomes. The persisted --data file has exactly this shape too.

export type LsLicenseType = 'perpetual' | 'time-limited' | 'consumption' | 'subscription'

export interface SeedApiKey {
  apiKey: string
  sharedKey: string
}

export interface SeedProduct {
  shortCode: string
  name: string
  authorizationMethod: 'license-key' | 'user'
  /** the vendor made OAuth mandatory: API-key requests and API-key offline files are refused */
  requireOAuth?: boolean
}

export interface SeedOAuthClient {
  clientId: string
  clientSecret: string
}

export interface SeedDevice {
  hardwareId: string
  activatedAt: string
  /** true when the seat was taken through an offline request file */
  offline?: boolean
}

export interface SeedLicense {
  id: number
  product: string
  licenseKey?: string
  username?: string
  password?: string
  /** the account behind a user license (answered as `user: { email, ... }` in the license object) */
  user?: { email?: string; firstName?: string; lastName?: string; phoneNumber?: string }
  type: LsLicenseType
  isTrial?: boolean
  /** ISO-8601; the license expires at this instant */
  validityPeriod?: string
  maintenancePeriod?: string
  /** ISO-8601; activation before this instant gives license_start_date_error */
  startDate?: string
  maxActivations: number
  /** undefined = unlimited; deactivation refused with license_transferred_max_times once transferCount >= this */
  maxTransfers?: number
  transferCount?: number
  timesActivated?: number
  enabled: boolean
  active: boolean
  /** activation with is_vm=true gives vm_not_allowed */
  preventVm?: boolean
  /** hardware ids refused with `blacklisted` */
  blacklistedHardwareIds?: string[]
  /** every call on this license answers 500 internal_error (to exercise that path) */
  simulateInternalError?: boolean
  devices?: SeedDevice[]
  features?: Array<{ code: string; name: string }>
  customFields?: Array<{ name: string; value: string }>
  /** the customer account whose SSO users hold this user license */
  customerAccount?: string
  /** floating cloud: at most floatingUsers devices hold a slot at a time */
  isFloatingCloud?: boolean
  floatingUsers?: number
  /** a slot taken by activation or check lasts this long (default 120) */
  floatingTimeoutMinutes?: number
  canBorrow?: boolean
  maxBorrowTimeHours?: number
  /** slots in use (state): until = ISO end of the slot; borrowed = held by floating/borrow */
  floatingInUse?: Array<{ hardwareId: string; until: string; borrowed?: boolean }>
  note?: string
}

/** A customer account whose users sign in through its identity provider (the local server plays it). */
export interface SeedCustomerAccount {
  code: string
  name: string
  users: Array<{ email: string; password: string }>
  /** non-loopback redirect URIs allowed besides http://127.0.0.1:<any port>/… */
  redirectUris?: string[]
}

export interface SeedQlmActivation {
  computerId: string
  computerName: string
  computerKey: string
  activatedAt: string
}

export interface SeedQlmLicense {
  activationKey: string
  productId: number
  majorVersion: number
  minorVersion: number
  maxActivations: number
  /** how many releases are allowed in total; undefined = unlimited */
  maxReleases?: number
  releases?: number
  activations?: SeedQlmActivation[]
  note?: string
}

export interface SeedData {
  licensespring: {
    apiKeys: SeedApiKey[]
    minOfflineSchemaVersion?: number
    customerAccounts?: SeedCustomerAccount[]
    /** OAuth client credentials (token endpoint TOKEN_PATH); tokens live tokenLifetimeSeconds (default 480) */
    oauth?: { clients: SeedOAuthClient[]; tokenLifetimeSeconds?: number }
    /** how many days after its date an offline request file is still accepted (default 30) */
    offlineRequestValidityDays?: number
    products: SeedProduct[]
    licenses: SeedLicense[]
  }
  qlm: {
    vendor: string
    user: string
    password: string
    communicationEncryptionKey: string
    releaseLicenseRequiresAuthentication: boolean
    releaseLicenseRequiresVerificationCode: boolean
    /** informative only: the server accepts both hex cases */
    dvcCase?: 'lower' | 'upper'
    /** prepend a UTF-8 BOM to every XML answer */
    bom?: boolean
    /** display names of the products, shown on the self-help pages */
    products?: Array<{ productId: number; name: string }>
    licenses: SeedQlmLicense[]
  }
}
