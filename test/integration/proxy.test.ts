// Behind a company proxy: the built CLI against the local license server over HTTPS (a throwaway CA),
// through a CONNECT proxy started here that counts what passes. Then the same proxy failures through the
// HTTP layer over both fetch implementations (Node's with undici's agent, and the stand-in for Electron's
// net.fetch), which must name them alike.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProxyAgent } from 'undici'
import { httpRequest } from '@core/http'
import type { LicenseDeskError } from '@core/errors'
import { createNodeNetwork } from '@core/network'
import type { CertificateAuthority } from '../../src/server/tls'
import { cli, ensureCliBuilt, KEYS, ROOT, type Demo } from '../support/demo'
import { CLEAN_PROXY_ENV, PROXY_PASSWORD, startProxyLab, withCredentials, type ProxyLab, type TestProxy } from '../support/proxy'
import { createFakeNetFetch } from '../support/fake-electron'
import { closedPort } from '../support/tools'

const CLEAN = CLEAN_PROXY_ENV

let lab: ProxyLab
let demo: Demo
let ca: CertificateAuthority
let caPath: string
let inspectionCaPath: string
let open: TestProxy
let locked: TestProxy
let inspecting: TestProxy

beforeAll(async () => {
  ensureCliBuilt()
  lab = await startProxyLab()
  ;({ demo, ca, caPath, inspectionCaPath, open, locked, inspecting } = lab)
}, 60_000)
afterAll(() => lab?.close())

const fresh = async (): Promise<void> => lab.fresh()
const tunnelsTo = (p: TestProxy) => lab.tunnelsTo(p)

describe('the CLI behind a CONNECT proxy, to a server with a private CA', () => {
  it('succeeds through HTTPS_PROXY with the CA given (NODE_EXTRA_CA_CERTS), and the proxy carried it', async () => {
    await fresh()
    const before = tunnelsTo(open)
    const a = await cli(demo, ['--json', 'activate', 'studio', '--key', KEYS.fresh], { ...CLEAN, HTTPS_PROXY: open.url, NODE_EXTRA_CA_CERTS: caPath })
    expect(a.code, a.stdout + a.stderr).toBe(0)
    expect(a.json.product.state).toBe('active')
    const d = await cli(demo, ['--json', 'deactivate', 'studio'], { ...CLEAN, https_proxy: open.url, NODE_EXTRA_CA_CERTS: caPath })
    expect(d.code, d.stdout + d.stderr).toBe(0)
    expect(tunnelsTo(open) - before).toBeGreaterThanOrEqual(2)
  })

  it('fails with the named untrusted-certificate error without the CA, naming the issuer', async () => {
    await fresh()
    const before = tunnelsTo(open)
    const r = await cli(demo, ['--json', 'activate', 'studio', '--key', KEYS.fresh], { ...CLEAN, HTTPS_PROXY: open.url })
    expect(r.code).toBe(4)
    expect(r.json.error.code).toBe('network_tls_untrusted')
    expect(r.json.error.message).toContain('"License Desk local test CA"')
    expect(r.json.error.details).toEqual({ issuer: 'License Desk local test CA', proxy: `127.0.0.1:${open.port}` })
    expect(r.json.error.nextStep).toBe('ask_it')
    expect(tunnelsTo(open) - before).toBeGreaterThanOrEqual(1)
  })

  it('fails with the named 407 error when the proxy wants credentials it was not given', async () => {
    await fresh()
    const before = locked.refused
    const r = await cli(demo, ['activate', 'studio', '--key', KEYS.fresh], { ...CLEAN, HTTPS_PROXY: locked.url, NODE_EXTRA_CA_CERTS: caPath })
    expect(r.code).toBe(4)
    expect(r.stderr).toContain('[network_proxy_auth]')
    expect(r.stderr).toContain(`127.0.0.1:${locked.port}`)
    expect(locked.refused - before).toBe(1)
  })

  it('succeeds with the credentials in the proxy URL, and prints no part of them', async () => {
    await fresh()
    const proxy = withCredentials(locked, 'alice', PROXY_PASSWORD)
    const a = await cli(demo, ['activate', 'studio', '--key', KEYS.fresh], { ...CLEAN, HTTPS_PROXY: proxy, NODE_EXTRA_CA_CERTS: caPath })
    expect(a.code, a.stderr).toBe(0)
    const diag = await cli(demo, ['--json', 'diagnostics'], { ...CLEAN, HTTPS_PROXY: proxy, NODE_EXTRA_CA_CERTS: caPath })
    expect(diag.json.diagnostics.network.proxy).toMatchObject({ source: 'environment', https: `127.0.0.1:${locked.port}` })
    expect(diag.json.diagnostics.network.routes[demo.server.url]).toBe(`proxy 127.0.0.1:${locked.port}`)
    expect(diag.json.diagnostics.network.certificateAuthorities.join(' ')).toContain('License Desk local test CA')
    for (const text of [a.stdout, a.stderr, diag.stdout]) expect(text).not.toContain(PROXY_PASSWORD)
    expect(readFileSync(join(demo.dataDir, 'state.json'), 'utf8')).not.toContain(PROXY_PASSWORD)
    expect(tunnelsTo(locked)).toBeGreaterThanOrEqual(1)
  })

  it('NO_PROXY bypasses the proxy (curl conventions: host, optionally with a port)', async () => {
    await fresh()
    const before = open.tunnels.length
    for (const noProxy of ['127.0.0.1', `localhost, 127.0.0.1:${demo.server.port}`]) {
      const r = await cli(demo, ['status', '--json'], { ...CLEAN, HTTPS_PROXY: open.url, NO_PROXY: noProxy, NODE_EXTRA_CA_CERTS: caPath })
      expect(r.code).toBe(0)
      const a = await cli(demo, ['activate', 'studio', '--key', KEYS.fresh], { ...CLEAN, HTTPS_PROXY: open.url, no_proxy: noProxy, NODE_EXTRA_CA_CERTS: caPath })
      expect(a.code, a.stderr).toBe(0)
      expect((await cli(demo, ['deactivate', 'studio'], { ...CLEAN, HTTPS_PROXY: open.url, NO_PROXY: noProxy, NODE_EXTRA_CA_CERTS: caPath })).code).toBe(0)
    }
    expect(open.tunnels.length).toBe(before)
  })

  it('an HTML page in place of the API (a TLS-inspecting proxy whose CA is trusted) gives the named error', async () => {
    await fresh()
    const r = await cli(demo, ['--json', 'activate', 'studio', '--key', KEYS.fresh], { ...CLEAN, HTTPS_PROXY: inspecting.url, NODE_EXTRA_CA_CERTS: inspectionCaPath })
    expect(r.code).toBe(4)
    expect(r.json.error.code).toBe('network_captive_portal')
    expect(r.json.error.message).toContain('"Access blocked by Corp Web Filter"')
    // and without its CA, the inspection itself is named, with the proxy's issuer
    const u = await cli(demo, ['--json', 'activate', 'studio', '--key', KEYS.fresh], { ...CLEAN, HTTPS_PROXY: inspecting.url })
    expect(u.json.error.code).toBe('network_tls_untrusted')
    expect(u.json.error.message).toContain('"Corp TLS Inspection CA"')
  })

  it('--proxy wins over the environment; an unreachable proxy is named', async () => {
    await fresh()
    const dead = `http://127.0.0.1:${await closedPort()}`
    const ok = await cli(demo, ['--proxy', open.url, 'activate', 'studio', '--key', KEYS.fresh], { ...CLEAN, HTTPS_PROXY: dead, NODE_EXTRA_CA_CERTS: caPath })
    expect(ok.code, ok.stderr).toBe(0)
    const r = await cli(demo, ['--json', 'deactivate', 'studio'], { ...CLEAN, HTTPS_PROXY: dead, NODE_EXTRA_CA_CERTS: caPath })
    expect(r.code).toBe(4)
    expect(r.json.error.code).toBe('network_proxy_unreachable')
    const bad = await cli(demo, ['--proxy', 'ftp://x', 'status'], CLEAN)
    expect(bad.code).toBe(2)
  })

  it("the profile's network section: a proxy URL and a CA file next to the profile", async () => {
    await fresh()
    const dir = join(demo.dir, 'vendor')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'server-ca.pem'), ca.cert)
    const profilePath = join(dir, 'profile.json')
    writeFileSync(profilePath, JSON.stringify({ ...demo.profile, network: { proxy: open.url, caCertificates: 'server-ca.pem' } }))
    const vendor = { profilePath, dataDir: demo.dataDir, dir }
    const before = tunnelsTo(open)
    const a = await cli(vendor, ['--json', 'activate', 'studio', '--key', KEYS.fresh], CLEAN)
    expect(a.code, a.stdout).toBe(0)
    expect(tunnelsTo(open) - before).toBeGreaterThanOrEqual(1)
    const diag = await cli(vendor, ['--json', 'diagnostics'], CLEAN)
    expect(diag.json.diagnostics.network.proxy.source).toBe('profile network.proxy')
    expect(diag.json.diagnostics.network.certificateAuthorities.join(' ')).toMatch(/profile network.caCertificates: License Desk local test CA/)
    expect((await cli(vendor, ['deactivate', 'studio'], CLEAN)).code).toBe(0)
    writeFileSync(profilePath, JSON.stringify({ ...demo.profile, network: { proxy: 'sometimes' } }))
    const invalid = await cli(vendor, ['--json', 'status'], CLEAN)
    expect(invalid.code).toBe(3)
    expect(invalid.json.error.message).toContain('network.proxy')
    writeFileSync(profilePath, JSON.stringify({ ...demo.profile, network: { caCertificates: 'missing.pem' } }))
    expect((await cli(vendor, ['--json', 'status'], CLEAN)).json.error.message).toContain('network.caCertificates')
  })
})

describe('npm run server -- --tls', () => {
  it('serves HTTPS under a throwaway CA and prints the CA path; a client trusting it gets through', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'out', 'node', 'server.js'), '--tls', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      let out = ''
      let err = ''
      child.stdout.on('data', (d: Buffer) => (out += d))
      child.stderr.on('data', (d: Buffer) => (err += d))
      const t0 = Date.now()
      while (!(out.includes('\n') && /CA certificate: (\S+)/.test(err)) && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 50))
      const url = out.trim()
      const printed = /CA certificate: (\S+)/.exec(err)?.[1]
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      expect(printed).toBeTruthy()
      const trusting = createNodeNetwork({ env: {}, profile: { caCertificates: readFileSync(printed!, 'utf8') } }).fetch!
      expect((await trusting(`${url}/health`)).status).toBe(200)
      const plain = await httpRequest({ url: `${url}/health`, method: 'GET', idempotent: true, maxAttempts: 1 }).catch((e: LicenseDeskError) => e)
      expect((plain as LicenseDeskError).code).toBe('network_tls_untrusted')
    } finally {
      child.kill('SIGTERM')
    }
  }, 30_000)
})

describe.each([
  ['Node fetch (undici agent)', 'node'],
  ['Electron net.fetch (stand-in)', 'electron']
] as const)('the HTTP layer through the proxy: %s', (_name, impl) => {
  /** A fetch through `proxy`, trusting `trust` (PEM), as the CLI's set-up or as Chromium would. */
  function fetchVia(proxy: string, trust?: string): typeof fetch {
    if (impl === 'node') return createNodeNetwork({ env: {}, proxyOption: proxy, profile: trust ? { caCertificates: trust } : {} }).fetch!
    const u = new URL(proxy)
    const token = u.username ? `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}` : undefined
    const dispatcher = new ProxyAgent({ uri: u.origin, ...(token ? { token } : {}), ...(trust ? { requestTls: { ca: trust } } : {}) })
    return createFakeNetFetch({
      fetch: (async (url: string, init: RequestInit) => (await import('undici')).fetch(url, init as never)) as unknown as typeof fetch,
      dispatcher,
      proxyPort: Number(u.port)
    })
  }
  const get = (f: typeof fetch) =>
    httpRequest({ url: `${demo.server.url}/health`, method: 'GET', idempotent: true, fetch: f, retryBaseMs: 1, timeoutMs: 5000 }).catch((e: unknown) => e as LicenseDeskError)

  it('reaches the server through the proxy with the CA', async () => {
    const r = await get(fetchVia(open.url, ca.cert))
    expect((r as { status: number }).status).toBe(200)
  })

  it('names the missing CA, the 407, the unreachable proxy and the HTML page the same way', async () => {
    expect(((await get(fetchVia(open.url))) as LicenseDeskError).code).toBe('network_tls_untrusted')
    const before = locked.refused
    expect(((await get(fetchVia(locked.url, ca.cert))) as LicenseDeskError).code).toBe('network_proxy_auth')
    expect(locked.refused - before).toBe(1) // not retried
    expect(((await get(fetchVia(withCredentials(locked, 'alice', PROXY_PASSWORD), ca.cert))) as { status: number }).status).toBe(200)
    expect(((await get(fetchVia(`http://127.0.0.1:${await closedPort()}`, ca.cert))) as LicenseDeskError).code).toBe('network_proxy_unreachable')
    expect(((await get(fetchVia(inspecting.url, readFileSync(inspectionCaPath, 'utf8')))) as LicenseDeskError).code).toBe('network_captive_portal')
  })
})
