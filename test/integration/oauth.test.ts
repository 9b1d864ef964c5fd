// OAuth client credentials against the local server: the core gets a token (client-credentials grant),
// sends Bearer + Date, keeps the token in memory only, renews it shortly before it expires and once when
// the License API calls it expired or malformed; offline files carry client_id and are HMAC'd with the
// client secret. Through the core (as the app's handlers use it) and the CLI.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OAuthTokens, renewalMarginMs } from '@core/providers/licensespring/oauth'
import { cli, ensureCliBuilt, startDemo, uploadToPortal, type Demo } from '../support/demo'
import { makeDesk, TEST_HWID } from '../support/desk'

const KEY = 'DEMO-VAUL-T000-0001'
const CLIENT_SECRET = 'demo-client-secret-Zk3pQ9wL7mX2'
let demo: Demo

beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo()
})
afterAll(async () => demo?.close())
afterEach(() => {
  demo.server.faults.clear()
  demo.server.state.reset()
  demo.server.setOAuthTokenLifetime(480)
  demo.server.clearRequests()
  rmSync(demo.dataDir, { recursive: true, force: true })
})

const paths = () => demo.server.requests().map((r) => `${r.path.replace(/^\/auth\/.*\/token$/, 'token')} ${r.status}`)

describe('OAuth through the core', () => {
  it('gets one token, then activates and deactivates with Bearer + Date; the token is kept in memory only', async () => {
    const seen: Array<Record<string, string>> = []
    const spy: typeof fetch = async (input, init) => {
      seen.push(Object.fromEntries(new Headers(init?.headers).entries()))
      return fetch(input, init)
    }
    const desk = makeDesk(demo.dataDir, demo.profile, { fetch: spy })
    expect((await desk.activateOnline('vault', { licenseKey: KEY })).product.state).toBe('active')
    expect(demo.server.state.devices(KEY)).toEqual([TEST_HWID])
    expect((await desk.deactivateOnline('vault')).alreadyReleased).toBe(false)
    expect(paths()).toEqual(['token 200', '/api/v4/activate_license 200', '/api/v4/deactivate_license 200'])
    const api = seen.filter((h) => h.authorization?.startsWith('Bearer '))
    expect(api).toHaveLength(2)
    for (const h of api) expect(Date.now() - Date.parse(h.date)).toBeLessThan(60_000)
    const token = api[0].authorization.slice('Bearer '.length)
    expect(api[1].authorization).toBe(`Bearer ${token}`)
    // not in the state file, not in the diagnostics
    expect(readFileSync(join(demo.dataDir, 'state.json'), 'utf8')).not.toContain(token)
    const diag = JSON.stringify(await desk.diagnostics())
    expect(diag).not.toContain(token)
    expect(diag).not.toContain(CLIENT_SECRET)
  })

  it('renews once when the License API says the token expired', async () => {
    demo.server.setOAuthTokenLifetime(120)
    const desk = makeDesk(demo.dataDir, demo.profile)
    await desk.activateOnline('vault', { licenseKey: KEY })
    // The server's clock runs past the token's life for the next License API call only.
    demo.server.faults.set({ clockSkewMs: 121_000, path: '/api/v4/', times: 1 })
    await desk.deactivateOnline('vault')
    expect(paths()).toEqual(['token 200', '/api/v4/activate_license 200', '/api/v4/deactivate_license 401', 'token 200', '/api/v4/deactivate_license 200'])
    expect(demo.server.state.devices(KEY)).toEqual([])
  })

  it('renews once on oauth_token_malformed, and reports a second refusal by name', async () => {
    let spoil = 1
    const spoiling: typeof fetch = async (input, init) => {
      const h = new Headers(init?.headers)
      if (spoil > 0 && h.get('authorization')?.startsWith('Bearer ')) {
        spoil--
        h.set('authorization', `${h.get('authorization')}x`)
      }
      return fetch(input, { ...init, headers: h })
    }
    const desk = makeDesk(demo.dataDir, demo.profile, { fetch: spoiling })
    await desk.activateOnline('vault', { licenseKey: KEY })
    expect(paths()).toEqual(['token 200', '/api/v4/activate_license 401', 'token 200', '/api/v4/activate_license 200'])
    spoil = 2
    const e = await desk.deactivateOnline('vault').catch((x) => x)
    expect(e.info).toMatchObject({ code: 'server_refused', serverCode: 'oauth_token_malformed' })
    expect(demo.server.state.devices(KEY)).toEqual([TEST_HWID])
  })

  it('a wrong client secret is refused by the token endpoint by name, and nothing changes', async () => {
    const profile = {
      ...demo.profile,
      products: demo.profile.products.map((p) => (p.id === 'vault' && p.provider === 'licensespring' ? { ...p, licensespring: { ...p.licensespring, clientSecret: 'wrong' } } : p))
    }
    const e = await makeDesk(demo.dataDir, profile)
      .activateOnline('vault', { licenseKey: KEY })
      .catch((x) => x)
    expect(e.info).toMatchObject({ code: 'server_refused', serverCode: 'invalid_client' })
    expect(e.info.message).not.toContain('wrong')
    expect(demo.server.state.devices(KEY)).toEqual([])
  })

  it('the API-key products of the same profile keep their HMAC signature (the vault product refuses one)', async () => {
    const desk = makeDesk(demo.dataDir, demo.profile)
    await desk.activateOnline('studio', { licenseKey: 'DEMO-STUD-IO00-0001' })
    expect(paths()).toEqual(['/api/v4/activate_license 200'])
  })
})

describe('OAuth tokens: renewal shortly before expires_in', () => {
  it('uses the token until a tenth of its life (at most a minute) is left, then fetches a new one', async () => {
    let now = Date.now()
    const t = new OAuthTokens({ tokenUrl: demo.server.tokenUrl, clientId: 'demo-oauth-client', clientSecret: CLIENT_SECRET }, { now: () => now })
    const a = await t.get()
    expect(renewalMarginMs(480_000)).toBe(48_000)
    now += 431_000
    expect(await t.get()).toBe(a)
    now += 2_000
    const b = await t.get()
    expect(b).not.toBe(a)
    expect(paths()).toEqual(['token 200', 'token 200'])
  })
})

describe('OAuth offline files and the CLI', () => {
  it('the CLI activates online; the offline deactivation file carries client_id and the client secret signs it', async () => {
    expect((await cli(demo, ['--json', 'activate', 'vault', '--key', KEY])).code).toBe(0)
    const out = join(demo.dir, 'vault.req')
    const d = await cli(demo, ['--json', 'deactivate', 'vault', '--offline', '--out', out])
    expect(d.code).toBe(0)
    const file = readFileSync(out, 'utf8')
    const inner = JSON.parse(Buffer.from(file, 'base64').toString('utf8')).request
    expect(inner.client_id).toBe('demo-oauth-client')
    expect(inner.api_key).toBeUndefined()
    const checked = await cli(null, ['--json', 'inspect', out, '--shared-key', CLIENT_SECRET])
    expect(checked.json).toMatchObject({ signature: 'valid', outerSignature: 'valid' })
    expect((await uploadToPortal(demo.server.url, file)).status).toBe(200)
    expect(demo.server.state.devices(KEY)).toEqual([])
  })

  it('releases by key a seat another computer holds of the OAuth product, with the Bearer token', async () => {
    expect(demo.server.state.seedSeat(KEY, 'OLD-PC-OAUTH')).toBe(true)
    const r = await cli(demo, ['--json', 'deactivate', 'vault', '--key', KEY, '--old-id', 'OLD-PC-OAUTH'])
    expect(r.code).toBe(0)
    expect(r.json).toMatchObject({ ok: true, mode: 'online', hardwareId: 'OLD-PC-OAUTH', otherComputer: true, alreadyReleased: false })
    expect(demo.server.state.devices(KEY)).toEqual([])
    expect(paths()).toEqual(['token 200', '/api/v4/deactivate_license 200'])
  })

  it('offline activation: client_id request, the .lic verified with the client secret', async () => {
    const req = join(demo.dir, 'vault-activation.req')
    expect((await cli(demo, ['--json', 'offline-request', 'vault', '--key', KEY, '--out', req])).code).toBe(0)
    const lic = await uploadToPortal(demo.server.url, readFileSync(req, 'utf8'))
    expect(lic.status).toBe(200)
    const licPath = join(demo.dir, 'ls_activation.lic')
    writeFileSync(licPath, lic.body)
    const imported = await cli(demo, ['--json', 'import', 'vault', licPath])
    expect(imported.code).toBe(0)
    expect(imported.json.product.state).toBe('active')
    expect(existsSync(licPath)).toBe(true)
  })
})
