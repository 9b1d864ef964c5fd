// The preload exposes exactly window.licenseDesk: one method per API_METHODS entry plus onProgress.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { API_GLOBAL, API_METHODS, PROGRESS_CHANNEL } from '@shared/contract'
import fake from '../support/fake-electron'

vi.mock('electron', async () => {
  const f = (await import('../support/fake-electron')).default
  return { ...f, default: f }
})

let api: Record<string, unknown>

beforeAll(async () => {
  await import('../../src/preload/index')
  api = fake.contextBridge.exposed.get(API_GLOBAL) as Record<string, unknown>
})

describe('preload', () => {
  it('exposes one global, exactly the API methods plus onProgress, all functions', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual([API_GLOBAL])
    expect(Object.keys(api).sort()).toEqual([...Object.keys(API_METHODS), 'onProgress'].sort())
    for (const v of Object.values(api)) expect(typeof v).toBe('function')
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('ipcRenderer')
    expect(api).not.toHaveProperty('send')
  })

  it('each method invokes its own fixed channel with the request only', async () => {
    for (const [name, channel] of Object.entries(API_METHODS)) {
      fake.ipcRenderer.invocations.length = 0
      const fn = api[name] as (req?: unknown) => Promise<unknown>
      await fn({ productId: 'studio' })
      expect(fake.ipcRenderer.invocations).toEqual([{ channel, args: [{ productId: 'studio' }] }])
      fake.ipcRenderer.invocations.length = 0
      await fn()
      expect(fake.ipcRenderer.invocations).toEqual([{ channel, args: [] }])
      // a page cannot choose another channel through extra arguments
      fake.ipcRenderer.invocations.length = 0
      await (fn as (...a: unknown[]) => Promise<unknown>)({}, 'status:get', 'x')
      expect(fake.ipcRenderer.invocations).toEqual([{ channel, args: [{}] }])
    }
  })

  it('returns the main process Result unchanged', async () => {
    fake.ipcRenderer.invokeImpl = async () => ({ ok: false, error: { code: 'invalid_input', message: 'm', retryable: false, nextStep: 'fix_input' } })
    await expect((api.getStatus as () => Promise<unknown>)()).resolves.toMatchObject({ ok: false })
  })

  it('onProgress passes only the payload and unsubscribes', () => {
    const seen: unknown[] = []
    const off = (api.onProgress as (l: (e: unknown) => void) => () => void)((e) => seen.push(e))
    const event = { sender: fake.ipcRenderer, ports: [], senderId: 0 }
    fake.ipcRenderer.emit(PROGRESS_CHANNEL, event, { operationId: 'op', step: 'contacting' })
    expect(seen).toEqual([{ operationId: 'op', step: 'contacting' }])
    off()
    fake.ipcRenderer.emit(PROGRESS_CHANNEL, event, { operationId: 'op', step: 'done' })
    expect(seen).toHaveLength(1)
    expect(fake.ipcRenderer.listenerCount(PROGRESS_CHANNEL)).toBe(0)
    expect(() => (api.onProgress as (l: unknown) => void)('not a function')).toThrow()
  })
})
