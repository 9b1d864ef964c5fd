// Secrets audit: every flow runs with a vendor profile whose secrets are unique marker strings; then no
// shared key, CommunicationEncryptionKey, QLM password or user password may appear in the built
// renderer, in any IPC response, in logs, in the diagnostics export, in the state file (license keys and
// passwords only encrypted) or in exported files (a request file carries the api key and a signature by
// protocol, never the shared key).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Profile } from '@core/profile'
import type { AppInfo } from '@shared/contract'
import { createHandlers, type NativeAdapters } from '../../src/main/handlers'
import type { LocalServer } from '../../src/server/index'
import { cli, DEMO_PROFILE, ensureCliBuilt, KEYS, ROOT, startDemo, uploadToPortal, type Demo } from '../support/demo'
import { makeDesk } from '../support/desk'
import { startProxy, withCredentials } from '../support/proxy'

const M = {
  sharedKey: 'MARKER-SHARED-KEY-q9Zt4Lw2',
  apiKey: 'MARKER-API-KEY-x7Yp1Vb8',
  cek: '{MARKER-CEK-5D1E-4B7A-9C3F-2A8B6E0D4C11}',
  qlmPassword: 'MARKER-QLM-PWD-h3Jk8Nn0',
  userPassword: 'MARKER-USER-PWD-t6Rm2Qs9',
  clientSecret: 'MARKER-CLIENT-SECRET-w4Hs7Bd1',
  proxyUser: 'MARKER-PROXY-USER-c4Nd8',
  proxyPassword: 'MARKER-PROXY-PWD-w5Ty3Hs6'
}
/** Never anywhere outside the profile and the server. */
const SECRET = [M.sharedKey, M.cek, M.qlmPassword, M.userPassword, M.clientSecret, M.proxyPassword, M.proxyUser]
/** The OAuth access tokens the server issued so far: never outside the main process's memory either. */
const tokens = () => {
  const t = server.state.oauthTokens()
  expect(t.length).toBeGreaterThan(0)
  return t
}
/** The renderer never sees these either (the api key is in request files by protocol, nowhere else). */
const NOT_FOR_RENDERER = [...SECRET, M.apiKey]

let server: LocalServer
let demo: Demo
let dir: string
let profile: Profile
let profilePath: string

beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo({
    secrets: {
      apiKey: M.apiKey,
      sharedKey: M.sharedKey,
      qlmCommunicationEncryptionKey: M.cek,
      qlmPassword: M.qlmPassword,
      userPassword: M.userPassword,
      clientSecret: M.clientSecret
    }
  })
  ;({ server, dir, profile, profilePath } = demo)
})
afterAll(async () => demo.close())

function expectClean(what: string, text: string, markers = SECRET): void {
  for (const m of markers) expect(text.includes(m), `${what} contains the marker ${m}`).toBe(false)
}

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

describe('secrets audit', () => {
  it('IPC responses, logs, state, exported files and diagnostics carry no secret (app handlers)', async () => {
    const dataDir = join(dir, 'app-data')
    const desk = makeDesk(dataDir, profile)
    const saved: string[] = []
    let nextSave = ''
    let nextOpen = ''
    const native: NativeAdapters = {
      showSaveDialog: async (name) => {
        nextSave = join(dir, `${saved.length}-${name}`)
        saved.push(nextSave)
        return nextSave
      },
      showOpenDialog: async () => nextOpen,
      readFile: async (p) => readFileSync(p, 'utf8'),
      showItemInFolder: () => {},
      openExternal: async () => {},
      writeClipboard: () => {},
      appInfo: (): AppInfo => ({
        appName: 'License Desk',
        vendorName: profile.app.name,
        supportEmail: profile.app.supportEmail,
        supportUrl: profile.app.supportUrl ?? '',
        version: 'test',
        versions: {},
        locale: 'en',
        demo: true
      })
    }
    const h = createHandlers(desk, native)
    const logs: string[] = []
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((k) =>
      vi.spyOn(console, k).mockImplementation((...a: unknown[]) => void logs.push(a.map(String).join(' ')))
    )
    const traffic: string[] = []
    const ctx = { sendProgress: (e: unknown) => void traffic.push(JSON.stringify(e)) }
    const call = async (channel: keyof typeof h, input?: unknown) => {
      const r = await (h[channel] as (i: unknown, c: typeof ctx) => Promise<{ ok: boolean }>)(input, ctx)
      traffic.push(JSON.stringify(r))
      return r as { ok: boolean; value?: any; error?: any }
    }
    try {
      expect((await call('app:info')).ok).toBe(true)
      expect((await call('status:get')).ok).toBe(true)
      // LicenseSpring key: online, then offline deactivation to a file.
      expect((await call('activate:online', { productId: 'studio', operationId: 'op1', licenseKey: KEYS.fresh })).ok).toBe(true)
      const off = await call('deactivate:offline', { productId: 'studio', operationId: 'op2' })
      expect(off.ok).toBe(true)
      expect((await uploadToPortal(server.url, readFileSync(off.value.record.filePath, 'utf8'))).status).toBe(200)
      // OAuth product: online activation and deactivation (token fetched and used), then an offline deactivation file.
      expect((await call('activate:online', { productId: 'vault', operationId: 'op-v1', licenseKey: 'DEMO-VAUL-T000-0001' })).ok).toBe(true)
      expect((await call('deactivate:online', { productId: 'vault', operationId: 'op-v2' })).ok).toBe(true)
      expect((await call('activate:online', { productId: 'vault', operationId: 'op-v3', licenseKey: 'DEMO-VAUL-T000-0001' })).ok).toBe(true)
      const voff = await call('deactivate:offline', { productId: 'vault', operationId: 'op-v4' })
      expect(voff.ok).toBe(true)
      expect((await uploadToPortal(server.url, readFileSync(voff.value.record.filePath, 'utf8'))).status).toBe(200)
      // LicenseSpring user: online activation and deactivation (the password crosses IPC once, inbound).
      expect((await call('activate:online', { productId: 'cloud', operationId: 'op3', username: KEYS.user, password: M.userPassword })).ok).toBe(true)
      expect((await call('deactivate:online', { productId: 'cloud', operationId: 'op4' })).ok).toBe(true)
      // A wrong password: the error must not echo it.
      const bad = await call('activate:online', { productId: 'cloud', operationId: 'op5', username: KEYS.user, password: `${M.userPassword}-wrong` })
      expect(bad.ok).toBe(false)
      // Offline activation: request file -> portal -> .lic import.
      const req = await call('activate:offline:request', { productId: 'studio', licenseKey: KEYS.fresh })
      expect(req.ok).toBe(true)
      const lic = await uploadToPortal(server.url, readFileSync(req.value.filePath, 'utf8'))
      nextOpen = join(dir, 'ls_activation.lic')
      writeFileSync(nextOpen, lic.body)
      expect((await call('activate:offline:import', { productId: 'studio' })).ok).toBe(true)
      expect((await call('deactivate:online', { productId: 'studio', operationId: 'op6' })).ok).toBe(true)
      // QLM: online activation and release, then activation and a DVC.
      expect((await call('activate:online', { productId: 'cad', operationId: 'op7', licenseKey: KEYS.qlm })).ok).toBe(true)
      expect((await call('deactivate:online', { productId: 'cad', operationId: 'op8' })).ok).toBe(true)
      expect((await call('activate:online', { productId: 'cad', operationId: 'op9', licenseKey: KEYS.qlm })).ok).toBe(true)
      const dvc = await call('deactivate:offline', { productId: 'cad', operationId: 'op10' })
      expect(dvc.ok).toBe(true)
      expect((await fetch(dvc.value.record.selfHelpUrl)).status).toBe(200)
      expect((await call('history:list')).ok).toBe(true)
      const diag = await call('diagnostics:get')
      expect(diag.ok).toBe(true)

      expect(traffic.length).toBeGreaterThan(15)
      expectClean('an IPC response', traffic.join('\n'), [...NOT_FOR_RENDERER, ...tokens()])
      expectClean('the logs', logs.join('\n'), [...NOT_FOR_RENDERER, ...tokens()])
      expectClean('the diagnostics export', diag.value.text, [...NOT_FOR_RENDERER, KEYS.fresh, KEYS.qlm, ...tokens()])
      const state = readFileSync(join(dataDir, 'state.json'), 'utf8')
      expectClean('the state file', state, [...NOT_FOR_RENDERER, KEYS.fresh, KEYS.qlm, ...tokens()])
      expect(saved.length).toBe(3)
      for (const f of saved) {
        const decoded = Buffer.from(readFileSync(f, 'utf8'), 'base64').toString('utf8')
        expectClean(`the exported file ${f}`, decoded, [...SECRET, ...tokens()])
        // by protocol: the api key, or with OAuth the client id
        expect(decoded.includes(M.apiKey) || decoded.includes('"client_id":"demo-oauth-client"')).toBe(true)
        expect(decoded).toMatch(/"signature":"[A-Za-z0-9+/=]{40,}"/)
      }
    } finally {
      for (const s of spies) s.mockRestore()
    }
  })

  it('the CLI prints and writes no secret, even with --json and on errors', async () => {
    const demo = { profilePath, dataDir: join(dir, 'cli-data'), dir }
    const outputs: string[] = []
    const run = async (args: string[], env: Record<string, string> = {}) => {
      const r = await cli(demo, args, env)
      outputs.push(r.stdout, r.stderr)
      return r
    }
    expect((await run(['--json', 'activate', 'cloud', '--user', KEYS.user], { LICENSE_DESK_PASSWORD: M.userPassword })).code).toBe(0)
    expect((await run(['--json', 'activate', 'vault', '--key', 'DEMO-VAUL-T000-0001'])).code).toBe(0)
    expect((await run(['deactivate', 'vault'])).code).toBe(0)
    await run(['status'])
    await run(['--json', 'status'])
    expect((await run(['deactivate', 'cloud'])).code).toBe(0)
    await run(['--json', 'activate', 'cloud', '--user', KEYS.user], { LICENSE_DESK_PASSWORD: 'wrong' })
    expect((await run(['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    expect((await run(['--json', 'deactivate', 'cad', '--offline'])).code).toBe(0)
    const diagFile = join(dir, 'diag.json')
    expect((await run(['diagnostics', '--out', diagFile])).code).toBe(0)
    await run(['history'])
    expectClean('CLI output', outputs.join('\n'), [...SECRET, ...tokens()])
    expectClean('CLI output', outputs.join('\n'), [M.apiKey])
    expectClean('the diagnostics file', readFileSync(diagFile, 'utf8'), [...NOT_FOR_RENDERER, KEYS.qlm])
    expectClean('the CLI state file', readFileSync(join(demo.dataDir, 'state.json'), 'utf8'), [...NOT_FOR_RENDERER, KEYS.qlm, M.userPassword])
  })

  it('no proxy credential appears in CLI output, logs, diagnostics or the state file (environment and profile)', async () => {
    const proxy = await startProxy({ auth: { user: M.proxyUser, password: M.proxyPassword } })
    try {
      const withCreds = withCredentials(proxy, M.proxyUser, M.proxyPassword)
      const wrong = withCredentials(proxy, M.proxyUser, `${M.proxyPassword}-wrong`)
      const vendorProfile = join(dir, 'proxy-profile.json')
      writeFileSync(vendorProfile, JSON.stringify({ ...profile, network: { proxy: withCreds } }))
      const envDemo = { profilePath, dataDir: join(dir, 'proxy-env-data'), dir }
      const profileDemo = { profilePath: vendorProfile, dataDir: join(dir, 'proxy-profile-data'), dir }
      const outputs: string[] = []
      const run = async (d: typeof envDemo, args: string[], env: Record<string, string>) => {
        const r = await cli(d, args, { HTTPS_PROXY: '', https_proxy: '', http_proxy: '', NO_PROXY: '', no_proxy: '', ...env })
        outputs.push(r.stdout, r.stderr)
        return r
      }
      const viaEnv = { HTTP_PROXY: withCreds }
      expect((await run(envDemo, ['--json', 'activate', 'studio', '--key', KEYS.fresh], viaEnv)).code).toBe(0)
      expect((await run(envDemo, ['--json', 'activate', 'cad', '--key', KEYS.qlm], { http_proxy: wrong })).json.error.code).toBe('network_proxy_auth')
      const diagEnv = join(dir, 'proxy-diag-env.json')
      expect((await run(envDemo, ['diagnostics', '--out', diagEnv], viaEnv)).code).toBe(0)
      expect((await run(envDemo, ['--proxy', wrong, 'deactivate', 'studio'], {})).code).toBe(4)
      expect((await run(envDemo, ['deactivate', 'studio'], viaEnv)).code).toBe(0)
      expect((await run(profileDemo, ['--json', 'activate', 'cad', '--key', KEYS.qlm], {})).code).toBe(0)
      const diagProfile = join(dir, 'proxy-diag-profile.json')
      expect((await run(profileDemo, ['diagnostics', '--out', diagProfile], {})).code).toBe(0)
      expect((await run(profileDemo, ['deactivate', 'cad'], {})).code).toBe(0)
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(4)
      expect(proxy.refused).toBeGreaterThanOrEqual(2)
      const diag = readFileSync(diagEnv, 'utf8') + readFileSync(diagProfile, 'utf8')
      expect(diag).toContain(`127.0.0.1:${proxy.port}`)
      expectClean('CLI output through the proxy', outputs.join('\n'))
      expectClean('the diagnostics files', diag)
      for (const d of [envDemo, profileDemo]) expectClean('the state file', readFileSync(join(d.dataDir, 'state.json'), 'utf8'))
    } finally {
      await proxy.close()
    }
  })

  it('the built renderer and preload contain no profile secret', () => {
    const demoProfile = JSON.parse(readFileSync(DEMO_PROFILE, 'utf8'))
    const demoSecrets = [
      ...demoProfile.products.filter((p: any) => p.licensespring).flatMap((p: any) => [p.licensespring.sharedKey, p.licensespring.apiKey, p.licensespring.clientSecret]),
      ...demoProfile.products.filter((p: any) => p.qlm).flatMap((p: any) => [p.qlm.communicationEncryptionKey, p.qlm.password])
    ]
    const files = [...filesUnder(join(ROOT, 'out', 'renderer')), ...filesUnder(join(ROOT, 'out', 'preload'))]
    expect(files.length).toBeGreaterThan(2)
    expect(demoSecrets).toContain('demo-client-secret-Zk3pQ9wL7mX2')
    for (const f of files) expectClean(f, readFileSync(f, 'latin1'), [...demoSecrets.filter((x) => typeof x === 'string'), ...SECRET])
  })
})
