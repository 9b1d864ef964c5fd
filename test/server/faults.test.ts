import { describe, expect, it } from 'vitest'
import { networkInterfaces } from 'node:os'
import { authHeaders, call, useServer } from '../support/server'
import { ADMIN_TOKEN_HEADER, startServer } from '../../src/server/index'

const srv = useServer()

const body = { hardware_id: 'hw-f', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' }
const activate = () => call(srv.url, 'POST', '/api/v4/activate_license', body)
const deactivate = () => call(srv.url, 'POST', '/api/v4/deactivate_license', body)

describe('fault injection', () => {
  it('is off by default', async () => {
    expect(srv.faults.get()).toBeUndefined()
    expect((await activate()).status).toBe(200)
  })

  it('adds latency', async () => {
    srv.faults.set({ latencyMs: 300, times: 1 })
    const t0 = Date.now()
    expect((await activate()).status).toBe(200)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280)
    expect(srv.faults.get()).toBeUndefined()
  })

  it('drops the connection before any state change', async () => {
    srv.faults.set({ dropConnection: true, times: 1 })
    await expect(activate()).rejects.toThrow()
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
    expect((await activate()).status).toBe(200)
  })

  it('answers 5xx and recovers after `times`', async () => {
    srv.faults.set({ status: 503, times: 2 })
    expect((await activate()).status).toBe(503)
    expect((await activate()).status).toBe(503)
    expect((await activate()).status).toBe(200)
    srv.faults.set({ status: 500, times: 1 })
    const r = await activate()
    expect(r.status).toBe(500)
    expect(r.json).toMatchObject({ status: 500, code: 'internal_error' })
    srv.faults.set({ status: 502, times: 1 })
    const g = await activate()
    expect(g.status).toBe(502)
    expect(g.headers.get('content-type')).toMatch(/html/)
  })

  it('rate limits with Retry-After', async () => {
    srv.faults.set({ rateLimit: { retryAfterSeconds: 7 }, times: 1 })
    const r = await activate()
    expect(r.status).toBe(429)
    expect(r.headers.get('retry-after')).toBe('7')
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
  })

  it('malformed bodies: html, truncated, empty', async () => {
    srv.faults.set({ malformed: 'html', times: 1 })
    const h = await activate()
    expect(h.status).toBe(200)
    expect(h.headers.get('content-type')).toMatch(/text\/html/)
    expect(h.json).toBeUndefined()
    srv.faults.set({ malformed: 'truncated', times: 1 })
    const t = await activate()
    expect(t.status).toBe(200)
    expect(t.text.length).toBeGreaterThan(0)
    expect(() => JSON.parse(t.text)).toThrow()
    srv.faults.set({ malformed: 'empty', times: 1 })
    const e = await activate()
    expect(e.status).toBe(200)
    expect(e.text).toBe('')
  })

  it('skews the server clock: Date header and date_header_diff', async () => {
    srv.faults.set({ clockSkewMs: 3600_000 })
    const r = await activate()
    expect(r.json.code).toBe('date_header_diff')
    const serverDate = Date.parse(r.headers.get('date') as string)
    expect(serverDate - Date.now()).toBeGreaterThan(3590_000)
    // a client that re-signs with the server's time succeeds
    const ok = await call(srv.url, 'POST', '/api/v4/activate_license', body, authHeaders({ date: new Date(serverDate).toUTCString() }))
    expect(ok.status).toBe(200)
  })

  it('commits then drops the response (the lost response)', async () => {
    await activate()
    srv.faults.set({ dropAfterCommit: true, times: 1, path: 'deactivate_license' })
    await expect(deactivate()).rejects.toThrow()
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
    const retry = await deactivate()
    expect(retry.json.code).toBe('device_not_found')
    expect(srv.requests().map((q) => q.fault ?? '')).toContain('dropAfterCommit')
  })

  it('path filter leaves other routes alone', async () => {
    srv.faults.set({ status: 503, path: '/qlm/' })
    expect((await activate()).status).toBe(200)
    const q = await fetch(`${srv.url}/qlm/qlmservice.asmx/ValidateLicenseHttp?is_avkey=x`)
    expect(q.status).toBe(503)
    expect((await fetch(`${srv.url}/health`)).status).toBe(200)
  })

  it('admin endpoint sets, shows and clears faults; rejects bad specs', async () => {
    const fetch = (url: string, init: RequestInit = {}) => globalThis.fetch(url, { ...init, headers: { ...(init.headers as object), [ADMIN_TOKEN_HEADER]: srv.adminToken! } })
    const set = await fetch(`${srv.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 503, times: 1 }) })
    expect(set.status).toBe(200)
    expect(await set.json()).toEqual({ fault: { status: 503, times: 1 } })
    expect((await activate()).status).toBe(503)
    expect((await activate()).status).toBe(200)
    await fetch(`${srv.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 10 }) })
    expect(srv.faults.get()).toEqual({ latencyMs: 10 })
    expect((await fetch(`${srv.url}/__admin/faults`, { method: 'DELETE' })).status).toBe(200)
    expect(srv.faults.get()).toBeUndefined()
    const bad = await fetch(`${srv.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ status: 418 }) })
    expect(bad.status).toBe(400)
    const settings = await fetch(`${srv.url}/__admin/settings`, { method: 'POST', body: JSON.stringify({ minOfflineSchemaVersion: 2, bom: true }) })
    expect(await settings.json()).toMatchObject({ minOfflineSchemaVersion: 2, qlm: { bom: true } })
    expect(srv.getMinOfflineSchemaVersion()).toBe(2)
    srv.setMinOfflineSchemaVersion(1)
    srv.setQlmPolicy({ bom: false })
  })

  it('admin endpoint refuses non-loopback clients', async () => {
    const ip = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address
    if (!ip) return // no external interface on this machine: nothing to test
    const open = await startServer({ host: '0.0.0.0', admin: true })
    const fetch = (url: string, init: RequestInit = {}) => globalThis.fetch(url, { ...init, headers: { [ADMIN_TOKEN_HEADER]: open.adminToken! } })
    try {
      const r = await fetch(`http://${ip}:${open.port}/__admin/faults`, { method: 'POST', body: JSON.stringify({ status: 503 }) })
      expect(r.status).toBe(403)
      expect(open.faults.get()).toBeUndefined()
      const local = await fetch(`http://127.0.0.1:${open.port}/__admin/faults`, { method: 'GET' })
      expect(local.status).toBe(200)
    } finally {
      await open.close()
    }
  })
})
