import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, describe, expect, it } from 'vitest'
import { emptyState, migrate, StateStore, STATE_SCHEMA_VERSION, tryLock } from '@core/state'
import { stateFilePath } from '@core/paths'
import { rejection, removeTempDirs, tempDir } from '../support/tools'

afterAll(() => removeTempDirs())

function store(dir: string, lockWaitMs?: number): StateStore {
  return new StateStore(
    stateFilePath(dir),
    () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'state', projectName: 'license-desk', clearInvalidConfig: false }),
    lockWaitMs
  )
}

const lic = {
  provider: 'licensespring' as const,
  activatedAt: '2026-01-01T00:00:00.000Z',
  activatedOffline: false,
  hardwareId: 'h'.repeat(64),
  keyHint: 'AB-••-CD'
}

describe('StateStore', () => {
  it('starts empty without creating a corrupt report', () => {
    const dir = tempDir()
    const s = store(dir)
    expect(s.read()).toEqual(emptyState())
    expect(s.report.corruptMovedTo).toBeUndefined()
  })

  it('update persists to state.json (read back by a fresh store and as plain JSON)', () => {
    const dir = tempDir()
    const out = store(dir).update((s) => {
      s.licenses.studio = { ...lic }
      return 42
    })
    expect(out).toBe(42)
    const raw = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'))
    expect(raw.schemaVersion).toBe(STATE_SCHEMA_VERSION)
    expect(raw.licenses.studio.hardwareId).toBe(lic.hardwareId)
    expect(store(dir).read().licenses.studio).toMatchObject(lic)
    // The lock is released and no stray files are left.
    expect(readdirSync(dir).sort()).toEqual(['state.json'])
  })

  it('a throwing update changes nothing and releases the lock', async () => {
    const dir = tempDir()
    const s = store(dir)
    s.update((st) => {
      st.licenses.a = { ...lic }
    })
    const before = readFileSync(join(dir, 'state.json'), 'utf8')
    const e = await rejection(() =>
      s.update((st) => {
        delete st.licenses.a
        throw new Error('boom')
      })
    )
    expect(e.message).toBe('boom')
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(before)
    expect(existsSync(join(dir, 'state.json.lock'))).toBe(false)
  })

  it.each([
    ['invalid JSON', '{"schemaVersion": 1, "licenses": {'],
    ['wrong layout', '{"schemaVersion": 1, "licenses": 5}'],
    // A byte that is not UTF-8 inside a string: read leniently it would pass as U+FFFD.
    ['not UTF-8', Buffer.concat([Buffer.from('{"schemaVersion": 1, "licenses": {}, "history": [], "x": "a'), Buffer.from([0xff]), Buffer.from('"}')])]
  ])('%s is moved aside to state.corrupt-*.json with its original bytes, and reported', (_n, bytes) => {
    const dir = tempDir()
    writeFileSync(join(dir, 'state.json'), bytes)
    const s = store(dir)
    expect(s.read()).toEqual(emptyState())
    const moved = s.report.corruptMovedTo!
    expect(moved).toMatch(/state\.corrupt-.*\.json$/)
    expect(readFileSync(moved)).toEqual(Buffer.from(bytes))
    expect(readdirSync(dir).filter((f) => f.startsWith('state.corrupt-'))).toHaveLength(1)
    s.update((st) => {
      st.licenses.x = { ...lic }
    })
    expect(readFileSync(moved)).toEqual(Buffer.from(bytes))
  })

  it('a newer schemaVersion refuses with state_corrupt and leaves the file alone', async () => {
    const dir = tempDir()
    const bytes = JSON.stringify({ schemaVersion: STATE_SCHEMA_VERSION + 1, licenses: { z: 1 }, future: true })
    writeFileSync(join(dir, 'state.json'), bytes)
    const s = store(dir)
    const e = await rejection(() => s.read())
    expect(e.code).toBe('state_corrupt')
    expect(e.message).toContain('newer')
    expect((await rejection(() => s.update(() => undefined))).code).toBe('state_corrupt')
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(bytes)
    expect(readdirSync(dir)).toEqual(['state.json'])
  })

  it('migrate turns an empty object into an empty state and keeps others', () => {
    expect(migrate({})).toEqual(emptyState())
    expect(migrate({ schemaVersion: 1, a: 1 })).toEqual({ schemaVersion: 1, a: 1 })
  })

  it('lock contention -> state_locked after the wait; the holder is not disturbed', async () => {
    const dir = tempDir()
    const s = store(dir, 400) // the app and the CLI wait LOCK_WAIT_MS (5 s): the same loop, shortened
    s.read()
    const lockPath = join(dir, 'state.json.lock')
    writeFileSync(lockPath, String(process.pid)) // held by a live process (us)
    const t0 = Date.now()
    const e = await rejection(() => s.update(() => undefined))
    expect(e.code).toBe('state_locked')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400)
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid))
  })

  it('a stale lock of a dead process is taken over', () => {
    const dir = tempDir()
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!
    const lockPath = join(dir, 'state.json.lock')
    writeFileSync(lockPath, String(dead))
    const t0 = Date.now()
    store(dir).update((st) => {
      st.licenses.a = { ...lic }
    })
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(existsSync(lockPath)).toBe(false)
    expect(store(dir).read().licenses.a).toBeDefined()
  })

  it('an empty orphan lock older than a second is taken over; a fresh one is respected', () => {
    const dir = tempDir()
    const p = join(dir, 'x.lock')
    writeFileSync(p, '')
    expect(tryLock(p)).toBeUndefined()
    const old = (Date.now() - 5000) / 1000
    utimesSync(p, old, old)
    const release = tryLock(p)
    expect(release).toBeTypeOf('function')
    expect(readFileSync(p, 'utf8')).toBe(String(process.pid))
    release!()
    expect(existsSync(p)).toBe(false)
  })

  it('a live lock older than staleMs is taken over', () => {
    const dir = tempDir()
    const p = join(dir, 'y.lock')
    writeFileSync(p, String(process.pid))
    expect(tryLock(p, 60_000)).toBeUndefined()
    const old = (Date.now() - 120_000) / 1000
    utimesSync(p, old, old)
    expect(tryLock(p, 60_000)).toBeTypeOf('function')
  })

  it('lockProduct: exclusive per product, released on demand', async () => {
    const dir = tempDir()
    const s = store(dir)
    const r1 = s.lockProduct('studio')
    const e = await rejection(() => s.lockProduct('studio'))
    expect(e.code).toBe('state_locked')
    expect(e.message).toContain('studio')
    const r2 = s.lockProduct('cad')
    // A second store (another window) sees the same lock.
    expect((await rejection(() => store(dir).lockProduct('studio'))).code).toBe('state_locked')
    r1()
    r2()
    const r3 = store(dir).lockProduct('studio')
    r3()
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([])
  })
})

describe('an unusable data folder', () => {
  it('is a named file_write error naming the folder, not an internal error', () => {
    const parent = tempDir()
    const blocked = join(parent, 'data')
    writeFileSync(blocked, 'a file where the data folder should be')
    const s = store(blocked)
    for (const call of [() => s.lockProduct('studio'), () => s.update(() => undefined), () => s.read()]) {
      let err: any
      try {
        call()
      } catch (e) {
        err = e
      }
      expect(err?.info?.code).toBe('file_write')
      expect(err.info.message).toContain(blocked)
    }
  })
})
