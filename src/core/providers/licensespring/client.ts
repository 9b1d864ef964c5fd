// LicenseSpring License API v4 client: activate_license, check_license, deactivate_license.
// Every request is HMAC-signed with one Date per attempt; the server's clock offset is learnt from
// response Date headers; on date_header_diff the request is re-signed once with the corrected time.
import { createVerify } from 'node:crypto'
import { clockWorthWarning } from '@shared/error-policy'
import { LicenseDeskError } from '../../errors'
import { httpRequest, type HttpResponse } from '../../http'
import type { OperationOptions } from '../../types'
import type { ClockState } from '../port'
import { TOKEN_REFUSED, type OAuthTokens } from './oauth'
import { bearerHeaders, signedHeaders } from './signer'

/** How each request is authorized: the API key's HMAC signature, or an OAuth bearer token (both with Date). */
export type RequestAuth = { kind: 'api-key'; apiKey: string; sharedKey: string } | { kind: 'oauth'; tokens: OAuthTokens }

export interface LicenseSpringConfig {
  apiBaseUrl: string
  auth: RequestAuth
  productCode: string
  publicKeyPem?: string
  /** Refuse answers without the whole-body signature (LicenseSignature header / license_signature_v2). */
  requireSignatureV2?: boolean
}

/** An identity, with the license_id of one of several licenses the user (or key) holds. */
export type LsIdentity = ({ licenseKey: string } | { username: string; password?: string } | { sso: SsoCode }) & { licenseId?: number }

/** An SSO sign-in's answer: the authorization code, for the customer account, with its redirect and PKCE verifier. */
export interface SsoCode {
  code: string
  customerAccountCode: string
  redirectUri: string
  codeVerifier?: string
}

/** One entry of user_licenses: the license (the fields we show) and its user. */
export interface LsUserLicense {
  license: LsLicense & { id: number; note?: string; is_floating_cloud?: boolean }
  user?: { email?: string; first_name?: string | null; last_name?: string | null }
}

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
  /** floating cloud: at most floating_users computers at a time; can_borrow for up to max_borrow_time hours */
  is_floating_cloud?: boolean
  floating_users?: number
  can_borrow?: boolean
  max_borrow_time?: number
  borrowed_until?: string
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
    for (const [k, v] of Object.entries(identityFields(identity))) if (k !== 'password') q.set(k, String(v))
    const r = await this.send('GET', `check_license?${q}`, undefined, op, undefined, acceptLicenseJson)
    const license = this.readLicense(r.res, hardwareId, identity)
    return { license, clockOffsetMs: r.clockOffsetMs }
  }

  /** The identity provider's sign-in address for a customer account (authorization code grant, our redirect). */
  async ssoUrl(customerAccountCode: string, redirectUri: string, op: OperationOptions = {}): Promise<string> {
    const q = new URLSearchParams({ product: this.cfg.productCode, customer_account_code: customerAccountCode, response_type: 'code', redirect_uri: redirectUri })
    const r = await this.send('GET', `sso_url?${q}`, undefined, op, undefined, acceptLicenseJson)
    const url = (JSON.parse(r.res.text) as { url?: unknown }).url
    if (typeof url !== 'string') throw new LicenseDeskError('bad_response', 'The license server did not send a sign-in address.')
    return url
  }

  /** Every license of the product the user holds (user_licenses), to pick one by its license_id. */
  async userLicenses(identity: { username: string; password: string }, op: OperationOptions = {}): Promise<LsUserLicense[]> {
    const q = new URLSearchParams({ product: this.cfg.productCode, username: identity.username, password: identity.password })
    const r = await this.send('GET', `user_licenses?${q}`, undefined, op, undefined, (res) => {
      if (res.status < 400 && !isJsonArray(res.text)) throw new LicenseDeskError('bad_response', 'The license server sent an answer that is not a list of licenses.')
    })
    const list = JSON.parse(r.res.text) as unknown[]
    return list.filter((x): x is LsUserLicense => {
      const l = (x as LsUserLicense | null)?.license
      return typeof l === 'object' && l !== null && typeof l.id === 'number'
    })
  }

  /** Floating: holds this computer's slot until `until` (ISO UTC), or the longest the license allows (null). */
  async borrow(hardwareId: string, identity: LsIdentity, until: string | null, op: OperationOptions = {}) {
    const body = { hardware_id: hardwareId, product: this.cfg.productCode, ...identityFields(identity), borrowed_until: until }
    const r = await this.send('POST', 'floating/borrow', body, op, undefined, acceptLicenseJson)
    const license = this.readLicense(r.res, hardwareId, identity)
    return { license, clockOffsetMs: r.clockOffsetMs }
  }

  /** Floating: frees this computer's slot (a borrowed one too) so a colleague can take it. */
  async release(hardwareId: string, identity: LsIdentity, op: OperationOptions = {}) {
    const body = { hardware_id: hardwareId, product: this.cfg.productCode, ...identityFields(identity) }
    const r = await this.send('POST', 'floating/release', body, op)
    return { clockOffsetMs: r.clockOffsetMs }
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
    let renewedOnce = false
    const auth = this.cfg.auth
    for (;;) {
      const offset = this.opts.clock.offsetMs ?? 0
      op.onProgress?.({ step: 'contacting' })
      // OAuth: a current token (fetched or renewed first when due); the Date header is sent all the same.
      const token = auth.kind === 'oauth' ? await auth.tokens.get(op) : undefined
      const res = await httpRequest({
        url: this.url(path),
        method,
        idempotent: true,
        headers: () => ({
          ...(auth.kind === 'oauth' ? bearerHeaders(token as string, this.now() + offset) : signedHeaders(auth.apiKey, auth.sharedKey, this.now() + offset)),
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
      if (auth.kind === 'oauth' && TOKEN_REFUSED.has(err.info.serverCode ?? '') && !renewedOnce) {
        // Refused before acting: a new token and one more try.
        renewedOnce = true
        auth.tokens.invalidate()
        continue
      }
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
      // An SSO sign-in names the user by e-mail, which the answer carries (PROTOCOLS.md 1.4).
      const idv = 'licenseKey' in identity ? identity.licenseKey : 'username' in identity ? identity.username : String(license.user?.email ?? license.username ?? '')
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

function identityFields(identity: LsIdentity): Record<string, string | number> {
  const id: Record<string, number> = identity.licenseId !== undefined ? { license_id: identity.licenseId } : {}
  if ('licenseKey' in identity) return { license_key: identity.licenseKey, ...id }
  if ('sso' in identity) {
    const c = identity.sso
    return { code: c.code, customer_account_code: c.customerAccountCode, redirect_uri: c.redirectUri, ...(c.codeVerifier ? { code_verifier: c.codeVerifier } : {}), ...id }
  }
  return identity.password !== undefined ? { username: identity.username, password: identity.password, ...id } : { username: identity.username, ...id }
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text))
  } catch {
    return false
  }
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
