// Browser mode's transport security (src/ui/server.ts), each point against a running server over real
// HTTP: loopback only on a random port, a >= 128-bit token from the URL fragment on every call, Host and
// Origin checks, no CORS, no state change on GET, the app's CSP, openExternal through the same allow-list,
// and the token never in logs, diagnostics, history or the state file.
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AppInfo } from '@shared/contract'
import { ROUTES, TOKEN_HEADER } from '@shared/http'
import { CHANNELS } from '@shared/contract'
import { createHandlers } from '../../src/main/handlers'
import { externalPolicyFromProfile } from '../../src/main/external'
import { CSP } from '../../src/main/security'
import { createBrowserNative, freeFileName } from '../../src/ui/native'
import type { OsEffect } from '../../src/ui/os'
import { startUiServer, type UiServer } from '../../src/ui/server'
import { KEYS, startDemo, type Demo } from '../support/demo'
import { makeDesk } from '../support/desk'

let demo: Demo
let rendererDir: string
let saveDir: string
const effects: OsEffect[] = []
const logs: string[] = []
const servers: UiServer[] = []

beforeAll(async () => {
  demo = await startDemo()
  rendererDir = mkdtempSync(join(tmpdir(), 'ld-ui-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>')
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'void 0')
  saveDir = join(demo.dir, 'Downloads')
  mkdirSync(saveDir)
})
afterAll(async () => {
  await demo.close()
  rmSync(rendererDir, { recursive: true, force: true })
})
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

function appInfo(): AppInfo {
  return {
    appName: 'Demo',
    vendorName: 'Demo',
    supportEmail: demo.profile.app.supportEmail,
    supportUrl: demo.profile.app.supportUrl ?? '',
    version: 't',
    versions: {},
    locale: 'en-US',
    demo: true
  }
}

async function start(extra: { idleStopMs?: number; onIdleStop?: () => void } = {}): Promise<UiServer & { token: string }> {
  const desk = makeDesk(demo.dataDir, demo.profile)
  const native = createBrowserNative({
    saveDir,
    appInfo,
    os: { openUrl: async (url) => (effects.push({ kind: 'openUrl', url }), true), showInFolder: async (path) => (effects.push({ kind: 'showInFolder', path }), true) }
  })
  const handlers = createHandlers(desk, native, { external: externalPolicyFromProfile(demo.profile, true) })
  const server = await startUiServer({ handlers, rendererDir, log: (l) => logs.push(l), ...extra })
  servers.push(server)
  return { ...server, token: new URL(server.url).hash.replace('#token=', '') }
}

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request (node:http lets a test send any Host or Origin, as a rebinding page or another site would). */
function raw(s: UiServer, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: s.port, method, path, headers: { Host: `127.0.0.1:${s.port}`, ...headers } }, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

function call(s: UiServer & { token: string }, channel: string, input?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return raw(s, 'POST', `/api/${channel}`, { Origin: s.origin, 'Content-Type': 'application/json', [TOKEN_HEADER]: s.token, ...headers }, JSON.stringify({ input }))
}

describe('browser mode transport', () => {
  it('listens on 127.0.0.1 only, on a random port each launch', async () => {
    const a = await start()
    const b = await start()
    expect(new URL(a.url).hostname).toBe('127.0.0.1')
    expect(a.port).toBeGreaterThan(0)
    expect(a.port).not.toBe(b.port)
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address)
    if (others.length === 0) console.log('note: no non-loopback IPv4 address on this machine, so only the loopback binding is checked')
    for (const address of others) {
      const refused = await new Promise<boolean>((r) => {
        const sock = connect({ host: address, port: a.port })
        sock.once('connect', () => (sock.destroy(), r(false)))
        sock.once('error', () => r(true))
      })
      expect(refused, `port open on ${address}`).toBe(true)
    }
  })

  it('hands a fresh token of at least 128 bits to the page in the URL fragment', async () => {
    const a = await start()
    const b = await start()
    expect(new URL(a.url).pathname).toBe('/')
    expect(new URL(a.url).search).toBe('')
    expect(a.url).toMatch(/\/#token=[\w-]+$/)
    expect(Buffer.from(a.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    expect(a.token).not.toBe(b.token)
  })

  it('requires the token on every API call and on the event stream', async () => {
    const s = await start()
    expect((await call(s, 'status:get')).status).toBe(200)
    expect(JSON.parse((await call(s, 'status:get')).body).ok).toBe(true)
    expect((await call(s, 'status:get', undefined, { [TOKEN_HEADER]: '' })).status).toBe(401)
    expect((await call(s, 'status:get', undefined, { [TOKEN_HEADER]: s.token.slice(0, -1) + (s.token.endsWith('A') ? 'B' : 'A') })).status).toBe(401)
    expect((await raw(s, 'GET', '/events', {})).status).toBe(401)
  })

  it('routes every contract channel, derived from the contract', async () => {
    expect(ROUTES.map((r) => r.channel).sort()).toEqual([...CHANNELS].sort())
    const s = await start()
    expect((await call(s, 'no:such-channel')).status).toBe(404)
  })

  it('refuses a forged Host (DNS rebinding), on pages and calls alike', async () => {
    const s = await start()
    for (const host of ['evil.example', `evil.example:${s.port}`, `localhost:${s.port}`, `127.0.0.1:${s.port + 1}`, `[::1]:${s.port}`]) {
      expect((await raw(s, 'GET', '/', { Host: host })).status, host).toBe(403)
      expect((await call(s, 'status:get', undefined, { Host: host })).status, host).toBe(403)
    }
    expect((await raw(s, 'GET', '/')).status).toBe(200)
  })

  it('refuses another Origin, a call without Origin, and cross-site fetches', async () => {
    const s = await start()
    for (const origin of [`http://127.0.0.1:${s.port + 1}`, 'http://localhost:' + s.port, 'null', 'https://evil.example'])
      expect((await call(s, 'status:get', undefined, { Origin: origin })).status, origin).toBe(403)
    expect((await raw(s, 'POST', '/api/status:get', { 'Content-Type': 'application/json', [TOKEN_HEADER]: s.token }, '{}')).status).toBe(403)
    expect((await call(s, 'status:get', undefined, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    expect((await raw(s, 'GET', '/events', { [TOKEN_HEADER]: s.token, Origin: 'https://evil.example' })).status).toBe(403)
  })

  it('sends no CORS header, not even to a preflight', async () => {
    const s = await start()
    const answers = [
      await raw(s, 'OPTIONS', '/api/status:get', { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': TOKEN_HEADER }),
      await call(s, 'status:get'),
      await raw(s, 'GET', '/')
    ]
    expect(answers[0].status).toBe(403)
    for (const a of answers) expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
  })

  it('changes no state on GET: API routes answer GET with 405, before any handler runs', async () => {
    const s = await start()
    const before = demo.server.requests().length
    for (const channel of ['activate:online', 'deactivate:online', 'status:get']) {
      const a = await raw(s, 'GET', `/api/${channel}?input=${encodeURIComponent(JSON.stringify({ productId: 'studio', operationId: 'x', licenseKey: KEYS.fresh }))}`, {
        [TOKEN_HEADER]: s.token,
        Origin: s.origin
      })
      expect(a.status).toBe(405)
    }
    expect(demo.server.requests().length).toBe(before)
    expect(demo.server.state.devices(KEYS.fresh)).toEqual([])
    // a form post (text/plain, no preflight in a browser) is refused too
    expect((await call(s, 'status:get', undefined, { 'Content-Type': 'text/plain' })).status).toBe(415)
  })

  it('serves pages with the app CSP (the same string Electron sends), no framing, no sniffing', async () => {
    const s = await start()
    const page = await raw(s, 'GET', '/')
    expect(page.headers['content-security-policy']).toBe(CSP)
    expect(CSP).toContain("frame-ancestors 'none'")
    expect(page.headers['x-frame-options']).toBe('DENY')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect((await raw(s, 'GET', '/../package.json')).status).not.toBe(200)
    expect((await raw(s, 'GET', '/%2e%2e/%2e%2e/package.json')).status).not.toBe(200)
    expect((await raw(s, 'GET', '/..%2f..%2fpackage.json')).status).toBe(403)
  })

  it('opens external links only through the same allow-list as Electron', async () => {
    const s = await start()
    effects.length = 0
    const refused = JSON.parse((await call(s, 'shell:open-external', { url: 'https://evil.example/' })).body)
    expect(refused.ok).toBe(false)
    expect(JSON.parse((await call(s, 'shell:open-external', { url: 'file:///etc/passwd' })).body).ok).toBe(false)
    expect(effects).toEqual([])
    const ok = JSON.parse((await call(s, 'shell:open-external', { url: 'mailto:support@license-desk.example?subject=Help' })).body)
    expect(ok).toEqual({ ok: true, value: null })
    expect(effects).toEqual([{ kind: 'openUrl', url: 'mailto:support@license-desk.example?subject=Help' }])
  })

  it('streams progress events to every open tab and stops a short time after the last one closed', async () => {
    let stopped = false
    const s = await start({ idleStopMs: 300, onIdleStop: () => (stopped = true) })
    const ctrl = new AbortController()
    const res = await fetch(`${s.origin}/events`, { headers: { [TOKEN_HEADER]: s.token }, signal: ctrl.signal })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = res.body!.getReader()
    await reader.read()
    expect(s.connections()).toBe(1)
    const activation = call(s, 'activate:online', { productId: 'studio', operationId: 'op1', licenseKey: KEYS.fresh })
    let text = ''
    while (!text.includes('"step":"contacting"')) text += new TextDecoder().decode((await reader.read()).value)
    expect(JSON.parse((await activation).body).ok).toBe(true)
    expect(text).toContain('"operationId":"op1"')
    ctrl.abort()
    await new Promise((r) => setTimeout(r, 800))
    expect(stopped).toBe(true)
    await expect(fetch(s.origin + '/')).rejects.toThrow()
    // deactivate again for the next tests
    await makeDesk(demo.dataDir, demo.profile).deactivateOnline('studio')
  })

  it('never writes the token into logs, diagnostics, history or the state folder', async () => {
    const s = await start()
    logs.length = 0
    await raw(s, 'GET', '/', { Host: 'evil.example' })
    await raw(s, 'GET', `/api/status:get?token=${s.token}`, { [TOKEN_HEADER]: s.token })
    await call(s, 'status:get', undefined, { Origin: 'https://evil.example' })
    await call(s, 'activate:online', { productId: 'studio', operationId: 'op2', licenseKey: KEYS.fresh })
    await call(s, 'deactivate:offline', { productId: 'studio', operationId: 'op3' })
    expect(logs.length).toBeGreaterThanOrEqual(3)
    const diagnostics = JSON.parse((await call(s, 'diagnostics:get')).body).value.text as string
    const history = (await call(s, 'history:list')).body
    expect(history).toContain('ls_deactivation')
    const files = readdirSync(demo.dataDir).map((f) => {
      try {
        return readFileSync(join(demo.dataDir, f), 'utf8')
      } catch {
        return ''
      }
    })
    for (const text of [...logs, diagnostics, history, ...files]) expect(text).not.toContain(s.token)
  })
})

describe('browser mode saving', () => {
  it('never replaces a file: the next free name is taken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ld-free-'))
    try {
      expect(freeFileName(dir, 'a.req')).toBe(join(dir, 'a.req'))
      writeFileSync(join(dir, 'a.req'), 'x')
      writeFileSync(join(dir, 'a (2).req'), 'x')
      expect(freeFileName(dir, 'a.req')).toBe(join(dir, 'a (3).req'))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
