// LicenseSpring License API v4 client: activate_license, check_license, deactivate_license.
// Every request is HMAC-signed with one Date per attempt; the server's clock offset is learnt from
// response Date headers; on date_header_diff the request is re-signed once with the corrected time.
import { createVerify } from 'node:crypto'
import { clockWorthWarning } from '@shared/error-policy'
import { LicenseDeskError } from '../../errors'
import { httpRequest, type HttpResponse } from '../../http'
import type { OperationOptions } from '../../types'
import type { ClockState } from '../port'
import { signedHeaders } from './signer'

export interface LicenseSpringConfig {
  apiBaseUrl: string
  apiKey: string
  sharedKey: string
  productCode: string
  publicKeyPem?: string
  /** Refuse answers without the whole-body signature (LicenseSignature header / license_signature_v2). */
  requireSignatureV2?: boolean
}

export type LsIdentity = { licenseKey: string } | { username: string; password?: string }

/** The license object (the fields we use; the server sends more). */
export interface LsLicense {
  license_key?: string
  user?: { email?: string }
  username?: string
  license_type?: string
  is_trial?: boolean
  validity_period?: string | null
  max_activations?: number
  times_activated?: number
  transfer_count?: number
  max_transfers?: number | null
  transfer_limit?: number | null
  hardware_id?: string
  license_signature?: string
  product_details?: { product_name?: string; short_code?: string; authorization_method?: string }
  license_active?: boolean
  license_enabled?: boolean
  is_expired?: boolean
  [k: string]: unknown
}

export type { ClockState }

export interface ClientOptions {
  fetch?: typeof fetch
  now?: () => number
  timeoutMs?: number
  retryBaseMs?: number
  clock: ClockState
}

export class LicenseSpringClient {
  constructor(
    private readonly cfg: LicenseSpringConfig,
    private readonly opts: ClientOptions
  ) {}

  async activate(hardwareId: string, identity: LsIdentity, op: OperationOptions = {}, extra: Record<string, unknown> = {}) {
    const body = { hardware_id: hardwareId, product: this.cfg.productCode, ...identityFields(identity), ...extra }
    const r = await this.send('POST', 'activate_license', body, op, undefined, acceptLicenseJson)
    const license = this.readLicense(r.res, hardwareId, identity)
    return { license, clockOffsetMs: r.clockOffsetMs }
  }

  async check(hardwareId: string, identity: LsIdentity, op: OperationOptions = {}) {
    const q = new URLSearchParams({ hardware_id: hardwareId, product: this.cfg.productCode })
    if ('licenseKey' in identity) q.set('license_key', identity.licenseKey)
    else q.set('username', identity.username)
    const r = await this.send('GET', `check_license?${q}`, undefined, op, undefined, acceptLicenseJson)
    const license = this.readLicense(r.res, hardwareId, identity)
    return { license, clockOffsetMs: r.clockOffsetMs }
  }

  /** Resolves { alreadyReleased } — true when a retry found the device gone (an earlier answer was lost). */
  async deactivate(hardwareId: string, identity: LsIdentity, op: OperationOptions = {}) {
    const body = { hardware_id: hardwareId, product: this.cfg.productCode, ...identityFields(identity) }
    let retried = false
    try {
      const r = await this.send(
        'POST',
        'deactivate_license',
        body,
        op,
        () => (retried = true),
        (res) => {
          if (res.status === 200 && !/^"?license_deactivated"?$/.test(res.text.trim()))
            throw new LicenseDeskError('bad_response', 'The license server answered the deactivation with something unexpected.')
        }
      )
      return { alreadyReleased: false, clockOffsetMs: r.clockOffsetMs }
    } catch (e) {
      if (retried && e instanceof LicenseDeskError && e.info.serverCode === 'device_not_found') return { alreadyReleased: true, clockOffsetMs: undefined }
      throw e
    }
  }

  private url(path: string): string {
    return `${this.cfg.apiBaseUrl.replace(/\/+$/, '')}/api/v4/${path}`
  }

  private now(): number {
    return (this.opts.now ?? Date.now)()
  }

  private learn(res: HttpResponse): number | null {
    const d = res.headers.get('date')
    if (!d) return null
    const server = Date.parse(d)
    if (Number.isNaN(server)) return null
    // Local time when the headers arrived, on the same clock we sign with.
    const local = this.now() - (Date.now() - res.receivedAt)
    const offset = server - local
    this.opts.clock.offsetMs = offset
    this.opts.clock.onLearn?.(offset)
    return offset
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    op: OperationOptions,
    onRetried?: () => void,
    accept?: (res: HttpResponse) => void
  ): Promise<{ res: HttpResponse; clockOffsetMs?: number }> {
    let correctedOnce = false
    for (;;) {
      const offset = this.opts.clock.offsetMs ?? 0
      op.onProgress?.({ step: 'contacting' })
      const res = await httpRequest({
        url: this.url(path),
        method,
        idempotent: true,
        headers: () => ({
          ...signedHeaders(this.cfg.apiKey, this.cfg.sharedKey, this.now() + offset),
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {})
        }),
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: op.signal,
        timeoutMs: this.opts.timeoutMs,
        retryBaseMs: this.opts.retryBaseMs,
        fetch: this.opts.fetch,
        onRetry: ({ attempt, delayMs }) => {
          onRetried?.()
          op.onProgress?.({ step: 'retrying', attempt, delayMs })
        },
        accept
      })
      const learnt = this.learn(res)
      if (res.status < 400) {
        const warn = clockWorthWarning(learnt) ? learnt : undefined
        return { res, clockOffsetMs: correctedOnce ? (learnt ?? offset) : warn }
      }
      const err = lsError(res)
      if (err.info.serverCode === 'date_header_diff') {
        if (!correctedOnce && learnt !== null) {
          // Refused before acting: not a retry of a request the server may have performed.
          correctedOnce = true
          op.onProgress?.({ step: 'retrying', attempt: 2, delayMs: 0 })
          continue
        }
        throw new LicenseDeskError('clock_skew', "The license server refused the request because this computer's clock is wrong, even after correcting for it.", {
          serverCode: 'date_header_diff',
          serverMessage: err.info.serverMessage,
          httpStatus: res.status
        })
      }
      throw err
    }
  }

  private readLicense(res: HttpResponse, hardwareId: string, identity: LsIdentity): LsLicense {
    let license: LsLicense
    try {
      license = JSON.parse(res.text) as LsLicense
    } catch {
      throw new LicenseDeskError('bad_response', 'The license server sent an answer that is not valid license data.')
    }
    if (!license || typeof license !== 'object' || Array.isArray(license))
      throw new LicenseDeskError('bad_response', 'The license server sent an answer that is not valid license data.')
    if (this.cfg.publicKeyPem) {
      const header = res.headers.get('licensesignature')
      if (!header && this.cfg.requireSignatureV2)
        throw new LicenseDeskError('signature_invalid', 'The license server’s answer carries no LicenseSignature header, which this vendor requires.')
      if (header && !rsaVerify(this.cfg.publicKeyPem, res.text, header))
        throw new LicenseDeskError('signature_invalid', 'The license server’s answer is not signed by the vendor’s key.')
      const idv = 'licenseKey' in identity ? identity.licenseKey : identity.username
      if (!verifyLicenseSignature(this.cfg.publicKeyPem, license, hardwareId, idv))
        throw new LicenseDeskError('signature_invalid', 'The license data is not signed by the vendor’s key.')
    }
    return license
  }
}

/** A 2xx answer that is not a JSON object is retried (the request is idempotent) and then reported. */
function acceptLicenseJson(res: HttpResponse): void {
  if (res.status >= 400) return
  let ok = false
  try {
    const v = JSON.parse(res.text) as unknown
    ok = typeof v === 'object' && v !== null && !Array.isArray(v)
  } catch {
    ok = false
  }
  if (!ok) throw new LicenseDeskError('bad_response', 'The license server sent an answer that is not valid license data.')
}

function identityFields(identity: LsIdentity): Record<string, string> {
  if ('licenseKey' in identity) return { license_key: identity.licenseKey }
  return identity.password !== undefined ? { username: identity.username, password: identity.password } : { username: identity.username }
}

/** A LicenseSpring error response -> LicenseDeskError (server_refused with the server's code). */
export function lsError(res: HttpResponse): LicenseDeskError {
  let j: { code?: unknown; message?: unknown } | undefined
  try {
    j = JSON.parse(res.text) as { code?: unknown; message?: unknown }
  } catch {
    j = undefined
  }
  if (!j || typeof j.code !== 'string')
    return new LicenseDeskError('http_status', `The license server answered HTTP ${res.status} without an error we understand.`, {
      httpStatus: res.status
    })
  const message = typeof j.message === 'string' ? j.message : j.code
  const retryable = j.code === 'internal_error'
  return new LicenseDeskError('server_refused', `The license server refused: ${message} (${j.code}).`, {
    serverCode: j.code,
    serverMessage: message,
    httpStatus: res.status,
    retryable,
    nextStep: nextStepFor(j.code)
  })
}

/** The server codes whose next step is not server_refused's own (ERROR_POLICY in src/shared). */
function nextStepFor(code: string) {
  switch (code) {
    case 'license_not_found':
    case 'unknown_product':
    case 'missing_parameters':
      return 'fix_input' as const
    case 'date_header_diff':
      return 'fix_clock' as const
    case 'internal_error':
      return 'retry_later' as const
    default:
      return undefined
  }
}

export function rsaVerify(publicKeyPem: string, data: string | Buffer, signatureB64: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(data).verify(publicKeyPem, signatureB64, 'base64')
  } catch {
    return false
  }
}

/** license_signature signs lowercase `<hardware_id>#<license_key or username>#<validity ISO-8601 ms UTC or empty>`. */
export function licenseSignatureMessage(hardwareId: string, identity: string, validity: string | null | undefined): string {
  let v = ''
  if (validity) {
    // A date-time without a zone is UTC (the server's clock); Date.parse would read it as local time.
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(validity.trim())
    const t = Date.parse(m ? `${m[1]}T${m[2]}Z` : validity)
    v = Number.isNaN(t) ? validity : new Date(t).toISOString()
  }
  return `${hardwareId}#${identity}#${v}`.toLowerCase()
}

export function verifyLicenseSignature(publicKeyPem: string, license: LsLicense, hardwareId: string, identity: string): boolean {
  if (typeof license.license_signature !== 'string') return false
  return rsaVerify(publicKeyPem, licenseSignatureMessage(hardwareId, identity, license.validity_period), license.license_signature)
}
