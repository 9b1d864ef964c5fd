import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_ORIGIN, demoProfilePath, loadProfile, parseProfile, profileHosts, profileWithOrigin, resolveProfilePath } from '@core/profile'
import { ROOT, rejection, removeTempDirs, tempDir } from '../support/tools'

afterAll(() => removeTempDirs())

const DEMO = join(ROOT, 'resources/demo/profile.json')
const demoJson = () => JSON.parse(readFileSync(DEMO, 'utf8')) as any

describe('vendor profile', () => {
  it('the demo profile is valid and gets defaults', () => {
    const p = loadProfile(DEMO)
    expect(p.products.map((x) => x.id)).toEqual(['studio', 'cloud', 'cad', 'vault', 'cloud-sso'])
    const studio = p.products[0]!
    expect(studio.provider).toBe('licensespring')
    if (studio.provider === 'licensespring') expect(studio.licensespring.offlineSchemaVersion).toBe(2)
    const minimal = demoJson()
    delete minimal.products[2].qlm.dvc
    delete minimal.products[2].qlm.requireDeactivationCode
    delete minimal.products[0].licensespring.offlineSchemaVersion
    const q = parseProfile(minimal)
    const cad = q.products[2]!
    if (cad.provider === 'qlm') {
      expect(cad.qlm.dvc).toEqual({ case: 'lower', date: 'local' })
      expect(cad.qlm.requireDeactivationCode).toBe(false)
    } else throw new Error('expected qlm')
    const s = q.products[0]!
    if (s.provider === 'licensespring') expect(s.licensespring.offlineSchemaVersion).toBe(1)
  })

  const bad: Array<[string, (p: any) => void, string]> = [
    ['empty apiKey', (p) => (p.products[0].licensespring.apiKey = ''), 'products[0].licensespring.apiKey'],
    ['missing sharedKey', (p) => delete p.products[1].licensespring.sharedKey, 'products[1].licensespring.sharedKey'],
    ['oauth without clientSecret', (p) => delete p.products[3].licensespring.clientSecret, 'products[3].licensespring.clientSecret'],
    ['oauth without tokenUrl', (p) => delete p.products[3].licensespring.tokenUrl, 'products[3].licensespring.tokenUrl'],
    ['oauth tokenUrl not http', (p) => (p.products[3].licensespring.tokenUrl = 'file:///x'), 'products[3].licensespring.tokenUrl'],
    ['authentication unknown', (p) => (p.products[0].licensespring.authentication = 'kerberos'), 'products[0].licensespring.authentication'],
    ['non-http apiBaseUrl', (p) => (p.products[0].licensespring.apiBaseUrl = 'ftp://x.example'), 'products[0].licensespring.apiBaseUrl'],
    ['not a URL', (p) => (p.products[0].licensespring.portalUrl = 'portal'), 'products[0].licensespring.portalUrl'],
    ['offlineSchemaVersion 3', (p) => (p.products[0].licensespring.offlineSchemaVersion = 3), 'products[0].licensespring.offlineSchemaVersion'],
    ['publicKeyPem not a PEM', (p) => (p.products[0].licensespring.publicKeyPem = 'abc'), 'products[0].licensespring.publicKeyPem'],
    ['dvc case', (p) => (p.products[2].qlm.dvc.case = 'mixed'), 'products[2].qlm.dvc.case'],
    ['dvc date', (p) => (p.products[2].qlm.dvc.date = 'server'), 'products[2].qlm.dvc.date'],
    ['qlm productId as a string', (p) => (p.products[2].qlm.productId = '1'), 'products[2].qlm.productId'],
    ['missing CEK', (p) => delete p.products[2].qlm.communicationEncryptionKey, 'products[2].qlm.communicationEncryptionKey'],
    ['bad provider', (p) => (p.products[1].provider = 'flexlm'), 'products[1].provider'],
    ['bad product id', (p) => (p.products[0].id = 'has space'), 'products[0].id'],
    ['bad email', (p) => (p.app.supportEmail = 'nope'), 'app.supportEmail'],
    ['schemaVersion 2', (p) => (p.schemaVersion = 2), 'schemaVersion'],
    ['no products', (p) => (p.products = []), 'products'],
    ['unknown key (typo)', (p) => (p.products[0].licensespring.apikey = 'x'), 'products[0].licensespring'],
    ['duplicate ids', (p) => (p.products[1].id = 'studio'), 'products[1].id']
  ]
  it.each(bad)('%s -> profile_invalid naming %s', async (_n, mutate, where) => {
    const p = demoJson()
    mutate(p)
    const e = await rejection(() => parseProfile(p))
    expect(e.code).toBe('profile_invalid')
    expect(e.message).toContain(` at ${where}:`)
  })

  it('duplicate ids are named as such', async () => {
    const p = demoJson()
    p.products[2].id = 'studio'
    expect((await rejection(() => parseProfile(p))).message).toMatch(/products\[2\]\.id: duplicate product id "studio"/)
  })

  it('files: bad JSON -> profile_invalid, missing -> profile_not_found, BOM tolerated', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'bad.json'), '{ "schemaVersion": 1, ')
    const e = await rejection(() => loadProfile(join(dir, 'bad.json')))
    expect(e.code).toBe('profile_invalid')
    expect(e.message).toContain('not valid JSON')
    expect((await rejection(() => loadProfile(join(dir, 'missing.json')))).code).toBe('profile_not_found')
    writeFileSync(join(dir, 'bom.json'), '\uFEFF' + JSON.stringify(demoJson()))
    expect(loadProfile(join(dir, 'bom.json')).app.name).toBe('License Desk Demo')
    writeFileSync(join(dir, 'invalid.json'), JSON.stringify({ ...demoJson(), app: {} }))
    const e2 = await rejection(() => loadProfile(join(dir, 'invalid.json')))
    expect(e2.message).toContain(join(dir, 'invalid.json'))
    expect(e2.message).toContain('app.name')
  })

  it('network: proxy system | none | URL, caCertificates as PEM text or a file next to the profile', async () => {
    const dir = tempDir()
    const pem = readFileSync(join(ROOT, 'test/support/test-ca.pem'), 'utf8')
    const write = (name: string, network: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify({ ...demoJson(), network }))
      return join(dir, name)
    }
    expect(loadProfile(DEMO).network).toBeUndefined()
    expect(loadProfile(write('a.json', {})).network).toEqual({ proxy: 'system' })
    expect(loadProfile(write('b.json', { proxy: 'none' })).network?.proxy).toBe('none')
    expect(loadProfile(write('c.json', { proxy: 'http://proxy.corp:3128' })).network?.proxy).toBe('http://proxy.corp:3128')
    expect(loadProfile(write('d.json', { caCertificates: pem })).network?.caCertificates).toBe(pem)
    writeFileSync(join(dir, 'corp.pem'), pem)
    expect(loadProfile(write('e.json', { caCertificates: 'corp.pem' })).network?.caCertificates).toBe(pem)
    const bad = async (network: unknown) => (await rejection(() => loadProfile(write('bad.json', network)))).message
    expect(await bad({ proxy: 'ftp://user:PROXY-SECRET@proxy.corp' })).toMatch(/network\.proxy/)
    expect(await bad({ proxy: 'ftp://user:PROXY-SECRET@proxy.corp' })).not.toContain('PROXY-SECRET')
    expect(await bad({ proxy: 'sometimes' })).toMatch(/network\.proxy/)
    expect(await bad({ caCertificates: 'missing.pem' })).toMatch(/network\.caCertificates: the file .*missing\.pem could not be read/)
    writeFileSync(join(dir, 'empty.pem'), 'not a certificate')
    expect(await bad({ caCertificates: 'empty.pem' })).toMatch(/network\.caCertificates: it holds no PEM certificate/)
    expect(await bad({ caCertificates: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' })).toMatch(/network\.caCertificates: a certificate in it is damaged/)
    expect(await bad({ proxy: 'none', extra: 1 })).toMatch(/network/)
  })

  it('a broken profile is reported without quoting its text (it may hold a secret)', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'leaky.json'), '{\n "sharedKey": "SECRET-NEAR-THE-ERROR",\n "x": }')
    const e = await rejection(() => loadProfile(join(dir, 'leaky.json')))
    expect(e.code).toBe('profile_invalid')
    expect(e.message).not.toContain('SECRET')
    expect(e.message).toContain('not valid JSON')
  })

  it('profileWithOrigin moves every demo URL to another origin and nothing else', () => {
    const p = loadProfile(DEMO)
    const moved = profileWithOrigin(p, 'http://127.0.0.1:9999/')
    const text = JSON.stringify(moved)
    expect(text).not.toContain(DEMO_ORIGIN)
    const s = moved.products[0]!
    if (s.provider !== 'licensespring') throw new Error('expected licensespring')
    expect(s.licensespring.apiBaseUrl).toBe('http://127.0.0.1:9999')
    expect(s.licensespring.portalUrl).toBe('http://127.0.0.1:9999/offline')
    expect(s.licensespring.sharedKey).toBe('demo-shared-key-R8tq2VwLmN4pXs7K')
    const cad = moved.products[2]!
    if (cad.provider !== 'qlm') throw new Error('expected qlm')
    expect(cad.qlm.serviceUrl).toBe('http://127.0.0.1:9999/qlm/qlmservice.asmx')
    expect(cad.qlm.selfHelpUrl).toBe('http://127.0.0.1:9999/qlm/QlmReleaseLicense.aspx')
    expect(moved.app.supportUrl).toBe('http://127.0.0.1:9999/support')
    // The original is untouched and the result is still valid.
    expect(JSON.stringify(p)).toContain(DEMO_ORIGIN)
    expect(parseProfile(moved)).toEqual(moved)
  })

  it('profileWithOrigin matches the origin exactly, not a longer port or host', () => {
    const p = demoJson()
    p.products[0].licensespring.portalUrl = 'http://127.0.0.1:43701/portal'
    p.products[1].licensespring.apiBaseUrl = 'http://127.0.0.1:4370@evil.example/'
    p.products[2].qlm.selfHelpUrl = 'http://127.0.0.1:4370?x=1'
    const moved = profileWithOrigin(parseProfile(p), 'http://127.0.0.1:9999') as any
    expect(moved.products[0].licensespring.portalUrl).toBe('http://127.0.0.1:43701/portal')
    expect(moved.products[1].licensespring.apiBaseUrl).toBe('http://127.0.0.1:4370@evil.example/')
    expect(moved.products[2].qlm.selfHelpUrl).toBe('http://127.0.0.1:9999?x=1')
    expect(moved.products[0].licensespring.apiBaseUrl).toBe('http://127.0.0.1:9999')
  })

  it('resolveProfilePath: explicit, then env, then packaged, then demo', () => {
    const res = tempDir()
    expect(resolveProfilePath({ explicit: 'x.json', env: { LICENSE_DESK_PROFILE: 'y.json' }, resourcesDir: res })).toEqual({ path: join(process.cwd(), 'x.json'), demo: false })
    expect(resolveProfilePath({ env: { LICENSE_DESK_PROFILE: '/abs/y.json' }, resourcesDir: res })).toEqual({ path: '/abs/y.json', demo: false })
    expect(resolveProfilePath({ env: {}, resourcesDir: res })).toEqual({ path: demoProfilePath(res), demo: true })
    writeFileSync(join(res, 'profile.json'), '{}')
    expect(resolveProfilePath({ env: {}, resourcesDir: res })).toEqual({ path: join(res, 'profile.json'), demo: false })
  })

  it('profileHosts lists every host the profile names', () => {
    const p = demoJson()
    p.products[2].qlm.selfHelpUrl = 'https://Help.Vendor.example/x'
    expect(profileHosts(parseProfile(p)).sort()).toEqual(['127.0.0.1', 'help.vendor.example', 'license-desk.example'])
  })
})
