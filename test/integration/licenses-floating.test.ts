// Several licenses of one account (pick by license_id, sent on every later call, online and offline)
// and floating licenses (borrow with an end date, release early) through the CLI against the local server.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { LicenseSpringClient } from '@core/providers/licensespring/client'
import { cli, ensureCliBuilt, readState, startDemo, uploadToPortal, type Demo } from '../support/demo'

const TEAM = 'team@license-desk.example'
const PASS = { LICENSE_DESK_PASSWORD: 'team-password-1' }
let demo: Demo
let hwid: string

beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo()
  hwid = (await cli(null, ['--json', 'hwid'])).json.hardwareId
})
afterAll(async () => demo?.close())
beforeEach(() => {
  demo.server.state.reset()
  rmSync(demo.dataDir, { recursive: true, force: true })
})

const seats = (id: number) => (demo.server.state.snapshot().licensespring.licenses.find((l) => l.id === id)!.devices ?? []).map((d) => d.hardwareId)
const decode = (file: string) => {
  const v = JSON.parse(Buffer.from(readFileSync(file, 'utf8'), 'base64').toString('utf8'))
  return typeof v.request === 'object' ? v.request : v
}

describe('an account with several licenses', () => {
  it('lists them with a recognisable summary', async () => {
    const r = await cli(demo, ['licenses', 'cloud', '--user', TEAM], PASS)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^2002 +perpetual, 0 of 3 seats used — Design office, 3 seats$/m)
    expect(r.stdout).toMatch(/^2003 +subscription, valid until 2030-01-01, 0 of 1 seats used — Home office subscription, 1 seat$/m)
    const j = await cli(demo, ['--json', 'licenses', 'cloud', '--user', TEAM], PASS)
    expect(j.json.licenses.map((l: { licenseId: number }) => l.licenseId)).toEqual([2002, 2003])
    const wrong = await cli(demo, ['--json', 'licenses', 'cloud', '--user', TEAM], { LICENSE_DESK_PASSWORD: 'nope' })
    expect(wrong.json.error.serverCode).toBe('license_not_found')
  })

  it('activates the chosen one and deactivates that one (license_id sent on both)', async () => {
    const a = await cli(demo, ['--json', 'activate', 'cloud', '--user', TEAM, '--license-id', '2003'], PASS)
    expect(a.code).toBe(0)
    expect(a.json.product.license.licenseId).toBe(2003)
    expect(seats(2003)).toEqual([hwid])
    expect(seats(2002)).toEqual([])
    expect((await cli(demo, ['status', 'cloud'])).stdout).toMatch(/license id 2003/)
    const d = await cli(demo, ['--json', 'deactivate', 'cloud'])
    expect(d.code).toBe(0)
    // without license_id the server would have looked at 2002 and answered device_not_found
    expect(d.json.alreadyReleased).toBe(false)
    expect(seats(2003)).toEqual([])
    expect((await cli(demo, ['--json', 'activate', 'cloud', '--user', TEAM, '--license-id', 'x'], PASS)).code).toBe(2)
  })

  it('check_license carries license_id too', async () => {
    await cli(demo, ['--json', 'activate', 'cloud', '--user', TEAM, '--license-id', '2003'], PASS)
    const client = new LicenseSpringClient(
      { apiBaseUrl: demo.server.url, productCode: 'cloud', auth: { kind: 'api-key', apiKey: 'demo-api-key-3f1c9a7e', sharedKey: 'demo-shared-key-R8tq2VwLmN4pXs7K' } },
      { clock: { offsetMs: null }, retryBaseMs: 5 }
    )
    const r = await client.check(hwid, { username: TEAM, licenseId: 2003 })
    expect(r.license).toMatchObject({ id: 2003, license_type: 'subscription' })
    // without it the server looks at the first license, which this computer does not hold
    const e = await client.check(hwid, { username: TEAM }).catch((x) => x)
    expect(e.info.serverCode).toBe('device_not_found')
  })

  it('the seat check (license-desk check) sends the chosen license_id: the seat of 2003 is found', async () => {
    expect((await cli(demo, ['--json', 'activate', 'cloud', '--user', TEAM, '--license-id', '2003'], PASS)).code).toBe(0)
    // without license_id the server would look at 2002, which holds no seat here, and answer device_not_found (gone)
    const c = await cli(demo, ['--json', 'check', 'cloud'])
    expect(c.code).toBe(0)
    expect(c.json).toMatchObject({ ok: true, verdict: 'ok' })
  })

  it('offline: the request and the deactivation file carry license_id', async () => {
    const req = join(demo.dir, 'team.req')
    expect((await cli(demo, ['--json', 'offline-request', 'cloud', '--user', TEAM, '--license-id', '2002', '--out', req])).code).toBe(0)
    expect(decode(req).license_id).toBe(2002)
    const lic = await uploadToPortal(demo.server.url, readFileSync(req, 'utf8'))
    expect(lic.status).toBe(200)
    const licPath = join(demo.dir, 'team.lic')
    writeFileSync(licPath, lic.body)
    expect((await cli(demo, ['--json', 'import', 'cloud', licPath])).code).toBe(0)
    expect(readState(demo.dataDir).licenses.cloud.licenseId).toBe(2002)
    expect(seats(2002)).toEqual([hwid])
    const off = join(demo.dir, 'team-off.req')
    expect((await cli(demo, ['--json', 'deactivate', 'cloud', '--offline', '--out', off])).code).toBe(0)
    expect(decode(off).license_id).toBe(2002)
    expect((await uploadToPortal(demo.server.url, readFileSync(off, 'utf8'))).status).toBe(200)
    expect(seats(2002)).toEqual([])
  })
})

describe('floating licenses', () => {
  const FLOAT = 'DEMO-STUD-IO00-0013'
  const slot = (key = FLOAT) => demo.server.state.rawLicense(key)!.floatingInUse ?? []

  it('shows the license is floating, borrows it until a date with a countdown, and returns it early', async () => {
    const a = await cli(demo, ['--json', 'activate', 'studio', '--key', FLOAT])
    expect(a.json.product.license.floating).toEqual({ users: 2, canBorrow: true, maxBorrowHours: 72 })
    expect(a.json.product.canDeactivateOffline).toBe(false)
    const b = await cli(demo, ['borrow', 'studio', '--hours', '24'])
    expect(b.code).toBe(0)
    expect(b.stdout).toMatch(/^Borrowed Demo Studio until \d{4}-\d{2}-\d{2}T.*\((23 h 59 min|1 d 0 h) from now\)/)
    const st = await cli(demo, ['--json', 'status', 'studio'])
    const until = st.json.products[0].license.floating.borrowedUntil
    expect(Math.abs(Date.parse(until) - Date.now() - 24 * 3_600_000)).toBeLessThan(60_000)
    expect(slot()).toMatchObject([{ hardwareId: hwid, borrowed: true, until }])
    expect((await cli(demo, ['status', 'studio'])).stdout).toMatch(
      /floating: 2 computers at a time, can be borrowed for up to 72 hours\n {4}borrowed until .* \((23 h 59 min|1 d 0 h) left\)/
    )
    // beyond what the license allows: refused before anything is sent
    const far = await cli(demo, ['--json', 'borrow', 'studio', '--hours', '100'])
    expect(far.json.error).toMatchObject({ code: 'invalid_input' })
    const r = await cli(demo, ['--json', 'release', 'studio'])
    expect(r.code).toBe(0)
    expect(r.json.product.license.floating.borrowedUntil).toBeUndefined()
    expect(slot()).toEqual([])
  })

  it('release lets a colleague take the only seat', async () => {
    const SINGLE = 'DEMO-STUD-IO00-0014'
    await cli(demo, ['activate', 'studio', '--key', SINGLE])
    const colleague = { product: 'studio', hardware_id: 'colleague-pc', license_key: SINGLE }
    const api = async () => {
      const date = new Date().toUTCString()
      const { createHmac } = await import('node:crypto')
      const sig = createHmac('sha256', 'demo-shared-key-R8tq2VwLmN4pXs7K').update(`licenseSpring\ndate: ${date}`).digest('base64')
      const res = await fetch(`${demo.server.url}/api/v4/activate_license`, {
        method: 'POST',
        headers: { Date: date, Authorization: `algorithm="hmac-sha256",headers="date",signature="${sig}",apikey="demo-api-key-3f1c9a7e"`, 'Content-Type': 'application/json' },
        body: JSON.stringify(colleague)
      })
      return (await res.json()) as { code?: string }
    }
    expect((await api()).code).toBe('floating_not_available')
    // borrowing is not allowed on this one
    expect((await cli(demo, ['--json', 'borrow', 'studio'])).json.error.code).toBe('offline_not_supported')
    expect((await cli(demo, ['release', 'studio'])).code).toBe(0)
    expect((await api()).code).toBeUndefined()
  })
})
