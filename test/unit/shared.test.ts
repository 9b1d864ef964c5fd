import { describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import { API_METHODS, CHANNELS, type Channel, type Contract } from '@shared/contract'
import { ERROR_CODES, isErrorInfo } from '@shared/errors'
import { inputSchemas } from '@shared/schemas'

describe('shared contract and input schemas', () => {
  it('every channel has exactly one input schema, and channels are unique', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length)
    expect(Object.keys(inputSchemas).sort()).toEqual([...CHANNELS].sort())
    expect(CHANNELS).toContain(API_METHODS.deactivateOffline)
  })

  it('each request type is exactly what its schema accepts (the shapes are written once, in the schemas)', () => {
    type Req<C extends Channel> = Contract[C]['req'] extends void ? undefined : Contract[C]['req']
    type Accepted = { [C in Channel]: z.output<(typeof inputSchemas)[C]> }
    expectTypeOf<{ [C in Channel]: Req<C> }>().toEqualTypeOf<Accepted>()
    expectTypeOf<Contract['activate:online']['req']>().toEqualTypeOf<{
      productId: string
      operationId: string
      licenseKey?: string
      username?: string
      password?: string
      licenseId?: number
      sso?: true
    }>()
    expect(Object.keys(inputSchemas)).toHaveLength(CHANNELS.length)
  })

  it('activate:online takes either a key or a username and password, never both', () => {
    const s = inputSchemas['activate:online']
    expect(s.safeParse({ productId: 'studio', operationId: 'op1', licenseKey: 'K' }).success).toBe(true)
    expect(s.safeParse({ productId: 'studio', operationId: 'op1', username: 'u', password: 'p' }).success).toBe(true)
    expect(s.safeParse({ productId: 'studio', operationId: 'op1', licenseKey: 'K', username: 'u', password: 'p' }).success).toBe(false)
    expect(s.safeParse({ productId: 'studio', operationId: 'op1', username: 'u' }).success).toBe(false)
    expect(s.safeParse({ productId: 'studio', operationId: 'op1' }).success).toBe(false)
    expect(s.safeParse({ productId: '../etc', operationId: 'op1', licenseKey: 'K' }).success).toBe(false)
    expect(s.safeParse({ productId: 'studio', operationId: 'op1', licenseKey: ' '.repeat(3) }).success).toBe(false)
    expect(s.safeParse({ productId: 'studio', operationId: 'op1', licenseKey: 'K'.repeat(257) }).success).toBe(false)
  })

  it('strict objects refuse unknown keys, including prototype tricks', () => {
    const s = inputSchemas['deactivate:offline']
    expect(s.safeParse({ productId: 'studio', operationId: 'op1' }).success).toBe(true)
    expect(s.safeParse({ productId: 'studio', operationId: 'op1', extra: 1 }).success).toBe(false)
    expect(s.safeParse(JSON.parse('{"productId":"studio","operationId":"op1","__proto__":{"x":1}}')).success).toBe(false)
    expect(inputSchemas['status:get'].safeParse(undefined).success).toBe(true)
    expect(inputSchemas['status:get'].safeParse({}).success).toBe(false)
  })

  it('isErrorInfo accepts only known codes with a message', () => {
    for (const code of ERROR_CODES) expect(isErrorInfo({ code, message: 'm' })).toBe(true)
    expect(isErrorInfo({ code: 'made_up', message: 'm' })).toBe(false)
    expect(isErrorInfo({ code: 'internal' })).toBe(false)
    expect(isErrorInfo(null)).toBe(false)
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length)
  })
})
