// What every error code means for the user, declared once: the next step, whether trying again can help,
// the CLI's exit code, whether support is offered and whether the offline path is offered. The core builds
// its errors from this table, the renderer's error panel and the CLI decide their buttons, hints and exit
// codes from it, and every test double reads it. No runtime dependencies here.
import { type ErrorCode, type ErrorFacts, type ErrorInfo, type NextStep, isErrorInfo } from './errors'

/** The CLI's exit codes (README "Exit codes"). */
export const EXIT = { ok: 0, internal: 1, usage: 2, profile: 3, network: 4, refused: 5, local: 6, cancelled: 130 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export interface ErrorPolicy {
  /** The next step an error of this code gets unless the place that raises it knows better. */
  nextStep: NextStep
  /** Trying the same thing again can succeed (a transient fault). */
  retryable: boolean
  /** The CLI's exit code. */
  exit: ExitCode
  /** Support is offered for this code whatever its next step (an error whose next step is contact_support offers it too). */
  support: boolean
  /** The offline path is offered (the server could not be reached or could not serve). */
  offline: boolean
  /** The server cannot be reached at all (no name, no route, no trusted connection): the offline path is the first offer. */
  offlineFirst: boolean
}

const row = (nextStep: NextStep, exit: ExitCode, flags: { retryable?: boolean; support?: boolean; offline?: boolean; offlineFirst?: boolean } = {}): ErrorPolicy => ({
  nextStep,
  exit,
  retryable: flags.retryable ?? false,
  support: flags.support ?? false,
  offline: flags.offline ?? flags.offlineFirst ?? false,
  offlineFirst: flags.offlineFirst ?? false
})

export const ERROR_POLICY: Readonly<Record<ErrorCode, ErrorPolicy>> = {
  network_dns: row('check_connection', EXIT.network, { retryable: true, offlineFirst: true }),
  network_refused: row('check_connection', EXIT.network, { retryable: true, offlineFirst: true }),
  network_reset: row('retry', EXIT.network, { retryable: true, offline: true }),
  network_timeout: row('retry', EXIT.network, { retryable: true, offline: true }),
  network_tls: row('contact_support', EXIT.network, { support: true, offlineFirst: true }),
  network_failed: row('check_connection', EXIT.network, { retryable: true, offlineFirst: true }),
  network_proxy_auth: row('ask_it', EXIT.network, { offline: true }),
  network_proxy_refused: row('ask_it', EXIT.network, { offline: true }),
  network_proxy_unreachable: row('ask_it', EXIT.network, { offline: true }),
  network_tls_untrusted: row('ask_it', EXIT.network, { support: true, offline: true }),
  network_captive_portal: row('check_connection', EXIT.network, { retryable: true, offline: true }),
  network_redirect: row('contact_support', EXIT.network, { support: true, offline: true }),
  server_unavailable: row('retry_later', EXIT.network, { retryable: true, offline: true }),
  rate_limited: row('retry_later', EXIT.network, { retryable: true }),
  http_status: row('contact_support', EXIT.network, { support: true }),
  bad_response: row('retry_later', EXIT.network, { retryable: true, support: true }),
  response_too_large: row('contact_support', EXIT.network, { support: true }),
  server_refused: row('contact_support', EXIT.refused),
  clock_skew: row('fix_clock', EXIT.refused),
  signature_invalid: row('contact_support', EXIT.refused, { support: true }),
  cancelled: row('none', EXIT.cancelled),
  profile_not_found: row('contact_support', EXIT.profile, { support: true }),
  profile_invalid: row('contact_support', EXIT.profile, { support: true }),
  product_unknown: row('fix_input', EXIT.usage),
  invalid_input: row('fix_input', EXIT.usage),
  not_active: row('none', EXIT.local),
  already_active: row('none', EXIT.local),
  offline_not_supported: row('contact_support', EXIT.local),
  no_pending_request: row('fix_input', EXIT.local),
  lic_mismatch: row('fix_input', EXIT.local),
  file_invalid: row('fix_input', EXIT.local),
  file_read: row('fix_input', EXIT.local),
  file_write: row('choose_other_folder', EXIT.local),
  state_corrupt: row('contact_support', EXIT.local, { support: true }),
  state_locked: row('retry', EXIT.local, { retryable: true }),
  secret_unavailable: row('contact_support', EXIT.local),
  // The server acted, the local save failed: the message says what doing the same step again does.
  state_not_saved: row('retry', EXIT.local),
  setting_invalid: row('fix_input', EXIT.usage),
  hwid_unavailable: row('contact_support', EXIT.local, { support: true }),
  hwid_empty: row('contact_support', EXIT.local, { support: true }),
  hwid_fallback: row('contact_support', EXIT.local, { support: true }),
  hwid_invalid: row('contact_support', EXIT.local, { support: true }),
  seat_not_found: row('fix_input', EXIT.refused, { support: true }),
  internal: row('contact_support', EXIT.internal, { support: true })
}

export function policyFor(code: ErrorCode): ErrorPolicy {
  return ERROR_POLICY[code] ?? ERROR_POLICY.internal
}

/** The next steps after which the same action is worth offering again. */
const RETRY_AFTER: ReadonlySet<NextStep> = new Set(['retry', 'retry_later', 'fix_clock', 'check_connection', 'go_offline', 'choose_other_folder', 'ask_it'])

/** Offer "Try again" for this error. */
export function offersRetry(e: ErrorInfo): boolean {
  return e.retryable || RETRY_AFTER.has(e.nextStep)
}

/** Offer to e-mail support for this error. */
export function offersSupport(e: ErrorInfo): boolean {
  return e.nextStep === 'contact_support' || policyFor(e.code).support
}

/** Offer the offline path for this error. */
export function offersOffline(e: ErrorInfo): boolean {
  return e.nextStep === 'go_offline' || policyFor(e.code).offline
}

/** The offline path is the first offer for this error (the server cannot be reached at all). */
export function offlineFirst(e: Pick<ErrorInfo, 'code'>): boolean {
  return policyFor(e.code).offlineFirst
}

/** The CLI's exit code for an error. */
export function exitCodeFor(e: Pick<ErrorInfo, 'code'>): ExitCode {
  return policyFor(e.code).exit
}

/** The CLI's one-line English hint per next step (the renderer's texts are in its message catalogs). */
export const NEXT_STEP_HINT: Readonly<Record<NextStep, string>> = {
  retry: 'try again',
  retry_later: 'try again in a few minutes',
  go_offline: 'use offline deactivation',
  fix_clock: "set this computer's date and time, then try again",
  fix_input: 'check what you typed',
  contact_support: 'contact the vendor’s support',
  check_connection: 'check the network connection, or use --offline',
  choose_other_folder: 'choose another folder with --out',
  ask_it: 'ask your IT department (the message says what to give them), or use --offline',
  none: ''
}

export type ErrorDetails = Partial<Omit<ErrorInfo, 'code' | 'message'>>

/** An ErrorInfo for a code: the policy's next step and retryability unless `extra` says otherwise. */
export function makeErrorInfo(code: ErrorCode, message: string, extra: ErrorDetails = {}): ErrorInfo {
  const policy = policyFor(code)
  return {
    code,
    message,
    retryable: extra.retryable ?? policy.retryable,
    nextStep: extra.nextStep ?? policy.nextStep,
    ...(extra.serverCode !== undefined ? { serverCode: extra.serverCode } : {}),
    ...(extra.serverMessage !== undefined ? { serverMessage: extra.serverMessage } : {}),
    ...(extra.httpStatus !== undefined ? { httpStatus: extra.httpStatus } : {}),
    ...(extra.details && Object.keys(extra.details).length ? { details: extra.details } : {})
  }
}

/** The facts of an error, copied field by field (strings only), or undefined when there are none. */
function copyFacts(v: unknown): ErrorFacts | undefined {
  if (typeof v !== 'object' || v === null) return undefined
  const d = v as Record<string, unknown>
  const out: ErrorFacts = {}
  for (const k of ['issuer', 'proxy', 'pageTitle'] as const) if (typeof d[k] === 'string') out[k] = d[k]
  return Object.keys(out).length ? out : undefined
}

/**
 * Anything thrown -> ErrorInfo, safe to show and to send across IPC: a named error's info (copied field by
 * field, so nothing else rides along); an abort is "cancelled"; anything else is "internal" with a generic
 * message (never the raw text, which could carry a path or a secret).
 */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (typeof e === 'object' && e !== null) {
    // A named error carries its info in `.info` (it also looks like one itself: it has a code and a message).
    const carried = (e as { info?: unknown }).info
    const info = isErrorInfo(carried) ? carried : e
    if (isErrorInfo(info)) {
      return makeErrorInfo(info.code, info.message, {
        retryable: Boolean(info.retryable),
        nextStep: info.nextStep ?? policyFor(info.code).nextStep,
        serverCode: info.serverCode,
        serverMessage: info.serverMessage,
        httpStatus: info.httpStatus,
        details: copyFacts(info.details)
      })
    }
    if ((e as { name?: unknown }).name === 'AbortError') return makeErrorInfo('cancelled', 'The operation was cancelled.')
  }
  return makeErrorInfo('internal', 'Something unexpected went wrong inside License Desk.')
}

/** A clock offset from the license server larger than this is worth telling the user about. */
export const CLOCK_WARN_MS = 5 * 60_000

/** True when the offset (server minus local, ms) should be shown as a warning. */
export function clockWorthWarning(offsetMs: number | null | undefined): offsetMs is number {
  return typeof offsetMs === 'number' && Math.abs(offsetMs) > CLOCK_WARN_MS
}
