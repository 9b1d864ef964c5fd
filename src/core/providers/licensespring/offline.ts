// LicenseSpring offline request files (schema v1 and v2) and the .lic offline activation response
// (PROTOCOLS.md 1.4).
import { randomUUID } from 'node:crypto'
import { LicenseDeskError } from '../../errors'
import { hmacBase64, httpDate, offlineSignature } from './signer'
import { licenseSignatureMessage, rsaVerify, type LsLicense } from './client'

export interface OfflineRequestInput {
  kind: 'activation' | 'deactivation'
  schemaVersion: 1 | 2
  /** The API key, or with OAuth the client id (then idField is client_id). */
  apiKey: string
  /** The shared key, or with OAuth the client secret: every HMAC of the file is keyed with it. */
  sharedKey: string
  idField?: 'api_key' | 'client_id'
  product: string
  hardwareId: string
  identity: { licenseKey: string } | { username: string }
  nowMs: number
  requestId?: string
  /** Optional fields (license_id, os_ver, hostname, app_ver, sdk_ver). */
  extra?: Record<string, string | number>
}

export interface OfflineRequest {
  /** The file's text: base64 of the JSON. */
  content: string
  requestId: string
  date: string
  json: string
}

export function buildOfflineRequest(i: OfflineRequestInput): OfflineRequest {
  const date = httpDate(i.nowMs)
  const requestId = i.requestId ?? randomUUID()
  const identity = 'licenseKey' in i.identity ? i.identity.licenseKey : i.identity.username
  const fields: Record<string, unknown> = {
    request: i.kind,
    [i.idField ?? 'api_key']: i.apiKey,
    date,
    request_id: requestId,
    product: i.product,
    hardware_id: i.hardwareId,
    ...('licenseKey' in i.identity ? { license_key: i.identity.licenseKey } : { username: i.identity.username }),
    ...(i.extra ?? {}),
    signature: offlineSignature(i.sharedKey, { date, identity, hardwareId: i.hardwareId, apiKey: i.apiKey })
  }
  let json: string
  if (i.schemaVersion === 1) {
    json = JSON.stringify(fields)
  } else {
    // Serialize the inner request once, sign exactly those bytes, embed the same bytes.
    const inner = JSON.stringify({ ...fields, schema_version: 2 })
    json = `{"request":${inner},"signature":${JSON.stringify(hmacBase64(i.sharedKey, inner))}}`
  }
  return { content: Buffer.from(json, 'utf8').toString('base64'), requestId, date, json }
}

/** Decodes base64 file text (whitespace trimmed) into JSON text; a named error when it is not. */
export function decodeBase64Json(content: string, what: string): { text: string; value: Record<string, unknown> } {
  const b64 = content.replace(/\s+/g, '')
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new LicenseDeskError('file_invalid', `This is not a ${what}: it is not base64 text.`)
  const text = Buffer.from(b64, 'base64').toString('utf8')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new LicenseDeskError('file_invalid', `This is not a ${what}: its content is not JSON.`)
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new LicenseDeskError('file_invalid', `This is not a ${what}: its content is not a JSON object.`)
  return { text, value: value as Record<string, unknown> }
}

/**
 * The raw text of a top-level member's value in a JSON object text, or undefined. Needed to verify a
 * v2 signature over the exact inner bytes without re-serializing.
 */
export function rawMember(json: string, key: string): string | undefined {
  let i = 0
  const ws = () => {
    while (i < json.length && /\s/.test(json[i]!)) i++
  }
  const str = () => {
    const start = i
    i++
    while (i < json.length && json[i] !== '"') i += json[i] === '\\' ? 2 : 1
    i++
    return JSON.parse(json.slice(start, i)) as string
  }
  const value = () => {
    const start = i
    let depth = 0
    for (; i < json.length; i++) {
      const c = json[i]
      if (c === '"') {
        str()
        i--
      } else if (c === '{' || c === '[') depth++
      else if (c === '}' || c === ']') {
        if (depth === 0) break
        depth--
        if (depth === 0) {
          i++
          break
        }
      } else if (c === ',' && depth === 0) break
    }
    return json.slice(start, i).trim()
  }
  // Scans every member: a key that occurs twice is refused, since JSON.parse keeps the last one while a
  // signature check over the first would vouch for different content.
  try {
    let found: string | undefined
    ws()
    if (json[i] !== '{') return undefined
    i++
    ws()
    if (json[i] === '}') return undefined
    for (;;) {
      ws()
      if (json[i] !== '"') return undefined
      const k = str()
      ws()
      if (json[i] !== ':') return undefined
      i++
      ws()
      const v = value()
      if (k === key) {
        if (found !== undefined) return undefined
        found = v
      }
      ws()
      if (json[i] === '}') return found
      if (json[i] !== ',') return undefined
      i++
    }
  } catch {
    return undefined
  }
}

/** What a signature check found: `absent` when the file carries no such signature (the Node SDK writes no inner one). */
export type SignatureStatus = 'valid' | 'invalid' | 'absent' | 'not checked'

export interface DecodedRequest {
  schemaVersion: 1 | 2
  request: Record<string, unknown>
  /** `activation` | `deactivation`; a file naming none (the Node SDK's deactivateOffline) is a deactivation */
  kind: string
  /** v2: does the outer signature match the exact inner bytes (only when a shared key was given). */
  outerSignatureValid?: boolean
  /** The v1 request signature (top level in v1, inside the request in v2); undefined when absent or unchecked. */
  signatureValid?: boolean
  signature: SignatureStatus
  /** v2 only */
  outerSignature?: SignatureStatus
}

export function decodeOfflineRequest(content: string, sharedKey?: string): DecodedRequest {
  const { text, value } = decodeBase64Json(content, 'LicenseSpring offline request file')
  const isV2 = typeof value.request === 'object' && value.request !== null
  const request = (isV2 ? value.request : value) as Record<string, unknown>
  const names = typeof request.request === 'string' || typeof request.api_key === 'string' || typeof request.client_id === 'string'
  if (!names || typeof request.hardware_id !== 'string') throw new LicenseDeskError('file_invalid', 'This is not a LicenseSpring offline request file: request fields are missing.')
  const out: DecodedRequest = {
    schemaVersion: isV2 ? 2 : 1,
    request,
    kind: typeof request.request === 'string' ? request.request : 'deactivation',
    signature: request.signature === undefined ? 'absent' : 'not checked',
    ...(isV2 ? { outerSignature: value.signature === undefined ? ('absent' as const) : ('not checked' as const) } : {})
  }
  if (sharedKey !== undefined) {
    const identity = String(request.license_key ?? request.username ?? '')
    if (request.signature !== undefined) {
      out.signatureValid =
        typeof request.signature === 'string' &&
        request.signature ===
          offlineSignature(sharedKey, {
            date: String(request.date),
            identity,
            hardwareId: String(request.hardware_id),
            apiKey: String(request.api_key ?? request.client_id ?? '')
          })
      out.signature = out.signatureValid ? 'valid' : 'invalid'
    }
    if (isV2) {
      const inner = rawMember(text, 'request')
      out.outerSignatureValid = inner !== undefined && value.signature === hmacBase64(sharedKey, inner)
      if (value.signature !== undefined) out.outerSignature = out.outerSignatureValid ? 'valid' : 'invalid'
    }
  }
  return out
}

export interface LicFile {
  license: LsLicense & { date?: string; request_id?: string; offline_signature?: string; license_signature_v2?: string }
}

export interface LicCheck {
  publicKeyPem?: string
  /** Refuse a .lic without license_signature_v2 (it covers every field; license_signature does not). */
  requireSignatureV2?: boolean
  /** The shared key, or with OAuth the client secret. */
  sharedKey: string
  /** The API key, or with OAuth the client id. */
  apiKey: string
  hardwareId: string
  product: string
  /** The request_id of the request we generated; a .lic answering another request is refused. */
  requestId: string | undefined
  identity?: string
}

/** Decodes and verifies an offline activation response (.lic). Throws a named error on any mismatch. */
export function verifyLic(content: string, c: LicCheck): LicFile['license'] {
  const { value } = decodeBase64Json(content, 'license file (.lic)')
  const lic = value as LicFile['license']
  const identity = String(lic.license_key ?? lic.username ?? lic.user?.email ?? '')
  if (!identity || typeof lic.hardware_id !== 'string') throw new LicenseDeskError('file_invalid', 'This license file does not contain a license.')
  if (lic.hardware_id !== c.hardwareId) throw new LicenseDeskError('lic_mismatch', 'This license file was made for another computer (its hardware id differs).')
  const product = lic.product_details?.short_code
  if (product !== c.product) throw new LicenseDeskError('lic_mismatch', `This license file is for another product (${product ?? 'none named'}).`)
  if (!c.requestId)
    throw new LicenseDeskError('no_pending_request', 'There is no offline activation request from this computer waiting for a license file. Create the request first.')
  if (lic.request_id !== c.requestId)
    throw new LicenseDeskError('lic_mismatch', 'This license file answers a different (older or other) request. Use the file the portal gave for your latest request.')
  if (c.identity !== undefined && identity.toLowerCase() !== c.identity.toLowerCase())
    throw new LicenseDeskError('lic_mismatch', 'This license file is for another license key or user.')
  const expectedOffline = offlineSignature(c.sharedKey, { date: String(lic.date ?? ''), identity, hardwareId: lic.hardware_id, apiKey: c.apiKey })
  if (lic.offline_signature !== expectedOffline)
    throw new LicenseDeskError('signature_invalid', 'The license file’s offline signature does not match: it was not made by the vendor’s server for this request.')
  if (c.publicKeyPem) {
    if (typeof lic.license_signature !== 'string' || !rsaVerify(c.publicKeyPem, licenseSignatureMessage(lic.hardware_id, identity, lic.validity_period), lic.license_signature))
      throw new LicenseDeskError('signature_invalid', 'The license file’s license signature does not verify with the vendor’s key.')
    if (lic.license_signature_v2 === undefined && c.requireSignatureV2)
      throw new LicenseDeskError('signature_invalid', 'The license file has no v2 signature, which this vendor requires.')
    if (lic.license_signature_v2 !== undefined) {
      const rest: Record<string, unknown> = { ...lic }
      delete rest.license_signature
      delete rest.license_signature_v2
      if (typeof lic.license_signature_v2 !== 'string' || !rsaVerify(c.publicKeyPem, JSON.stringify(rest), lic.license_signature_v2))
        throw new LicenseDeskError('signature_invalid', 'The license file’s v2 signature does not verify with the vendor’s key.')
    }
  }
  return lic
}
