// The admin and fault endpoints: only for a server started for tests, and then only for a request that
// names this server's loopback address and port, comes from no other origin and carries the token.
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN_HEADER, type LocalServer, REQUEST_LOG_MAX, REQUEST_PATH_MAX, startServer } from '../../src/server/index'

/** A raw request (fetch may not forge Host). */
function raw(srv: LocalServer, method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, method, path, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('admin endpoints of a server started for tests', () => {
  let srv: LocalServer
  beforeAll(async () => {
    srv = await startServer({ port: 0, admin: true })
  })
  afterAll(() => srv.close())
  const own = () => ({ Host: `127.0.0.1:${srv.port}`, [ADMIN_TOKEN_HEADER]: srv.adminToken! })

  it('obey a request with the right Host, no Origin and the token', async () => {
    const r = await raw(srv, 'POST', '/__admin/faults', { ...own(), 'Content-Type': 'application/json' }, JSON.stringify({ latencyMs: 1 }))
    expect(r.status).toBe(200)
    expect(srv.faults.get()).toEqual({ latencyMs: 1 })
    srv.faults.clear()
  })

  it('refuse a cross-origin text/plain POST to /__admin/faults, with or without the token', async () => {
    const spec = JSON.stringify({ status: 503 })
    const page = { Host: `127.0.0.1:${srv.port}`, Origin: 'http://evil.example', 'Content-Type': 'text/plain' }
    expect((await raw(srv, 'POST', '/__admin/faults', page, spec)).status).toBe(403)
    expect((await raw(srv, 'POST', '/__admin/faults', { ...page, [ADMIN_TOKEN_HEADER]: srv.adminToken! }, spec)).status).toBe(403)
    // a same-site page without the token (a form post from our own origin) is refused too
    expect((await raw(srv, 'POST', '/__admin/faults', { ...page, Origin: `http://127.0.0.1:${srv.port}` }, spec)).status).toBe(403)
    expect(srv.faults.get()).toBeUndefined()
  })

  it('refuse a forged Host on /__admin/state (DNS rebinding), even with the token', async () => {
    for (const Host of ['evil.example', `evil.example:${srv.port}`, `127.0.0.1:${srv.port + 1}`]) {
      const r = await raw(srv, 'GET', '/__admin/state', { ...own(), Host })
      expect(r.status).toBe(403)
      expect(r.text).not.toContain('password')
    }
  })

  it('refuse a request without the token or with another start’s token', async () => {
    expect((await raw(srv, 'GET', '/__admin/state', { Host: `127.0.0.1:${srv.port}` })).status).toBe(403)
    expect((await raw(srv, 'GET', '/__admin/state', { ...own(), [ADMIN_TOKEN_HEADER]: 'x'.repeat(srv.adminToken!.length) })).status).toBe(403)
    const other = await startServer({ port: 0, admin: true })
    try {
      expect(other.adminToken).not.toBe(srv.adminToken)
      expect((await raw(srv, 'GET', '/__admin/state', { ...own(), [ADMIN_TOKEN_HEADER]: other.adminToken! })).status).toBe(403)
    } finally {
      await other.close()
    }
  })
})

describe('a server not started for tests', () => {
  let srv: LocalServer
  beforeAll(async () => {
    srv = await startServer({ port: 0 })
  })
  afterAll(() => srv.close())

  it('has no admin endpoints (404) and no token', async () => {
    expect(srv.adminToken).toBeUndefined()
    for (const [method, path] of [
      ['GET', '/__admin/state'],
      ['POST', '/__admin/faults'],
      ['GET', '/__admin/faults'],
      ['POST', '/__admin/reset'],
      ['POST', '/__admin/settings']
    ]) {
      const r = await raw(srv, method!, path!, { Host: `127.0.0.1:${srv.port}`, 'Content-Type': 'application/json' }, method === 'POST' ? '{"status":503}' : '')
      expect(r.status, `${method} ${path}`).toBe(404)
    }
    expect(srv.faults.get()).toBeUndefined()
  })
})

describe('the request log', () => {
  let srv: LocalServer
  beforeAll(async () => {
    srv = await startServer({ port: 0 })
  })
  afterAll(() => srv.close())

  it('stays bounded in records and bytes over repeated bursts of long paths', async () => {
    const long = `/nope/${'x'.repeat(4000)}`
    for (let burst = 0; burst < 3; burst++) {
      const batch = Array.from({ length: 400 }, (_, i) => raw(srv, 'GET', `${long}${burst}-${i}`, {}))
      for (const r of await Promise.all(batch)) expect(r.status).toBe(404)
      const log = srv.requests()
      expect(log.length).toBe(Math.min((burst + 1) * 400, REQUEST_LOG_MAX))
      expect(log.every((r) => r.path.length <= REQUEST_PATH_MAX)).toBe(true)
    }
    // 1,200 requests of 4 kB paths keep at most REQUEST_LOG_MAX short records, the newest ones
    const log = srv.requests()
    expect(log.length).toBe(REQUEST_LOG_MAX)
    expect(log.reduce((n, r) => n + r.path.length, 0)).toBeLessThanOrEqual(REQUEST_LOG_MAX * REQUEST_PATH_MAX)
    expect(log.at(-1)!.status).toBe(404)
    srv.clearRequests()
    expect(srv.requests()).toEqual([])
  })
})
