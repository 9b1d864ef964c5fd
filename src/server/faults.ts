// Fault injection for tests: off by default. One fault spec is in effect at a time; `times` bounds how
// many matching requests it applies to before it clears itself. Admin and health routes are exempt.

export type MalformedKind = 'html' | 'truncated' | 'empty'

/**
 * What a tamper fault changes in a handled answer: the LicenseSpring license_signature (signed over other
 * data; the LicenseSignature header is made afresh, so only the license data is wrong), the
 * LicenseSignature header (signed over other bytes), the body after signing (a field changed, the header
 * kept), or the QLM computer key (left out of the answer).
 */
export type TamperKind = 'licenseSignature' | 'signatureHeader' | 'bodyAfterSigning' | 'computerKey'
export const TAMPER_KINDS: readonly TamperKind[] = ['licenseSignature', 'signatureHeader', 'bodyAfterSigning', 'computerKey']

/** A scripted answer sent instead of handling the request (no state change). */
export interface ScriptedReply {
  status: number
  body: string
  /** sent as given; none by default (the Date and Content-Length headers are always sent) */
  headers?: Record<string, string>
}

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
  /** answer this instead of handling the request: a server refusal or an odd answer, word for word */
  reply?: ScriptedReply
  /** handle the request (state changes apply), then change the answer as each kind says */
  tamper?: TamperKind[]
  /** apply to this many matching requests, then clear; undefined = until cleared */
  times?: number
  /** only requests whose path contains this string (e.g. "deactivate_license", "/qlm/") */
  path?: string
  /** the fault that takes effect when this one's `times` are used up (a script of answers) */
  next?: FaultSpec
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
  const known = ['latencyMs', 'dropConnection', 'status', 'rateLimit', 'malformed', 'clockSkewMs', 'dropAfterCommit', 'reply', 'tamper', 'times', 'path', 'next']
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
  if (o.reply !== undefined) {
    const r = o.reply as { status?: unknown; body?: unknown; headers?: unknown }
    const okHeaders = (h: unknown) => typeof h === 'object' && h !== null && !Array.isArray(h) && Object.values(h).every((v) => typeof v === 'string')
    if (typeof r !== 'object' || r === null || !Number.isInteger(r.status) || (r.status as number) < 100 || (r.status as number) > 599) {
      throw new Error('reply must be { status: 100..599, body: string, headers?: { name: value } }')
    }
    if (typeof r.body !== 'string' || (r.headers !== undefined && !okHeaders(r.headers))) {
      throw new Error('reply must be { status: 100..599, body: string, headers?: { name: value } }')
    }
  }
  if (o.tamper !== undefined && (!Array.isArray(o.tamper) || !o.tamper.every((k) => TAMPER_KINDS.includes(k)))) {
    throw new Error(`tamper must be a list of ${TAMPER_KINDS.join(', ')}`)
  }
  if (o.next !== undefined) {
    if (o.times === undefined) throw new Error('next needs times (when the first fault ends)')
    validateFaultSpec(o.next)
  }
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
        this.spec = s.next ? { ...s.next } : undefined
        return this.take(path)
      }
      s.times -= 1
      if (s.times <= 0) this.spec = s.next ? { ...s.next } : undefined
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
  if (fault.reply) return { status: fault.reply.status, headers: { ...(fault.reply.headers ?? {}) }, body: fault.reply.body, what: `reply ${fault.reply.status}` }
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

/**
 * A handled answer changed as the tamper kinds say. `sign` signs with the server's RSA key (the
 * LicenseSignature header and license_signature are RSA-SHA256 over the given bytes).
 */
export function tamperedAnswer(
  kinds: readonly TamperKind[],
  r: { status: number; headers: Record<string, string>; body: Buffer },
  sign: (data: string | Buffer) => string
): { status: number; headers: Record<string, string>; body: Buffer } {
  let body = r.body
  const headers = { ...r.headers }
  const signed = 'LicenseSignature' in headers
  const json = (): Record<string, unknown> | undefined => {
    try {
      const v: unknown = JSON.parse(body.toString('utf8'))
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
    } catch {
      return undefined
    }
  }
  if (kinds.includes('licenseSignature')) {
    const o = json()
    if (o && 'license_signature' in o) {
      body = Buffer.from(JSON.stringify({ ...o, license_signature: sign(`tampered#${String(o.hardware_id ?? '')}`) }), 'utf8')
      if (signed) headers.LicenseSignature = sign(body)
    }
  }
  if (kinds.includes('computerKey')) body = Buffer.from(body.toString('utf8').replace(/<pckey>[^<]*<\/pckey>/g, ''), 'utf8')
  if (kinds.includes('signatureHeader') && signed) headers.LicenseSignature = sign(Buffer.concat([body, Buffer.from(' ')]))
  if (kinds.includes('bodyAfterSigning')) {
    const o = json()
    body = o ? Buffer.from(JSON.stringify({ ...o, max_activations: Number(o.max_activations ?? 0) + 297 }), 'utf8') : Buffer.concat([body, Buffer.from(' ')])
  }
  return { status: r.status, headers, body }
}
