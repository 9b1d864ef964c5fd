// Fault injection for tests: off by default. One fault spec is in effect at a time; `times` bounds how
// many matching requests it applies to before it clears itself. Admin and health routes are exempt.

export type MalformedKind = 'html' | 'truncated' | 'empty'

export interface FaultSpec {
  /** delay before the request is handled */
  latencyMs?: number
  /** destroy the socket without answering, before any state change */
  dropConnection?: boolean
  /** answer this status with a server error body, without handling the request */
  status?: 500 | 502 | 503
  /** answer 429 with a Retry-After header, without handling the request */
  rateLimit?: { retryAfterSeconds: number }
  /** handle the request (state changes apply), then replace the body: HTML page, half the bytes, or nothing */
  malformed?: MalformedKind
  /** the server's clock (Date checks, Date response header, DVC dates, .lic dates) is shifted by this */
  clockSkewMs?: number
  /** handle the request (state changes apply), then destroy the socket without answering: the lost response */
  dropAfterCommit?: boolean
  /** apply to this many matching requests, then clear; undefined = until cleared */
  times?: number
  /** only requests whose path contains this string (e.g. "deactivate_license", "/qlm/") */
  path?: string
}

export interface FaultControl {
  /** replace the fault in effect */
  set(spec: FaultSpec): void
  /** remove any fault */
  clear(): void
  /** the fault in effect (with the remaining `times`), or undefined */
  get(): FaultSpec | undefined
}

export function validateFaultSpec(v: unknown): FaultSpec {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('fault spec must be an object')
  const o = v as Record<string, unknown>
  const known = ['latencyMs', 'dropConnection', 'status', 'rateLimit', 'malformed', 'clockSkewMs', 'dropAfterCommit', 'times', 'path']
  for (const k of Object.keys(o)) if (!known.includes(k)) throw new Error(`unknown fault field "${k}"`)
  const num = (k: string) => {
    if (o[k] !== undefined && (typeof o[k] !== 'number' || !Number.isFinite(o[k]))) throw new Error(`${k} must be a number`)
  }
  num('latencyMs')
  num('clockSkewMs')
  num('times')
  if (o.status !== undefined && ![500, 502, 503].includes(o.status as number)) throw new Error('status must be 500, 502 or 503')
  if (o.malformed !== undefined && !['html', 'truncated', 'empty'].includes(o.malformed as string)) {
    throw new Error('malformed must be html, truncated or empty')
  }
  if (o.rateLimit !== undefined) {
    const r = o.rateLimit as { retryAfterSeconds?: unknown }
    if (typeof r !== 'object' || r === null || typeof r.retryAfterSeconds !== 'number') {
      throw new Error('rateLimit must be { retryAfterSeconds: number }')
    }
  }
  if (o.path !== undefined && typeof o.path !== 'string') throw new Error('path must be a string')
  for (const k of ['dropConnection', 'dropAfterCommit']) {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new Error(`${k} must be a boolean`)
  }
  return o as FaultSpec
}

export class Faults implements FaultControl {
  private spec: FaultSpec | undefined

  set(spec: FaultSpec): void {
    const s = validateFaultSpec(spec)
    this.spec = Object.keys(s).length === 0 ? undefined : { ...s }
  }

  clear(): void {
    this.spec = undefined
  }

  get(): FaultSpec | undefined {
    return this.spec ? { ...this.spec } : undefined
  }

  /** The fault for this request (consuming one of `times`), or undefined. */
  take(path: string): FaultSpec | undefined {
    const s = this.spec
    if (!s) return undefined
    if (s.path !== undefined && !path.includes(s.path)) return undefined
    if (s.times !== undefined) {
      if (s.times <= 0) {
        this.spec = undefined
        return undefined
      }
      s.times -= 1
      if (s.times <= 0) this.spec = undefined
    }
    return { ...s }
  }

  /** The clock skew in effect without consuming anything (for pages and background use). */
  peekSkew(): number {
    return this.spec?.clockSkewMs ?? 0
  }
}

/**
 * A fault's own answer before the request is handled (status, rate limit), or undefined when the
 * request goes on to its route. dropConnection and latency are applied by the caller (they need the socket).
 */
export function faultReply(fault: FaultSpec): { status: number; headers: Record<string, string>; body: string; what: string } | undefined {
  if (fault.status) {
    const html = `<html><body><h1>${fault.status} ${fault.status === 502 ? 'Bad Gateway' : 'Service Unavailable'}</h1></body></html>`
    const r =
      fault.status === 500
        ? { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ status: 500, code: 'internal_error', message: 'Internal server error' }) }
        : { headers: { 'Content-Type': 'text/html; charset=utf-8' } as Record<string, string>, body: html }
    if (fault.status === 503) r.headers['Retry-After'] = '1'
    return { status: fault.status, ...r, what: `status ${fault.status}` }
  }
  if (fault.rateLimit) {
    return {
      status: 429,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': String(fault.rateLimit.retryAfterSeconds) },
      body: JSON.stringify({ status: 429, code: 'too_many_requests', message: 'Rate limit exceeded' }),
      what: 'rateLimit'
    }
  }
  return undefined
}

/** The handled answer's body replaced as `malformed` says: an HTML page, half the bytes, or nothing. */
export function malformedBody(kind: MalformedKind, body: Buffer): { headers?: Record<string, string>; body: Buffer } {
  if (kind === 'html')
    return {
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      body: Buffer.from('<!doctype html><html><head><title>Portal</title></head><body><p>Please sign in.</p></body></html>', 'utf8')
    }
  if (kind === 'truncated') return { body: body.subarray(0, Math.floor(body.length / 2)) }
  return { body: Buffer.alloc(0) }
}
