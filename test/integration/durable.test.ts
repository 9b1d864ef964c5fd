// Durable and honest under faults, through the built CLI against the local server: the key file, a full
// disk at every point of an operation (a real tmpfs), a QLM release whose answer is lost, a profile that
// is not UTF-8 and a setting that is not a number.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cli, ensureCliBuilt, KEYS, readState, startDemo, type Demo } from '../support/demo'

let demo: Demo
let hwid: string

beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo()
  hwid = (await cli(null, ['hwid', '--json'])).json.hardwareId
})
afterAll(async () => demo?.close())
afterEach(() => {
  demo.server.faults.clear()
  demo.server.state.reset()
  rmSync(demo.dataDir, { recursive: true, force: true })
})

const keyFile = () => join(demo.dataDir, 'secret.key')

describe('the key file', () => {
  it('an empty secret.key (a crash of an older version) no stored key depends on is replaced: activation works', async () => {
    mkdirSync(demo.dataDir, { recursive: true })
    writeFileSync(keyFile(), '')
    const r = await cli(demo, ['--json', 'activate', 'studio', '--key', KEYS.fresh])
    expect(r.code, JSON.stringify(r.json)).toBe(0)
    expect(Buffer.from(readFileSync(keyFile(), 'utf8'), 'base64')).toHaveLength(32)
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600)
    expect((await cli(demo, ['--json', 'deactivate', 'studio'])).code).toBe(0)
  })

  it('a damaged secret.key that stored keys depend on: refused before any seat is taken, saying why', async () => {
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    writeFileSync(keyFile(), '')
    const r = await cli(demo, ['--json', 'activate', 'studio', '--key', KEYS.fresh])
    expect(r.code).toBe(6)
    expect(r.json.error.code).toBe('secret_unavailable')
    expect(r.json.error.message).toMatch(/damaged.*sealed with it/)
    expect(demo.server.state.devices(KEYS.fresh)).toEqual([])
    expect(readFileSync(keyFile(), 'utf8')).toBe('')
  })

  it('a key file that cannot be created takes no seat on the server', async () => {
    mkdirSync(keyFile(), { recursive: true }) // a folder where the key file should be
    const r = await cli(demo, ['--json', 'activate', 'studio', '--key', KEYS.fresh])
    expect(r.code).toBe(6)
    expect(r.json.error.code).toBe('secret_unavailable')
    expect(demo.server.state.devices(KEYS.fresh)).toEqual([])
    const q = await cli(demo, ['--json', 'activate', 'cad', '--key', KEYS.qlm])
    expect(q.json.error.code).toBe('secret_unavailable')
    expect(demo.server.state.qlmActivations(KEYS.qlm)).toEqual([])
  })
})

describe('a QLM release whose answer is lost', () => {
  it('the server released, the answer was dropped: reported as already released, the product is free here', async () => {
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    demo.server.faults.set({ dropAfterCommit: true, times: 1, path: 'ReleaseLicenseHttp' })
    const r = await cli(demo, ['--json', 'deactivate', 'cad'])
    expect(r.code, JSON.stringify(r.json)).toBe(0)
    expect(r.json.alreadyReleased).toBe(true)
    expect(readState(demo.dataDir).licenses.cad).toBeUndefined()
    expect(demo.server.state.qlmActivations(KEYS.qlm)).toEqual([])
  })

  it('when even the check is lost, the run fails (exit 4) and the next one finds the seat released (exit 0, not 5)', async () => {
    expect((await cli(demo, ['activate', 'cad', '--key', KEYS.qlm])).code).toBe(0)
    demo.server.faults.set({ dropAfterCommit: true, path: '/qlm/' })
    const first = await cli(demo, ['--json', 'deactivate', 'cad'])
    expect(first.code).toBe(4)
    demo.server.faults.clear()
    expect(readState(demo.dataDir).licenses.cad).toBeDefined()
    expect(demo.server.state.qlmActivations(KEYS.qlm)).toEqual([])
    const again = await cli(demo, ['--json', 'deactivate', 'cad'])
    expect(again.code, JSON.stringify(again.json)).toBe(0)
    expect(again.json.alreadyReleased).toBe(true)
    expect(readState(demo.dataDir).licenses.cad).toBeUndefined()
  })
})

describe('input that is not what it claims', () => {
  const badByte = (text: string, marker: string) => {
    const i = Buffer.from(text).indexOf(marker)
    const b = Buffer.from(text)
    return Buffer.concat([b.subarray(0, i), Buffer.from([0xff]), b.subarray(i + marker.length)])
  }

  for (const [field, marker, named] of [
    ['sharedKey', 'SHAREDKEY-MARK', 'products[0].licensespring.sharedKey'],
    ['app.name', 'APPNAME-MARK', 'app.name']
  ] as const)
    it(`a profile with a byte that is not UTF-8 in ${field}: exit 3 naming the field`, async () => {
      const p = JSON.parse(readFileSync(demo.profilePath, 'utf8'))
      if (field === 'app.name') p.app.name = `Acme ${marker}`
      else p.products[0].licensespring.sharedKey = `abc${marker}def`
      const bad = join(demo.dir, `bad-utf8-${field}.json`)
      writeFileSync(bad, badByte(JSON.stringify(p, null, 2), marker))
      const r = await cli({ ...demo, profilePath: bad }, ['--json', 'status'])
      expect(r.code).toBe(3)
      expect(r.json.error.code).toBe('profile_invalid')
      expect(r.json.error.message).toContain(named)
      expect(r.json.error.message).toMatch(/not valid UTF-8/)
    })

  it('a .lic that is not UTF-8: file_invalid naming the file, nothing imported', async () => {
    const lic = join(demo.dir, 'ls_activation.lic')
    writeFileSync(lic, Buffer.from([0x65, 0x79, 0xff, 0x4a]))
    const r = await cli(demo, ['--json', 'import', 'studio', lic])
    expect(r.code).toBe(6)
    expect(r.json.error.code).toBe('file_invalid')
    expect(r.json.error.message).toContain('ls_activation.lic')
  })

  for (const [name, value] of [
    ['LICENSE_DESK_TIMEOUT_MS', 'abc'],
    ['LICENSE_DESK_TIMEOUT_MS', '-5'],
    ['LICENSE_DESK_TIMEOUT_MS', '1.5'],
    ['LICENSE_DESK_TIMEOUT_MS', '0'],
    ['LICENSE_DESK_RETRY_BASE_MS', 'soon']
  ] as const)
    it(`${name}=${value}: setting_invalid naming the setting (exit 2), no request sent`, async () => {
      const before = demo.server.requests().length
      const r = await cli(demo, ['--json', 'activate', 'studio', '--key', KEYS.fresh], { [name]: value })
      expect(r.code).toBe(2)
      expect(r.json.error.code).toBe('setting_invalid')
      expect(r.json.error.message).toContain(name)
      expect(r.json.error.message).not.toMatch(/NaN/)
      expect(demo.server.requests().length).toBe(before)
      expect(demo.server.state.devices(KEYS.fresh)).toEqual([])
    })
})

// A real small file system: a tmpfs mounted by the test (root only), filled so that 0, 1, 2, ... pages are
// left, then each operation is run. Whatever page it runs out at, the result must be true.
describe('a full disk at every point (tmpfs)', () => {
  const mnt = () => join(demo.dir, 'tmpfs')
  let mounted = false
  beforeAll(() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return
    mkdirSync(join(demo.dir, 'tmpfs'), { recursive: true })
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt()], { stdio: 'ignore' }).status === 0
  })
  afterAll(() => {
    if (mounted) spawnSync('umount', [mnt()], { stdio: 'ignore' })
  })

  const skip = () => {
    if (mounted) return false
    console.log('skipped: a tmpfs cannot be mounted here (needs root on Linux); the full-disk cases are covered by ENOSPC injection only')
    return true
  }

  const box = () => ({ profilePath: demo.profilePath, dataDir: join(mnt(), 'data'), dir: demo.dir })
  const filler = () => join(mnt(), 'filler')
  const fill = (pagesLeft: number) => {
    rmSync(filler(), { force: true })
    const st = statfsSync(mnt())
    const bytes = Math.max(0, (st.bavail - pagesLeft) * st.bsize)
    writeFileSync(filler(), Buffer.alloc(bytes))
  }
  const reset = () => {
    demo.server.state.reset()
    rmSync(filler(), { force: true })
    for (const f of readdirSync(mnt())) rmSync(join(mnt(), f), { recursive: true, force: true })
    mkdirSync(join(mnt(), 'out'))
  }
  const noEmptyLocks = (where: string) => {
    const dir = box().dataDir
    if (!existsSync(dir)) return
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.lock'))) expect(statSync(join(dir, f)).size, `${where}: empty lock ${f}`).toBeGreaterThan(0)
  }

  type Op = { name: string; product: 'studio' | 'cad'; active: boolean; args: string[]; done: () => boolean; serverActed: () => boolean }
  const out = () => join(mnt(), 'out', 'ls_deactivation.req')
  const ops = (): Op[] => [
    {
      name: 'offline deactivation',
      product: 'studio',
      active: true,
      args: ['deactivate', 'studio', '--offline', '--out', out()],
      done: () => readState(box().dataDir).history.length === 1,
      serverActed: () => false
    },
    {
      // A seat the vendor's product took under this computer's id: released by key, offline.
      name: 'offline release by key',
      product: 'studio',
      active: false,
      args: ['deactivate', 'studio', '--key', KEYS.fresh, '--offline', '--out', out()],
      // (a release by key can be repeated: the settling run keeps a second record)
      done: () => readState(box().dataDir).history.length >= 1,
      serverActed: () => false
    },
    {
      name: 'online deactivation',
      product: 'studio',
      active: true,
      args: ['deactivate', 'studio'],
      done: () => !readState(box().dataDir).licenses.studio,
      serverActed: () => demo.server.state.devices(KEYS.fresh).length === 0
    },
    {
      name: 'online deactivation (QLM)',
      product: 'cad',
      active: true,
      args: ['deactivate', 'cad'],
      done: () => !readState(box().dataDir).licenses.cad,
      serverActed: () => demo.server.state.qlmActivations(KEYS.qlm).length === 0
    },
    {
      name: 'activation',
      product: 'studio',
      active: false,
      args: ['activate', 'studio', '--key', KEYS.fresh],
      done: () => existsSync(join(box().dataDir, 'state.json')) && Boolean(readState(box().dataDir).licenses.studio),
      serverActed: () => demo.server.state.devices(KEYS.fresh).includes(hwid)
    }
  ]

  for (const op of ['offline deactivation', 'offline release by key', 'online deactivation', 'online deactivation (QLM)', 'activation'])
    it(`${op}: with 0 to 6 pages free, the message is true and a rerun with space settles it`, async () => {
      if (skip()) return
      const o = ops().find((x) => x.name === op)!
      const seen = new Set<string>()
      for (let pages = 0; pages <= 6; pages++) {
        reset()
        if (o.active) expect((await cli(box(), ['activate', o.product, '--key', o.product === 'studio' ? KEYS.fresh : KEYS.qlm])).code).toBe(0)
        if (op === 'offline release by key') demo.server.state.seedSeat(KEYS.fresh, hwid)
        fill(pages)
        const r = await cli(box(), ['--json', ...o.args])
        const where = `${op}, ${pages} pages free: ${JSON.stringify(r.json)}`
        seen.add(r.code === 0 ? 'ok' : `${r.json.error.code} (${r.json.error.message.slice(0, 40)}…)`)
        noEmptyLocks(where)
        if (r.code === 0) expect(o.done(), where).toBe(true)
        else {
          expect(r.code, where).toBe(6)
          const acted = o.serverActed()
          if (acted) {
            // The server took or released the seat: never "Nothing was changed"; say what the next run does.
            expect(r.json.error.code, where).toBe('state_not_saved')
            expect(r.json.error.message, where).toMatch(o.active ? /released on the license server.*deactivate again/ : /activated .* for this computer.*activate again/)
          } else {
            expect(r.json.error.message, where).toMatch(/Nothing was changed|could not be created.*Nothing was changed/)
            expect(r.json.error.message, where).toMatch(/disk is full/)
          }
          if (op === 'offline deactivation') {
            // No proof left behind for a license this computer still has.
            expect(existsSync(out()), where).toBe(false)
            expect(readState(box().dataDir).licenses.studio, where).toBeDefined()
          }
          // No request file without the record of it.
          if (op === 'offline release by key') expect(existsSync(out()), where).toBe(false)
          // A rerun right away (disk still full) is not mistaken for another window at work.
          const again = await cli(box(), ['--json', ...o.args])
          if (again.code !== 0) expect(again.json.error.code, `${where} -> rerun ${JSON.stringify(again.json)}`).not.toBe('state_locked')
          noEmptyLocks(`${where} (rerun)`)
        }
        // With space again, the same step settles it.
        rmSync(filler(), { force: true })
        const settle = await cli(box(), ['--json', ...o.args])
        if (settle.code !== 0) expect(settle.json.error.code, `${where} -> settle ${JSON.stringify(settle.json)}`).toBe(o.active ? 'not_active' : 'already_active')
        expect(o.done(), where).toBe(true)
        if (!op.startsWith('offline ')) expect(o.serverActed(), where).toBe(true)
        if (op === 'activation') expect(demo.server.state.devices(KEYS.fresh)).toEqual([hwid])
      }
      console.log(`${op}: outcomes over 0-6 free pages: ${[...seen].join(', ')}`)
    }, 120_000)
})
