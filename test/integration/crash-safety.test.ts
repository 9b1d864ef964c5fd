// Crash and disk safety: SIGKILL during state writes, offline files on read-only and full disks, and two
// CLI processes deactivating the same product at once.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StateStore } from '@core/state'
import { stateFilePath, STATE_FILE_NAME } from '@core/paths'
import { writeFileAtomic } from '@core/files'
import { toErrorInfo } from '@core/errors'
import { cli, ensureCliBuilt, KEYS, ROOT, readState, startDemo, type Demo } from '../support/demo'
import { makeDesk } from '../support/desk'

let work: string
let writer: string

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ld-crash-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@shared': join(ROOT, 'src/shared'), '@core': join(ROOT, 'src/core') } },
    ssr: { noExternal: true },
    build: {
      ssr: join(ROOT, 'test/support/state-writer.ts'),
      outDir: join(work, 'writer'),
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'writer.cjs' } }
    }
  })
  writer = join(work, 'writer', 'writer.cjs')
}, 120_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

const openStore = (dir: string) =>
  new StateStore(stateFilePath(dir), () => new Conf<Record<string, unknown>>({ cwd: dir, configName: STATE_FILE_NAME, projectName: 'license-desk', clearInvalidConfig: false }))

describe('SIGKILL while the state changes', () => {
  it('the store always reopens valid, holding the old or the new state (50 kills)', async () => {
    const dir = join(work, 'kill')
    mkdirSync(dir)
    let kills = 0
    for (let i = 0; i < 50; i++) {
      const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'pipe'] })
      let last = 0
      let buf = ''
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString()
        const lines = buf.split('\n')
        buf = lines.pop()!
        for (const l of lines) if (l) last = Number(l)
      })
      // Wait for it to be writing, then kill at a random moment.
      await new Promise<void>((r) => child.stdout.once('data', () => r()))
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 40))
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      child.kill('SIGKILL')
      await exited
      kills++
      const store = openStore(dir)
      const s = store.read()
      expect(store.report.corruptMovedTo).toBeUndefined()
      // Old state (the last committed change) or the new one (written but not yet reported).
      expect([last, last + 1]).toContain(s.history.length)
      expect(s.licenses.studio?.activatedAt).toBe(String(s.history.length))
      // A lock left by the killed writer does not block the next writer: it is taken over.
      store.update((st) => st)
    }
    expect(kills).toBe(50)
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([])
  }, 120_000)
})

describe('offline files on a disk that refuses them', () => {
  let demo: Demo
  beforeAll(async () => {
    demo = await startDemo()
  })
  afterAll(async () => demo.close())

  function tryMount(dir: string, opts: string): boolean {
    mkdirSync(dir, { recursive: true })
    return spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { stdio: 'ignore' }).status === 0
  }
  const unmount = (dir: string) => spawnSync('umount', [dir], { stdio: 'ignore' })

  for (const [name, opts] of [
    ['read-only folder', 'ro,size=64k'],
    ['full disk', 'size=4k']
  ] as const) {
    it(`${name}: no partial file, no state change`, async () => {
      const dataDir = join(work, `data-${opts}`)
      const desk = makeDesk(dataDir, demo.profile)
      await desk.activateOnline('studio', { licenseKey: KEYS.fresh })
      const target = join(work, `mnt-${opts.replace(/\W/g, '')}`)
      let out: string
      let cleanup = () => {}
      if (tryMount(target, opts)) {
        cleanup = () => unmount(target)
        if (name === 'full disk') {
          // Fill the tiny disk so the request file cannot fit.
          spawnSync('sh', ['-c', `head -c 4096 /dev/zero > ${join(target, 'filler')}`])
        }
        out = join(target, 'ls_deactivation.req')
      } else {
        console.log(`note: cannot mount a tmpfs here (not root); simulating "${name}" with a path whose folder is a file`)
        const file = join(work, `not-a-dir-${opts}`)
        spawnSync('sh', ['-c', `echo x > ${file}`])
        out = join(file, 'ls_deactivation.req')
      }
      try {
        const err = await desk.deactivateOffline('studio', out).then(
          () => undefined,
          (e) => toErrorInfo(e)
        )
        expect(err?.code).toBe('file_write')
        expect(err?.message).toMatch(name === 'full disk' ? /disk is full|could not be written/ : /read-only|could not be written|folder/)
        expect(existsSync(out)).toBe(false)
        const dirOf = join(out, '..')
        if (existsSync(dirOf)) expect(readdirSync(dirOf).filter((f) => f.endsWith('.tmp'))).toEqual([])
        const st = await desk.status()
        expect(st.products.find((p) => p.id === 'studio')!.state).toBe('active')
        expect(await desk.history()).toEqual([])
      } finally {
        cleanup()
      }
    })
  }

  it('writeFileAtomic never leaves a partial file when the disk fills mid-write', async () => {
    const target = join(work, 'mnt-partial')
    if (!tryMount(target, 'size=8k')) {
      console.log('skipped: cannot mount a tmpfs here (not root)')
      return
    }
    try {
      const big = 'x'.repeat(64 * 1024)
      await expect(writeFileAtomic(join(target, 'big.req'), big)).rejects.toMatchObject({ info: { code: 'file_write' } })
      expect(readdirSync(target)).toEqual([])
    } finally {
      unmount(target)
    }
  })
})

describe('two CLI processes deactivate the same product at once', () => {
  it('one succeeds, the other gets a clear error, the state is consistent', async () => {
    ensureCliBuilt()
    const demo = await startDemo()
    try {
      expect((await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])).code).toBe(0)
      // Slow the server down so the two runs overlap.
      demo.server.faults.set({ latencyMs: 400, path: 'deactivate_license' })
      const [a, b] = await Promise.all([cli(demo, ['--json', 'deactivate', 'studio']), cli(demo, ['--json', 'deactivate', 'studio'])])
      const results = [a, b].sort((x, y) => x.code - y.code)
      expect(results[0]!.code).toBe(0)
      expect(results[1]!.code).toBe(6)
      expect(['state_locked', 'not_active']).toContain(results[1]!.json.error.code)
      expect(results[1]!.json.error.message).toMatch(/Another License Desk|not activated/)
      expect(readState(demo.dataDir).licenses.studio).toBeUndefined()
      expect(demo.server.state.devices(KEYS.fresh)).toEqual([])
      expect(readdirSync(demo.dataDir).filter((f) => f.endsWith('.lock'))).toEqual([])
    } finally {
      await demo.close()
    }
  })
})
