// Floating cloud licenses on the local server: seat counting, borrow with an end date, release.
import { describe, expect, it } from 'vitest'
import { call, offlineV1, useServer } from '../support/server'

const srv = useServer()
const FLOAT = 'DEMO-STUD-IO00-0013' // two at a time, borrow up to 72 h
const SINGLE = 'DEMO-STUD-IO00-0014' // one at a time, no borrowing
const body = (hw: string, key = FLOAT) => ({ product: 'studio', hardware_id: hw, license_key: key })
const activate = (hw: string, key = FLOAT) => call(srv.url, 'POST', '/api/v4/activate_license', body(hw, key))
const borrow = (hw: string, until: string | null, key = FLOAT) => call(srv.url, 'POST', '/api/v4/floating/borrow', { ...body(hw, key), borrowed_until: until })
const release = (hw: string, key = FLOAT) => call(srv.url, 'POST', '/api/v4/floating/release', body(hw, key))
const inUse = (key = FLOAT) => (srv.state.rawLicense(key)!.floatingInUse ?? []).map((s) => s.hardwareId)

describe('floating cloud licenses', () => {
  it('say they are floating, and count the slots: the third computer waits', async () => {
    const a = await activate('hw-1')
    expect(a.json).toMatchObject({ is_floating_cloud: true, floating_users: 2, can_borrow: true, max_borrow_time: 72, floating_in_use_devices: 1 })
    expect(Date.parse(a.json.floating_end_date) - Date.now()).toBeGreaterThan(119 * 60_000)
    expect((await activate('hw-2')).status).toBe(200)
    const third = await activate('hw-3')
    expect(third.json.code).toBe('floating_not_available')
    expect(srv.state.devices(FLOAT)).toEqual(['hw-1', 'hw-2'])
    // a key license is not floating
    expect((await activate('hw-k', 'DEMO-STUD-IO00-0001')).json).toMatchObject({ is_floating_cloud: false })
  })

  it('borrow until a date: the answer carries borrowed_until; null takes the longest allowed', async () => {
    await activate('hw-1')
    const until = new Date(Date.now() + 48 * 3_600_000).toISOString()
    const b = await borrow('hw-1', until)
    expect(b.status).toBe(200)
    expect(b.json.borrowed_until).toBe(until)
    const longest = await borrow('hw-1', null)
    expect(Date.parse(longest.json.borrowed_until) - Date.now()).toBeGreaterThan(71.9 * 3_600_000)
    // a later check does not shorten the borrowed slot
    const c = await call(srv.url, 'GET', `/api/v4/check_license?${new URLSearchParams(body('hw-1'))}`)
    expect(c.json.borrowed_until).toBe(longest.json.borrowed_until)
  })

  it('refuses a borrow beyond the limit, in the past, on a license that does not allow it, or for an unknown device', async () => {
    await activate('hw-1')
    expect((await borrow('hw-1', new Date(Date.now() + 73 * 3_600_000).toISOString())).json.code).toBe('borrow_until_not_valid')
    expect((await borrow('hw-1', new Date(Date.now() - 60_000).toISOString())).json.code).toBe('borrow_until_not_valid')
    expect((await borrow('hw-1', 'next tuesday')).json.code).toBe('borrow_until_not_valid')
    expect((await call(srv.url, 'POST', '/api/v4/floating/borrow', body('hw-1'))).json.code).toBe('missing_parameters')
    expect((await borrow('hw-9', null)).json.code).toBe('device_not_found')
    await activate('hw-s', SINGLE)
    expect((await borrow('hw-s', null, SINGLE)).json.code).toBe('license_borrow_not_allowed')
  })

  it('release frees the slot early so a colleague can take it', async () => {
    await activate('hw-s', SINGLE)
    expect((await activate('hw-colleague', SINGLE)).json.code).toBe('floating_not_available')
    const r = await release('hw-s', SINGLE)
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    expect(inUse(SINGLE)).toEqual([])
    expect((await activate('hw-colleague', SINGLE)).status).toBe(200)
    expect((await release('hw-s', SINGLE)).json.code).toBe('device_not_found')
  })

  it('a borrowed slot is freed by release; an expired slot frees itself', async () => {
    await activate('hw-1')
    await activate('hw-2')
    await borrow('hw-1', null)
    expect((await release('hw-1')).status).toBe(200)
    expect(inUse()).toEqual(['hw-2'])
    await activate('hw-1')
    expect((await activate('hw-3')).json.code).toBe('floating_not_available')
    // hw-2's slot runs out (nobody checked the license for its timeout): hw-3 gets it
    srv.state.rawLicense(FLOAT)!.floatingInUse!.find((s) => s.hardwareId === 'hw-2')!.until = new Date(Date.now() - 1000).toISOString()
    expect((await activate('hw-3')).status).toBe(200)
    expect(inUse()).toEqual(['hw-1', 'hw-3'])
  })

  it('offline files are refused for floating licenses', async () => {
    const r = await call(srv.url, 'POST', '/api/v4/activate_offline', offlineV1({ request: 'activation', hardwareId: 'hw-o', licenseKey: FLOAT }))
    expect(r.json.code).toBe('offline_floating_cloud_not_supported')
  })
})
