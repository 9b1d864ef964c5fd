// LicenseSpring License API v4 behaviour of the local server: request authorization, license state
// rules, online and offline activation/deactivation, response signing.
import type { KeyObject } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { Store } from './store'
import type { SeedLicense } from './types'
import { base64SignatureEquals, hmacBase64, licenseSignaturePayload, lsOfflineSigningString, rsaSignBase64, verifyLsRequestSignature } from './crypto'
import { rawMemberValue } from './rawjson'
import type { OAuthIssuer } from './oauth'
import type { SsoIdp } from './sso'

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
  oauth: OAuthIssuer
  sso: SsoIdp
  /** how the current request was authorized (set by authorize) */
  auth?: AuthInfo
}

/** How a request was authorized: the HMAC of an API key, or an OAuth bearer token of a client. */
export type AuthInfo = { method: 'api-key'; apiKey: string; sharedKey: string } | { method: 'oauth'; clientId: string }

const MAX_DATE_DIFF_MS = 15 * 60 * 1000
/** How long an offline request file stays acceptable after its date, unless the seed sets offlineRequestValidityDays. */
const DEFAULT_OFFLINE_VALIDITY_DAYS = 30
/** RFC 7231 IMF-fixdate, e.g. `Tue, 07 Jun 2011 20:51:35 GMT` (the only form a conforming client sends). */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** The form the official Node SDK writes in offline files: `Tue Dec 1 2026 18:54:23 GMT+0000` (day not padded). */
const JS_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-])(\d{2})(\d{2})(?: \([^()]*\))?$/

/**
 * The instant an offline request file's `date` names, or undefined when it is neither an RFC 7231
 * IMF-fixdate nor the Node SDK's form. Both must name a real day whose weekday matches.
 */
export function parseOfflineDate(date: string): number | undefined {
  if (IMF_FIXDATE.test(date)) {
    const ms = Date.parse(date)
    return !Number.isNaN(ms) && new Date(ms).toUTCString() === date ? ms : undefined
  }
  const m = JS_DATE.exec(date)
  if (!m) return undefined
  const [, wd, mon, d, y, hh, mm, ss, sign, oh, om] = m
  const month = MONTHS.indexOf(mon)
  const local = Date.UTC(Number(y), month, Number(d), Number(hh), Number(mm), Number(ss))
  const check = new Date(local)
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== month || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined
  if (WEEKDAYS[check.getUTCDay()] !== wd || Number(oh) > 14 || Number(om) > 59) return undefined
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000
  return local - offsetMs
}

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

/** Checks Date and Authorization (HMAC or OAuth bearer token) like the real service; records how in ctx.auth. */
export function authorize(ctx: LsContext, headers: IncomingHttpHeaders): AuthInfo {
  const date = headerValue(headers, 'date')
  const auth = headerValue(headers, 'authorization')
  if (!date || !auth) {
    const missing = [!date ? 'Date' : '', !auth ? 'Authorization' : ''].filter(Boolean).join(', ')
    throw new LsError(400, 'missing_headers', `Missing required headers: ${missing}`)
  }
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(auth)
  if (bearer || /^bearer\b/i.test(auth)) {
    // OAuth: the token proves the client; the Date header is still required and must be current.
    checkDateHeader(ctx, date)
    if (!bearer) throw new LsError(401, 'oauth_token_malformed', 'The OAuth access token is missing')
    ctx.auth = { method: 'oauth', clientId: ctx.oauth.verify(bearer[1], ctx.now()) }
    return ctx.auth
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
  checkDateHeader(ctx, date)
  const sharedKey = ctx.store.sharedKeyFor(params.apikey)
  if (sharedKey === undefined) throw new LsError(401, 'invalid_api_key', 'Invalid API key')
  if (!verifyLsRequestSignature(sharedKey, date, params.signature)) {
    throw new LsError(401, 'signature_mismatch', 'Signature mismatch')
  }
  ctx.auth = { method: 'api-key', apiKey: params.apikey, sharedKey }
  return ctx.auth
}

function checkDateHeader(ctx: LsContext, date: string): void {
  const dateMs = Date.parse(date)
  if (!IMF_FIXDATE.test(date) || Number.isNaN(dateMs) || new Date(dateMs).toUTCString() !== date) {
    throw new LsError(400, 'date_header_diff', 'Date header is not a valid RFC 7231 date in GMT')
  }
  if (Math.abs(ctx.now() - dateMs) > MAX_DATE_DIFF_MS) {
    throw new LsError(400, 'date_header_diff', 'Date header differs from the server time by more than 15 minutes')
  }
}

/** A product whose vendor made OAuth mandatory refuses API-key requests and API-key offline files. */
function checkAuthMethod(product: { shortCode: string; requireOAuth?: boolean }, usedOAuth: boolean): void {
  if (product.requireOAuth && !usedOAuth) {
    throw new LsError(
      401,
      'authorization_invalid_headers',
      `Product ${product.shortCode} requires OAuth client credentials (a bearer token, and client_id in offline files); API keys are not accepted`
    )
  }
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

type IdentityMode = 'activate' | 'check' | 'deactivate' | 'offline' | 'list' | 'release'

/** The person or key a request names: a license key, or a user (by username[/password] or an SSO sign-in). */
type Who = { key: string } | { username: string; account?: string; password?: string }

/**
 * The identity a body names: exactly one of `license_key`, `username` (+ `password` where a seat is
 * taken or released), `id_token` + `customer_account_code`, `code` + `customer_account_code`.
 */
function identify(ctx: LsContext, body: Record<string, unknown>, mode: IdentityMode): Who {
  const key = str(body.license_key)
  const username = str(body.username)
  const sso = str(body.id_token) ?? str(body.code)
  const given = [key, username, sso].filter((v) => v !== undefined).length
  if (given === 0) throw new LsError(400, 'missing_parameters', 'Missing parameters: license_key, username, id_token or code')
  if (given > 1) throw new LsError(400, 'missing_parameters', 'Send exactly one of license_key, username, id_token or code')
  if (key) return { key }
  if (sso) {
    if (mode === 'offline') throw new LsError(400, 'missing_parameters', 'Offline request files name the user by username')
    return { username: ctx.sso.identify(body, ctx.now()), account: String(body.customer_account_code) }
  }
  // A user identity is username + password for taking or releasing a seat online and for listing the
  // user's licenses (check_license, floating release and offline files carry the username alone).
  if ((mode === 'activate' || mode === 'deactivate' || mode === 'list') && str(body.password) === undefined) {
    throw new LsError(400, 'missing_parameters', 'Missing parameters: password')
  }
  return { username: username as string, ...(body.password !== undefined ? { password: String(body.password) } : {}) }
}

/** Every license of the product the identity holds (a user may hold several), lowest id first. */
function licensesOf(ctx: LsContext, product: string, who: Who): SeedLicense[] {
  const all = ctx.store.data.licensespring.licenses
    .filter((l) =>
      'key' in who
        ? l.licenseKey !== undefined && l.licenseKey.toLowerCase() === who.key.trim().toLowerCase()
        : l.username !== undefined && l.username.toLowerCase() === who.username.trim().toLowerCase()
    )
    .filter((l) => l.product === product)
    .sort((a, b) => a.id - b.id)
  if ('key' in who) return all
  // An SSO sign-in proves an account's user: only the licenses of that customer account.
  const mine = who.account !== undefined ? all.filter((l) => l.customerAccount === who.account) : all
  // A wrong password answers like an unknown user: the server does not reveal which part was wrong.
  // A password that is sent must be right (check_license included).
  if (who.password !== undefined && mine.some((l) => l.password !== who.password)) {
    throw new LsError(404, 'license_not_found', 'License not found: user or password is wrong')
  }
  return mine
}

/** Finds the license named by the body (product + identity, and `license_id` when the user holds several). */
function findLicense(ctx: LsContext, body: Record<string, unknown>, mode: IdentityMode, offlineViaClient = false): SeedLicense {
  requireFields(body, ['hardware_id', 'product'])
  const product = ctx.store.product(String(body.product))
  if (!product) throw new LsError(400, 'unknown_product', `Unknown product: ${String(body.product)}`)
  checkAuthMethod(product, mode === 'offline' ? offlineViaClient : ctx.auth?.method === 'oauth')
  const who = identify(ctx, body, mode)
  let found = licensesOf(ctx, product.shortCode, who)
  if (body.license_id !== undefined && body.license_id !== null && body.license_id !== '') {
    found = found.filter((l) => l.id === Number(body.license_id))
  }
  // Without license_id a user holding several licenses gets the first (lowest id), as the service does.
  const lic = found[0]
  if (!lic) throw new LsError(404, 'license_not_found', 'License not found')
  if (lic.simulateInternalError) throw new LsError(500, 'internal_error', 'Internal server error')
  return lic
}

/** `GET /api/v4/user_licenses`: every license of the product the user holds, each with the user. */
export function userLicenses(ctx: LsContext, query: Record<string, unknown>): Array<Record<string, unknown>> {
  requireFields(query, ['product'])
  const product = ctx.store.product(String(query.product))
  if (!product) throw new LsError(400, 'unknown_product', `Unknown product: ${String(query.product)}`)
  checkAuthMethod(product, ctx.auth?.method === 'oauth')
  if (product.authorizationMethod !== 'user') {
    throw new LsError(400, 'invalid_product_auth_method', `Product ${product.shortCode} is not user based: it has no user licenses`)
  }
  const who = identify(ctx, query, 'list')
  if ('key' in who) throw new LsError(400, 'missing_parameters', 'user_licenses takes a user (username and password, or an SSO sign-in)')
  const found = licensesOf(ctx, product.shortCode, who)
  if (found.length === 0) throw new LsError(404, 'license_not_found', 'License not found: user or password is wrong')
  return found.map((l) => ({ license: licenseSummary(ctx, l), user: userObject(l) }))
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

/** The account of a user license, as the License API documents it in the license object. */
function userObject(lic: SeedLicense): Record<string, unknown> {
  const u = lic.user ?? {}
  return {
    id: lic.id,
    email: u.email ?? lic.username,
    first_name: u.firstName ?? null,
    last_name: u.lastName ?? null,
    phone_number: u.phoneNumber ?? null,
    is_initial_password: false
  }
}

// ------------------------------------------------------------------------------------------------
// Floating cloud licenses: at most floatingUsers devices hold a slot at a time. Activation and check
// take (or refresh) a slot for floatingTimeoutMinutes; borrowing holds it until borrowed_until (at
// most maxBorrowTimeHours ahead) so the device can work offline; release frees it early.

const DEFAULT_FLOATING_TIMEOUT_MIN = 120

/** The slots in use now (expired ones dropped). */
function slotsInUse(ctx: LsContext, lic: SeedLicense) {
  const now = ctx.now()
  lic.floatingInUse = (lic.floatingInUse ?? []).filter((s) => Date.parse(s.until) > now)
  return lic.floatingInUse
}

function floatingFields(ctx: LsContext, lic: SeedLicense, hardwareId?: string): Record<string, unknown> {
  if (!lic.isFloatingCloud) return { is_floating_cloud: false, is_floating: false }
  const inUse = slotsInUse(ctx, lic)
  const mine = hardwareId !== undefined ? inUse.find((s) => s.hardwareId === hardwareId) : undefined
  return {
    is_floating_cloud: true,
    is_floating: false,
    floating_users: lic.floatingUsers ?? 1,
    floating_timeout: lic.floatingTimeoutMinutes ?? DEFAULT_FLOATING_TIMEOUT_MIN,
    floating_in_use_devices: inUse.length,
    can_borrow: lic.canBorrow === true,
    max_borrow_time: lic.maxBorrowTimeHours ?? 0,
    ...(mine ? { floating_end_date: mine.until, ...(mine.borrowed ? { borrowed_until: mine.until } : {}) } : {})
  }
}

/** Takes or refreshes this device's slot until `untilMs` (a borrowed slot is never shortened by a check). */
function takeSlot(ctx: LsContext, lic: SeedLicense, hardwareId: string, untilMs: number, borrowed: boolean): void {
  const inUse = slotsInUse(ctx, lic)
  const mine = inUse.find((s) => s.hardwareId === hardwareId)
  if (!mine && inUse.length >= (lic.floatingUsers ?? 1)) {
    throw new LsError(400, 'floating_not_available', 'No available slots for the floating license: every slot is in use')
  }
  if (mine) {
    if (borrowed || !mine.borrowed) {
      mine.until = new Date(Math.max(borrowed ? 0 : Date.parse(mine.until), untilMs)).toISOString()
      mine.borrowed = borrowed || mine.borrowed
    }
  } else inUse.push({ hardwareId, until: new Date(untilMs).toISOString(), ...(borrowed ? { borrowed: true } : {}) })
  ctx.store.persist()
}

function registerFloating(ctx: LsContext, lic: SeedLicense, hardwareId: string): void {
  if (!lic.isFloatingCloud) return
  takeSlot(ctx, lic, hardwareId, ctx.now() + (lic.floatingTimeoutMinutes ?? DEFAULT_FLOATING_TIMEOUT_MIN) * 60_000, false)
}

function requireDevice(lic: SeedLicense, hardwareId: string): void {
  if (!lic.devices?.some((d) => d.hardwareId === hardwareId)) {
    throw new LsError(400, 'device_not_found', 'Active device matching hardware_id not found')
  }
}

/** Accepted `borrowed_until` forms (ISO 8601 UTC): `2024-09-27T23:30:48.016Z`, `2024-09-27 23:30:48`, `2024-09-27`. */
function parseBorrowedUntil(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?))?Z?$/.exec(v.trim())
  if (!m) return undefined
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00'}Z`)
  return Number.isNaN(ms) ? undefined : ms
}

/** `POST /api/v4/floating/borrow`: hold this device's slot until borrowed_until (null: the longest the license allows). */
export function floatingBorrow(ctx: LsContext, body: Record<string, unknown>): Record<string, unknown> {
  if (!('borrowed_until' in body)) throw new LsError(400, 'missing_parameters', 'Missing parameters: borrowed_until')
  const lic = findLicense(ctx, body, 'activate')
  const hw = String(body.hardware_id)
  if (!lic.enabled) throw new LsError(400, 'license_not_enabled', 'License is disabled')
  if (!lic.active) throw new LsError(400, 'license_not_active', 'License is not active')
  if (!lic.isFloatingCloud || !lic.canBorrow || !lic.maxBorrowTimeHours) {
    throw new LsError(400, 'license_borrow_not_allowed', 'License does not allow borrowing')
  }
  requireDevice(lic, hw)
  const now = ctx.now()
  const max = now + lic.maxBorrowTimeHours * 3_600_000
  const until = body.borrowed_until === null ? max : parseBorrowedUntil(body.borrowed_until)
  if (until === undefined || until <= now || until > max) {
    throw new LsError(400, 'borrow_until_not_valid', `borrowed_until must be a UTC date after now and at most ${lic.maxBorrowTimeHours} hours ahead`)
  }
  takeSlot(ctx, lic, hw, until, true)
  return licenseObject(ctx, lic, hw)
}

/** `POST /api/v4/floating/release`: frees this device's slot (borrowed or not); answers an empty body. */
export function floatingRelease(ctx: LsContext, body: Record<string, unknown>): void {
  const lic = findLicense(ctx, body, 'release')
  const hw = String(body.hardware_id)
  if (!lic.isFloatingCloud) throw new LsError(400, 'floating_not_available', 'This license is not a floating license')
  const inUse = slotsInUse(ctx, lic)
  const i = inUse.findIndex((s) => s.hardwareId === hw)
  if (i < 0) throw new LsError(400, 'device_not_found', 'This device holds no slot of the floating license')
  inUse.splice(i, 1)
  ctx.store.persist()
}

/** The fields of a license that do not depend on a device (user_licenses lists these). */
function licenseSummary(ctx: LsContext, lic: SeedLicense): Record<string, unknown> {
  const product = ctx.store.product(lic.product)
  return {
    id: lic.id,
    license_type: lic.type,
    is_trial: lic.isTrial === true,
    validity_period: lic.validityPeriod ? new Date(lic.validityPeriod).toISOString() : null,
    max_activations: lic.maxActivations,
    times_activated: lic.timesActivated ?? 0,
    license_active: lic.active,
    license_enabled: lic.enabled,
    ...floatingFields(ctx, lic),
    product_details: { product_name: product?.name ?? lic.product, short_code: lic.product, authorization_method: product?.authorizationMethod ?? 'license-key' },
    ...(lic.note ? { note: lic.note } : {})
  }
}

/** The license object answered by activation and check (and embedded in a .lic). */
export function licenseObject(ctx: LsContext, lic: SeedLicense, hardwareId: string): Record<string, unknown> {
  const product = ctx.store.product(lic.product)
  const identity = (lic.licenseKey ?? lic.username) as string
  const validity = lic.validityPeriod ? new Date(lic.validityPeriod).toISOString() : null
  return {
    id: lic.id,
    ...(lic.licenseKey !== undefined ? { license_key: lic.licenseKey } : { username: lic.username, user: userObject(lic) }),
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
    ...floatingFields(ctx, lic, hardwareId),
    hardware_id: hardwareId,
    license_signature: rsaSignBase64(ctx.privateKey, licenseSignaturePayload(hardwareId, identity, validity))
  }
}

export function activateLicense(ctx: LsContext, body: Record<string, unknown>): Record<string, unknown> {
  const lic = findLicense(ctx, body, 'activate')
  const hw = String(body.hardware_id)
  if (!lic.devices?.some((d) => d.hardwareId === hw)) checkCanActivate(ctx, lic, body)
  // a floating license without a free slot takes no seat either
  if (lic.isFloatingCloud && !slotsInUse(ctx, lic).some((s) => s.hardwareId === hw) && slotsInUse(ctx, lic).length >= (lic.floatingUsers ?? 1)) {
    throw new LsError(400, 'floating_not_available', 'No available slots for the floating license: every slot is in use')
  }
  takeSeat(ctx, lic, hw, false)
  registerFloating(ctx, lic, hw)
  return licenseObject(ctx, lic, hw)
}

export function checkLicense(ctx: LsContext, query: Record<string, unknown>): Record<string, unknown> {
  const lic = findLicense(ctx, query, 'check')
  const hw = String(query.hardware_id)
  if (!lic.devices?.some((d) => d.hardwareId === hw)) {
    throw new LsError(404, 'device_not_found', 'Active device matching hardware_id not found')
  }
  registerFloating(ctx, lic, hw)
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
  if (lic.floatingInUse?.some((s) => s.hardwareId === String(body.hardware_id))) {
    lic.floatingInUse = lic.floatingInUse.filter((s) => s.hardwareId !== String(body.hardware_id))
    ctx.store.persist()
  }
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
  /** absent in the deactivation files the official Node SDK's deactivateOffline() writes */
  requestId?: string
  /** the request's own (v1) signature was absent; the schema v2 outer signature is then the proof */
  innerSignature: boolean
  /** written by an OAuth client: `client_id`, HMACs keyed with its client secret */
  viaClient: boolean
}

export interface ParseOfflineOptions {
  /**
   * What a file that names no `request` is taken as. The official Node SDK's deactivateOffline() writes
   * files without `request` and `request_id`; the deactivation endpoint and the portal take them as a
   * deactivation. Without this option such a file is refused.
   */
  defaultKind?: 'deactivation'
}

/** Decodes and verifies an offline request file (base64 text). Throws LsError. */
export function parseOfflineRequest(ctx: LsContext, fileText: string, opts: ParseOfflineOptions = {}): OfflineRequest {
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
  const kind = fields.request === undefined ? opts.defaultKind : fields.request
  if (kind !== 'activation' && kind !== 'deactivation') {
    throw new LsError(400, 'missing_parameters', 'Missing parameters: request ("activation" or "deactivation")')
  }
  const apiKey = str(fields.api_key) ?? str(fields.client_id)
  const identity = str(fields.license_key) ?? str(fields.username)
  const hasInner = fields.signature !== undefined
  const missing = [
    apiKey ? '' : 'api_key or client_id',
    str(fields.date) ? '' : 'date',
    // an activation's answer echoes request_id (the client matches the .lic to its request by it)
    str(fields.request_id) || kind === 'deactivation' ? '' : 'request_id',
    str(fields.product) ? '' : 'product',
    str(fields.hardware_id) ? '' : 'hardware_id',
    identity ? '' : 'license_key or username',
    // without the v2 envelope the request's own signature is the only proof
    outerSignature !== undefined || str(fields.signature) ? '' : 'signature'
  ].filter(Boolean)
  if (missing.length > 0) throw new LsError(400, 'missing_parameters', `Missing parameters: ${missing.join(', ')}`)
  // OAuth clients write client_id and key every HMAC with their client secret instead of the shared key.
  const viaClient = str(fields.client_id) !== undefined && str(fields.api_key) === undefined
  const sharedKey = viaClient ? ctx.store.clientSecretFor(apiKey as string) : ctx.store.sharedKeyFor(apiKey as string)
  if (sharedKey === undefined) {
    throw new LsError(401, 'invalid_api_key', viaClient ? 'Unknown OAuth client_id in the request file' : 'Invalid API key in the request file')
  }
  const hardwareId = String(fields.hardware_id)
  if (hasInner) {
    const innerExpected = hmacBase64(sharedKey, lsOfflineSigningString(String(fields.date), identity as string, hardwareId, apiKey as string))
    if (typeof fields.signature !== 'string' || !base64SignatureEquals(fields.signature, innerExpected)) {
      throw new LsError(400, 'signature_mismatch', 'The request file signature does not match')
    }
  }
  if (outerSignature !== undefined && rawInner !== undefined) {
    // The v2 signature covers the exact bytes of the inner object as written in the file (rawInner),
    // nothing else: a producer that signs one serialization and embeds another is refused.
    const ok = base64SignatureEquals(outerSignature, hmacBase64(sharedKey, Buffer.from(rawInner, 'utf8')))
    if (!ok) throw new LsError(400, 'signature_mismatch', 'The request file (schema v2) signature does not match')
  }
  checkOfflineDate(ctx, String(fields.date))
  return {
    kind,
    schemaVersion,
    fields,
    apiKey: apiKey as string,
    sharedKey,
    identity: identity as string,
    hardwareId,
    ...(str(fields.request_id) ? { requestId: String(fields.request_id) } : {}),
    innerSignature: hasInner,
    viaClient
  }
}

/**
 * A file's date (checked after its signatures, so it is the signer's) must be no more than 15 minutes
 * ahead of the server clock and no older than the offline validity the server applies.
 */
function checkOfflineDate(ctx: LsContext, date: string): void {
  const ms = parseOfflineDate(date)
  if (ms === undefined) throw new LsError(400, 'date_header_diff', `The request file's date is not a date this server reads: ${date}`)
  const days = ctx.store.data.licensespring.offlineRequestValidityDays ?? DEFAULT_OFFLINE_VALIDITY_DAYS
  const now = ctx.now()
  if (ms - now > MAX_DATE_DIFF_MS) {
    throw new LsError(400, 'date_header_diff', 'The request file is dated more than 15 minutes in the future: the clock of the computer that wrote it is wrong')
  }
  if (now - ms > days * 86_400_000) {
    throw new LsError(400, 'date_header_diff', `The request file is older than ${days} days: create a new one on the offline computer`)
  }
}

function checkOfflineAllowed(lic: SeedLicense): void {
  if (lic.isFloatingCloud || !(lic.isTrial || lic.type === 'perpetual' || lic.type === 'consumption')) {
    throw new LsError(
      400,
      'offline_floating_cloud_not_supported',
      `Offline activation and deactivation are only available for trial, perpetual and consumption licenses that are not floating (this one is ${lic.isFloatingCloud ? 'floating cloud' : lic.type})`
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
export function activateOffline(
  ctx: LsContext,
  fileText: string,
  prechecked?: OfflineRequest
): { lic: string; object: Record<string, unknown>; license: SeedLicense; request: OfflineRequest } {
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
  return { lic: Buffer.from(JSON.stringify(obj), 'utf8').toString('base64'), object: obj, license: lic, request: req }
}

/** The license an offline request names (never by password), checked to allow offline handling. */
function offlineLicense(ctx: LsContext, req: OfflineRequest): { body: Record<string, unknown>; lic: SeedLicense } {
  const body: Record<string, unknown> = { ...req.fields, license_key: str(req.fields.license_key), username: str(req.fields.username) }
  delete body.password
  const lic = findLicense(ctx, body, 'offline', req.viaClient)
  checkOfflineAllowed(lic)
  return { body, lic }
}

/** Offline deactivation: verifies the request (one naming no `request` is taken as a deactivation) and releases the seat. */
export function deactivateOffline(ctx: LsContext, fileText: string, prechecked?: OfflineRequest): { license: SeedLicense; request: OfflineRequest } {
  const req = prechecked ?? parseOfflineRequest(ctx, fileText, { defaultKind: 'deactivation' })
  expectKind(req, 'deactivation')
  const { lic } = offlineLicense(ctx, req)
  releaseSeat(ctx, lic, req.hardwareId)
  return { license: lic, request: req }
}
