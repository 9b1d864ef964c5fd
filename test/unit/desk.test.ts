import { createHmac, createSign } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { keyHint, qlmSelfHelpUrl } from '@core/desk'
import { decodeOfflineRequest } from '@core/providers/licensespring/offline'
import { stateFilePath } from '@core/paths'
import { loadProfile, type Profile } from '@core/profile'
import { calendarDate } from '@core/providers/qlm/dvc'
import { StateStore } from '@core/state'
import type { Desk, DeskDeps } from '@core/types'
import { DEMO_PRIVATE_KEY, ROOT, py, rejection, removeTempDirs, run, tempDir } from '../support/tools'
import { makeDesk as makeTestDesk } from '../support/desk'
import { demoSeed, lsCalls, lsErrorAnswer, qlmAnswer, qlmCalls, scriptAnswers, useServer } from '../support/server'
import type { ScriptedReply } from '../../src/server/index'

const HWID = 'e'.repeat(64)
const STUDIO_KEY = 'DEMO-STUD-IO00-0001'
const QLM_KEY = 'AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2'
const USER = 'user@example.com'
const PASSWORD = 'pa55-W0rd-unique-7731'
const NOW = Date.UTC(2026, 4, 6, 12, 0, 0)

const PRIVATE_PEM = readFileSync(DEMO_PRIVATE_KEY, 'utf8')

let profile: Profile
let dir: string
let desk: Desk

// The local server (reset before each test) with the demo seed, its user login being USER / PASSWORD; its
// clock agrees with the desk's injected clock.
const server = useServer(undefined, {
  seed: demoSeed((s) => Object.assign(s.licensespring.licenses.find((l) => l.product === 'cloud')!, { username: USER, password: PASSWORD })),
  now: () => Date.now() + (NOW - NOW_REAL)
})
const ls = {
  /** the LicenseSpring requests the server received, their signatures checked with the demo keys */
  get calls() {
    return lsCalls(server)
  },
  answer: (...answers: ScriptedReply[]) => scriptAnswers(server, '/api/v4/', ...answers)
}
const qlm = {
  get calls() {
    return qlmCalls(server)
  },
  /** the computer key the server gave this computer */
  get computerKey() {
    const key = server.state.qlmActivations(QLM_KEY).find((a) => a.computerId === HWID)?.computerKey
    if (!key) throw new Error('the server gave this computer no computer key')
    return key
  },
  script: { push: (xml: string) => scriptAnswers(server, '/qlm/', qlmAnswer(xml)) }
}

beforeAll(async () => {
  const demo = loadProfile(join(ROOT, 'resources/demo/profile.json'))
  profile = {
    ...demo,
    products: demo.products.map((p) =>
      p.provider === 'licensespring'
        ? // The .lic files these tests make by hand carry no license_signature_v2 (the integration tests import the server's own).
          { ...p, licensespring: { ...p.licensespring, apiBaseUrl: server.url, requireSignatureV2: false } }
        : { ...p, qlm: { ...p.qlm, serviceUrl: `${server.url}/qlm/qlmservice.asmx`, selfHelpUrl: `${server.url}/qlm/QlmReleaseLicense.aspx` } }
    )
  }
})
afterAll(() => {
  removeTempDirs()
})

function makeDesk(over: Partial<DeskDeps> = {}, prof: Profile = profile): Desk {
  return makeTestDesk(dir, prof, {
    hardwareId: { get: async () => ({ id: HWID, source: 'test:fake' }) },
    now: () => NOW + (Date.now() - NOW_REAL),
    retryBaseMs: 5,
    appVersion: 'unit',
    ...over
  })
}
let NOW_REAL = Date.now()

beforeEach(() => {
  dir = tempDir()
  NOW_REAL = Date.now()
  desk = makeDesk()
})

const stateText = () => readFileSync(join(dir, 'state.json'), 'utf8')
const state = () => JSON.parse(stateText())
const sha256sum = (path: string) => run('sha256sum', [path]).toString().split(' ')[0]

describe('keyHint and self-help URL', () => {
  it('masks the middle of a key', () => {
    expect(keyHint('DEMO-STUD-IO00-0001')).toBe('DEMO-••••-••••-0001')
    expect(keyHint('AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2')).toBe('AXK80-•••••-•••••-•••••-•••••-AQDV2')
    expect(keyHint('ABCDEFGHIJ')).toBe('ABC••••HIJ')
    expect(keyHint('ABCDEF')).toBe('••••••')
    expect(keyHint('AB-CD')).toBe('•••••')
  })

  it('builds the self-help URL with encoded values', () => {
    const u = new URL(qlmSelfHelpUrl('https://v.example/QlmReleaseLicense.aspx?lang=de', 'A+B', 'pc 1', 'abc'))
    expect(u.searchParams.get('lang')).toBe('de')
    expect(u.searchParams.get('is_avkey')).toBe('A+B')
    expect(u.searchParams.get('is_pcid')).toBe('pc 1')
    expect(u.searchParams.get('is_deactcode')).toBe('abc')
  })
})

describe('Desk with LicenseSpring', () => {
  it('online activation stores the license only after success, the key sealed and hinted', async () => {
    const r = await desk.activateOnline('studio', { licenseKey: STUDIO_KEY })
    expect(r.product.state).toBe('active')
    expect(r.product.license?.keyHint).toBe('DEMO-••••-••••-0001')
    expect(ls.calls).toHaveLength(1)
    expect(ls.calls[0]!.authOk).toBe(true)
    const st = state()
    expect(st.licenses.studio).toMatchObject({ provider: 'licensespring', hardwareId: HWID, hardwareIdSource: 'test:fake', licenseType: 'perpetual', activatedOffline: false })
    expect(st.licenses.studio.licenseKey.scheme).toBe('local-aes')
    const text = stateText()
    expect(text).not.toContain(STUDIO_KEY)
    expect(text).not.toContain('STUD-IO00')
    expect((await desk.status()).products.find((p) => p.id === 'studio')?.state).toBe('active')
  })

  it('a refused activation leaves licenses and pending unchanged (the error code is recorded)', async () => {
    const e = await rejection(desk.activateOnline('studio', { licenseKey: 'DEMO-NOPE-NOPE-0000' }))
    expect(e.code).toBe('server_refused')
    expect(e.info.serverCode).toBe('license_not_found')
    const st = state()
    expect(st.licenses).toEqual({})
    expect(st.pending).toEqual({})
    expect(st.errors.map((x: { code: string }) => x.code)).toEqual(['server_refused'])
    expect(stateText()).not.toContain('DEMO-NOPE')
  })

  it('a server outage leaves the state unchanged', async () => {
    ls.answer(...Array(3).fill(lsErrorAnswer(503, 'internal_error')))
    const e = await rejection(desk.activateOnline('studio', { licenseKey: STUDIO_KEY }))
    expect(e.code).toBe('server_unavailable')
    expect(existsSync(join(dir, 'state.json')) ? state().licenses : {}).toEqual({})
  })

  it('user login: the password never reaches the state file in plain text', async () => {
    await desk.activateOnline('cloud', { username: USER, password: PASSWORD })
    expect(JSON.parse(ls.calls[0]!.body)).toMatchObject({ username: USER, password: PASSWORD })
    expect(stateText()).not.toContain(PASSWORD)
    expect(state().licenses.cloud.password.scheme).toBe('local-aes')
    // Deactivation decrypts and sends the stored identity.
    await desk.deactivateOnline('cloud')
    expect(JSON.parse(ls.calls[1]!.body)).toMatchObject({ username: USER, password: PASSWORD, hardware_id: HWID })
  })

  it('refuses a second activation without a server call', async () => {
    await desk.activateOnline('studio', { licenseKey: STUDIO_KEY })
    const e = await rejection(desk.activateOnline('studio', { licenseKey: STUDIO_KEY }))
    expect(e.code).toBe('already_active')
    expect(ls.calls).toHaveLength(1)
  })

  it('online deactivation: refused -> license kept; success -> cleared, using the stored hardware id', async () => {
    await desk.activateOnline('studio', { licenseKey: STUDIO_KEY })
    ls.answer(lsErrorAnswer(400, 'license_not_enabled'))
    const e = await rejection(desk.deactivateOnline('studio'))
    expect(e.info.serverCode).toBe('license_not_enabled')
    expect(state().licenses.studio).toBeDefined()
    // The hardware id changed since activation: the stored one is still used.
    const drifted = makeDesk({ hardwareId: { get: async () => ({ id: 'f'.repeat(64), source: 'x' }) } })
    const r = await drifted.deactivateOnline('studio')
    expect(r.alreadyReleased).toBe(false)
    expect(JSON.parse(ls.calls.at(-1)!.body).hardware_id).toBe(HWID)
    expect(state().licenses).toEqual({})
  })

  it('deactivating an inactive product -> not_active', async () => {
    expect((await rejection(desk.deactivateOnline('studio'))).code).toBe('not_active')
    expect((await rejection(desk.deactivateOffline('studio', join(dir, 'x.req')))).code).toBe('not_active')
    expect((await rejection(desk.activateOnline('nope', { licenseKey: 'x' }))).code).toBe('product_unknown')
  })

  it('offline deactivation writes the file first, then clears the state and records sha256 and request_id', async () => {
    await desk.activateOnline('studio', { licenseKey: STUDIO_KEY })
    const out = join(dir, 'ls_deactivation.req')
    const callsBefore = ls.calls.length
    const rec = await desk.deactivateOffline('studio', out)
    expect(ls.calls.length).toBe(callsBefore) // no network
    if (rec.kind !== 'licensespring-file') throw new Error('wrong record kind')
    expect(rec.filePath).toBe(out)
    expect(rec.sha256).toBe(sha256sum(out))
    const content = readFileSync(out, 'utf8')
    const studio = profile.products[0]!
    if (studio.provider !== 'licensespring') throw new Error('x')
    const decoded = decodeOfflineRequest(content, studio.licensespring.sharedKey)
    expect(decoded).toMatchObject({ schemaVersion: 2, signatureValid: true, outerSignatureValid: true })
    expect(decoded.request).toMatchObject({ request: 'deactivation', hardware_id: HWID, license_key: STUDIO_KEY, product: 'studio', request_id: rec.requestId })
    // python reads the same request_id out of the file
    expect(py('import sys,json,base64;print(json.loads(base64.b64decode(sys.stdin.read()))["request"]["request_id"])', [], content)).toBe(rec.requestId)
    const st = state()
    expect(st.licenses).toEqual({})
    expect(st.offlineDeactivated.studio).toBe(rec.id)
    expect(st.history).toHaveLength(1)
    expect(st.history[0]).toMatchObject({ kind: 'licensespring-file', sha256: rec.sha256, requestId: rec.requestId, filePath: out })
    expect(stateText()).not.toContain(STUDIO_KEY)
    const status = await desk.status()
    expect(status.products.find((p) => p.id === 'studio')).toMatchObject({ state: 'offline-deactivated', lastOffline: { id: rec.id } })
    expect((await desk.history())[0]!.id).toBe(rec.id)
  })

  it('offline deactivation that cannot write the file keeps the license', async () => {
    await desk.activateOnline('studio', { licenseKey: STUDIO_KEY })
    const e = await rejection(desk.deactivateOffline('studio', join(dir, 'missing-dir', 'ls_deactivation.req')))
    expect(e.code).toBe('file_write')
    const st = state()
    expect(st.licenses.studio).toBeDefined()
    expect(st.history).toEqual([])
    expect(st.offlineDeactivated).toEqual({})
  })

  it('offline deactivation without an output path -> invalid_input, license kept', async () => {
    await desk.activateOnline('studio', { licenseKey: STUDIO_KEY })
    expect((await rejection(desk.deactivateOffline('studio'))).code).toBe('invalid_input')
    expect(state().licenses.studio).toBeDefined()
  })

  it('offline activation: request file, then a .lic for it is imported; a .lic for another request is refused', async () => {
    const out = join(dir, 'ls_activation.req')
    const req = await desk.createOfflineActivationRequest('studio', { licenseKey: STUDIO_KEY }, out)
    expect(req.sha256).toBe(sha256sum(out))
    expect(decodeOfflineRequest(readFileSync(out, 'utf8')).request.request_id).toBe(req.requestId)
    expect(state().pending.studio.requestId).toBe(req.requestId)
    expect(stateText()).not.toContain(STUDIO_KEY)

    const s = profile.products[0]!
    if (s.provider !== 'licensespring') throw new Error('x')
    const lic = (requestId: string) => {
      const base: Record<string, unknown> = {
        license_key: STUDIO_KEY,
        license_type: 'perpetual',
        is_trial: false,
        validity_period: null,
        hardware_id: HWID,
        product_details: { short_code: 'studio' },
        date: 'Wed, 06 May 2026 12:00:00 GMT',
        request_id: requestId
      }
      base.offline_signature = createHmac('sha256', s.licensespring.sharedKey!)
        .update(`licenseSpring\ndate: ${base.date}\n${STUDIO_KEY}\n${HWID}\n${s.licensespring.apiKey}`)
        .digest('base64')
      base.license_signature = createSign('RSA-SHA256').update(`${HWID}#${STUDIO_KEY}#`.toLowerCase()).sign(PRIVATE_PEM, 'base64')
      return Buffer.from(JSON.stringify(base)).toString('base64')
    }
    const e = await rejection(desk.importOfflineActivation('studio', lic('some-older-request')))
    expect(e.code).toBe('lic_mismatch')
    expect(state().licenses).toEqual({})
    expect(state().pending.studio).toBeDefined()

    const r = await desk.importOfflineActivation('studio', lic(req.requestId))
    expect(r.product.state).toBe('active')
    expect(r.product.license?.activatedOffline).toBe(true)
    expect(state().pending).toEqual({})
    expect(ls.calls).toHaveLength(0)
  })

  it('a product lock held elsewhere -> state_locked, nothing changed', async () => {
    const release = new StateStore(
      stateFilePath(dir),
      () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'state', projectName: 'license-desk', clearInvalidConfig: false })
    ).lockProduct('studio')
    try {
      const e = await rejection(desk.activateOnline('studio', { licenseKey: STUDIO_KEY }))
      expect(e.code).toBe('state_locked')
      expect(ls.calls).toHaveLength(0)
    } finally {
      release()
    }
  })
})

describe('Desk: status, diagnostics, clock, cancellation', () => {
  it('status reports a hardware id failure without throwing', async () => {
    const { LicenseDeskError } = await import('@core/errors')
    const d = makeDesk({
      hardwareId: {
        get: async () => {
          throw new LicenseDeskError('hwid_empty', 'empty')
        }
      }
    })
    const st = await d.status()
    expect(st.hardware).toBeNull()
    expect(st.hardwareError?.code).toBe('hwid_empty')
    expect(st.products.map((p) => p.state)).toEqual(['inactive', 'inactive', 'inactive', 'inactive', 'inactive'])
    // ...and activation fails with that error, changing nothing.
    expect((await rejection(d.activateOnline('studio', { licenseKey: STUDIO_KEY }))).code).toBe('hwid_empty')
    expect(ls.calls).toHaveLength(0)
  })

  it('diagnostics carry no key, password, shared key or CEK', async () => {
    await desk.activateOnline('studio', { licenseKey: STUDIO_KEY })
    await desk.activateOnline('cloud', { username: USER, password: PASSWORD })
    await desk.activateOnline('cad', { licenseKey: QLM_KEY })
    const text = await desk.diagnostics({ extra: 'x' })
    const s = profile.products[0]!
    const cad = profile.products[2]!
    if (s.provider !== 'licensespring' || cad.provider !== 'qlm') throw new Error('x')
    for (const secret of [
      STUDIO_KEY,
      PASSWORD,
      QLM_KEY,
      QLM_KEY.replace(/-/g, ''),
      s.licensespring.sharedKey,
      cad.qlm.communicationEncryptionKey,
      cad.qlm.password!,
      qlm.computerKey
    ])
      expect(text, secret).not.toContain(secret)
    const d = JSON.parse(text)
    expect(d.products.find((p: { id: string }) => p.id === 'studio')).toMatchObject({ state: 'active', storedHardwareId: HWID, hardwareIdDrift: false })
  })

  it('a server clock far off is learnt, stored and reported', async () => {
    server.faults.set({ clockSkewMs: 2 * 3_600_000 }) // server two hours ahead of our (injected) clock
    const r = await desk.activateOnline('studio', { licenseKey: STUDIO_KEY })
    expect(ls.calls).toHaveLength(2)
    expect(r.clockOffsetMs).toBeGreaterThan(2 * 3_600_000 - 3000)
    expect(state().clock.offsetMs).toBeGreaterThan(2 * 3_600_000 - 3000)
    expect((await desk.status()).clockOffsetMs).toBe(state().clock.offsetMs)
    // A new desk (next start) signs with the stored offset at once.
    server.clearRequests()
    await makeDesk().deactivateOnline('studio')
    expect(ls.calls).toHaveLength(1)
    expect(Math.abs(ls.calls[0]!.dateSkewMs)).toBeLessThan(3000)
  })

  it('a cancelled activation changes nothing and is not recorded as an error', async () => {
    const ctrl = new AbortController()
    ctrl.abort()
    const e = await rejection(desk.activateOnline('studio', { licenseKey: STUDIO_KEY }, { signal: ctrl.signal }))
    expect(e.code).toBe('cancelled')
    expect(existsSync(join(dir, 'state.json')) ? state() : { licenses: {}, errors: [] }).toMatchObject({ licenses: {}, errors: [] })
  })

  it('a subscription license cannot be deactivated offline; the state is unchanged', async () => {
    const stored = server.state.rawLicense(STUDIO_KEY)!
    stored.type = 'subscription'
    try {
      await desk.activateOnline('studio', { licenseKey: STUDIO_KEY })
    } finally {
      stored.type = 'perpetual'
    }
    expect((await desk.status()).products[0]!.canDeactivateOffline).toBe(false)
    const out = join(dir, 'x.req')
    const e = await rejection(desk.deactivateOffline('studio', out))
    expect(e.code).toBe('offline_not_supported')
    expect(existsSync(out)).toBe(false)
    expect(state().licenses.studio).toBeDefined()
  })

  it('offline file names come from the profile', () => {
    expect(desk.offlineFileName('studio', 'deactivation')).toBe('ls_deactivation.req')
    expect(desk.offlineFileName('cloud', 'activation')).toBe('activate_offline.req')
  })
})

describe('Desk with QLM', () => {
  it('a refused activation changes nothing', async () => {
    qlm.script.push('<QuickLicenseManager><error>Invalid activation key.</error></QuickLicenseManager>')
    const e = await rejection(desk.activateOnline('cad', { licenseKey: QLM_KEY }))
    expect(e.code).toBe('server_refused')
    expect(e.info.serverMessage).toBe('Invalid activation key.')
    expect(state().licenses).toEqual({})
  })

  const md5 = (s: string) => py('import sys,hashlib;print(hashlib.md5(sys.stdin.buffer.read()).hexdigest())', [], s)

  it('online activation stores the computer id and the sealed computer key', async () => {
    const r = await desk.activateOnline('cad', { licenseKey: QLM_KEY })
    expect(r.product.state).toBe('active')
    expect(qlm.calls[0]!.query.get('is_pcid')).toBe(HWID)
    const st = state()
    expect(st.licenses.cad).toMatchObject({ provider: 'qlm', hardwareId: HWID, keyHint: keyHint(QLM_KEY) })
    expect(st.licenses.cad.computerKey.scheme).toBe('local-aes')
    const text = stateText()
    expect(text).not.toContain(QLM_KEY)
    expect(text).not.toContain(QLM_KEY.replace(/-/g, ''))
    expect(text).not.toContain(qlm.computerKey)
  })

  it('offline deactivation: DVC record with validFor, code (checked by python md5) and a self-help URL', async () => {
    await desk.activateOnline('cad', { licenseKey: QLM_KEY })
    const cad = profile.products[2]!
    if (cad.provider !== 'qlm') throw new Error('x')
    const rec = await desk.deactivateOffline('cad')
    if (rec.kind !== 'qlm-dvc') throw new Error('wrong record kind')
    const validFor = calendarDate(NOW, 'local')
    expect(rec.validFor).toBe(validFor)
    expect(rec.code).toBe(md5(`${QLM_KEY.replace(/-/g, '')}|${HWID}|${cad.qlm.communicationEncryptionKey}|${validFor}`))
    expect(rec.code).toMatch(/^[0-9a-f]{32}$/)
    const u = new URL(rec.selfHelpUrl!)
    expect(u.pathname).toBe('/qlm/QlmReleaseLicense.aspx')
    expect(u.searchParams.get('is_deactcode')).toBe(rec.code)
    expect(u.searchParams.get('is_avkey')).toBe(QLM_KEY)
    expect(u.searchParams.get('is_pcid')).toBe(HWID)
    expect(rec.supportMailto).toContain(encodeURIComponent(rec.code))
    const st = state()
    expect(st.licenses).toEqual({})
    expect(st.history[0]).toMatchObject({ kind: 'qlm-dvc', code: rec.code, validFor })
    expect(st.history[0].selfHelpUrl).toBeUndefined()
    const text = stateText()
    expect(text).not.toContain(QLM_KEY)
    expect(text).not.toContain(cad.qlm.communicationEncryptionKey)
    // The hydrated history entry carries the self-help URL again.
    expect((await desk.history())[0]).toMatchObject({ selfHelpUrl: rec.selfHelpUrl })
  })

  it('DVC honours the profile: upper case and the UTC date', async () => {
    const prof: Profile = {
      ...profile,
      products: profile.products.map((p) => (p.provider === 'qlm' ? { ...p, qlm: { ...p.qlm, dvc: { case: 'upper' as const, date: 'utc' as const } } } : p))
    }
    const d = makeDesk({}, prof)
    await d.activateOnline('cad', { licenseKey: QLM_KEY })
    const rec = await d.deactivateOffline('cad')
    if (rec.kind !== 'qlm-dvc') throw new Error('x')
    expect(rec.validFor).toBe('2026-05-06')
    expect(rec.code).toMatch(/^[0-9A-F]{32}$/)
  })

  it('online deactivation: dashes stripped, DVC sent under both names when required; refusal keeps the license', async () => {
    const prof: Profile = {
      ...profile,
      products: profile.products.map((p) => (p.provider === 'qlm' ? { ...p, qlm: { ...p.qlm, requireDeactivationCode: true } } : p))
    }
    const d = makeDesk({}, prof)
    await d.activateOnline('cad', { licenseKey: QLM_KEY })
    qlm.script.push('<QuickLicenseManager><error>Too many releases.</error></QuickLicenseManager>')
    const e = await rejection(d.deactivateOnline('cad'))
    expect(e.code).toBe('server_refused')
    expect(e.info.serverMessage).toBe('Too many releases.')
    expect(state().licenses.cad).toBeDefined()
    await d.deactivateOnline('cad')
    const q = qlm.calls.at(-1)!.query
    expect(q.get('is_avkey')).toBe(QLM_KEY.replace(/-/g, ''))
    expect(q.get('is_deacivation_code')).toMatch(/^[0-9a-f]{32}$/)
    expect(q.get('is_deactivation_code')).toBe(q.get('is_deacivation_code'))
    expect(q.get('is_user')).toBe('demo-user')
    expect(state().licenses).toEqual({})
  })

  it('activation through the web page stores the typed computer key; a malformed key changes nothing', async () => {
    const url = await desk.qlmActivationUrl('cad', ` ${QLM_KEY} `)
    expect(new URL(url.url).searchParams.get('is_avkey')).toBe(QLM_KEY)
    expect(url.computerId).toBe(HWID)
    expect((await rejection(desk.activateQlmWithComputerKey('cad', QLM_KEY, 'not a key!'))).code).toBe('invalid_input')
    expect(existsSync(join(dir, 'state.json')) ? state().licenses : {}).toEqual({})
    const r = await desk.activateQlmWithComputerKey('cad', QLM_KEY, ' PC-KEY-99 ')
    expect(r.product.license?.activatedOffline).toBe(true)
    expect(stateText()).not.toContain('PC-KEY-99')
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([])
  })
})

describe('typed keys and user names', () => {
  it('an empty or blank key or user name is refused before anything is sent or written', async () => {
    for (const identity of [{ licenseKey: '' }, { licenseKey: '   ' }, { username: ' ', password: PASSWORD }, { username: USER, password: '' }]) {
      const id = 'licenseKey' in identity ? 'studio' : 'cloud'
      expect((await rejection(desk.activateOnline(id, identity))).info.code).toBe('invalid_input')
    }
    expect((await rejection(desk.activateOnline('cad', { licenseKey: '' }))).info.code).toBe('invalid_input')
    expect((await rejection(desk.createOfflineActivationRequest('studio', { licenseKey: ' ' }, join(dir, 'a.req')))).info.code).toBe('invalid_input')
    expect((await rejection(desk.activateQlmWithComputerKey('cad', '', 'ABCDE-FGHJK'))).info.code).toBe('invalid_input')
    expect(ls.calls).toHaveLength(0)
    expect(qlm.calls).toHaveLength(0)
    expect(existsSync(join(dir, 'a.req'))).toBe(false)
    expect((await desk.status()).products.every((p) => p.state === 'inactive')).toBe(true)
  })

  it('a pasted key with surrounding spaces is sent and stored trimmed (its license_signature then verifies)', async () => {
    await desk.activateOnline('studio', { licenseKey: `  ${STUDIO_KEY}\n` })
    expect(JSON.parse(ls.calls[0]!.body).license_key).toBe(STUDIO_KEY)
    await desk.deactivateOnline('studio')
    expect(JSON.parse(ls.calls[1]!.body).license_key).toBe(STUDIO_KEY)
  })
})
