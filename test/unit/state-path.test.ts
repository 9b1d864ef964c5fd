// The state path: the core's own file backend (compact JSON, atomic), one parse of the file per
// operation, in-process writes one after the other, and summaries that cost products + records.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { createDesk } from '@core/desk'
import { stateFilePath } from '@core/paths'
import { loadProfile, type Profile } from '@core/profile'
import { createLocalSecretBox } from '@core/secrets'
import { emptyState, StateStore, type State } from '@core/state'
import type { StateBackend } from '@core/types'
import { rejection, removeTempDirs, ROOT, tempDir } from '../support/tools'

afterAll(() => removeTempDirs())
afterEach(() => vi.restoreAllMocks())

const demo = loadProfile(join(ROOT, 'resources/demo/profile.json'))
const qlmDemo = demo.products.find((p) => p.provider === 'qlm')!
const HWID = 'c'.repeat(64)
const deskFor = (dir: string, profile: Profile = demo) =>
  createDesk({ profile, statePath: stateFilePath(dir), secrets: createLocalSecretBox(dir), hardwareId: { get: async () => ({ id: HWID, source: 'test' }) } })

/** Counts the parses of the state file's text while fn runs. */
async function stateParses(fn: () => Promise<unknown>): Promise<number> {
  const real = JSON.parse
  let n = 0
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
    if (typeof text === 'string' && text.includes('"schemaVersion"')) n++
    return real(text, reviver)
  })
  await fn()
  vi.restoreAllMocks()
  return n
}

const lic = { provider: 'licensespring' as const, activatedAt: '2026-01-01T00:00:00.000Z', activatedOffline: false, hardwareId: HWID }

describe('the core file backend', () => {
  it('writes compact JSON atomically; the default store needs no conf or electron-store', async () => {
    const dir = tempDir()
    const store = new StateStore(stateFilePath(dir))
    await store.updateAsync((s) => {
      s.licenses.a = { ...lic }
    })
    const text = readFileSync(stateFilePath(dir), 'utf8')
    expect(text).toBe(JSON.stringify(JSON.parse(text)))
    expect(JSON.parse(text).licenses.a.hardwareId).toBe(HWID)
    expect(new StateStore(stateFilePath(dir)).read().licenses.a).toMatchObject(lic)
  })

  it('the sync update refuses the asynchronous backend (nothing written)', async () => {
    const dir = tempDir()
    const e = await rejection(() => new StateStore(stateFilePath(dir)).update(() => undefined))
    expect(e.code).toBe('internal')
  })

  it('updates from one process run one after the other: none is lost, no lock contention', async () => {
    const dir = tempDir()
    const store = new StateStore(stateFilePath(dir))
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.updateAsync((s) => void (s.offlineDeactivated[`p${i}`] = String(i)))))
    expect(Object.keys(new StateStore(stateFilePath(dir)).read().offlineDeactivated)).toHaveLength(20)
  })

  it('a failed save changes nothing, not even the state this process caches', async () => {
    const dir = tempDir()
    let fail = false
    const file = stateFilePath(dir)
    const backend: StateBackend = {
      path: file,
      store: {},
      async save(data) {
        if (fail) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' })
        writeFileSync(file, JSON.stringify(data))
      }
    }
    const store = new StateStore(file, () => backend)
    await store.updateAsync((s) => void (s.licenses.a = { ...lic }))
    fail = true
    const e = await rejection(store.updateAsync((s) => void delete s.licenses.a))
    expect(e.code).toBe('file_write')
    expect(store.read().licenses.a).toBeDefined()
  })

  it('a change by another process is seen at once (the cached parse is tied to the file version)', async () => {
    const dir = tempDir()
    const mine = new StateStore(stateFilePath(dir))
    await mine.updateAsync((s) => void (s.licenses.a = { ...lic }))
    expect(mine.read().licenses.b).toBeUndefined()
    await new StateStore(stateFilePath(dir)).updateAsync((s) => void (s.licenses.b = { ...lic }))
    expect(mine.read().licenses.b).toBeDefined()
  })
})

describe('one parse of the state file per operation', () => {
  it('status, and an offline deactivation (activation, file check, commit), parse the file once each', async () => {
    const dir = tempDir()
    await deskFor(dir).activateQlmWithComputerKey('cad', 'AAAA-BBBB-CCCC', 'COMPUTER-KEY-1')
    expect(await stateParses(() => deskFor(dir).status())).toBe(1)
    expect(await stateParses(() => deskFor(dir).deactivateOffline('cad'))).toBe(1)
    expect(await stateParses(() => deskFor(dir).history())).toBe(1)
    const desk = deskFor(dir)
    await desk.activateQlmWithComputerKey('cad', 'AAAA-BBBB-CCCC', 'COMPUTER-KEY-1')
    // The same desk reuses its parse while the file is the one it wrote.
    expect(await stateParses(() => desk.deactivateOffline('cad'))).toBe(0)
  })
})

describe('summaries cost products + records, not products x records', () => {
  it('status reads each history record and each product a bounded number of times', async () => {
    const dir = tempDir()
    let productReads = 0
    const products = new Proxy(
      Array.from({ length: 50 }, (_, i) => ({ ...qlmDemo, id: `p${i}`, name: `P ${i}` })),
      {
        get(t, k, r) {
          if (typeof k === 'string' && /^\d+$/.test(k)) productReads++
          return Reflect.get(t, k, r)
        }
      }
    )
    const profile = { ...demo, products } as Profile
    const history = Array.from({ length: 400 }, (_, i) => ({
      id: `r${i}`,
      kind: 'qlm-dvc',
      productId: `p${i % 60}`,
      productName: 'P',
      at: '2026-01-01T00:00:00.000Z',
      code: 'c'.repeat(32),
      validFor: '2026-01-01',
      computerId: HWID
    }))
    writeFileSync(stateFilePath(dir), JSON.stringify({ ...emptyState(), history }))
    let reads = 0
    const realRead = StateStore.prototype.read
    vi.spyOn(StateStore.prototype, 'read').mockImplementation(function (this: StateStore) {
      const s = realRead.call(this)
      const counted = new Proxy(s.history, {
        get(t, k, r) {
          if (typeof k === 'string' && /^\d+$/.test(k)) reads++
          return Reflect.get(t, k, r)
        }
      })
      return { ...s, history: counted } as State
    })
    const st = await deskFor(dir, profile).status()
    expect(st.products).toHaveLength(50)
    expect(st.products.filter((p) => p.lastOffline)).toHaveLength(50)
    expect(st.products[7]!.lastOffline!.id).toBe('r367') // the latest record of p7
    expect(reads).toBeLessThanOrEqual(2 * history.length)
    // Each product's latest record is hydrated with its product looked up by id, not searched for.
    expect(productReads).toBeLessThanOrEqual(4 * products.length)
  })
})
