// LicenseSpring License API v4 behaviour of the local server: request authorization, license state
// rules, online and offline activation/deactivation, response signing.
import type { KeyObject } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { Store } from './store'
import type { SeedLicense } from './types'
import { base64SignatureEquals, hmacBase64, licenseSignaturePayload, lsOfflineSigningString, rsaSignBase64, verifyLsRequestSignature } from './crypto'
import { rawMemberValue } from './rawjson'

/** A License API error: answered as HTTP `status` with body `{ status, code, message }`. */
export class LsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

export interface LsContext {
  store: Store
  /** the server clock in ms (with any injected skew) */
  now: () => number
  privateKey: KeyObject
  minOfflineSchemaVersion: () => number
}

const MAX_DATE_DIFF_MS = 15 * 60 * 1000
/** RFC 7231 IMF-fixdate, e.g. `Tue, 07 Jun 2011 20:51:35 GMT` (the only form a conforming client sends). */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

// ------------------------------------------------------------------------------------------------
// Authorization

/** Parses `k="v",k2="v2"` (spaces around commas tolerated). Undefined when the header has another shape. */
export function parseAuthorization(header: string): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  const re = /\s*([A-Za-z_][A-Za-z0-9_-]*)="([^"]*)"\s*(,|$)/y
  let pos = 0
  const h = header.trim()
  if (h.length === 0) return undefined
  while (pos < h.length) {
    re.lastIndex = pos
    const m = re.exec(h)
    if (!m) return undefined
    const key = m[1].toLowerCase()
    if (key in out) return undefined
    out[key] = m[2]
    pos = re.lastIndex
    if (m[3] === '' && pos < h.length) return undefined
  }
  return out
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** Checks Date and Authorization like the real service; returns the api key and its shared key. */
export function authorize(ctx: LsContext, headers: IncomingHttpHeaders): { apiKey: string; sharedKey: string } {
  const date = headerValue(headers, 'date')
  const auth = headerValue(headers, 'authorization')
  if (!date || !auth) {
    const missing = [!date ? 'Date' : '', !auth ? 'Authorization' : ''].filter(Boolean).join(', ')
    throw new LsError(400, 'missing_headers', `Missing required headers: ${missing}`)
  }
  if (/^bearer\s/i.test(auth)) {
    throw new LsError(400, 'authorization_invalid_headers', 'OAuth bearer tokens are not supported by this server; use API key authorization')
  }
  const params = parseAuthorization(auth)
  if (!params) throw new LsError(400, 'authorization_invalid_headers', 'Authorization header is malformed')
  const missing = ['algorithm', 'headers', 'signature', 'apikey'].filter((k) => params[k] === undefined || params[k] === '')
  if (missing.length > 0) {
    throw new LsError(400, 'authorization_missing_params', `Authorization header is missing: ${missing.join(', ')}`)
  }
  if (params.algorithm.toLowerCase() !== 'hmac-sha256' || params.headers.toLowerCase() !== 'date') {
    throw new LsError(400, 'authorization_invalid_headers', 'Authorization must use algorithm="hmac-sha256" and headers="date"')
  }
  const dateMs = Date.parse(date)
  if (!IMF_FIXDATE.test(date) || Number.isNaN(dateMs) || new Date(dateMs).toUTCString() !== date) {
    throw new LsError(400, 'date_header_diff', 'Date header is not a valid RFC 7231 date in GMT')
  }
  if (Math.abs(ctx.now() - dateMs) > MAX_DATE_DIFF_MS) {
    throw new LsError(400, 'date_header_diff', 'Date header differs from the server time by more than 15 minutes')
  }
  const sharedKey = ctx.store.sharedKeyFor(params.apikey)
  if (sharedKey === undefined) throw new LsError(401, 'invalid_api_key', 'Invalid API key')
  if (!verifyLsRequestSignature(sharedKey, date, params.signature)) {
    throw new LsError(401, 'signature_mismatch', 'Signature mismatch')
  }
  return { apiKey: params.apikey, sharedKey }
}

// ------------------------------------------------------------------------------------------------
// License rules

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined
}

function requireFields(body: Record<string, unknown>, fields: string[]): void {
  const missing = fields.filter((f) => str(body[f]) === undefined)
  if (missing.length > 0) throw new LsError(400, 'missing_parameters', `Missing parameters: ${missing.join(', ')}`)
}

type IdentityMode = 'activate' | 'check' | 'deactivate' | 'offline'

/** Finds the license named by the body (product + key or username[/password]). */
function findLicense(ctx: LsContext, body: Record<string, unknown>, mode: IdentityMode): SeedLicense {
  requireFields(body, ['hardware_id', 'product'])
  const key = str(body.license_key)
  const username = str(body.username)
  if (!key && !username) {
    if (str(body.id_token) || str(body.code)) {
      throw new LsError(400, 'missing_parameters', 'This server supports license_key or username/password identities only')
    }
    throw new LsError(400, 'missing_parameters', 'Missing parameters: license_key or username')
  }
  if (key && username) throw new LsError(400, 'missing_parameters', 'Send exactly one of license_key or username')
  // A user identity is username + password for taking or releasing a seat online (check_license and
  // offline files carry the username alone).
  if (username && (mode === 'activate' || mode === 'deactivate') && str(body.password) === undefined) {
    throw new LsError(400, 'missing_parameters', 'Missing parameters: password')
  }
  const product = ctx.store.product(String(body.product))
  if (!product) throw new LsError(400, 'unknown_product', `Unknown product: ${String(body.product)}`)
  const lic = ctx.store.lsLicense((key ?? username) as string)
  const matchesKind = key ? lic?.licenseKey !== undefined : lic?.username !== undefined
  if (!lic || !matchesKind || lic.product !== product.shortCode) {
    throw new LsError(404, 'license_not_found', 'License not found')
  }
  if (body.license_id !== undefined && body.license_id !== null && body.license_id !== '' && Number(body.license_id) !== lic.id) {
    throw new LsError(404, 'license_not_found', 'License not found')
  }
  // A wrong password answers like an unknown user: the server does not reveal which part was wrong.
  // A password that is sent must be right (check_license included).
  if (username && body.password !== undefined && body.password !== lic.password) {
    throw new LsError(404, 'license_not_found', 'License not found: user or password is wrong')
  }
  if (lic.simulateInternalError) throw new LsError(500, 'internal_error', 'Internal server error')
  return lic
}

function isExpired(ctx: LsContext, lic: SeedLicense): boolean {
  return lic.validityPeriod !== undefined && Date.parse(lic.validityPeriod) <= ctx.now()
}

/** Refusals that apply to taking a seat (online or offline). */
function checkCanActivate(ctx: LsContext, lic: SeedLicense, body: Record<string, unknown>): void {
  if (!lic.enabled) throw new LsError(400, 'license_not_enabled', 'License is disabled')
  if (!lic.active) throw new LsError(400, 'license_not_active', 'License is not active')
  if (lic.startDate && Date.parse(lic.startDate) > ctx.now()) {
    throw new LsError(400, 'license_start_date_error', `License cannot be activated before ${lic.startDate}`)
  }
  if (isExpired(ctx, lic)) {
    if (lic.isTrial) throw new LsError(400, 'trial_expired', 'Trial has expired')
    throw new LsError(400, 'license_expired', 'License has expired')
  }
  const hw = String(body.hardware_id)
  if (lic.blacklistedHardwareIds?.includes(hw)) throw new LsError(400, 'blacklisted', 'This device is blacklisted')
  if (lic.preventVm && (body.is_vm === true || body.is_vm === 'true')) {
    throw new LsError(400, 'vm_not_allowed', 'Activation on a virtual machine is not allowed')
  }
}

function takeSeat(ctx: LsContext, lic: SeedLicense, hardwareId: string, offline: boolean): void {
  lic.devices ??= []
  const devices = lic.devices
  if (devices.some((d) => d.hardwareId === hardwareId)) return // idempotent
  if (devices.length >= lic.maxActivations) {
    throw new LsError(400, 'license_activated_max_times', 'License has been activated the maximum number of times')
  }
  devices.push({ hardwareId, activatedAt: new Date(ctx.now()).toISOString(), ...(offline ? { offline: true } : {}) })
  lic.timesActivated = (lic.timesActivated ?? 0) + 1
  ctx.store.persist()
}

/** A seat taken by another program (a test or the demo seeds it): the device is bound as if it had activated. */
export function seedSeat(store: Store, lic: SeedLicense, hardwareId: string, at: string): void {
  lic.devices ??= []
  const devices = lic.devices
  if (devices.some((d) => d.hardwareId === hardwareId)) return
  devices.push({ hardwareId, activatedAt: at })
  lic.timesActivated = (lic.timesActivated ?? 0) + 1
  store.persist()
}

function releaseSeat(ctx: LsContext, lic: SeedLicense, hardwareId: string): void {
  lic.devices ??= []
  const devices = lic.devices
  const i = devices.findIndex((d) => d.hardwareId === hardwareId)
  if (i < 0) throw new LsError(404, 'device_not_found', 'Active device matching hardware_id not found')
  if (lic.maxTransfers !== undefined && (lic.transferCount ?? 0) >= lic.maxTransfers) {
    throw new LsError(400, 'license_transferred_max_times', 'License has been transferred the maximum number of times')
  }
  devices.splice(i, 1)
  lic.transferCount = (lic.transferCount ?? 0) + 1
  // As the real service documents: times_activated counts the devices bound now (it goes down on release).
  lic.timesActivated = Math.max(0, (lic.timesActivated ?? 1) - 1)
  ctx.store.persist()
}

/** The license object answered by activation and check (and embedded in a .lic). */
export function licenseObject(ctx: LsContext, lic: SeedLicense, hardwareId: string): Record<string, unknown> {
  const product = ctx.store.product(lic.product)
  const identity = (lic.licenseKey ?? lic.username) as string
  const validity = lic.validityPeriod ? new Date(lic.validityPeriod).toISOString() : null
  return {
    id: lic.id,
    ...(lic.licenseKey !== undefined ? { license_key: lic.licenseKey } : { username: lic.username }),
    license_type: lic.type,
    is_trial: lic.isTrial === true,
    validity_period: validity,
    maintenance_period: lic.maintenancePeriod ? new Date(lic.maintenancePeriod).toISOString() : null,
    max_activations: lic.maxActivations,
    times_activated: lic.timesActivated ?? 0,
    transfer_count: lic.transferCount ?? 0,
    max_transfers: lic.maxTransfers ?? null,
    product_details: {
      product_name: product?.name ?? lic.product,
      short_code: lic.product,
      authorization_method: product?.authorizationMethod ?? 'license-key'
    },
    product_features: (lic.features ?? []).map((f) => ({ code: f.code, name: f.name })),
    custom_fields: (lic.customFields ?? []).map((c) => ({ name: c.name, value: c.value })),
    hardware_id: hardwareId,
    license_signature: rsaSignBase64(ctx.privateKey, licenseSignaturePayload(hardwareId, identity, validity))
  }
}

export function activateLicense(ctx: LsContext, body: Record<string, unknown>): Record<string, unknown> {
  const lic = findLicense(ctx, body, 'activate')
  const hw = String(body.hardware_id)
  if (!lic.devices?.some((d) => d.hardwareId === hw)) checkCanActivate(ctx, lic, body)
  takeSeat(ctx, lic, hw, false)
  return licenseObject(ctx, lic, hw)
}

export function checkLicense(ctx: LsContext, query: Record<string, unknown>): Record<string, unknown> {
  const lic = findLicense(ctx, query, 'check')
  const hw = String(query.hardware_id)
  if (!lic.devices?.some((d) => d.hardwareId === hw)) {
    throw new LsError(404, 'device_not_found', 'Active device matching hardware_id not found')
  }
  return {
    ...licenseObject(ctx, lic, hw),
    license_active: lic.active,
    license_enabled: lic.enabled,
    is_expired: isExpired(ctx, lic)
  }
}

export function deactivateLicense(ctx: LsContext, body: Record<string, unknown>): void {
  const lic = findLicense(ctx, body, 'deactivate')
  releaseSeat(ctx, lic, String(body.hardware_id))
}

// ------------------------------------------------------------------------------------------------
// Offline request files

export interface OfflineRequest {
  kind: 'activation' | 'deactivation'
  schemaVersion: number
  fields: Record<string, unknown>
  apiKey: string
  sharedKey: string
  identity: string
  hardwareId: string
  requestId: string
}

/** Decodes and verifies an offline request file (base64 text). Throws LsError. */
export function parseOfflineRequest(ctx: LsContext, fileText: string): OfflineRequest {
  const b64 = fileText.replace(/\s+/g, '')
  if (b64 === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
    throw new LsError(400, 'missing_parameters', 'The request file is not base64 text')
  }
  const decoded = Buffer.from(b64, 'base64').toString('utf8')
  let parsed: unknown
  try {
    parsed = JSON.parse(decoded)
  } catch {
    throw new LsError(400, 'missing_parameters', 'The request file does not contain JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LsError(400, 'missing_parameters', 'The request file does not contain a JSON object')
  }
  const outer = parsed as Record<string, unknown>
  let fields: Record<string, unknown>
  let schemaVersion: number
  let outerSignature: string | undefined
  let rawInner: string | undefined
  if (typeof outer.request === 'object' && outer.request !== null && !Array.isArray(outer.request)) {
    fields = outer.request as Record<string, unknown>
    schemaVersion = typeof fields.schema_version === 'number' ? fields.schema_version : 2
    outerSignature = str(outer.signature)
    if (!outerSignature) throw new LsError(400, 'missing_parameters', 'Missing parameters: signature (schema v2)')
    try {
      rawInner = rawMemberValue(decoded, 'request')
    } catch (e) {
      throw new LsError(400, 'missing_parameters', `The request file is malformed: ${(e as Error).message}`)
    }
  } else {
    fields = outer
    schemaVersion = typeof fields.schema_version === 'number' ? fields.schema_version : 1
  }
  const min = ctx.minOfflineSchemaVersion()
  if (schemaVersion < min) {
    // A vendor requiring v2 refuses v1 files because their outer signature is missing; the real service
    // reports a signature problem, so we use the same code with a message that names the reason.
    throw new LsError(400, 'signature_mismatch', `This vendor requires offline request schema version ${min} or later (file has ${schemaVersion})`)
  }
  const kind = fields.request
  if (kind !== 'activation' && kind !== 'deactivation') {
    throw new LsError(400, 'missing_parameters', 'Missing parameters: request ("activation" or "deactivation")')
  }
  const apiKey = str(fields.api_key) ?? str(fields.client_id)
  const identity = str(fields.license_key) ?? str(fields.username)
  const missing = [
    apiKey ? '' : 'api_key',
    str(fields.date) ? '' : 'date',
    str(fields.request_id) ? '' : 'request_id',
    str(fields.product) ? '' : 'product',
    str(fields.hardware_id) ? '' : 'hardware_id',
    identity ? '' : 'license_key or username',
    str(fields.signature) ? '' : 'signature'
  ].filter(Boolean)
  if (missing.length > 0) throw new LsError(400, 'missing_parameters', `Missing parameters: ${missing.join(', ')}`)
  const sharedKey = ctx.store.sharedKeyFor(apiKey as string)
  if (sharedKey === undefined) throw new LsError(401, 'invalid_api_key', 'Invalid API key in the request file')
  const hardwareId = String(fields.hardware_id)
  const innerExpected = hmacBase64(sharedKey, lsOfflineSigningString(String(fields.date), identity as string, hardwareId, apiKey as string))
  if (!base64SignatureEquals(String(fields.signature), innerExpected)) {
    throw new LsError(400, 'signature_mismatch', 'The request file signature does not match')
  }
  if (outerSignature !== undefined && rawInner !== undefined) {
    // The v2 signature covers the exact bytes of the inner object as written in the file (rawInner),
    // nothing else: a producer that signs one serialization and embeds another is refused.
    const ok = base64SignatureEquals(outerSignature, hmacBase64(sharedKey, Buffer.from(rawInner, 'utf8')))
    if (!ok) throw new LsError(400, 'signature_mismatch', 'The request file (schema v2) signature does not match')
  }
  return {
    kind,
    schemaVersion,
    fields,
    apiKey: apiKey as string,
    sharedKey,
    identity: identity as string,
    hardwareId,
    requestId: String(fields.request_id)
  }
}

function checkOfflineAllowed(lic: SeedLicense): void {
  if (!(lic.isTrial || lic.type === 'perpetual' || lic.type === 'consumption')) {
    throw new LsError(
      400,
      'offline_floating_cloud_not_supported',
      `Offline activation and deactivation are only available for trial, perpetual and consumption licenses (this one is ${lic.type})`
    )
  }
}

function expectKind(req: OfflineRequest, kind: OfflineRequest['kind']): void {
  if (req.kind !== kind) {
    throw new LsError(400, 'missing_parameters', `This is an offline ${req.kind} request, not an ${kind} request`)
  }
}

/**
 * Offline activation: verifies the request and takes the seat; returns the .lic file content.
 *
 * .lic = base64(UTF-8 of JSON.stringify(obj)), where obj is the license object (as activate_license
 * answers, with license_signature) followed by `date` (this server's RFC 7231 time), `request_id` (echo),
 * `offline_signature` (base64 HMAC-SHA256(shared key, `licenseSpring\ndate: <date>\n<key or username>\n
 * <hardware_id>\n<api_key>`)) and finally `license_signature_v2`.
 * license_signature_v2 = base64 RSASSA-PKCS1-v1_5/SHA-256 over the UTF-8 bytes of the compact
 * JSON.stringify of obj with `license_signature` and `license_signature_v2` removed, keys in the order
 * they appear in the file (JSON.parse keeps that order, so a reader re-creates the bytes by parsing,
 * deleting both fields and JSON.stringify-ing).
 */
export function activateOffline(ctx: LsContext, fileText: string, prechecked?: OfflineRequest): { lic: string; license: SeedLicense; request: OfflineRequest } {
  const req = prechecked ?? parseOfflineRequest(ctx, fileText)
  expectKind(req, 'activation')
  const { body, lic } = offlineLicense(ctx, req)
  if (!lic.devices?.some((d) => d.hardwareId === req.hardwareId)) checkCanActivate(ctx, lic, body)
  takeSeat(ctx, lic, req.hardwareId, true)
  const date = new Date(ctx.now()).toUTCString()
  const obj: Record<string, unknown> = {
    ...licenseObject(ctx, lic, req.hardwareId),
    date,
    request_id: req.requestId,
    offline_signature: hmacBase64(req.sharedKey, lsOfflineSigningString(date, req.identity, req.hardwareId, req.apiKey))
  }
  const forV2 = { ...obj }
  delete forV2.license_signature
  delete forV2.license_signature_v2
  obj.license_signature_v2 = rsaSignBase64(ctx.privateKey, Buffer.from(JSON.stringify(forV2), 'utf8'))
  return { lic: Buffer.from(JSON.stringify(obj), 'utf8').toString('base64'), license: lic, request: req }
}

/** The license an offline request names (never by password), checked to allow offline handling. */
function offlineLicense(ctx: LsContext, req: OfflineRequest): { body: Record<string, unknown>; lic: SeedLicense } {
  const body: Record<string, unknown> = { ...req.fields, license_key: str(req.fields.license_key), username: str(req.fields.username) }
  delete body.password
  const lic = findLicense(ctx, body, 'offline')
  checkOfflineAllowed(lic)
  return { body, lic }
}

/** Offline deactivation: verifies the request and releases the seat. */
export function deactivateOffline(ctx: LsContext, fileText: string, prechecked?: OfflineRequest): { license: SeedLicense; request: OfflineRequest } {
  const req = prechecked ?? parseOfflineRequest(ctx, fileText)
  expectKind(req, 'deactivation')
  const { lic } = offlineLicense(ctx, req)
  releaseSeat(ctx, lic, req.hardwareId)
  return { license: lic, request: req }
}
