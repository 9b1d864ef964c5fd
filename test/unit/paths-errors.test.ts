import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '@shared/errors'
import { fail, isCode, LicenseDeskError, toErrorInfo } from '@core/errors'
import { defaultDataDir, stateFilePath } from '@core/paths'

describe('paths', () => {
  it('picks the per-platform data dir, overridable by LICENSE_DESK_DATA_DIR', () => {
    expect(defaultDataDir({ LICENSE_DESK_DATA_DIR: '/d' }, 'linux', '/home/u')).toBe('/d')
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'license-desk'))
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe(join('/x', 'license-desk'))
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Application Support', 'license-desk'))
    expect(defaultDataDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32', 'C:/Users/u')).toBe(join('C:/Users/u/AppData/Roaming', 'license-desk'))
    expect(stateFilePath('/d')).toBe(join('/d', 'state.json'))
  })
})

describe('errors', () => {
  it('every code gets a next step and a retryable flag', () => {
    for (const code of ERROR_CODES) {
      const e = new LicenseDeskError(code, 'm')
      expect(typeof e.info.retryable).toBe('boolean')
      expect(e.info.nextStep).toBeTruthy()
    }
    expect(new LicenseDeskError('network_reset', 'm').info.retryable).toBe(true)
    expect(new LicenseDeskError('network_tls', 'm').info.retryable).toBe(false)
    expect(new LicenseDeskError('clock_skew', 'm').info.nextStep).toBe('fix_clock')
    expect(new LicenseDeskError('server_refused', 'm', { retryable: true, serverCode: 'x' }).info).toMatchObject({ retryable: true, serverCode: 'x' })
  })

  it('toErrorInfo never leaks an unknown error', () => {
    const info = toErrorInfo(new Error('secret /home/u/key=ABC'))
    expect(info.code).toBe('internal')
    expect(info.message).not.toContain('ABC')
    expect(toErrorInfo(Object.assign(new Error('x'), { name: 'AbortError' })).code).toBe('cancelled')
    expect(toErrorInfo({ code: 'network_dns', message: 'm', retryable: true, nextStep: 'retry' }).code).toBe('network_dns')
    expect(toErrorInfo({ code: 'nope', message: 'm' }).code).toBe('internal')
    expect(() => fail('file_read', 'x')).toThrow(LicenseDeskError)
    try {
      fail('file_read', 'x')
    } catch (e) {
      expect(isCode(e, 'file_read')).toBe(true)
      expect(isCode(e, 'file_write')).toBe(false)
    }
  })
})
