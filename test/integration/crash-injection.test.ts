// Crash injection at every file call: the built CLI runs with the file layer wrapped
// (test/support/fs-faults.cjs) and is killed with SIGKILL just before its Nth call touching the data
// folder or the output folder, for every N an activation, an online deactivation (both providers) and an
// offline deactivation make. After each kill the state must read back valid, a rerun must finish the job
// (never "another window is working", never a stuck key file), and the server and this computer must agree.
// The same runs check that every rename into those folders is followed by an fsync of the folder.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toErrorInfo } from '@core/errors'
import { decodeOfflineRequest } from '@core/providers/licensespring/offline'
import type { Desk } from '@core/types'
import { CLI, ensureCliBuilt, KEYS, ROOT, startDemo, type Demo } from '../support/demo'
import { makeDesk } from '../support/desk'

const PRELOAD = join(ROOT, 'test', 'support', 'fs-faults.cjs')

let demo: Demo
let hwid: string
let outDir: string

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  json: any
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', PRELOAD, CLI, '--json', '--profile', demo.profilePath, '--data-dir', demo.dataDir, ...args],
      {
        cwd: demo.dir,
        env: { ...process.env, LICENSE_DESK_RETRY_BASE_MS: '5', LICENSE_DESK_TIMEOUT_MS: '3000', LD_FAULT_DIRS: `${demo.dataDir}:${outDir}`, ...env },
        timeout: 30_000
      },
      (err, stdout) => {
        let json: unknown
        try {
          json = JSON.parse(stdout)
        } catch {
          json = undefined
        }
        const e = err as (Error & { code?: number; signal?: NodeJS.Signals }) | null
        done({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, json })
      }
    )
  })
}

/** The same desk in-process, with the CLI's hardware id: sets up and inspects state quickly. */
const desk = () => makeDesk(demo.dataDir, demo.profile, { hardwareId: { get: async () => ({ id: hwid, source: 'test' }) } })

interface Scenario {
  name: string
  product: 'studio' | 'cad'
  setup: () => Promise<void>
  args: () => string[]
  /** The same step run again, in-process (the same core as the CLI; it saves a process start per kill). */
  rerun: (d: Desk) => Promise<unknown>
  /** Checks the end state once the rerun has finished. */
  settled: () => Promise<void>
  /** The error a rerun may meet instead of success: the killed run had done the work already. */
  rerunMayFind: string
}

const seats = (p: 'studio' | 'cad') => (p === 'studio' ? demo.server.state.devices(KEYS.fresh) : demo.server.state.qlmActivations(KEYS.qlm).map((a) => a.computerId))
const key = (p: 'studio' | 'cad') => (p === 'studio' ? KEYS.fresh : KEYS.qlm)
const stateOf = async (p: string) => (await desk().status()).products.find((x) => x.id === p)!.state

const scenarios: Scenario[] = [
  ...(['studio', 'cad'] as const).map<Scenario>((product) => ({
    name: `activate ${product}`,
    product,
    setup: async () => {},
    args: () => ['activate', product, '--key', key(product)],
    rerun: (d) => d.activateOnline(product, { licenseKey: key(product) }),
    rerunMayFind: 'already_active',
    settled: async () => {
      expect(await stateOf(product)).toBe('active')
      expect(seats(product)).toHaveLength(1)
    }
  })),
  ...(['studio', 'cad'] as const).map<Scenario>((product) => ({
    name: `deactivate ${product}`,
    product,
    setup: async () => void (await desk().activateOnline(product, { licenseKey: key(product) })),
    args: () => ['deactivate', product],
    rerun: (d) => d.deactivateOnline(product),
    rerunMayFind: 'not_active',
    settled: async () => {
      expect(await stateOf(product)).toBe('inactive')
      expect(seats(product)).toEqual([])
    }
  })),
  {
    name: 'deactivate studio --offline',
    product: 'studio',
    setup: async () => void (await desk().activateOnline('studio', { licenseKey: KEYS.fresh })),
    args: () => ['deactivate', 'studio', '--offline', '--out', join(outDir, 'ls_deactivation.req')],
    rerun: (d) => d.deactivateOffline('studio', join(outDir, 'ls_deactivation.req')),
    rerunMayFind: 'not_active',
    settled: async () => {
      expect(await stateOf('studio')).toBe('offline-deactivated')
      const [rec] = await desk().history()
      const file = join(outDir, 'ls_deactivation.req')
      // The proof the state points at is there, whole, and it is the one recorded.
      expect(rec?.kind === 'licensespring-file' && rec.filePath).toBe(file)
      const content = readFileSync(file, 'utf8')
      expect(decodeOfflineRequest(content).request.request_id).toBe(rec?.kind === 'licensespring-file' ? rec.requestId : '')
      expect(readdirSync(outDir).filter((f) => f !== 'ls_deactivation.req')).toEqual([])
    }
  }
]

function reset(): void {
  demo.server.state.reset()
  demo.server.faults.clear()
  rmSync(demo.dataDir, { recursive: true, force: true })
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
}

beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo()
  outDir = join(demo.dir, 'out')
  const r = await new Promise<string>((done) => execFile(process.execPath, [CLI, 'hwid', '--json'], (_e, stdout) => done(stdout)))
  hwid = JSON.parse(r).hardwareId
})
afterAll(async () => demo?.close())

describe('SIGKILL before each file call', () => {
  for (const sc of scenarios) {
    it(`${sc.name}: after a kill at any file call, the state is valid and a rerun settles it`, async () => {
      // A clean run first: how many file calls it makes, and that each rename is followed by a folder fsync.
      reset()
      await sc.setup()
      const log = join(demo.dir, 'calls.jsonl')
      rmSync(log, { force: true })
      const clean = await run(sc.args(), { LD_FAULT_LOG: log })
      expect(clean.code, JSON.stringify(clean.json)).toBe(0)
      const calls = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { n: number; op: string; paths: string[] })
      const total = calls.length
      expect(total).toBeGreaterThan(3)
      assertFolderSyncAfterRenames(calls)
      console.log(`${sc.name}: ${total} file calls that change something, a kill before each`)

      for (let n = 1; n <= total; n++) {
        reset()
        await sc.setup()
        const killed = await run(sc.args(), { LD_FAULT_AT: String(n) })
        expect(killed.signal, `call ${n} (${calls[n - 1]!.op})`).toBe('SIGKILL')
        const where = `killed before call ${n}/${total}: ${calls[n - 1]!.op} ${calls[n - 1]!.paths.join(' ')}`
        // The state reads back valid (never moved aside as damaged) ...
        const d = desk()
        await d.status()
        expect(d.stateMovedTo?.(), where).toBeUndefined()
        // ... and a rerun right away finishes the job: no stuck lock, no unusable key file.
        const again = await sc.rerun(d).then(
          () => undefined,
          (e) => toErrorInfo(e)
        )
        if (again) expect(again.code, `${where}: ${JSON.stringify(again)}`).toBe(sc.rerunMayFind)
        await sc.settled()
        if (existsSync(join(demo.dataDir, 'secret.key'))) expect(Buffer.from(readFileSync(join(demo.dataDir, 'secret.key'), 'utf8'), 'base64'), where).toHaveLength(32)
      }
    }, 300_000)
  }
})

/** Every rename into a watched folder is followed (before the process ends) by an fsync of that folder. */
function assertFolderSyncAfterRenames(calls: Array<{ n: number; op: string; paths: string[] }>): void {
  // Lock files need to be atomic, not durable: they are left out.
  const renames = calls.filter((c) => /rename|^link/.test(c.op.replace(/^promises\./, '')) && c.paths.length === 2 && !/\.lock(\.|$)/.test(c.paths[1]!))
  expect(renames.length).toBeGreaterThan(0)
  for (const r of renames) {
    const folder = r.paths[1]!.replace(/\/[^/]+$/, '')
    const synced = calls.some((c) => c.n > r.n && /fsync|handle\.sync/.test(c.op) && c.paths.includes(folder))
    expect(synced, `${r.op} ${r.paths[1]} is not followed by an fsync of ${folder}`).toBe(true)
  }
}
