import type { ErrorCode, ErrorInfo, NextStep } from '@shared/errors'
import { isErrorInfo } from '@shared/errors'

const DEFAULT_NEXT: Partial<Record<ErrorCode, NextStep>> = {
  network_dns: 'check_connection',
  network_refused: 'check_connection',
  network_reset: 'retry',
  network_timeout: 'retry',
  network_tls: 'contact_support',
  network_failed: 'check_connection',
  network_proxy_auth: 'ask_it',
  network_proxy_refused: 'ask_it',
  network_proxy_unreachable: 'ask_it',
  network_tls_untrusted: 'ask_it',
  network_captive_portal: 'check_connection',
  network_redirect: 'contact_support',
  response_too_large: 'contact_support',
  server_unavailable: 'retry_later',
  rate_limited: 'retry_later',
  http_status: 'contact_support',
  bad_response: 'retry_later',
  server_refused: 'contact_support',
  clock_skew: 'fix_clock',
  signature_invalid: 'contact_support',
  cancelled: 'none',
  profile_not_found: 'contact_support',
  profile_invalid: 'contact_support',
  product_unknown: 'fix_input',
  invalid_input: 'fix_input',
  not_active: 'none',
  already_active: 'none',
  offline_not_supported: 'contact_support',
  no_pending_request: 'fix_input',
  lic_mismatch: 'fix_input',
  file_invalid: 'fix_input',
  file_read: 'fix_input',
  file_write: 'choose_other_folder',
  state_corrupt: 'contact_support',
  state_locked: 'retry',
  secret_unavailable: 'contact_support',
  hwid_unavailable: 'contact_support',
  hwid_empty: 'contact_support',
  hwid_fallback: 'contact_support',
  internal: 'contact_support'
}

const RETRYABLE = new Set<ErrorCode>([
  'network_dns',
  'network_refused',
  'network_reset',
  'network_timeout',
  'network_failed',
  'network_captive_portal',
  'server_unavailable',
  'rate_limited',
  'bad_response',
  'state_locked'
])

/** The one error type the core throws. `info` crosses IPC and is printed by the CLI. */
export class LicenseDeskError extends Error {
  readonly info: ErrorInfo
  constructor(code: ErrorCode, message: string, extra: Partial<Omit<ErrorInfo, 'code' | 'message'>> = {}) {
    super(message)
    this.name = 'LicenseDeskError'
    this.info = {
      code,
      message,
      retryable: extra.retryable ?? RETRYABLE.has(code),
      nextStep: extra.nextStep ?? DEFAULT_NEXT[code] ?? 'contact_support',
      ...(extra.serverCode !== undefined ? { serverCode: extra.serverCode } : {}),
      ...(extra.serverMessage !== undefined ? { serverMessage: extra.serverMessage } : {}),
      ...(extra.httpStatus !== undefined ? { httpStatus: extra.httpStatus } : {}),
      ...(extra.details && Object.keys(extra.details).length ? { details: extra.details } : {})
    }
  }
  get code(): ErrorCode {
    return this.info.code
  }
}

export function fail(code: ErrorCode, message: string, extra?: Partial<Omit<ErrorInfo, 'code' | 'message'>>): never {
  throw new LicenseDeskError(code, message, extra)
}

export function isCode(e: unknown, code: ErrorCode): boolean {
  return e instanceof LicenseDeskError && e.code === code
}

/** Anything -> ErrorInfo. Unknown errors become `internal` with a generic message (no stack, no secrets). */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof LicenseDeskError) return e.info
  if (isErrorInfo(e)) return e
  if (e instanceof Error && e.name === 'AbortError') return new LicenseDeskError('cancelled', 'The operation was cancelled.').info
  return new LicenseDeskError('internal', 'Something unexpected went wrong inside License Desk.').info
}
