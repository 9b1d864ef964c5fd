// What the official LicenseSpring SDKs send (PROTOCOLS.md 1.4): schema-2 files without the inner v1
// signature and with the Node SDK's date form, deactivation files without `request`/`request_id`,
// activate_offline answering JSON, user licenses with `user: { email }`. Each exact request is accepted;
// the same request with one byte changed is refused.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { API_KEY, SHARED_KEY, call, hmac, rsaVerify, useServer } from '../support/server'

const srv = useServer(() => srv.setMinOfflineSchemaVersion(1))

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number) => String(n).padStart(2, '0')
/** The Node SDK's date: `Tue Dec 1 2026 18:54:23 GMT+0000` (UTC, day not padded). */
function sdkDate(ms = Date.now()): string {
  const d = new Date(ms)
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT+0000`
}

interface SdkOpts {
  kind?: 'activation' | 'deactivation'
  licenseKey?: string
  username?: string
  product?: string
  hardwareId: string
  date?: string
  /** the Node SDK's deactivateOffline(): neither `request` nor `request_id` */
  bare?: boolean
}

/** The inner request as the Node SDK 1.4 writes it: no v1 `signature`, its own date form. */
function sdkInner(o: SdkOpts): string {
  const inner: Record<string, unknown> = {
    ...(o.bare ? {} : { request: o.kind ?? 'activation', request_id: randomUUID() }),
    api_key: API_KEY,
    date: o.date ?? sdkDate(),
    product: o.product ?? 'studio',
    hardware_id: o.hardwareId,
    ...(o.username ? { username: o.username } : { license_key: o.licenseKey ?? 'DEMO-STUD-IO00-0001' }),
    sdk_ver: 'NodeJS-1.4.2',
    schema_version: 2
  }
  return JSON.stringify(inner)
}

/** The file: base64 of `{"request":<inner bytes>,"signature":HMAC(shared key, inner bytes)}`. */
function sdkFile(inner: string, signedBytes = inner): string {
  return Buffer.from(`{"request":${inner},"signature":${JSON.stringify(hmac(SHARED_KEY, signedBytes))}}`, 'utf8').toString('base64')
}

/** The same file with one byte of its inner request changed after signing. */
function oneByteChanged(inner: string, from: string, to: string): string {
  expect(inner).toContain(from)
  expect(from.length).toBe(to.length)
  return sdkFile(inner.replace(from, to), inner)
}

const activateOffline = (file: string) => call(srv.url, 'POST', '/api/v4/activate_offline', file)
const deactivateOffline = (file: string) => call(srv.url, 'POST', '/api/v4/deactivate_offline', file)
function upload(file: string) {
  const form = new FormData()
  form.append('file', new Blob([file]), 'deactivate_offline.req')
  return fetch(`${srv.url}/offline/upload`, { method: 'POST', body: form })
}
const seat = (hw: string, key = 'DEMO-STUD-IO00-0001') => srv.state.rawLicense(key)!.devices!.push({ hardwareId: hw, activatedAt: new Date().toISOString() })

describe('schema 2 without the inner signature, Node SDK date form', () => {
  it('activation is accepted (the outer HMAC is the proof)', async () => {
    const r = await activateOffline(sdkFile(sdkInner({ hardwareId: 'hw-sdk' })))
    expect(r.status).toBe(200)
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual(['hw-sdk'])
  })

  it('one changed byte of the inner request is refused', async () => {
    const inner = sdkInner({ hardwareId: 'hw-sdk' })
    const r = await activateOffline(oneByteChanged(inner, '"hw-sdk"', '"hw-sdx"'))
    expect(r.status).toBe(400)
    expect(r.json.code).toBe('signature_mismatch')
    // a changed byte of the date (still a valid date, one minute off): the outer signature covers it
    const r2 = await activateOffline(oneByteChanged(inner, 'GMT+0000"', 'GMT+0001"'))
    expect(r2.json.code).toBe('signature_mismatch')
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
  })

  it('the date window still holds: older than the offline validity or 15 minutes ahead is refused', async () => {
    const old = await activateOffline(sdkFile(sdkInner({ hardwareId: 'hw-old', date: sdkDate(Date.now() - 31 * 86_400_000) })))
    expect(old.json).toMatchObject({ code: 'date_header_diff' })
    expect(old.json.message).toMatch(/older than 30 days/)
    const ahead = await activateOffline(sdkFile(sdkInner({ hardwareId: 'hw-new', date: sdkDate(Date.now() + 20 * 60_000) })))
    expect(ahead.json).toMatchObject({ code: 'date_header_diff' })
    // inside the window (a week old, and a few minutes ahead) it is accepted
    expect((await activateOffline(sdkFile(sdkInner({ hardwareId: 'hw-week', date: sdkDate(Date.now() - 7 * 86_400_000) })))).status).toBe(200)
    expect((await activateOffline(sdkFile(sdkInner({ hardwareId: 'hw-soon', date: sdkDate(Date.now() + 5 * 60_000) })))).status).toBe(200)
    // a date whose weekday does not match its day is no date
    const wrongDay = sdkDate().replace(/^\w{3}/, (d) => DAYS[(DAYS.indexOf(d) + 1) % 7])
    expect((await activateOffline(sdkFile(sdkInner({ hardwareId: 'hw-x', date: wrongDay })))).json.code).toBe('date_header_diff')
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual(['hw-week', 'hw-soon'])
  })

  it('an inner signature that is present must still match', async () => {
    const date = sdkDate()
    const inner = JSON.parse(sdkInner({ hardwareId: 'hw-in', date })) as Record<string, unknown>
    inner.signature = hmac(SHARED_KEY, `licenseSpring\ndate: ${date}\nDEMO-STUD-IO00-0001\nhw-in\n${API_KEY}`)
    expect((await activateOffline(sdkFile(JSON.stringify(inner)))).status).toBe(200)
    inner.hardware_id = 'hw-in2' // the outer signature is recomputed, the inner one no longer matches
    expect((await activateOffline(sdkFile(JSON.stringify(inner)))).json.code).toBe('signature_mismatch')
  })
})

describe('deactivation files without request and request_id (Node SDK deactivateOffline)', () => {
  it('the deactivation endpoint takes one as a deactivation', async () => {
    seat('hw-bare')
    const r = await deactivateOffline(sdkFile(sdkInner({ hardwareId: 'hw-bare', bare: true })))
    expect(r.status).toBe(200)
    expect(r.text).toBe('license_deactivated')
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
  })

  it('one changed byte is refused and the seat stays taken', async () => {
    seat('hw-bare')
    const inner = sdkInner({ hardwareId: 'hw-bare', bare: true })
    expect((await deactivateOffline(oneByteChanged(inner, 'IO00-0001', 'IO00-0002'))).json.code).toBe('signature_mismatch')
    expect((await upload(oneByteChanged(inner, 'IO00-0001', 'IO00-0002'))).status).toBe(400)
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual(['hw-bare'])
  })

  it('the portal takes one as a deactivation', async () => {
    seat('hw-portal')
    const res = await upload(sdkFile(sdkInner({ hardwareId: 'hw-portal', bare: true })))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-result="license_deactivated"')
    expect(html).not.toContain('id="request-id"')
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
  })

  it('activate_offline does not guess: a file naming no request is refused there', async () => {
    const r = await activateOffline(sdkFile(sdkInner({ hardwareId: 'hw-bare', bare: true })))
    expect(r.json).toMatchObject({ code: 'missing_parameters' })
    expect(r.json.message).toMatch(/request/)
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
  })
})

describe('activate_offline answers the license object as JSON; the portal hands a .lic', () => {
  it('direct call: JSON with the signatures and the request_id', async () => {
    const inner = sdkInner({ hardwareId: 'hw-json' })
    const r = await activateOffline(sdkFile(inner))
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toMatch(/^application\/json/)
    expect(r.json).toMatchObject({ license_key: 'DEMO-STUD-IO00-0001', hardware_id: 'hw-json', request_id: JSON.parse(inner).request_id })
    expect(rsaVerify('hw-json#demo-stud-io00-0001#', r.json.license_signature)).toBe(true)
    expect(rsaVerify(Buffer.from(r.text, 'utf8'), r.headers.get('licensesignature')!)).toBe(true)
  })

  it('direct call with one changed byte: refused, no license', async () => {
    const r = await activateOffline(oneByteChanged(sdkInner({ hardwareId: 'hw-json' }), 'NodeJS-1.4.2', 'NodeJS-1.4.3'))
    expect(r.json.code).toBe('signature_mismatch')
    expect(r.json.license_key).toBeUndefined()
  })

  it('the portal still answers the ls_activation.lic download (base64)', async () => {
    const res = await fetch(`${srv.url}/offline/upload`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: sdkFile(sdkInner({ hardwareId: 'hw-lic' })) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="ls_activation.lic"')
    const lic = JSON.parse(Buffer.from(await res.text(), 'base64').toString('utf8'))
    expect(lic.hardware_id).toBe('hw-lic')
  })
})

describe('user licenses carry user: { email, ... }', () => {
  const USER = 'demo@license-desk.example'
  it('online activation and check answer the account', async () => {
    const a = await call(srv.url, 'POST', '/api/v4/activate_license', { product: 'cloud', hardware_id: 'hw-u', username: USER, password: 'demo-password-1' })
    expect(a.status).toBe(200)
    expect(a.json.user).toMatchObject({ email: USER, first_name: 'Demo', last_name: 'User' })
    const c = await call(srv.url, 'GET', `/api/v4/check_license?${new URLSearchParams({ product: 'cloud', hardware_id: 'hw-u', username: USER })}`)
    expect(c.json.user.email).toBe(USER)
    // a key license names no user
    const k = await call(srv.url, 'POST', '/api/v4/activate_license', { product: 'studio', hardware_id: 'hw-k', license_key: 'DEMO-STUD-IO00-0001' })
    expect(k.json.user).toBeUndefined()
  })

  it('an SDK user file activates offline and its answer names the account; one changed byte is refused', async () => {
    const inner = sdkInner({ product: 'cloud', username: USER, hardwareId: 'hw-uo' })
    const bad = await activateOffline(oneByteChanged(inner, '"hw-uo"', '"hw-uq"'))
    expect(bad.json.code).toBe('signature_mismatch')
    const r = await activateOffline(sdkFile(inner))
    expect(r.status).toBe(200)
    expect(r.json.user.email).toBe(USER)
    expect(srv.state.devices(USER)).toEqual(['hw-uo'])
  })
})
