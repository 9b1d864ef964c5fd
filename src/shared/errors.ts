// Every error a user can meet, named once. The core throws LicenseDeskError (src/core/errors.ts) with
// one of these codes; IPC and the CLI carry it as ErrorInfo; the renderer and the CLI show the texts
// from the message catalogs (src/shared/i18n). No runtime dependencies here.

export const ERROR_CODES = [
  // network
  'network_dns',
  'network_refused',
  'network_reset',
  'network_timeout',
  'network_tls',
  'network_failed',
  'network_proxy_auth', // the proxy wants credentials (HTTP 407) it was not given, or refused those given
  'network_proxy_refused', // the proxy would not open the way to the license server (CONNECT refused)
  'network_proxy_unreachable', // the proxy itself cannot be reached
  'network_tls_untrusted', // the certificate's issuer is not trusted here (private CA or TLS inspection)
  'network_captive_portal', // an HTML page (network sign-in, proxy block page) instead of the API's answer
  'network_redirect', // the server answered with a redirect, which license requests never follow
  // server answers
  'server_unavailable', // 5xx
  'rate_limited', // 429
  'http_status', // another unexpected HTTP status without an error body we understand
  'bad_response', // HTML where JSON was expected, truncated JSON, empty body, unparseable XML
  'response_too_large', // the answer exceeded the size cap
  'server_refused', // the server answered with a named error: see serverCode / serverMessage
  'clock_skew', // date_header_diff even after a corrected retry
  'signature_invalid', // a response or .lic signature did not verify
  'cancelled',
  // profile and input
  'profile_not_found',
  'profile_invalid',
  'product_unknown',
  'invalid_input',
  // local license state
  'not_active',
  'already_active',
  'offline_not_supported',
  'no_pending_request',
  'lic_mismatch',
  'file_invalid',
  'file_read',
  'file_write',
  'state_corrupt',
  'state_locked',
  'secret_unavailable',
  'state_not_saved', // the server acted, the local save failed: the message says what the next run does
  'setting_invalid', // an environment setting (LICENSE_DESK_TIMEOUT_MS, ...) has an unusable value
  // hardware id
  'hwid_unavailable',
  'hwid_empty',
  'hwid_fallback',
  'hwid_invalid', // a vendor id program's output or a given id is not one line of printable text within the limits
  // seats
  'seat_not_found', // releasing by key: the server holds no seat for the key under the id sent
  'internal'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** What the user can do next; the UI turns each into a button or a sentence. */
export type NextStep = 'retry' | 'retry_later' | 'go_offline' | 'fix_clock' | 'fix_input' | 'contact_support' | 'check_connection' | 'choose_other_folder' | 'ask_it' | 'none'

/** Facts a network error carries for the user to pass on to IT or support. */
export interface ErrorFacts {
  issuer?: string
  proxy?: string
  pageTitle?: string
}

/** The serialisable error shape crossing IPC and printed by the CLI with --json. */
export interface ErrorInfo {
  code: ErrorCode
  /** English one-line message, with specifics (host, file, field). */
  message: string
  /** For server_refused: the server's error code (LicenseSpring `code`, e.g. license_not_found). */
  serverCode?: string
  /** The server's own message, shown verbatim (QLM texts are vendor-configured). */
  serverMessage?: string
  httpStatus?: number
  /** Facts for the user to pass on (network errors): the certificate issuer presented, the proxy (host:port), a page's title. */
  details?: ErrorFacts
  retryable: boolean
  nextStep: NextStep
}

export function isErrorInfo(v: unknown): v is ErrorInfo {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ErrorInfo).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as ErrorInfo).code) &&
    typeof (v as ErrorInfo).message === 'string'
  )
}

/** Result type for every IPC call: never throws across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }
