import { describe, expect, it } from 'vitest'
import { API_KEY, SHARED_KEY, authHeaders, call, rsaVerify, useServer } from '../support/server'
import { startServer } from '../../src/server/index'

const srv = useServer()

const activate = (body: Record<string, unknown>, headers?: Record<string, string>) => call(srv.url, 'POST', '/api/v4/activate_license', body, headers)
const deactivate = (body: Record<string, unknown>, headers?: Record<string, string>) => call(srv.url, 'POST', '/api/v4/deactivate_license', body, headers)
const check = (q: Record<string, string>) => call(srv.url, 'GET', `/api/v4/check_license?${new URLSearchParams(q)}`)

function expectError(r: { status: number; json: any }, code: string, status?: number) {
  expect(r.json).toMatchObject({ code })
  expect(typeof r.json.message).toBe('string')
  expect(r.json.status).toBe(r.status)
  expect(r.status).toBeGreaterThanOrEqual(400)
  if (status) expect(r.status).toBe(status)
}

describe('LicenseSpring request authorization', () => {
  const body = { hardware_id: 'hw-a', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' }

  it('missing Date or Authorization -> missing_headers', async () => {
    const h = authHeaders()
    expectError(await activate(body, { Authorization: h.Authorization }), 'missing_headers', 400)
    expectError(await activate(body, { Date: h.Date }), 'missing_headers', 400)
  })

  it('malformed Authorization -> authorization_invalid_headers; missing params -> authorization_missing_params', async () => {
    const h = authHeaders()
    expectError(await activate(body, { ...h, Authorization: 'nonsense' }), 'authorization_invalid_headers', 400)
    expectError(await activate(body, { ...h, Authorization: h.Authorization.replace('hmac-sha256', 'hmac-sha1') }), 'authorization_invalid_headers', 400)
    expectError(await activate(body, { ...h, Authorization: 'algorithm="hmac-sha256",headers="date",apikey="x"' }), 'authorization_missing_params', 400)
  })

  it('Date more than 15 minutes off -> date_header_diff; 14 minutes is fine', async () => {
    const old = new Date(Date.now() - 16 * 60 * 1000).toUTCString()
    expectError(await activate(body, authHeaders({ date: old })), 'date_header_diff', 400)
    const future = new Date(Date.now() + 16 * 60 * 1000).toUTCString()
    expectError(await activate(body, authHeaders({ date: future })), 'date_header_diff', 400)
    expectError(await activate(body, authHeaders({ date: 'yesterday' })), 'date_header_diff', 400)
    // Parseable and in GMT but not an RFC 7231 IMF-fixdate (a client bug the real service would refuse).
    const t = new Date()
    for (const date of [t.toISOString().replace('Z', ' GMT'), t.toString().replace(/GMT.*$/, 'GMT'), t.toUTCString().replace(/^\w+, /, '')])
      expectError(await activate(body, authHeaders({ date })), 'date_header_diff', 400)
    const ok = await activate(body, authHeaders({ date: new Date(Date.now() - 14 * 60 * 1000).toUTCString() }))
    expect(ok.status).toBe(200)
  })

  it('unknown api key -> invalid_api_key; wrong shared key -> signature_mismatch', async () => {
    expectError(await activate(body, authHeaders({ apiKey: 'nope' })), 'invalid_api_key', 401)
    expectError(await activate(body, authHeaders({ sharedKey: SHARED_KEY + 'x' })), 'signature_mismatch', 401)
    // a signature made for another Date value
    const h = authHeaders()
    expectError(await activate(body, { ...h, Date: new Date(Date.now() - 1000).toUTCString() }), 'signature_mismatch', 401)
  })

  it('every response carries a Date header from the server clock', async () => {
    const r = await activate(body)
    const d = r.headers.get('date')
    expect(d).toBeTruthy()
    expect(Math.abs(Date.parse(d as string) - Date.now())).toBeLessThan(5000)
  })
})

describe('LicenseSpring activation', () => {
  it('activates, signs the body and the header, and is idempotent', async () => {
    const body = { hardware_id: 'hw-a', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' }
    const r = await activate(body)
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({
      license_key: 'DEMO-STUD-IO00-0001',
      license_type: 'perpetual',
      is_trial: false,
      validity_period: null,
      max_activations: 3,
      times_activated: 1,
      transfer_count: 0,
      hardware_id: 'hw-a',
      product_details: { short_code: 'studio', product_name: 'Demo Studio', authorization_method: 'license-key' },
      product_features: [],
      custom_fields: []
    })
    expect(rsaVerify('hw-a#demo-stud-io00-0001#', r.json.license_signature)).toBe(true)
    const headerSig = r.headers.get('licensesignature') as string
    expect(rsaVerify(Buffer.from(r.text, 'utf8'), headerSig)).toBe(true)
    expect(rsaVerify(Buffer.from(r.text + ' ', 'utf8'), headerSig)).toBe(false)
    const again = await activate(body)
    expect(again.status).toBe(200)
    expect(again.json.times_activated).toBe(1)
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual(['hw-a'])
  })

  it('signs validity_period with milliseconds', async () => {
    const r = await activate({ hardware_id: 'HW-Sub', product: 'studio', license_key: 'DEMO-STUD-IO00-0006' })
    expect(r.status).toBe(200)
    expect(r.json.validity_period).toBe('2030-01-01T00:00:00.000Z')
    expect(rsaVerify('hw-sub#demo-stud-io00-0006#2030-01-01t00:00:00.000z', r.json.license_signature)).toBe(true)
  })

  it('user-based licenses need the password', async () => {
    const base = { hardware_id: 'hw-u', product: 'cloud', username: 'demo@license-desk.example' }
    expectError(await activate(base), 'missing_parameters', 400)
    expectError(await activate({ ...base, password: 'wrong' }), 'license_not_found', 404)
    const r = await activate({ ...base, password: 'demo-password-1' })
    expect(r.status).toBe(200)
    expect(r.json.username).toBe('demo@license-desk.example')
    expect(r.json.license_key).toBeUndefined()
    expect(rsaVerify('hw-u#demo@license-desk.example#', r.json.license_signature)).toBe(true)
  })

  it('produces each state error', async () => {
    const a = (key: string, extra: Record<string, unknown> = {}) => activate({ hardware_id: 'hw-x', product: 'studio', license_key: key, ...extra })
    expectError(await activate({ hardware_id: 'hw', product: 'nope', license_key: 'DEMO-STUD-IO00-0001' }), 'unknown_product', 400)
    expectError(await activate({ hardware_id: 'hw', product: 'cloud', license_key: 'DEMO-STUD-IO00-0001' }), 'license_not_found', 404)
    expectError(await a('NOPE-0000'), 'license_not_found', 404)
    expectError(await a('DEMO-STUD-IO00-0001', { license_id: 999 }), 'license_not_found', 404)
    expectError(await a('DEMO-STUD-IO00-0002'), 'license_activated_max_times', 400)
    expectError(await a('DEMO-STUD-IO00-0004'), 'license_not_enabled', 400)
    expectError(await a('DEMO-STUD-IO00-0005'), 'license_expired', 400)
    expectError(await a('DEMO-STUD-IO00-0007'), 'license_not_active', 400)
    expectError(await a('DEMO-STUD-IO00-0009'), 'trial_expired', 400)
    expectError(await a('DEMO-STUD-IO00-0010'), 'internal_error', 500)
    expectError(await a('DEMO-STUD-IO00-0011'), 'license_start_date_error', 400)
    expectError(await a('DEMO-STUD-IO00-0012', { is_vm: true }), 'vm_not_allowed', 400)
    expectError(await activate({ hardware_id: 'blacklisted-computer-0000', product: 'studio', license_key: 'DEMO-STUD-IO00-0012' }), 'blacklisted', 400)
    expectError(await activate({ product: 'studio', license_key: 'DEMO-STUD-IO00-0001' }), 'missing_parameters', 400)
    expectError(await activate({ hardware_id: 'hw', product: 'studio' }), 'missing_parameters', 400)
    expectError(await call(srv.url, 'POST', '/api/v4/activate_license', 'not json'), 'missing_parameters', 400)
    // nothing changed
    expect(srv.state.devices('DEMO-STUD-IO00-0002')).toEqual(['another-computer-0000'])
    expect(srv.state.devices('DEMO-STUD-IO00-0004')).toEqual([])
  })

  it('fills seats up to max_activations', async () => {
    for (const hw of ['h1', 'h2', 'h3']) expect((await activate({ hardware_id: hw, product: 'studio', license_key: 'DEMO-STUD-IO00-0001' })).status).toBe(200)
    expectError(await activate({ hardware_id: 'h4', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' }), 'license_activated_max_times')
    // an already-activated device still gets its license
    expect((await activate({ hardware_id: 'h2', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' })).status).toBe(200)
  })
})

describe('LicenseSpring check and deactivation', () => {
  it('check returns the license with state flags; unknown device -> device_not_found', async () => {
    await activate({ hardware_id: 'hw-c', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' })
    const r = await check({ hardware_id: 'hw-c', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' })
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ license_active: true, license_enabled: true, is_expired: false, hardware_id: 'hw-c' })
    expect(rsaVerify(Buffer.from(r.text), r.headers.get('licensesignature') as string)).toBe(true)
    expectError(await check({ hardware_id: 'hw-other', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' }), 'device_not_found', 404)
    expectError(await check({ hardware_id: 'hw-c', product: 'studio' }), 'missing_parameters', 400)
  })

  it('check reports is_expired when the clock passes validity', async () => {
    const s = await startServer({ now: () => Date.parse('2029-12-31T23:00:00Z') })
    try {
      const date = new Date(Date.parse('2029-12-31T23:00:00Z')).toUTCString()
      const h = authHeaders({ date })
      const a = await call(s.url, 'POST', '/api/v4/activate_license', { hardware_id: 'hw', product: 'studio', license_key: 'DEMO-STUD-IO00-0006' }, h)
      expect(a.status).toBe(200)
      const r = await call(s.url, 'GET', '/api/v4/check_license?hardware_id=hw&product=studio&license_key=DEMO-STUD-IO00-0006', undefined, h)
      expect(r.json.is_expired).toBe(false)
    } finally {
      await s.close()
    }
  })

  it('deactivates with the plain string, counts a transfer, then device_not_found', async () => {
    await activate({ hardware_id: 'hw-d', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' })
    const r = await deactivate({ hardware_id: 'hw-d', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' })
    expect(r.status).toBe(200)
    expect(r.text).toBe('license_deactivated')
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
    expect(srv.state.license('DEMO-STUD-IO00-0001')?.transferCount).toBe(1)
    expectError(await deactivate({ hardware_id: 'hw-d', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' }), 'device_not_found', 404)
  })

  it('license_transferred_max_times when no transfers are left', async () => {
    expect((await activate({ hardware_id: 'hw-t', product: 'studio', license_key: 'DEMO-STUD-IO00-0003' })).status).toBe(200)
    expectError(await deactivate({ hardware_id: 'hw-t', product: 'studio', license_key: 'DEMO-STUD-IO00-0003' }), 'license_transferred_max_times', 400)
    expect(srv.state.devices('DEMO-STUD-IO00-0003')).toEqual(['hw-t'])
  })

  it('user-based deactivation needs the right password (check_license takes the username alone)', async () => {
    const base = { hardware_id: 'hw-u', product: 'cloud', username: 'demo@license-desk.example' }
    await activate({ ...base, password: 'demo-password-1' })
    expect((await check({ hardware_id: 'hw-u', product: 'cloud', username: base.username })).status).toBe(200)
    expectError(await deactivate({ ...base, password: 'bad' }), 'license_not_found')
    expectError(await deactivate(base), 'missing_parameters', 400)
    expect(srv.state.devices(base.username)).toEqual(['hw-u'])
    expect((await deactivate({ ...base, password: 'demo-password-1' })).text).toBe('license_deactivated')
  })

  it('wrong method and unknown endpoint', async () => {
    const r = await call(srv.url, 'GET', '/api/v4/activate_license')
    expect(r.status).toBe(405)
    expect((await call(srv.url, 'GET', '/api/v4/nothing')).status).toBe(404)
  })

  it('api key constant is the demo one', () => {
    expect(API_KEY).toBe('demo-api-key-3f1c9a7e')
  })
})
