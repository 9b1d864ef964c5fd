import { describe, expect, it } from 'vitest'
import { API_KEY, SHARED_KEY, call, hmac, offlineFields, offlineV1, offlineV2, rsaVerify, useServer } from '../support/server'

const srv = useServer(() => {
  srv.setMinOfflineSchemaVersion(1)
})

const actOffline = (file: string) => call(srv.url, 'POST', '/api/v4/activate_offline', file)
const deactOffline = (file: string) => call(srv.url, 'POST', '/api/v4/deactivate_offline', file)

/** activate_offline called directly answers the license object as JSON (the portal hands a .lic). */
function decodeLic(text: string): { obj: Record<string, any>; json: string } {
  return { obj: JSON.parse(text), json: text }
}

describe('offline activation', () => {
  it('v1 file -> .lic with request_id, offline_signature and both license signatures', async () => {
    const requestId = 'c0ffee00-1111-4222-8333-444455556666'
    const r = await actOffline(offlineV1({ request: 'activation', hardwareId: 'hw-off', licenseKey: 'DEMO-STUD-IO00-0001', requestId }) + '\n')
    expect(r.status).toBe(200)
    const { obj } = decodeLic(r.text)
    expect(obj).toMatchObject({ license_key: 'DEMO-STUD-IO00-0001', hardware_id: 'hw-off', request_id: requestId, product_details: { short_code: 'studio' } })
    expect(rsaVerify('hw-off#demo-stud-io00-0001#', obj.license_signature)).toBe(true)
    expect(obj.offline_signature).toBe(hmac(SHARED_KEY, `licenseSpring\ndate: ${obj.date}\nDEMO-STUD-IO00-0001\nhw-off\n${API_KEY}`))
    const stripped = { ...obj }
    delete stripped.license_signature
    delete stripped.license_signature_v2
    expect(rsaVerify(Buffer.from(JSON.stringify(stripped), 'utf8'), obj.license_signature_v2)).toBe(true)
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual(['hw-off'])
  })

  it('v2 file verifies the outer signature over the raw inner bytes (even non-compact)', async () => {
    const pretty = offlineV2({ request: 'activation', hardwareId: 'hw-v2', licenseKey: 'DEMO-STUD-IO00-0001' }, (inner) => JSON.stringify(inner, null, 2))
    expect((await actOffline(pretty)).status).toBe(200)
    const compact = offlineV2({ request: 'activation', hardwareId: 'hw-v2b', licenseKey: 'DEMO-STUD-IO00-0001' })
    expect((await actOffline(compact)).status).toBe(200)
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual(['hw-v2', 'hw-v2b'])
  })

  it('v2 whose signature covers other bytes than the embedded inner object -> signature_mismatch', async () => {
    // Signed compact, then embedded pretty-printed: the file breaks "sign those bytes, embed the same bytes".
    const inner = { ...offlineFields({ request: 'activation', hardwareId: 'hw-re', licenseKey: 'DEMO-STUD-IO00-0001' }), schema_version: 2 }
    const sig = hmac(SHARED_KEY, JSON.stringify(inner))
    const file = Buffer.from(`{"request":${JSON.stringify(inner, null, 2)},"signature":"${sig}"}`).toString('base64')
    expect((await actOffline(file)).json).toMatchObject({ code: 'signature_mismatch' })
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
  })

  it('v2 with a tampered inner field or outer signature -> signature_mismatch', async () => {
    const inner = { ...offlineFields({ request: 'activation', hardwareId: 'hw-t', licenseKey: 'DEMO-STUD-IO00-0001' }), schema_version: 2 }
    const bytes = JSON.stringify(inner)
    const sig = hmac(SHARED_KEY, bytes)
    const tampered = bytes.replace('"schema_version":2', '"schema_version":2,"extra":1')
    const f1 = Buffer.from(`{"request":${tampered},"signature":"${sig}"}`).toString('base64')
    expect((await actOffline(f1)).json).toMatchObject({ code: 'signature_mismatch' })
    const f2 = Buffer.from(`{"request":${bytes},"signature":"${hmac('other', bytes)}"}`).toString('base64')
    expect((await actOffline(f2)).json).toMatchObject({ code: 'signature_mismatch' })
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
  })

  it('minimum schema version 2 refuses v1 files', async () => {
    srv.setMinOfflineSchemaVersion(2)
    const r = await actOffline(offlineV1({ request: 'activation', hardwareId: 'hw', licenseKey: 'DEMO-STUD-IO00-0001' }))
    expect(r.status).toBe(400)
    expect(r.json.code).toBe('signature_mismatch')
    expect(r.json.message).toMatch(/schema version 2/)
    expect((await actOffline(offlineV2({ request: 'activation', hardwareId: 'hw', licenseKey: 'DEMO-STUD-IO00-0001' }))).status).toBe(200)
  })

  it('refuses bad files with named codes', async () => {
    const v1 = (o: Partial<Parameters<typeof offlineV1>[0]> = {}) => offlineV1({ request: 'activation', hardwareId: 'hw', licenseKey: 'DEMO-STUD-IO00-0001', ...o })
    expect((await actOffline('%%%')).json.code).toBe('missing_parameters')
    expect((await actOffline(Buffer.from('not json').toString('base64'))).json.code).toBe('missing_parameters')
    expect((await actOffline(v1({ sharedKey: 'wrong' }))).json.code).toBe('signature_mismatch')
    expect((await actOffline(v1({ apiKey: 'unknown' }))).json.code).toBe('invalid_api_key')
    expect((await actOffline(v1({ request: 'deactivation' }))).json.code).toBe('missing_parameters')
    expect((await actOffline(v1({ product: 'nope' }))).json.code).toBe('unknown_product')
    expect((await actOffline(v1({ licenseKey: 'DEMO-STUD-IO00-0006' }))).json.code).toBe('offline_floating_cloud_not_supported')
    expect((await actOffline(v1({ licenseKey: 'DEMO-STUD-IO00-0002' }))).json.code).toBe('license_activated_max_times')
    // a trial time-limited license can go offline
    expect((await actOffline(v1({ licenseKey: 'DEMO-STUD-IO00-0008' }))).status).toBe(200)
    // the HTTP call itself still needs Date + Authorization
    const r = await call(srv.url, 'POST', '/api/v4/activate_offline', v1(), { Accept: 'application/json' })
    expect(r.json.code).toBe('missing_headers')
  })

  it('user-based v1 file', async () => {
    const r = await actOffline(offlineV1({ request: 'activation', product: 'cloud', hardwareId: 'hw-u', username: 'demo@license-desk.example' }))
    expect(r.status).toBe(200)
    const { obj } = decodeLic(r.text)
    expect(obj.username).toBe('demo@license-desk.example')
    expect(obj.offline_signature).toBe(hmac(SHARED_KEY, `licenseSpring\ndate: ${obj.date}\ndemo@license-desk.example\nhw-u\n${API_KEY}`))
  })
})

describe('offline deactivation', () => {
  it('releases the seat (v1 and v2), then device_not_found on replay', async () => {
    await actOffline(offlineV1({ request: 'activation', hardwareId: 'hw-1', licenseKey: 'DEMO-STUD-IO00-0001' }))
    await actOffline(offlineV1({ request: 'activation', hardwareId: 'hw-2', licenseKey: 'DEMO-STUD-IO00-0001' }))
    const f1 = offlineV1({ request: 'deactivation', hardwareId: 'hw-1', licenseKey: 'DEMO-STUD-IO00-0001' })
    const r = await deactOffline(f1)
    expect(r.status).toBe(200)
    expect(r.text).toBe('license_deactivated')
    const r2 = await deactOffline(offlineV2({ request: 'deactivation', hardwareId: 'hw-2', licenseKey: 'DEMO-STUD-IO00-0001' }))
    expect(r2.text).toBe('license_deactivated')
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
    expect((await deactOffline(f1)).json.code).toBe('device_not_found')
  })

  it('transfer limit applies offline too', async () => {
    await actOffline(offlineV1({ request: 'activation', hardwareId: 'hw-3', licenseKey: 'DEMO-STUD-IO00-0003' }))
    const r = await deactOffline(offlineV1({ request: 'deactivation', hardwareId: 'hw-3', licenseKey: 'DEMO-STUD-IO00-0003' }))
    expect(r.json.code).toBe('license_transferred_max_times')
  })
})
