// Seats taken by another program: the local server seeds them (start option, state API, admin endpoint)
// and counts times_activated as the real service documents (down on release).
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN_HEADER, type LocalServer, startServer } from '../../src/server/index'
import { call, useServer } from '../support/server'

const srv = useServer()
const KEY = 'DEMO-STUD-IO00-0001'
const QLM_KEY = 'AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2'

function adminPost(s: LocalServer, path: string, body: unknown): Promise<{ status: number; text: string }> {
  const text = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: s.port,
        method: 'POST',
        path,
        headers: { Host: `127.0.0.1:${s.port}`, [ADMIN_TOKEN_HEADER]: s.adminToken!, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }
      },
      (res) => {
        let t = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (t += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: t }))
      }
    )
    req.on('error', reject)
    req.end(text)
  })
}

describe('seeding a seat taken by another program', () => {
  it('state.seedSeat binds a LicenseSpring device and a QLM activation; the seat counts', async () => {
    expect(srv.state.seedSeat(KEY, 'sdk-id-1')).toBe(true)
    expect(srv.state.seedSeat(QLM_KEY, 'PC-NAME-1')).toBe(true)
    expect(srv.state.seedSeat('NO-SUCH-KEY', 'x')).toBe(false)
    expect(srv.state.devices(KEY)).toEqual(['sdk-id-1'])
    expect(srv.state.license(KEY)?.timesActivated).toBe(1)
    expect(srv.state.qlmActivations(QLM_KEY).map((a) => a.computerId)).toEqual(['PC-NAME-1'])
    // The seeded device is a real seat: check_license finds it, release frees it.
    const q = new URLSearchParams({ hardware_id: 'sdk-id-1', product: 'studio', license_key: KEY })
    expect((await call(srv.url, 'GET', `/api/v4/check_license?${q}`)).json).toMatchObject({ times_activated: 1, license_active: true })
    const rel = await fetch(
      `${srv.url}/qlm/qlmservice.asmx/ReleaseLicenseHttp?${new URLSearchParams({ is_avkey: QLM_KEY, is_pcid: 'PC-NAME-1', is_vendor: 'demo', is_user: 'demo-user', is_pwd: 'demo-pass-Q7' })}`
    )
    expect(await rel.text()).toContain('<result>')
    expect(srv.state.qlmActivations(QLM_KEY)).toEqual([])
  })

  it('times_activated goes down on release (the devices bound now), transfer_count up', async () => {
    srv.state.seedSeat(KEY, 'sdk-id-1')
    const a = await call(srv.url, 'POST', '/api/v4/activate_license', { hardware_id: 'hw-2', product: 'studio', license_key: KEY })
    expect(a.json.times_activated).toBe(2)
    const d = await call(srv.url, 'POST', '/api/v4/deactivate_license', { hardware_id: 'sdk-id-1', product: 'studio', license_key: KEY })
    expect(d.status).toBe(200)
    expect(srv.state.license(KEY)).toMatchObject({ timesActivated: 1, transferCount: 1, devices: ['hw-2'] })
  })

  it('POST /__admin/seats seeds one; bad bodies and unknown keys are refused', async () => {
    expect((await adminPost(srv, '/__admin/seats', { license: KEY, hardwareId: 'admin-seeded' })).status).toBe(200)
    expect(srv.state.devices(KEY)).toEqual(['admin-seeded'])
    expect((await adminPost(srv, '/__admin/seats', { license: KEY })).status).toBe(400)
    expect((await adminPost(srv, '/__admin/seats', { license: 'NOPE', hardwareId: 'x' })).status).toBe(404)
  })
})

describe('the seats start option', () => {
  let s: LocalServer
  beforeAll(async () => {
    s = await startServer({
      port: 0,
      seats: [
        { license: KEY, hardwareId: 'taken-at-start' },
        { license: QLM_KEY, hardwareId: 'QLM-START' }
      ]
    })
  })
  afterAll(() => s.close())
  it('starts with the seats taken', () => {
    expect(s.state.devices(KEY)).toEqual(['taken-at-start'])
    expect(s.state.qlmActivations(QLM_KEY).map((a) => a.computerId)).toEqual(['QLM-START'])
  })
  it('refuses a seat on an unknown license', async () => {
    await expect(startServer({ port: 0, seats: [{ license: 'NOPE', hardwareId: 'x' }] })).rejects.toThrow(/no license "NOPE"/)
  })
})
