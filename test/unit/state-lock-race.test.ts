// Two processes taking over the same stale lock: the second must not steal the first one's fresh lock.
import * as realFs from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { removeTempDirs, tempDir } from '../support/tools'

let beforeRename: ((from: string) => void) | undefined
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      const hook = beforeRename
      beforeRename = undefined
      hook?.(from)
      return fs.renameSync(from, to)
    }
  }
})

afterAll(() => removeTempDirs())
// A fresh @core/state that sees the mocked node:fs, also when another test file in the same worker loaded it
// first (npm run test:unit shares the module graph between files).
beforeEach(() => vi.resetModules())

describe('tryLock stale takeover race', () => {
  it('gives a fresh lock back when another process took the stale one over first', async () => {
    const { tryLock } = await import('@core/state')
    const dir = tempDir()
    const lock = join(dir, 'state.json.lock')
    const dead = realFs.existsSync('/proc') ? 2 ** 22 + 12345 : 999999 // above pid_max: never alive
    realFs.writeFileSync(lock, String(dead))
    const other = String(process.ppid) // a live process
    // Between our read of the stale lock and our rename, "process A" removes it and creates its own.
    beforeRename = (from) => {
      realFs.rmSync(from)
      realFs.writeFileSync(from, other)
    }
    const got = tryLock(lock)
    expect(got).toBeUndefined()
    expect(realFs.readFileSync(lock, 'utf8')).toBe(other)
    expect(realFs.readdirSync(dir)).toEqual(['state.json.lock'])
  })

  it('still takes over a stale lock nobody else touched', async () => {
    const { tryLock } = await import('@core/state')
    const dir = tempDir()
    const lock = join(dir, 'state.json.lock')
    realFs.writeFileSync(lock, String(2 ** 22 + 12345))
    const release = tryLock(lock)
    expect(release).toBeTypeOf('function')
    expect(realFs.readFileSync(lock, 'utf8')).toBe(String(process.pid))
    release!()
    expect(realFs.readdirSync(dir)).toEqual([])
  })
})
