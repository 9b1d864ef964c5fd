// Computer-id recipes: vectors from fixed raw inputs, the expected SHA-256 computed independently
// (sha256sum and python's hashlib over the exact bytes), the vendor-program recipe run as a real child
// process, and the refusals every recipe shares (empty id, host-name fallback).
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseProfile } from '@core/profile'
import { createProvider } from '@core/providers'
import { checkIdText, createComputerIds, type IdRecipe, recipeFromSetting } from '@core/recipes'
import { loadProfile } from '@core/profile'
import { py, rejection, removeTempDirs, ROOT, run, tempDir } from '../support/tools'

afterAll(() => removeTempDirs())

const sha256sum = (s: string) => run('sha256sum', [], Buffer.from(s, 'utf8')).toString().split(' ')[0]!
const pySha256 = (s: string) => py('import sys,hashlib;print(hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest())', [Buffer.from(s, 'utf8').toString('hex')])

const LS: IdRecipe = { kind: 'licensespring', name: 'licensespring' }
const NMI: IdRecipe = { kind: 'node-machine-id', name: 'node-machine-id' }
const NAME: IdRecipe = { kind: 'computer-name', name: 'computer-name' }
const cmd = (command: string[], over: Partial<Extract<IdRecipe, { kind: 'command' }>> = {}): IdRecipe => ({
  kind: 'command',
  name: 'command',
  command,
  timeoutMs: 5000,
  allowSpaces: true,
  ...over
})

// Fixed raw inputs (the forms each OS gives them in).
const MAC_UUID = '8D3F2A61-5B7C-4E19-9A2D-3C4B5E6F7A81' // ioreg prints IOPlatformUUID in upper case
const LINUX_ID_MIXED = '4C4c4544004E3510804eC2C04F4A3732' // a machine-id file some image tool wrote in mixed case
const MACHINE_GUID = '6f0b2c1e-8a47-4d3b-9e15-2a7c9d0e4b63' // Windows cryptography MachineGuid
const COMPUTER_NAME = 'ACME-WS-017'

describe('recipe vectors (expected SHA-256 computed with sha256sum and python hashlib)', () => {
  it('licensespring on macOS: sha256 of the hardware UUID in upper case, which node-machine-id lower-cases', async () => {
    // node-machine-id's machineId(true) gives the UUID lower-cased.
    const ids = createComputerIds({ platform: 'darwin', machineId: async () => MAC_UUID.toLowerCase(), hostname: () => 'mac' })
    const ls = await ids.get(LS)
    expect(ls.id).toBe(sha256sum(MAC_UUID))
    expect(ls.id).toBe(pySha256(MAC_UUID))
    expect(ls.source).toBe('licensespring:macos:IOPlatformUUID')
    // Today's id differs on every Mac: that is why the recipe exists.
    const today = await ids.get(NMI)
    expect(today.id).toBe(sha256sum(MAC_UUID.toLowerCase()))
    expect(today.id).not.toBe(ls.id)
  })

  it('licensespring on Linux: sha256 of /etc/machine-id exactly as the file holds it (case kept), before the dbus file', async () => {
    const files: Record<string, string> = { '/etc/machine-id': `${LINUX_ID_MIXED}\n`, '/var/lib/dbus/machine-id': `${'a'.repeat(32)}\n` }
    const ids = createComputerIds({ platform: 'linux', readFile: (p) => files[p], hostname: () => 'box' })
    const ls = await ids.get(LS)
    expect(ls.id).toBe(sha256sum(LINUX_ID_MIXED))
    expect(ls.id).toBe(pySha256(LINUX_ID_MIXED))
    expect(ls.source).toBe('licensespring:linux:/etc/machine-id')
    // node-machine-id reads the dbus file first and lower-cases: another id.
    expect((await ids.get(NMI)).id).toBe(sha256sum('a'.repeat(32)))
  })

  it('licensespring on Linux falls back to /var/lib/dbus/machine-id, case kept', async () => {
    const ids = createComputerIds({ platform: 'linux', readFile: (p) => (p === '/var/lib/dbus/machine-id' ? `${LINUX_ID_MIXED}\n` : undefined), hostname: () => 'box' })
    const ls = await ids.get(LS)
    expect(ls.id).toBe(sha256sum(LINUX_ID_MIXED))
    expect(ls.source).toBe('licensespring:linux:/var/lib/dbus/machine-id')
  })

  it('licensespring and node-machine-id agree on Linux while both files hold the same lower-case id', async () => {
    const low = LINUX_ID_MIXED.toLowerCase()
    const ids = createComputerIds({ platform: 'linux', readFile: () => `${low}\n`, hostname: () => 'box' })
    expect((await ids.get(LS)).id).toBe((await ids.get(NMI)).id)
  })

  it('licensespring on Windows: the MachineGuid algorithm (sha256 of the MachineGuid)', async () => {
    const ids = createComputerIds({ platform: 'win32', machineId: async () => MACHINE_GUID, hostname: () => 'pc' })
    const ls = await ids.get(LS)
    expect(ls.id).toBe(sha256sum(MACHINE_GUID))
    expect(ls.id).toBe(pySha256(MACHINE_GUID))
    expect(ls.source).toBe('licensespring:windows:MachineGuid')
  })

  it('computer-name: the NetBIOS name on Windows (COMPUTERNAME), the host name up to its first dot elsewhere', async () => {
    const win = createComputerIds({ platform: 'win32', env: { COMPUTERNAME: COMPUTER_NAME }, hostname: () => 'acme-ws-017.corp.example' })
    expect(await win.get(NAME)).toEqual({ id: COMPUTER_NAME, source: 'computer-name:COMPUTERNAME' })
    const mac = createComputerIds({ platform: 'darwin', env: {}, hostname: () => 'Acme-WS-017.local' })
    expect(await mac.get(NAME)).toEqual({ id: 'Acme-WS-017', source: 'computer-name:hostname' })
  })

  it('node-machine-id stays the default: no recipe means today’s id', async () => {
    const ids = createComputerIds({ platform: 'win32', machineId: async () => MACHINE_GUID, hostname: () => 'pc' })
    expect((await ids.get()).id).toBe(sha256sum(MACHINE_GUID))
    expect((await ids.get()).source).toBe('windows:MachineGuid')
  })
})

describe('every recipe refuses an empty id and the host-name fallback', () => {
  it.each([['\n'], ['   \n'], ['']])('licensespring on Linux, machine-id file %j -> hwid_empty', async (content) => {
    const ids = createComputerIds({ platform: 'linux', readFile: (p) => (p === '/etc/machine-id' ? content : undefined), hostname: () => 'box' })
    expect((await rejection(ids.get(LS))).code).toBe('hwid_empty')
  })

  it('licensespring on Linux without a machine-id file -> hwid_fallback (never the host name)', async () => {
    const ids = createComputerIds({ platform: 'linux', readFile: () => undefined, hostname: () => 'box' })
    expect((await rejection(ids.get(LS))).code).toBe('hwid_fallback')
  })

  it('licensespring on Linux with the host name in the machine-id file -> hwid_fallback', async () => {
    const ids = createComputerIds({ platform: 'linux', readFile: (p) => (p === '/etc/machine-id' ? 'Box\n' : undefined), hostname: () => 'box' })
    expect((await rejection(ids.get(LS))).code).toBe('hwid_fallback')
  })

  it('licensespring on macOS with an empty UUID -> hwid_empty', async () => {
    const ids = createComputerIds({ platform: 'darwin', machineId: async () => '', hostname: () => 'mac' })
    expect((await rejection(ids.get(LS))).code).toBe('hwid_empty')
  })

  it('computer-name: an empty name -> hwid_empty', async () => {
    const ids = createComputerIds({ platform: 'linux', env: {}, hostname: () => '' })
    expect((await rejection(ids.get(NAME))).code).toBe('hwid_empty')
  })

  it.each([
    ['empty output', '', 'hwid_empty'],
    ['only a line end', '\n', 'hwid_empty'],
    ['the hash of nothing', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n', 'hwid_empty'],
    ['the host name', 'Box-7\n', 'hwid_fallback'],
    ['two lines', 'id-1\nid-2\n', 'hwid_invalid'],
    ['a control character', 'id\u0007x\n', 'hwid_invalid'],
    ['256 characters', `${'x'.repeat(256)}\n`, 'hwid_invalid']
  ])('a vendor id program printing %s is refused', async (_what, output, code) => {
    const ids = createComputerIds({ platform: 'linux', run: async () => output, hostname: () => 'box-7' })
    expect((await rejection(ids.get(cmd(['/opt/vendor/id'])))).code).toBe(code)
  })

  it('--hardware-id gets the same checks', async () => {
    const ids = createComputerIds({ platform: 'linux', override: { id: '  ', from: '--hardware-id' }, hostname: () => 'box' })
    expect((await rejection(ids.get())).code).toBe('hwid_empty')
    const host = createComputerIds({ platform: 'linux', override: { id: 'box', from: '--hardware-id' }, hostname: () => 'box' })
    expect((await rejection(host.get(LS))).code).toBe('hwid_fallback')
  })
})

describe('the vendor-program recipe (a real child process, no shell)', () => {
  const node = process.execPath
  it('takes one line of printable text within the limits, without the line end', async () => {
    const ids = createComputerIds({ hostname: () => 'box' })
    const r = await ids.get(cmd([node, '-e', 'process.stdout.write("SDK-HWID-0042\\r\\n")']))
    expect(r).toEqual({ id: 'SDK-HWID-0042', source: `command:${node}` })
  })

  it('runs without a shell: shell syntax in an argument is passed verbatim', async () => {
    const dir = tempDir()
    const marker = join(dir, 'marker')
    const ids = createComputerIds({ hostname: () => 'box' })
    const r = await ids.get(cmd([node, '-e', 'process.stdout.write(process.argv[1])', `id-$(touch ${marker})`]))
    expect(r.id).toBe(`id-$(touch ${marker})`)
    expect(() => run('test', ['-e', marker])).toThrow()
  })

  it('is stopped after its timeout -> hwid_unavailable naming the program and the time', async () => {
    const ids = createComputerIds({ hostname: () => 'box' })
    const started = Date.now()
    const e = await rejection(ids.get(cmd([node, '-e', 'setTimeout(() => {}, 10000)'], { timeoutMs: 300 })))
    expect(e.code).toBe('hwid_unavailable')
    expect(e.message).toMatch(/did not answer within 0\.3 s/)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('a missing program or a failing one -> hwid_unavailable', async () => {
    const ids = createComputerIds({ hostname: () => 'box' })
    const missing = await rejection(ids.get(cmd(['/nonexistent/vendor-id'])))
    expect(missing.code).toBe('hwid_unavailable')
    expect(missing.message).toMatch(/was not found/)
    const failing = await rejection(ids.get(cmd([node, '-e', 'process.exit(3)'])))
    expect(failing.message).toMatch(/exit code 3/)
  })

  it('spaces are refused where the server refuses them (QLM), kept where it does not', async () => {
    const ids = createComputerIds({ hostname: () => 'box' })
    const prog = [node, '-e', 'console.log("ACME PC 1")']
    expect((await rejection(ids.get(cmd(prog, { allowSpaces: false })))).code).toBe('hwid_invalid')
    expect((await ids.get(cmd(prog))).id).toBe('ACME PC 1')
  })

  it('checkIdText keeps exactly one line', () => {
    expect(checkIdText('abc\n', 'x', { allowSpaces: false, hostname: 'h' })).toBe('abc')
    expect(() => checkIdText('abc\n\n', 'x', { allowSpaces: false, hostname: 'h' })).toThrow(/more than one line/)
  })
})

describe('candidates and profile settings', () => {
  it('lists every id with its recipe, and why a recipe yields none', async () => {
    const ids = createComputerIds({ platform: 'darwin', machineId: async () => MAC_UUID.toLowerCase(), hostname: () => 'Mac-1.local', run: async () => 'VENDOR-1\n' })
    const c = await ids.candidates([cmd(['/opt/acme/id']), cmd(['/opt/acme/id'])])
    expect(c).toEqual([
      { recipe: 'node-machine-id', id: sha256sum(MAC_UUID.toLowerCase()), source: 'macos:IOPlatformUUID' },
      { recipe: 'licensespring', id: sha256sum(MAC_UUID), source: 'licensespring:macos:IOPlatformUUID' },
      { recipe: 'computer-name', id: 'Mac-1', source: 'computer-name:hostname' },
      { recipe: 'command (/opt/acme/id)', id: 'VENDOR-1', source: 'command:/opt/acme/id' }
    ])
    const broken = await createComputerIds({ platform: 'linux', readFile: () => undefined, hostname: () => 'box' }).candidates()
    expect(broken.find((x) => x.recipe === 'licensespring')?.error?.code).toBe('hwid_fallback')
  })

  it('the profile chooses the recipe per product; the default stays today’s', () => {
    const demo = loadProfile(join(ROOT, 'resources/demo/profile.json'))
    const env = {
      now: Date.now,
      clock: () => ({ offsetMs: null }),
      serverNow: Date.now,
      seal: (p: string) => ({ scheme: 'x', data: p }),
      open: () => '',
      osInfo: () => ({}),
      supportEmail: 's@x.example'
    }
    expect(Object.fromEntries(demo.products.map((p) => [p.id, createProvider(p, env).idRecipe.name]))).toEqual({
      studio: 'node-machine-id',
      cloud: 'node-machine-id',
      cad: 'machine-id',
      vault: 'node-machine-id',
      'cloud-sso': 'node-machine-id'
    })
    const raw = JSON.parse(JSON.stringify(demo)) as { products: Array<Record<string, Record<string, unknown>>> }
    raw.products[0]!.licensespring!.hardwareId = 'licensespring'
    raw.products[2]!.qlm!.computerId = { command: ['/opt/acme/id', '--print'] }
    const p = parseProfile(raw)
    const ls = createProvider(p.products[0]!, env)
    const qlm = createProvider(p.products[2]!, env)
    expect(ls.idRecipe).toEqual({ kind: 'licensespring', name: 'licensespring' })
    expect(qlm.idRecipe).toEqual({ kind: 'command', name: 'command', command: ['/opt/acme/id', '--print'], timeoutMs: 5000, allowSpaces: false })
    expect(ls.otherRecipes()).toEqual(['node-machine-id', 'command', '--hardware-id'])
    expect(qlm.otherRecipes()).toEqual(['machine-id', 'computer-name', '--hardware-id'])
    raw.products[2]!.qlm!.computerId = 'mac-address'
    expect(() => parseProfile(raw)).toThrow(/products\[2\]\.qlm\.computerId/)
    expect(recipeFromSetting('computer-name', false)).toEqual({ kind: 'computer-name', name: 'computer-name' })
  })
})
