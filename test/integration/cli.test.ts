// The real license-desk binary against the local license server over HTTP: every flow, and the errors
// a user can meet, each ending in a clear message, the documented exit code and unchanged local state.
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cli, ensureCliBuilt, KEYS, readState, releaseViaSelfHelp, startDemo, uploadToPortal, type Demo } from '../support/demo'

let demo: Demo
let hwid: string

beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo()
  const r = await cli(null, ['hwid', '--json'])
  expect(r.code).toBe(0)
  hwid = r.json.hardwareId
  expect(hwid).toMatch(/^[0-9a-f]{64}$/)
})
afterAll(async () => demo?.close())
afterEach(() => {
  demo.server.faults.clear()
  demo.server.state.reset()
})

async function fresh(): Promise<void> {
  // Each test starts with no local state.
  const { rmSync } = await import('node:fs')
  rmSync(demo.dataDir, { recursive: true, force: true })
}

describe('online flows', () => {
  it('activates and deactivates a LicenseSpring key online', async () => {
    await fresh()
    const a = await cli(demo, ['--json', 'activate', 'studio', '--key', KEYS.fresh])
    expect(a.code).toBe(0)
    expect(a.json.product.state).toBe('active')
    expect(a.json.product.license.keyHint).toBe('DEMO-••••-••••-0001')
    expect(demo.server.state.devices(KEYS.fresh)).toContain(hwid)
    const s = await cli(demo, ['status', 'studio'])
    expect(s.stdout).toMatch(/studio\s+Demo Studio \[licensespring\]: active/)
    const d = await cli(demo, ['deactivate', 'studio'])
    expect(d.code).toBe(0)
    expect(d.stdout).toMatch(/Deactivated Demo Studio/)
    expect(demo.server.state.devices(KEYS.fresh)).not.toContain(hwid)
    expect(readState(demo.dataDir).licenses.studio).toBeUndefined()
  })

  it('activates and deactivates a user-based license with the password from the environment', async () => {
    await fresh()
    const a = await cli(demo, ['--json', 'activate', 'cloud', '--user', KEYS.user], { LICENSE_DESK_PASSWORD: KEYS.password })
    expect(a.code).toBe(0)
    expect(demo.server.state.devices(KEYS.user)).toContain(hwid)
    const stateText = readFileSync(join(demo.dataDir, 'state.json'), 'utf8')
    expect(stateText).not.toContain(KEYS.password)
    const d = await cli(demo, ['--json', 'deactivate', 'cloud'])
    expect(d.code).toBe(0)
    expect(demo.server.state.devices(KEYS.user)).toEqual([])
  })

  it('activates and releases a QLM key online', async () => {
    await fresh()
    const a = await cli(demo, ['--json', 'activate', 'cad', '--key', KEYS.qlm])
    expect(a.code).toBe(0)
    expect(demo.server.state.qlmActivations(KEYS.qlm).length).toBe(1)
    const d = await cli(demo, ['--json', 'deactivate', 'cad'])
    expect(d.code).toBe(0)
    expect(demo.server.state.qlmActivations(KEYS.qlm)).toEqual([])
    expect(readState(demo.dataDir).licenses.cad).toBeUndefined()
  })
})

describe('offline flows', () => {
  it('LicenseSpring offline deactivation: file -> portal upload -> seat released', async () => {
    await fresh()
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
    const out = join(demo.dir, 'ls_deactivation.req')
    const d = await cli(demo, ['--json', 'deactivate', 'studio', '--offline', '--out', out])
    expect(d.code).toBe(0)
    const rec = d.json.record
    expect(rec.kind).toBe('licensespring-file')
    expect(rec.filePath).toBe(out)
    const content = readFileSync(out, 'utf8')
    const { createHash } = await import('node:crypto')
    expect(rec.sha256).toBe(createHash('sha256').update(content).digest('hex'))
    // The file IS the deactivation: local state is cleared, the seat is still taken until upload.
    expect(readState(demo.dataDir).licenses.studio).toBeUndefined()
    expect(demo.server.state.devices(KEYS.fresh)).toContain(hwid)
    const up = await uploadToPortal(demo.server.url, content)
    expect(up.status).toBe(200)
    expect(demo.server.state.devices(KEYS.fresh)).not.toContain(hwid)
    const h = await cli(demo, ['--json', 'history'])
    expect(h.json.history[0].requestId).toBe(rec.requestId)
    const st = await cli(demo, ['--json', 'status', 'studio'])
    expect(st.json.products[0].state).toBe('offline-deactivated')
    // status says what is pending, that License Desk cannot see the vendor's side, and how to check
    const text = (await cli(demo, ['status', 'studio'])).stdout
    expect(text).toContain('waiting for the vendor to receive the proof')
    expect(text).toContain(`next: upload ${out} at ${rec.portalUrl}`)
    expect(text).toContain(`License Desk cannot see the vendor's side: the portal's answer to the upload (request ${rec.requestId}) tells you the seat is free.`)
  })

  it('a user license activated offline (no password stored) is not sent to the server to deactivate online', async () => {
    await fresh()
    const req = join(demo.dir, 'activate_offline.req')
    expect((await cli(demo, ['offline-request', 'cloud', '--user', KEYS.user, '--out', req])).code).toBe(0)
    const up = await uploadToPortal(demo.server.url, readFileSync(req, 'utf8'))
    expect(up.status).toBe(200)
    const lic = join(demo.dir, 'cloud.lic')
    writeFileSync(lic, up.body)
    expect((await cli(demo, ['import', 'cloud', lic])).code).toBe(0)
    demo.server.clearRequests()
    const d = await cli(demo, ['--json', 'deactivate', 'cloud'])
    expect(d.json.error).toMatchObject({ code: 'offline_not_supported', nextStep: 'go_offline' })
    expect(d.code).toBe(6)
    expect(demo.server.requests()).toEqual([])
    expect(readState(demo.dataDir).licenses.cloud).toBeDefined()
    const off = await cli(demo, ['--json', 'deactivate', 'cloud', '--offline', '--out', join(demo.dir, 'deactivate_offline.req')])
    expect(off.code).toBe(0)
  })

  it('LicenseSpring offline activation: request -> portal -> .lic import', async () => {
    await fresh()
    const req = join(demo.dir, 'ls_activation.req')
    const r = await cli(demo, ['--json', 'offline-request', 'studio', '--key', KEYS.fresh, '--out', req])
    expect(r.code).toBe(0)
    const up = await uploadToPortal(demo.server.url, readFileSync(req, 'utf8'))
    expect(up.status).toBe(200)
    expect(up.headers.get('content-disposition')).toContain('ls_activation.lic')
    const lic = join(demo.dir, 'ls_activation.lic')
    writeFileSync(lic, up.body)
    const i = await cli(demo, ['--json', 'import', 'studio', lic])
    expect(i.code).toBe(0)
    expect(i.json.product.state).toBe('active')
    expect(i.json.product.license.activatedOffline).toBe(true)
    // Replaying the same .lic is refused: it answers a request that is no longer pending.
    await cli(demo, ['deactivate', 'studio'])
    const again = await cli(demo, ['--json', 'import', 'studio', lic])
    expect(again.code).toBe(6)
    expect(again.json.error.code).toBe('no_pending_request')
  })

  it('QLM offline deactivation: the code is accepted by the self-help release page', async () => {
    await fresh()
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    const d = await cli(demo, ['--json', 'deactivate', 'cad', '--offline'])
    expect(d.code).toBe(0)
    const rec = d.json.record
    expect(rec.code).toMatch(/^[0-9a-f]{32}$/)
    expect(rec.validFor).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(readState(demo.dataDir).licenses.cad).toBeUndefined()
    expect(demo.server.state.qlmActivations(KEYS.qlm).length).toBe(1)
    const text = (await cli(demo, ['status', 'cad'])).stdout
    expect(text).toMatch(/next: enter the code [0-9a-f ]+ \(valid \d{4}-\d{2}-\d{2} only\) on the vendor's release page/)
    expect(text).toContain("License Desk cannot see the vendor's side: the release page's answer, or support's, tells you the seat is free.")
    // the release form asks for the activation key in full: the record carries it
    expect(rec.activationKey).toBe(KEYS.qlm)
    const { form, result } = await releaseViaSelfHelp(rec.selfHelpUrl)
    expect(form.body).toContain(`value="${rec.code}"`)
    expect(result.status).toBe(200)
    expect(result.body).toContain('data-result="released"')
    expect(demo.server.state.qlmActivations(KEYS.qlm)).toEqual([])
    // The state file keeps the key sealed even though the self-help link carries it.
    expect(readFileSync(join(demo.dataDir, 'state.json'), 'utf8')).not.toContain(KEYS.qlm)
  })

  it('a request file written to a folder that does not exist changes nothing', async () => {
    await fresh()
    await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])
    const r = await cli(demo, ['--json', 'deactivate', 'studio', '--offline', '--out', join(demo.dir, 'missing', 'x.req')])
    expect(r.code).toBe(6)
    expect(r.json.error.code).toBe('file_write')
    expect(readState(demo.dataDir).licenses.studio).toBeDefined()
  })
})

describe('errors end in a clear message, the right exit code and unchanged state', () => {
  const cases: Array<[string, string[], number, string, string?]> = [
    ['unknown key', ['activate', 'studio', '--key', 'NOPE-NOPE-NOPE-NOPE'], 5, 'server_refused', 'license_not_found'],
    ['seat taken elsewhere', ['activate', 'studio', '--key', KEYS.seatTaken], 5, 'server_refused', 'license_activated_max_times'],
    ['disabled license', ['activate', 'studio', '--key', KEYS.disabled], 5, 'server_refused', 'license_not_enabled'],
    ['expired license', ['activate', 'studio', '--key', KEYS.expired], 5, 'server_refused', 'license_expired'],
    ['wrong password', ['activate', 'cloud', '--user', KEYS.user, '--password', 'wrong'], 5, 'server_refused'],
    ['unknown product', ['activate', 'nope', '--key', 'X'], 2, 'product_unknown'],
    ['not active', ['deactivate', 'studio'], 6, 'not_active'],
    ['usage', ['activate', 'studio'], 2, 'invalid_input'],
    ['unknown option', ['status', '--frobnicate'], 2, 'invalid_input']
  ]
  for (const [name, args, exit, code, serverCode] of cases) {
    it(name, async () => {
      await fresh()
      const r = await cli(demo, ['--json', ...args])
      expect(r.code).toBe(exit)
      expect(r.json.ok).toBe(false)
      expect(r.json.error.code).toBe(code)
      if (serverCode) expect(r.json.error.serverCode).toBe(serverCode)
      expect(r.json.error.message.length).toBeGreaterThan(10)
      if (existsSync(join(demo.dataDir, 'state.json'))) expect(readState(demo.dataDir).licenses).toEqual({})
      const human = await cli(demo, args)
      // Progress lines may precede it; the error itself is exactly one line.
      expect(human.stderr.split('\n').filter((l) => l.startsWith('license-desk:'))).toHaveLength(1)
      expect(human.stderr).not.toMatch(/\bat .*\.js:\d+/)
    })
  }

  it('no transfers left: the deactivation is refused and the license stays active here', async () => {
    await fresh()
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.noTransfers])).code).toBe(0)
    const r = await cli(demo, ['--json', 'deactivate', 'studio'])
    expect(r.code).toBe(5)
    expect(r.json.error.serverCode).toBe('license_transferred_max_times')
    expect(readState(demo.dataDir).licenses.studio).toBeDefined()
  })

  it('a subscription cannot be deactivated offline', async () => {
    await fresh()
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.subscription])).code).toBe(0)
    const r = await cli(demo, ['--json', 'deactivate', 'studio', '--offline', '--out', join(demo.dir, 'x.req')])
    expect(r.json.error.code).toBe('offline_not_supported')
    expect(existsSync(join(demo.dir, 'x.req'))).toBe(false)
    expect(readState(demo.dataDir).licenses.studio).toBeDefined()
  })

  it('QLM release refused (no releases left) keeps the license and shows the server text', async () => {
    await fresh()
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlmNoReleases])).code).toBe(0)
    const r = await cli(demo, ['--json', 'deactivate', 'cad'])
    expect(r.code).toBe(5)
    expect(r.json.error.code).toBe('server_refused')
    expect(r.json.error.serverMessage.length).toBeGreaterThan(3)
    expect(readState(demo.dataDir).licenses.cad).toBeDefined()
  })

  it('server down: network error, exit 4, nothing changed', async () => {
    await fresh()
    const down = await startDemo()
    await down.server.close()
    const r = await cli(down, ['--json', 'activate', 'studio', '--key', KEYS.fresh])
    expect(r.code).toBe(4)
    expect(r.json.error.code).toBe('network_refused')
  })

  it('a clock 20 minutes off: one corrected retry succeeds and the user is told', async () => {
    await fresh()
    demo.server.faults.set({ clockSkewMs: 20 * 60_000 })
    const r = await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/clock is 20 minutes behind/)
    expect(demo.server.state.devices(KEYS.fresh)).toContain(hwid)
  })

  it('an invalid profile names the field, exit 3', async () => {
    const bad = join(demo.dir, 'bad-profile.json')
    writeFileSync(bad, JSON.stringify({ ...demo.profile, products: [{ ...demo.profile.products[0], licensespring: { apiKey: 1 } }] }))
    const r = await cli({ ...demo, profilePath: bad }, ['--json', 'status'])
    expect(r.code).toBe(3)
    expect(r.json.error.code).toBe('profile_invalid')
    expect(r.json.error.message).toContain('products[0].licensespring.')
  })

  it('a corrupt state file is moved aside and reported, never wiped', async () => {
    await fresh()
    mkdirSync(demo.dataDir, { recursive: true })
    writeFileSync(join(demo.dataDir, 'state.json'), '{"schemaVersion":1, "licenses": {tru')
    const r = await cli(demo, ['--json', 'diagnostics'])
    expect(r.code).toBe(0)
    const moved = readdirSync(demo.dataDir).find((f) => f.startsWith('state.corrupt-'))
    expect(moved).toBeDefined()
    expect(readFileSync(join(demo.dataDir, moved!), 'utf8')).toBe('{"schemaVersion":1, "licenses": {tru')
    expect(r.json.diagnostics.stateFile.corruptMovedTo).toContain('state.corrupt-')
    expect(r.stderr).toMatch(/warning: the state file was damaged; it was moved to .*state\.corrupt-/)
  })
})

describe('usage edge cases', () => {
  it('an empty option value is a usage error (exit 2) that sends and writes nothing', async () => {
    await fresh()
    demo.server.clearRequests()
    for (const args of [
      ['activate', 'studio', '--key', ''],
      ['activate', 'cloud', '--user', '', '--password', 'x'],
      ['offline-request', 'studio', '--key', ''],
      ['--profile', '', 'status'],
      ['deactivate', 'studio', '--offline', '--out', '']
    ]) {
      const r = await cli(demo, ['--json', ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.json.ok).toBe(false)
      expect(r.json.error.code).toBe('invalid_input')
    }
    expect(demo.server.requests()).toEqual([])
    expect(existsSync(join(demo.dataDir, 'state.json'))).toBe(false)
  })

  it('an unknown product is a usage error that writes no state', async () => {
    await fresh()
    for (const args of [
      ['activate', 'nosuch', '--key', KEYS.fresh],
      ['deactivate', 'nosuch'],
      ['offline-request', 'nosuch', '--key', KEYS.fresh]
    ]) {
      const r = await cli(demo, ['--json', ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.json.error.code).toBe('product_unknown')
    }
    expect(existsSync(join(demo.dataDir, 'state.json'))).toBe(false)
  })

  it('dvc refuses a date that is not on the calendar', async () => {
    const base = ['--json', 'dvc', '--key', KEYS.qlm, '--computer-id', 'pc', '--cek', '{B6163D99-F46A-4580-BB42-BF276A507A14}', '--date']
    for (const d of ['2024-02-30', '2023-02-29', '2026-04-31']) {
      const r = await cli(null, [...base, d])
      expect(r.code, d).toBe(2)
      expect(r.json.error.code).toBe('invalid_input')
    }
    expect((await cli(null, [...base, '2024-02-29'])).code).toBe(0)
  })

  it("inspect of a .lic says its signatures were not checked (only a request file's are)", async () => {
    const f = join(demo.dir, 'x.lic')
    writeFileSync(f, Buffer.from(JSON.stringify({ license_key: 'K', hardware_id: 'h', offline_signature: 'AAAA' })).toString('base64'))
    const r = await cli(null, ['inspect', f, '--shared-key', 'k'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/signatures\s+not checked/)
  })

  it('--help with --json prints exactly one JSON object', async () => {
    const r = await cli(null, ['--json', '--help'])
    expect(r.code).toBe(0)
    expect(r.json).toMatchObject({ ok: true })
    expect(r.json.usage).toContain('license-desk')
  })
})

describe('support tools', () => {
  it('dvc matches the code the app produced, and inspect verifies a request file', async () => {
    await fresh()
    await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])
    const d = await cli(demo, ['--json', 'deactivate', 'cad', '--offline'])
    const { code, validFor, computerId } = d.json.record
    const cek = demo.profile.products.find((p) => p.provider === 'qlm')!
    const v = await cli(null, ['--json', 'dvc', '--key', KEYS.qlm, '--computer-id', computerId, '--cek', (cek as any).qlm.communicationEncryptionKey, '--date', validFor])
    expect(v.json.code).toBe(code)

    await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])
    const out = join(demo.dir, 'inspect.req')
    await cli(demo, ['deactivate', 'studio', '--offline', '--out', out])
    const ls = demo.profile.products[0] as any
    const ok = await cli(null, ['--json', 'inspect', out, '--shared-key', ls.licensespring.sharedKey])
    expect(ok.json).toMatchObject({ type: 'request', schemaVersion: 2, signatureValid: true, outerSignatureValid: true })
    const bad = await cli(null, ['--json', 'inspect', out, '--shared-key', 'wrong'])
    expect(bad.json).toMatchObject({ signatureValid: false, outerSignatureValid: false })
  })
})

describe('QLM keys typed in lower case', () => {
  it('are stored as issued, so the deactivation code is accepted by the release page', async () => {
    await fresh()
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm.toLowerCase()])).code).toBe(0)
    const d = await cli(demo, ['--json', 'deactivate', 'cad', '--offline'])
    expect(d.code).toBe(0)
    expect(d.json.record.selfHelpUrl).toContain(KEYS.qlm)
    expect((await releaseViaSelfHelp(d.json.record.selfHelpUrl)).result.status).toBe(200)
    expect(demo.server.state.qlmActivations(KEYS.qlm)).toEqual([])
  })
})
