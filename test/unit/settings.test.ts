import { describe, expect, it } from 'vitest'
import { readSettings } from '@core/settings'
import { LicenseDeskError } from '@core/errors'

describe('settings from the environment', () => {
  it('whole numbers in range are taken; unset or empty means the default', () => {
    expect(readSettings({})).toEqual({})
    expect(readSettings({ LICENSE_DESK_TIMEOUT_MS: '' })).toEqual({})
    expect(readSettings({ LICENSE_DESK_TIMEOUT_MS: ' 2500 ', LICENSE_DESK_RETRY_BASE_MS: '0' })).toEqual({ timeoutMs: 2500, retryBaseMs: 0 })
    expect(readSettings({ LICENSE_DESK_DEMO_PORT: '0' })).toEqual({ demoPort: 0 })
    expect(readSettings({ LICENSE_DESK_DEMO_PORT: '4371' })).toEqual({ demoPort: 4371 })
  })

  it.each([
    ['LICENSE_DESK_TIMEOUT_MS', 'abc'],
    ['LICENSE_DESK_TIMEOUT_MS', '0'],
    ['LICENSE_DESK_TIMEOUT_MS', '1e3'],
    ['LICENSE_DESK_TIMEOUT_MS', '0x10'],
    ['LICENSE_DESK_TIMEOUT_MS', '99999999999'],
    ['LICENSE_DESK_RETRY_BASE_MS', '-1'],
    ['LICENSE_DESK_RETRY_BASE_MS', 'Infinity'],
    ['LICENSE_DESK_DEMO_PORT', '65536'],
    ['LICENSE_DESK_DEMO_PORT', 'auto']
  ])('%s=%s -> setting_invalid naming it', (name, value) => {
    let err: unknown
    try {
      readSettings({ [name]: value })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(LicenseDeskError)
    expect((err as LicenseDeskError).info).toMatchObject({ code: 'setting_invalid', nextStep: 'fix_input' })
    expect((err as LicenseDeskError).message).toContain(name)
  })
})
