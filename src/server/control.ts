// The local license server's programmatic surface for tests, fixtures and the app's demo: start options,
// the running server, its state views and its request log.
import type { FaultControl } from './faults'
import type { SeedData, SeedLicense, SeedQlmActivation } from './types'

export interface StartServerOptions {
  /** default 0 (any free port); the CLI defaults to 4370 */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** persist state to this JSON file (loaded from it when it exists; written atomically after every change) */
  dataFile?: string
  /** seed data; default resources/demo/licenses.json */
  seed?: SeedData
  /** the server's base clock in ms; default Date.now (fault clockSkewMs is added on top) */
  now?: () => number
  /** PEM of the RSA signing key; default resources/demo/server-private.pem */
  privateKeyPem?: string
  /**
   * Seats taken by another program at start (the vendor's product through its SDK): `license` is a
   * LicenseSpring key or username, or a QLM activation key; `hardwareId` the id the seat is held under.
   */
  seats?: Array<{ license: string; hardwareId: string }>
  /** log one line per request to this function */
  log?: (line: string) => void
  /** serve HTTPS with this certificate and key (PEM); see ./tls.ts for a throwaway CA */
  tls?: { cert: string; key: string }
  /**
   * Started for tests: serve the /__admin/* endpoints (behind the loopback, Host, Origin and token
   * checks; the token is LocalServer.adminToken). Without it they do not exist (404).
   */
  admin?: boolean
}

export interface RequestRecord {
  method: string
  /** the URL path, cut to REQUEST_PATH_MAX characters */
  path: string
  status: number
  /** what a fault did to this request, if anything */
  fault?: string
  /** only when the server was started for tests (StartServerOptions.admin): the request as it arrived */
  raw?: RawRequest
}

/** A request as it arrived (test servers only: it holds keys and passwords as sent). */
export interface RawRequest {
  /** the query string without "?", exactly as sent (cut to REQUEST_RAW_MAX characters) */
  query: string
  headers: Record<string, string | string[] | undefined>
  /** the body as UTF-8 text (cut to REQUEST_RAW_MAX characters) */
  body: string
  /** the server clock (with any clock skew fault) when the request arrived, in ms */
  at: number
}

export interface LsLicenseView {
  id: number
  product: string
  identity: string
  devices: string[]
  timesActivated: number
  transferCount: number
  enabled: boolean
  active: boolean
}

export interface QlmLicenseView {
  activationKey: string
  activations: SeedQlmActivation[]
  releases: number
}

/** Read and adjust the server's state (tests and e2e fixtures). */
export interface ServerState {
  /** hardware ids holding a seat of the license (by license key or username) */
  devices(keyOrUsername: string): string[]
  license(keyOrUsername: string): LsLicenseView | undefined
  /** direct access to a stored LicenseSpring license to adjust it (call persist() after) */
  rawLicense(keyOrUsername: string): SeedLicense | undefined
  /** QLM activations of a key (dashes optional) */
  qlmActivations(activationKey: string): SeedQlmActivation[]
  qlm(activationKey: string): QlmLicenseView | undefined
  /**
   * Binds a seat to an id as another program (the vendor's product through its SDK) would have: a
   * LicenseSpring device (by license key or username) or a QLM activation (by activation key). Returns
   * false when no license has that key.
   */
  seedSeat(keyOrUsername: string, hardwareId: string): boolean
  /** the OAuth access tokens issued (the last 100), so tests can look for them where they must not be */
  oauthTokens(): string[]
  /** deep copy of the whole state */
  snapshot(): SeedData
  /** back to the seed */
  reset(): void
  persist(): void
}

export interface QlmPolicy {
  releaseLicenseRequiresAuthentication?: boolean
  releaseLicenseRequiresVerificationCode?: boolean
  /** prepend a UTF-8 BOM to every QLM XML answer */
  bom?: boolean
}

export interface LocalServer {
  /** base URL without trailing slash, e.g. http://127.0.0.1:54321 */
  url: string
  port: number
  host: string
  close(): Promise<void>
  faults: FaultControl
  state: ServerState
  setMinOfflineSchemaVersion(n: number): void
  getMinOfflineSchemaVersion(): number
  setQlmPolicy(p: QlmPolicy): void
  /** the OAuth token endpoint's URL (client credentials grant) */
  tokenUrl: string
  /** lifetime of the OAuth tokens issued from now on (seconds) */
  setOAuthTokenLifetime(seconds: number): void
  /** make OAuth mandatory (or not) for a LicenseSpring product */
  setRequireOAuth(productShortCode: string, required: boolean): void
  /** the last REQUEST_LOG_MAX requests handled since start (or since clearRequests); with `admin`, each with its raw request */
  requests(): RequestRecord[]
  clearRequests(): void
  /** the server clock in ms, including any clock skew fault */
  now(): number
  /** with StartServerOptions.admin: the token the /__admin/* endpoints require (header x-license-desk-admin-token) */
  adminToken?: string
}

/** The request log keeps this many records: a long-running demo server does not grow without bound. */
export const REQUEST_LOG_MAX = 1000
/** A recorded path is cut to this many characters. */
export const REQUEST_PATH_MAX = 200
/** A recorded raw query or body is cut to this many characters. */
export const REQUEST_RAW_MAX = 16 * 1024

/** The last REQUEST_LOG_MAX requests, oldest first (a ring buffer). */
export class RequestLog {
  private ring: RequestRecord[] = []
  private next = 0

  push(r: RequestRecord): void {
    const cut = (t: string, max: number) => (t.length > max ? `${t.slice(0, max - 1)}…` : t)
    const rec: RequestRecord = { ...r, path: cut(r.path, REQUEST_PATH_MAX) }
    if (r.raw) rec.raw = { ...r.raw, query: cut(r.raw.query, REQUEST_RAW_MAX), body: cut(r.raw.body, REQUEST_RAW_MAX) }
    if (this.ring.length < REQUEST_LOG_MAX) this.ring.push(rec)
    else this.ring[this.next] = rec
    this.next = (this.next + 1) % REQUEST_LOG_MAX
  }

  list(): RequestRecord[] {
    return this.ring.length < REQUEST_LOG_MAX ? this.ring.slice() : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)]
  }

  clear(): void {
    this.ring = []
    this.next = 0
  }
}
