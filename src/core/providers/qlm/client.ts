// Soraco QLM HTTP client: ReleaseLicenseHttp (online deactivation) and ValidateLicenseHttp (activation).
// Success is decided by the XML structure (<result> vs <error>), never by the vendor-configurable text.
import type { XMLParser } from 'fast-xml-parser'
import { LicenseDeskError } from '../../errors'
import { httpRequest } from '../../http'
import type { OperationOptions } from '../../types'
import { stripDashes } from './dvc'

export interface QlmConfig {
  serviceUrl: string
  vendor?: string
  user?: string
  password?: string
  productId?: number
  majorVersion?: number
  minorVersion?: number
}

export interface QlmClientOptions {
  fetch?: typeof fetch
  timeoutMs?: number
  retryBaseMs?: number
}

type Xml = Record<string, unknown>

/** Failures that prove the request never reached the server (nothing to confirm), or a cancel by the user. */
const NEVER_SENT = new Set(['network_dns', 'network_refused', 'cancelled'])

// The XML parser is loaded on first use: only a QLM call needs it, and it is most of the code any
// other command would load. require, not import(): it stays lazy alike in the bundles and the test runners.
let parser: XMLParser | undefined
const xml = (): XMLParser =>
  (parser ??= new (require('fast-xml-parser') as typeof import('fast-xml-parser')).XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true
  }))

/** Parses a QLM answer: { ok, result } or { ok: false, message }. Throws bad_response when it is neither. */
export function parseQlmXml(text: string): { ok: true; result: unknown; root: unknown } | { ok: false; message: string } {
  const clean = text.replace(/^\uFEFF/, '').trim()
  let doc: Xml
  try {
    doc = xml().parse(clean, true) as Xml
  } catch {
    throw new LicenseDeskError('bad_response', 'The QLM license server sent an answer that is not valid XML.')
  }
  const root = doc?.QuickLicenseManager as Xml | string | undefined
  if (root === undefined || root === null) throw new LicenseDeskError('bad_response', 'The QLM license server sent an answer without a QuickLicenseManager element.')
  if (typeof root === 'object' && 'error' in root) return { ok: false, message: textOf(root.error) }
  if (typeof root === 'object' && 'result' in root) return { ok: true, result: root.result, root }
  throw new LicenseDeskError('bad_response', 'The QLM license server sent an answer with neither a result nor an error.')
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v
  if (v && typeof v === 'object') return Object.values(v).map(textOf).filter(Boolean).join(' ')
  return v === undefined || v === null ? '' : String(v)
}

/** Finds the computer key in a ValidateLicenseHttp result, whatever element nesting the server uses. */
export function findComputerKey(v: unknown): string | undefined {
  if (!v || typeof v !== 'object') return undefined
  for (const [k, val] of Object.entries(v)) {
    if (/^(pckey|computerkey|computer_key)$/i.test(k) && (typeof val === 'string' || typeof val === 'number')) return String(val)
    const inner = findComputerKey(val)
    if (inner) return inner
  }
  return undefined
}

/** A number an answer carries under one of these element names, wherever it is nested. */
export function findNumber(v: unknown, names: RegExp): number | undefined {
  if (!v || typeof v !== 'object') return undefined
  for (const [k, val] of Object.entries(v)) {
    if (names.test(k) && (typeof val === 'string' || typeof val === 'number') && /^\d+$/.test(String(val).trim())) return Number(val)
    const inner = findNumber(val, names)
    if (inner !== undefined) return inner
  }
  return undefined
}

/** Seats in use and the seat count, where the answer gives them. */
export function seatsIn(root: unknown): { inUse?: number; max?: number } {
  const inUse = findNumber(root, /^(activations|activationcount|numactivations)$/i)
  const max = findNumber(root, /^(max_activations|maxactivations|numlicenses)$/i)
  return { ...(inUse !== undefined ? { inUse } : {}), ...(max !== undefined ? { max } : {}) }
}

export class QlmClient {
  constructor(
    private readonly cfg: QlmConfig,
    private readonly opts: QlmClientOptions = {}
  ) {}

  private url(method: string, params: Record<string, string | undefined>): string {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.append(k, v)
    return `${this.cfg.serviceUrl.replace(/\/+$/, '')}/${method}?${q}`
  }

  private async get(url: string, idempotent: boolean, op: OperationOptions) {
    op.onProgress?.({ step: 'contacting' })
    const res = await httpRequest({
      url,
      method: 'GET',
      idempotent,
      headers: { Accept: 'text/xml, application/xml' },
      signal: op.signal,
      timeoutMs: this.opts.timeoutMs,
      retryBaseMs: this.opts.retryBaseMs,
      fetch: this.opts.fetch,
      onRetry: ({ attempt, delayMs }) => op.onProgress?.({ step: 'retrying', attempt, delayMs }),
      accept: (r) => {
        if (r.status === 200) parseQlmXml(r.text)
      }
    })
    if (res.status !== 200) throw new LicenseDeskError('http_status', `The QLM license server answered HTTP ${res.status}.`, { httpStatus: res.status })
    const parsed = parseQlmXml(res.text)
    if (!parsed.ok)
      throw new LicenseDeskError('server_refused', `The QLM license server refused: ${parsed.message}`, {
        serverMessage: parsed.message,
        nextStep: 'contact_support'
      })
    return parsed.root
  }

  /**
   * Online deactivation. Sends the verification code under both spellings when one is given. Resolves
   * { alreadyReleased: true } when the release failed or went unanswered but the server holds no seat for
   * this computer any more: an earlier answer was lost (the release happened), or the seat was released
   * elsewhere. QLM names that case only in vendor-configurable text, so the server is asked instead.
   */
  async release(activationKey: string, computerId: string, deactivationCode: string | undefined, op: OperationOptions = {}): Promise<{ alreadyReleased: boolean }> {
    const url = this.url('ReleaseLicenseHttp', {
      is_avkey: stripDashes(activationKey),
      is_pcid: computerId,
      is_vendor: this.cfg.vendor,
      is_user: this.cfg.user,
      is_pwd: this.cfg.password,
      is_deacivation_code: deactivationCode,
      is_deactivation_code: deactivationCode
    })
    try {
      // Releasing is not idempotent: retried only when the request never reached the server.
      await this.get(url, false, op)
      return { alreadyReleased: false }
    } catch (e) {
      if (!(e instanceof LicenseDeskError) || NEVER_SENT.has(e.code)) throw e
      let activeHere: boolean
      try {
        activeHere = await this.isActivatedHere(activationKey, computerId, op)
      } catch {
        throw e
      }
      if (activeHere) throw e
      return { alreadyReleased: true }
    }
  }

  /** ValidateLicenseHttp without activating: does the server hold a seat of this key for this computer? */
  async isActivatedHere(activationKey: string, computerId: string, op: OperationOptions = {}): Promise<boolean> {
    try {
      await this.get(this.url('ValidateLicenseHttp', { is_avkey: activationKey, is_pcid: computerId }), true, op)
      return true
    } catch (e) {
      if (e instanceof LicenseDeskError && e.code === 'server_refused') return false
      throw e
    }
  }

  /** Online activation: returns the computer key the server issued. */
  async activate(activationKey: string, computerId: string, computerName: string, op: OperationOptions = {}) {
    const url = this.url('ValidateLicenseHttp', {
      is_avkey: activationKey,
      is_pcid: computerId,
      is_computer_name: computerName,
      is_activate: 'true',
      is_productid: this.cfg.productId?.toString(),
      is_majorversion: this.cfg.majorVersion?.toString(),
      is_minorversion: this.cfg.minorVersion?.toString()
    })
    // The computer key may be inside <result> or beside it, depending on the server's answer layout.
    const root = await this.get(url, true, op)
    const computerKey = findComputerKey(root)
    if (!computerKey) throw new LicenseDeskError('bad_response', 'The QLM license server did not return a computer key.')
    return { computerKey, seats: seatsIn(root) }
  }

  /** Validation without activating (is_activate is not sent): the server's answer for this key and computer. */
  async validate(activationKey: string, computerId: string, computerKey: string | undefined, op: OperationOptions = {}) {
    const url = this.url('ValidateLicenseHttp', {
      is_avkey: activationKey,
      is_pcid: computerId,
      is_pckey: computerKey,
      is_productid: this.cfg.productId?.toString(),
      is_majorversion: this.cfg.majorVersion?.toString(),
      is_minorversion: this.cfg.minorVersion?.toString()
    })
    const root = await this.get(url, true, op)
    return { seats: seatsIn(root) }
  }
}
