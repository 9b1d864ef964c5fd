import type { ErrorCode, ErrorInfo } from '@shared/errors'
import { type ErrorDetails, makeErrorInfo, toErrorInfo as toInfo } from '@shared/error-policy'

/**
 * The cause of an error as diagnostics may show it: each error's name and system code down the cause
 * chain (e.g. "TypeError > Error[ECONNREFUSED]"), never a message, URL or value (they can carry secrets).
 */
export function redactCause(cause: unknown): string | undefined {
  const parts: string[] = []
  let c: unknown = cause
  for (let depth = 0; c !== undefined && c !== null && depth < 5; depth++) {
    if (typeof c !== 'object') {
      parts.push(typeof c)
      break
    }
    const name = typeof (c as { name?: unknown }).name === 'string' ? (c as { name: string }).name : 'Error'
    const code = (c as { code?: unknown }).code
    parts.push(`${name.replace(/[^\w.-]/g, '').slice(0, 40)}${typeof code === 'string' && /^[\w.-]{1,40}$/.test(code) ? `[${code}]` : ''}`)
    c = (c as { cause?: unknown }).cause
  }
  return parts.length ? parts.join(' > ') : undefined
}

/** The one error type the core throws. `info` crosses IPC and is printed by the CLI; `cause` stays in the process. */
export class LicenseDeskError extends Error {
  readonly info: ErrorInfo
  constructor(code: ErrorCode, message: string, extra: ErrorDetails = {}, options: { cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined)
    this.name = 'LicenseDeskError'
    this.info = makeErrorInfo(code, message, extra)
  }
  get code(): ErrorCode {
    return this.info.code
  }
  /** The underlying cause, redacted (see redactCause), for diagnostics. */
  get causeSummary(): string | undefined {
    return this.cause === undefined ? undefined : redactCause(this.cause)
  }
}

export function fail(code: ErrorCode, message: string, extra?: ErrorDetails, options?: { cause?: unknown }): never {
  throw new LicenseDeskError(code, message, extra, options)
}

export function isCode(e: unknown, code: ErrorCode): boolean {
  return e instanceof LicenseDeskError && e.code === code
}

/** Anything -> ErrorInfo. Unknown errors become `internal` with a generic message (no stack, no secrets). */
export const toErrorInfo = toInfo
