// Seats the vendor's own product took, end to end: the built license-desk binary against the local
// license server, which seeds a seat "taken by another program" under a hardware id the test chooses.
// Release by key (online and offline), another computer's seat from an imported receipt, seat counts,
// a server check that finds the seat gone, and deactivate --all with one product failing.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Profile } from '@core/profile'
import { cli, ensureCliBuilt, KEYS, readState, releaseViaSelfHelp, startDemo, uploadToPortal, type Demo } from '../support/demo'

/** The id the vendor's SDK gave this computer (what its id program prints). */
const SDK_ID = 'SDK-HWID-7F3A9C21'
let demo: Demo
let sdk: Demo
let hwid: string

/** A demo whose products compute their id with the vendor's id program (and QLM with the computer name). */
function vendorRecipes(dir: string) {
  return (p: Profile): Profile => {
    const prog = join(dir, 'vendor-id.js')
    writeFileSync(prog, `process.stdout.write(${JSON.stringify(`${SDK_ID}\n`)})\n`)
    return {
      ...p,
      products: p.products.map((x) =>
        x.provider === 'licensespring'
          ? { ...x, licensespring: { ...x.licensespring, hardwareId: { command: [process.execPath, prog], timeoutMs: 5000 } } }
          : { ...x, qlm: { ...x.qlm, computerId: 'computer-name' as const } }
      )
    }
  }
}

beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo()
  const dir = join(demo.dir, 'sdk')
  mkdirSync(dir, { recursive: true })
  sdk = await startDemo(vendorRecipes(dir))
  const r = await cli(null, ['hwid', '--json'])
  hwid = r.json.hardwareId
})
afterAll(async () => {
  await demo?.close()
  await sdk?.close()
})
beforeEach(() => {
  for (const d of [demo, sdk]) {
    d.server.state.reset()
    d.server.faults.clear()
    rmSync(d.dataDir, { recursive: true, force: true })
  }
})

describe('hwid lists every candidate id with its recipe', () => {
  it('the built-in recipes, the vendor program and each product’s recipe', async () => {
    const r = await cli(sdk, ['--json', 'hwid'])
    expect(r.code).toBe(0)
    const recipes = r.json.candidates.map((c: { recipe: string }) => c.recipe)
    expect(recipes).toEqual(['node-machine-id', 'licensespring', 'computer-name', `command (${process.execPath})`])
    expect(r.json.candidates[3].id).toBe(SDK_ID)
    expect(r.json.products).toEqual([
      expect.objectContaining({ productId: 'studio', recipe: 'command', id: SDK_ID }),
      expect.objectContaining({ productId: 'cloud', recipe: 'command', id: SDK_ID }),
      expect.objectContaining({ productId: 'cad', recipe: 'computer-name', id: hostname().split('.')[0] }),
      expect.objectContaining({ productId: 'vault', recipe: 'command', id: SDK_ID }),
      expect.objectContaining({ productId: 'cloud-sso', recipe: 'command', id: SDK_ID })
    ])
    const human = await cli(sdk, ['hwid'])
    expect(human.stdout).toMatch(/Every id this computer yields, by recipe:\n\s+node-machine-id\s+[0-9a-f]{64}/)
    expect(human.stdout).toMatch(/studio\s+command: SDK-HWID-7F3A9C21/)
  })

  it('diagnostics lists them too', async () => {
    const r = await cli(sdk, ['--json', 'diagnostics'])
    expect(r.json.diagnostics.computerIds.map((c: { recipe: string }) => c.recipe)).toContain('licensespring')
    expect(r.json.diagnostics.recipes).toEqual({ studio: 'command', cloud: 'command', cad: 'computer-name', vault: 'command', 'cloud-sso': 'command' })
  })
})

describe('release a seat the vendor’s product took, by key', () => {
  it('online, LicenseSpring: the vendor program’s id is sent and the seeded seat is freed', async () => {
    expect(sdk.server.state.seedSeat(KEYS.fresh, SDK_ID)).toBe(true)
    const r = await cli(sdk, ['--json', 'deactivate', 'studio', '--key', KEYS.fresh])
    expect(r.code).toBe(0)
    expect(r.json).toMatchObject({ ok: true, mode: 'online', hardwareId: SDK_ID, otherComputer: false, alreadyReleased: false })
    expect(sdk.server.state.devices(KEYS.fresh)).toEqual([])
    expect(existsSync(join(sdk.dataDir, 'state.json')) ? readState(sdk.dataDir).licenses : {}).toEqual({})
  })

  it('online, QLM with the computer-name recipe', async () => {
    const name = hostname().split('.')[0]!
    sdk.server.state.seedSeat(KEYS.qlm, name)
    const r = await cli(sdk, ['deactivate', 'cad', '--key', KEYS.qlm])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`Released the seat of Demo CAD (QLM) on this computer (id ${name}`)
    expect(sdk.server.state.qlmActivations(KEYS.qlm)).toEqual([])
  })

  it('under the wrong recipe: seat_not_found names the id sent and the other recipes to try, exit 5', async () => {
    demo.server.state.seedSeat(KEYS.fresh, SDK_ID)
    const r = await cli(demo, ['--json', 'deactivate', 'studio', '--key', KEYS.fresh])
    expect(r.code).toBe(5)
    expect(r.json.error.code).toBe('seat_not_found')
    expect(r.json.error.serverCode).toBe('device_not_found')
    expect(r.json.error.message).toContain(hwid)
    expect(r.json.error.message).toMatch(/recipe node-machine-id.*try another recipe: licensespring, command, --hardware-id/)
    expect(demo.server.state.devices(KEYS.fresh)).toEqual([SDK_ID])
    // The id IT staff know, given directly, releases it.
    const it = await cli(demo, ['--json', '--hardware-id', SDK_ID, 'deactivate', 'studio', '--key', KEYS.fresh])
    expect(it.code).toBe(0)
    expect(it.json.source).toBe('override:--hardware-id')
    expect(demo.server.state.devices(KEYS.fresh)).toEqual([])
  })

  it('LICENSE_DESK_HARDWARE_ID works like --hardware-id (QLM)', async () => {
    demo.server.state.seedSeat(KEYS.qlm, 'QLM-PC-0042')
    const r = await cli(demo, ['--json', 'deactivate', 'cad', '--key', KEYS.qlm], { LICENSE_DESK_HARDWARE_ID: 'QLM-PC-0042' })
    expect(r.code).toBe(0)
    expect(demo.server.state.qlmActivations(KEYS.qlm)).toEqual([])
  })

  it('a user license by --user with the password', async () => {
    sdk.server.state.seedSeat(KEYS.user, SDK_ID)
    const r = await cli(sdk, ['--json', 'deactivate', 'cloud', '--user', KEYS.user], { LICENSE_DESK_PASSWORD: KEYS.password })
    expect(r.code).toBe(0)
    expect(sdk.server.state.devices(KEYS.user)).toEqual([])
  })

  it('offline, LicenseSpring: the request file carries the vendor id; the portal releases the seat', async () => {
    sdk.server.state.seedSeat(KEYS.fresh, SDK_ID)
    const out = join(sdk.dir, 'by-key.req')
    const r = await cli(sdk, ['--json', 'deactivate', 'studio', '--key', KEYS.fresh, '--offline', '--out', out])
    expect(r.code).toBe(0)
    expect(r.json.record).toMatchObject({ kind: 'licensespring-file', filePath: out })
    const inner = JSON.parse(Buffer.from(readFileSync(out, 'utf8'), 'base64').toString('utf8')).request
    expect(inner).toMatchObject({ request: 'deactivation', hardware_id: SDK_ID, license_key: KEYS.fresh })
    expect(sdk.server.state.devices(KEYS.fresh)).toEqual([SDK_ID])
    const up = await uploadToPortal(sdk.server.url, readFileSync(out, 'utf8'))
    expect(up.status).toBe(200)
    expect(sdk.server.state.devices(KEYS.fresh)).toEqual([])
    // Kept in the history, so it can be shown and exported again.
    expect(readState(sdk.dataDir).history).toHaveLength(1)
  })

  it('offline, QLM: the code for key and computer name releases the seat on the self-help page', async () => {
    const name = hostname().split('.')[0]!
    sdk.server.state.seedSeat(KEYS.qlm, name)
    const r = await cli(sdk, ['--json', 'deactivate', 'cad', '--key', KEYS.qlm, '--offline'])
    expect(r.code).toBe(0)
    expect(r.json.record).toMatchObject({ kind: 'qlm-dvc', computerId: name })
    const { result } = await releaseViaSelfHelp(r.json.record.selfHelpUrl)
    expect(result.body).toContain('data-result="released"')
    expect(sdk.server.state.qlmActivations(KEYS.qlm)).toEqual([])
  })

  it('refuses to release by key a seat License Desk holds itself', async () => {
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
    const r = await cli(demo, ['--json', 'deactivate', 'studio', '--key', KEYS.fresh])
    expect(r.code).toBe(2)
    expect(r.json.error.message).toMatch(/holds this seat .* itself/)
    expect(demo.server.state.devices(KEYS.fresh)).toEqual([hwid])
  })
})

describe('release an old computer’s seat', () => {
  it('from an imported seat receipt: the receipt names the computer before the call; only its seat goes', async () => {
    const old = { ...demo, dataDir: join(demo.dir, 'old-computer') }
    expect((await cli(old, ['activate', 'studio', '--key', KEYS.fresh], { LICENSE_DESK_HARDWARE_ID: 'OLD-LAPTOP-0001' })).code).toBe(0)
    const receipt = join(demo.dir, 'studio-receipt.json')
    const saved = await cli(old, ['--json', 'receipts', 'studio', '--out', receipt])
    expect(saved.code).toBe(0)
    const file = JSON.parse(readFileSync(receipt, 'utf8'))
    expect(file).toMatchObject({ format: 'license-desk-seat-receipt', productId: 'studio', keyHint: 'DEMO-••••-••••-0001', hardwareId: 'OLD-LAPTOP-0001' })
    expect(readFileSync(receipt, 'utf8')).not.toContain(KEYS.fresh)
    // The new computer takes its own seat, then releases the old one.
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
    expect(demo.server.state.devices(KEYS.fresh).sort()).toEqual(['OLD-LAPTOP-0001', hwid].sort())
    const r = await cli(demo, ['deactivate', 'studio', '--key', KEYS.fresh, '--receipt', receipt])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/Releasing the seat of another computer, id OLD-LAPTOP-0001 \(host .*, activated .*\): that computer loses its license/)
    expect(r.stdout).toContain('on the other computer (id OLD-LAPTOP-0001)')
    expect(demo.server.state.devices(KEYS.fresh)).toEqual([hwid])
    expect(readState(demo.dataDir).licenses.studio).toBeDefined()
  })

  it('a receipt for another key is refused before any call', async () => {
    const receipt = join(demo.dir, 'other.json')
    writeFileSync(
      receipt,
      JSON.stringify({
        format: 'license-desk-seat-receipt',
        version: 1,
        id: 'r1',
        productId: 'studio',
        productName: 'Demo Studio',
        provider: 'licensespring',
        keyHint: 'DEMO-••••-••••-0009',
        hardwareId: 'OLD-1',
        at: '2026-01-01T00:00:00.000Z'
      })
    )
    demo.server.clearRequests()
    const r = await cli(demo, ['--json', 'deactivate', 'studio', '--key', KEYS.fresh, '--receipt', receipt])
    expect(r.code).toBe(2)
    expect(r.json.error.message).toMatch(/receipt is for the key DEMO-••••-••••-0009/)
    expect(demo.server.requests()).toEqual([])
  })

  it('QLM: the old computer id typed, offline: a code and the self-help link for that computer', async () => {
    demo.server.state.seedSeat(KEYS.qlm, 'OLD-PC-7')
    const r = await cli(demo, ['--json', 'deactivate', 'cad', '--key', KEYS.qlm, '--old-id', 'OLD-PC-7', '--offline'])
    expect(r.code).toBe(0)
    expect(r.json).toMatchObject({ otherComputer: true, hardwareId: 'OLD-PC-7', record: { computerId: 'OLD-PC-7' } })
    expect(new URL(r.json.record.selfHelpUrl).searchParams.get('is_pcid')).toBe('OLD-PC-7')
    await releaseViaSelfHelp(r.json.record.selfHelpUrl)
    expect(demo.server.state.qlmActivations(KEYS.qlm)).toEqual([])
  })
})

describe('seat counts and the server check', () => {
  it('QLM: seats from the activation, a check that confirms them, and an old computer’s seat released online by its id', async () => {
    demo.server.state.seedSeat(KEYS.qlm, 'OLD-PC-9')
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    const s = await cli(demo, ['--json', 'status', 'cad'])
    expect(s.json.products[0].license.seats).toMatchObject({ inUse: 2, max: 2 })
    const c = await cli(demo, ['--json', 'check', 'cad'])
    expect(c.json).toMatchObject({ verdict: 'ok', offerRemove: false, product: { license: { seats: { inUse: 2, max: 2 } } } })
    const r = await cli(demo, ['--json', 'deactivate', 'cad', '--key', KEYS.qlm, '--old-id', 'OLD-PC-9'])
    expect(r.code).toBe(0)
    expect(r.json).toMatchObject({ mode: 'online', otherComputer: true, hardwareId: 'OLD-PC-9' })
    expect(demo.server.state.qlmActivations(KEYS.qlm).map((a) => a.computerId)).toEqual([hwid])
    expect(readState(demo.dataDir).licenses.cad).toBeDefined()
  })

  it('status shows N of M seats in use and the transfers left, as the server said', async () => {
    demo.server.state.seedSeat(KEYS.fresh, 'another-program')
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
    const s = await cli(demo, ['--json', 'status', 'studio'])
    expect(s.json.products[0].license.seats).toMatchObject({ inUse: 2, max: 3, transfers: 0, maxTransfers: 10 })
    const human = await cli(demo, ['status', 'studio'])
    expect(human.stdout).toMatch(/2 of 3 seats in use, 10 transfers left/)
    // And before a deactivation.
    const d = await cli(demo, ['deactivate', 'studio'])
    expect(d.stderr).toMatch(/Demo Studio: 2 of 3 seats in use, 10 transfers left/)
  })

  it('check finds the seat gone; the record stays until the user removes it', async () => {
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
    const ok = await cli(demo, ['--json', 'check', 'studio'])
    expect(ok.json).toMatchObject({ ok: true, verdict: 'ok', offerRemove: false })
    // forget is refused while the server confirms the seat.
    expect((await cli(demo, ['forget', 'studio'])).code).toBe(2)
    // Released from the vendor's portal meanwhile.
    demo.server.state.rawLicense(KEYS.fresh)!.devices = []
    const gone = await cli(demo, ['check', 'studio'])
    expect(gone.code).toBe(0)
    expect(gone.stdout).toMatch(/no longer holds this computer’s seat/)
    expect(gone.stdout).toContain('license-desk forget studio')
    expect(readState(demo.dataDir).licenses.studio.lastCheck.verdict).toBe('gone')
    const f = await cli(demo, ['--json', 'forget', 'studio'])
    expect(f.code).toBe(0)
    expect(readState(demo.dataDir).licenses.studio).toBeUndefined()
  })

  it('check reports a disabled license and a QLM seat the server does not confirm', async () => {
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    demo.server.state.reset() // both seats are gone on the server; the studio one comes back, disabled
    demo.server.state.seedSeat(KEYS.fresh, hwid)
    demo.server.state.rawLicense(KEYS.fresh)!.enabled = false
    const r = await cli(demo, ['--json', 'check'])
    expect(r.code).toBe(0)
    expect(r.json.results.map((x: { productId: string; verdict: string }) => [x.productId, x.verdict])).toEqual([
      ['studio', 'disabled'],
      ['cad', 'not_confirmed']
    ])
    expect(r.json.results[1].serverMessage).toBe('The license is not activated on this computer.')
  })
})

describe('deactivate --all (IT and uninstallers)', () => {
  it('carries on past a failure, one JSON object, the worst exit code', async () => {
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    demo.server.faults.set({ status: 503, path: '/qlm/' })
    const r = await cli(demo, ['--json', 'deactivate', '--all'])
    expect(r.code).toBe(4)
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
    expect(r.json.ok).toBe(false)
    expect(r.json.exitCode).toBe(4)
    expect(r.json.results).toEqual([
      expect.objectContaining({ productId: 'studio', ok: true, mode: 'online' }),
      expect.objectContaining({ productId: 'cad', ok: false, exitCode: 4, error: expect.objectContaining({ code: 'server_unavailable' }) })
    ])
    expect(demo.server.state.devices(KEYS.fresh)).toEqual([])
    const st = readState(demo.dataDir)
    expect(st.licenses.studio).toBeUndefined()
    expect(st.licenses.cad).toBeDefined()
  })

  it('human output: one line per product, failures on standard error', async () => {
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    demo.server.faults.set({ status: 503, path: '/api/v4/' })
    const r = await cli(demo, ['deactivate', '--all'])
    expect(r.code).toBe(4)
    expect(r.stdout).toMatch(/Demo CAD \(QLM\): deactivated, the seat is free\./)
    expect(r.stderr).toMatch(/license-desk: studio: .*\[server_unavailable\]/)
  })

  it('--offline to a folder: a request file per LicenseSpring product, a code per QLM product', async () => {
    expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    const dir = join(demo.dir, 'out-all')
    mkdirSync(dir, { recursive: true })
    const r = await cli(demo, ['--json', 'deactivate', '--all', '--offline', '--out', dir])
    expect(r.code).toBe(0)
    expect(r.json.results.map((x: { record: { kind: string } }) => x.record.kind)).toEqual(['licensespring-file', 'qlm-dvc'])
    expect(existsSync(join(dir, 'ls_deactivation.req'))).toBe(true)
  })

  it('nothing active: exit 0', async () => {
    const r = await cli(demo, ['--json', 'deactivate', '--all'])
    expect(r.code).toBe(0)
    expect(r.json.results).toEqual([])
  })
})
