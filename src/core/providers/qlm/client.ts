// Soraco QLM HTTP client: ReleaseLicenseHttp (online deactivation) and ValidateLicenseHttp (activation).
// Success is decided by the XML structure (<result> vs <error>), never by the vendor-configurable text.
import { XMLParser } from 'fast-xml-parser'
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

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true })

/** Parses a QLM answer: { ok, result } or { ok: false, message }. Throws bad_response when it is neither. */
export function parseQlmXml(text: string): { ok: true; result: unknown; root: unknown } | { ok: false; message: string } {
  const clean = text.replace(/^\uFEFF/, '').trim()
  let doc: Xml
  try {
    doc = parser.parse(clean, true) as Xml
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

  /** Online deactivation. Sends the verification code under both spellings when one is given. */
  async release(activationKey: string, computerId: string, deactivationCode: string | undefined, op: OperationOptions = {}) {
    const url = this.url('ReleaseLicenseHttp', {
      is_avkey: stripDashes(activationKey),
      is_pcid: computerId,
      is_vendor: this.cfg.vendor,
      is_user: this.cfg.user,
      is_pwd: this.cfg.password,
      is_deacivation_code: deactivationCode,
      is_deactivation_code: deactivationCode
    })
    // Releasing is not idempotent: retried only when the request never reached the server.
    return this.get(url, false, op)
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
