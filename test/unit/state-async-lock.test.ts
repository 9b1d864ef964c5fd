// The use cases wait for a busy state lock without blocking the event loop (the Electron main process
// keeps painting and answering IPC meanwhile); the change lands as soon as the lock is free.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, describe, expect, it } from 'vitest'
import { stateFilePath } from '@core/paths'
import { StateStore } from '@core/state'
import { removeTempDirs, tempDir } from '../support/tools'

afterAll(removeTempDirs)

const store = (dir: string) =>
  new StateStore(stateFilePath(dir), () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'state', projectName: 'license-desk', clearInvalidConfig: false }))

describe('updateAsync', () => {
  it('waits for a busy lock while timers keep running, then writes once it is free', async () => {
    const dir = tempDir()
    const s = store(dir)
    s.read()
    const lockPath = join(dir, 'state.json.lock')
    writeFileSync(lockPath, String(process.pid)) // held by a live process (us)
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    setTimeout(() => rmSync(lockPath, { force: true }), 300)
    const t0 = Date.now()
    const out = await s.updateAsync((st) => {
      st.clock = { offsetMs: 42, learnedAt: 'now' }
      return 'written'
    })
    clearInterval(timer)
    expect(out).toBe('written')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250)
    // a blocked thread would have run no timer at all while it waited (a loaded machine runs fewer than 30)
    expect(ticks).toBeGreaterThanOrEqual(2)
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).clock.offsetMs).toBe(42)
  })

  it('uncontended, the change is on disk before the promise is awaited', () => {
    const dir = tempDir()
    const s = store(dir)
    void s.updateAsync((st) => {
      st.clock = { offsetMs: 7, learnedAt: 'now' }
    })
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).clock.offsetMs).toBe(7)
  })

  it('with the core file backend (an asynchronous save) the wait is the same, and the change lands', async () => {
    const dir = tempDir()
    const s = new StateStore(stateFilePath(dir))
    s.read()
    const lockPath = join(dir, 'state.json.lock')
    writeFileSync(lockPath, String(process.pid))
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    setTimeout(() => rmSync(lockPath, { force: true }), 300)
    await s.updateAsync((st) => {
      st.clock = { offsetMs: 9, learnedAt: 'now' }
    })
    clearInterval(timer)
    expect(ticks).toBeGreaterThanOrEqual(2)
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).clock.offsetMs).toBe(9)
  })
})
