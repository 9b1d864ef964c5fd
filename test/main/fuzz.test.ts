// Sends every channel many malformed inputs: each must come back as a typed invalid_input error, without
// a crash, without any call into the core or the native side (so no state change), and without
// polluting Object.prototype.
import { afterAll, describe as suite, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '@shared/contract'
import { isErrorInfo } from '@shared/errors'
import { createHandlers } from '../../src/main/handlers'
import { receiptFile } from '@core/desk'
import { allMocks, fakeDesk, fakeNative, RECEIPT } from '../support/fake-desk'

const huge = 'x'.repeat(2_000_000)
const valid: Record<Channel, unknown> = {
  'app:info': undefined,
  'status:get': undefined,
  'activate:online': { productId: 'studio', operationId: 'op1', licenseKey: 'K' },
  'activate:offline:request': { productId: 'studio', licenseKey: 'K' },
  'activate:offline:import': { productId: 'studio', content: 'LIC' },
  'activate:qlm:url': { productId: 'cad', activationKey: 'AK' },
  'activate:qlm:computer-key': { productId: 'cad', activationKey: 'AK', computerKey: 'CK' },
  'licenses:list': { productId: 'cloud', username: 'u', password: 'p' },
  'floating:borrow': { productId: 'studio', operationId: 'op1', until: null },
  'floating:release': { productId: 'studio', operationId: 'op1' },
  'deactivate:online': { productId: 'studio', operationId: 'op1' },
  'deactivate:offline': { productId: 'studio', operationId: 'op1' },
  'operation:cancel': { operationId: 'op1' },
  'history:list': undefined,
  'shell:show-in-folder': { recordId: 'rec-1' },
  'shell:open-external': { url: 'https://vendor.example/' },
  'clipboard:write': { text: 'x' },
  'diagnostics:get': undefined,
  'seat:release': { productId: 'studio', operationId: 'op1', licenseKey: 'K', offline: false },
  'seat:check': { productId: 'studio', operationId: 'op1' },
  'seat:forget': { productId: 'studio' },
  'seat:receipts': undefined,
  'seat:receipt:export': { receiptId: 'r-1' },
  'seat:receipt:import': { content: receiptFile(RECEIPT) },
  'hwid:candidates': undefined
}

/** Generic garbage valid for no channel. */
function genericGarbage(): unknown[] {
  const cyclic: Record<string, unknown> = {}
  cyclic.self = cyclic
  return [
    null,
    0,
    -1,
    NaN,
    Infinity,
    1e308,
    true,
    false,
    '',
    'studio',
    huge,
    [],
    [1, 2, 3],
    ['studio'],
    {},
    cyclic,
    new Date(0),
    new Uint8Array(16),
    new Map([['productId', 'studio']]),
    JSON.parse('{"__proto__":{"polluted":1}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
    JSON.parse('{"prototype":{"polluted":1}}'),
    Object.create(null),
    BigInt(1),
    Symbol('s')
  ]
}

/** Per-field mutations of the channel's valid input: wrong types, huge strings, missing and extra keys. */
function mutations(base: unknown): unknown[] {
  if (base === undefined || base === null || typeof base !== 'object') return []
  const obj = base as Record<string, unknown>
  const out: unknown[] = []
  const wrong: unknown[] = [null, 1, true, [], {}, ['a'], huge, '', ' ', '../../etc', '\u0000', 'a'.repeat(65), { toString: 'x' }]
  for (const key of Object.keys(obj)) {
    const { [key]: _removed, ...rest } = obj
    if (key !== 'content') out.push(rest) // missing required field (content is optional)
    for (const w of wrong) {
      if (key === 'text' && typeof w === 'string' && w.length <= 8192) continue // any short text is valid
      if (key === 'content' && typeof w === 'string' && w.length > 0 && w.length <= 1_000_000) continue
      if (key === 'url' && typeof w === 'string' && w.length > 0 && w.length <= 4096) continue // refused later by the guard, not the schema
      if ((key === 'licenseKey' || key === 'activationKey' || key === 'computerKey') && typeof w === 'string' && w.trim().length > 0 && w.length <= 256) continue
      if ((key === 'recordId' || key === 'receiptId') && typeof w === 'string' && w.length > 0 && w.length <= 64) continue
      if (key === 'offline' && typeof w === 'boolean') continue
      if (key === 'username' && typeof w === 'string' && w.trim().length > 0 && w.length <= 256) continue // any account name
      if (key === 'password' && typeof w === 'string' && w.length > 0 && w.length <= 1024) continue // any password
      if (key === 'until' && w === null) continue // null: the longest borrowing the license allows
      out.push({ ...obj, [key]: w })
    }
  }
  out.push({ ...obj, extra: 1 })
  out.push(JSON.parse(JSON.stringify(obj).replace(/^\{/, '{"__proto__":{"polluted":1},')))
  out.push(JSON.parse(JSON.stringify(obj).replace(/^\{/, '{"constructor":{"prototype":{"polluted":1}},')))
  out.push(Object.assign(Object.create({ polluted: 1 }), obj, { prototype: {} }))
  out.push([obj])
  out.push(JSON.stringify(obj))
  return out
}

function describe(v: unknown): string {
  try {
    return (typeof v === 'object' ? JSON.stringify(v) : String(v))?.slice(0, 80) ?? String(v)
  } catch {
    return Object.prototype.toString.call(v)
  }
}

afterAll(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
})

suite('fuzz: malformed input on every channel', () => {
  for (const channel of CHANNELS) {
    it(channel, async () => {
      const desk = fakeDesk()
      const native = fakeNative()
      const handlers = createHandlers(desk, native, { external: { hosts: ['vendor.example'] } })
      const before = JSON.stringify(await desk.status())
      desk.status.mockClear()
      const inputs = [...genericGarbage(), ...mutations(valid[channel])]
      let count = 0
      for (const input of inputs) {
        const r = await handlers[channel](input, { sendProgress: () => undefined })
        expect(r.ok, `${channel} accepted ${describe(input)}`).toBe(false)
        if (!r.ok) {
          expect(isErrorInfo(r.error)).toBe(true)
          expect(r.error.code).toBe('invalid_input')
          expect(r.error.message.length).toBeLessThan(1000)
          // the error can always cross IPC (structured clone) and JSON
          expect(() => structuredClone(r)).not.toThrow()
        }
        count++
      }
      expect(count).toBeGreaterThan(20)
      for (const { name, fn } of [...allMocks(desk), ...allMocks(native)]) {
        expect(fn, `${channel} called ${name}`).not.toHaveBeenCalled()
      }
      expect(JSON.stringify(await desk.status())).toBe(before)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false)
    })
  }

  it('the valid inputs used as the mutation base are accepted (the fuzz is meaningful)', async () => {
    const handlers = createHandlers(fakeDesk(), fakeNative(), { external: { hosts: ['vendor.example'] } })
    for (const channel of CHANNELS) {
      const r = await handlers[channel](valid[channel], { sendProgress: () => undefined })
      expect(r.ok, channel).toBe(true)
    }
  })
})
