// zod runs jitless: no parser is generated with new Function, neither at start-up nor on first parse
// (generating it costs a short-lived CLI more than it saves, and a strict CSP forbids it).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ROOT } from '../support/tools'

afterEach(() => vi.unstubAllGlobals())

describe('zod without code generation', () => {
  it('building and using the profile, state and IPC schemas never calls new Function', async () => {
    let generated = 0
    vi.stubGlobal(
      'Function',
      new Proxy(Function, { construct: (t, args) => (generated++, Reflect.construct(t, args)), apply: (t, self, args) => (generated++, Reflect.apply(t, self, args)) })
    )
    const { parseProfile } = await import('@core/profile')
    const { stateSchema, emptyState } = await import('@core/state')
    const { inputSchemas } = await import('@shared/schemas')
    const profile = parseProfile(JSON.parse(readFileSync(join(ROOT, 'resources/demo/profile.json'), 'utf8')))
    expect(profile.products.length).toBeGreaterThan(0)
    for (let i = 0; i < 3; i++) {
      expect(stateSchema.safeParse({ ...emptyState(), licenses: { a: { provider: 'qlm', activatedAt: 'x', hardwareId: 'h' } } }).success).toBe(true)
      expect(inputSchemas['deactivate:offline'].safeParse({ productId: 'studio', operationId: 'op1' }).success).toBe(true)
    }
    expect(generated).toBe(0)
  })

  it('every schema module takes zm from @shared/zod, where jitless is set before any schema is built', () => {
    const zm = require('zod/mini') as typeof import('zod/mini')
    return import('@shared/zod').then(() => {
      expect(zm.config().jitless).toBe(true)
      for (const f of ['src/core/profile.ts', 'src/core/state.ts', 'src/shared/schemas.ts']) expect(readFileSync(join(ROOT, f), 'utf8')).not.toMatch(/from 'zod'/)
    })
  })
})
