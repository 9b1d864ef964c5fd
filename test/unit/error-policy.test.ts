import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '@shared/errors'
import { ERROR_POLICY, EXIT, exitCodeFor, makeErrorInfo, offersOffline, offersRetry, offersSupport, toErrorInfo } from '@shared/error-policy'
import { classifyNetworkError } from '@core/http'
import { LicenseDeskError, redactCause } from '@core/errors'
import { fakeError } from '../support/fake-api'

describe('the error policy', () => {
  it('has one row for every code, and the core, the CLI and the fake API read it', () => {
    expect(Object.keys(ERROR_POLICY).sort()).toEqual([...ERROR_CODES].sort())
    for (const code of ERROR_CODES) {
      const row = ERROR_POLICY[code]
      const core = new LicenseDeskError(code, 'm').info
      expect({ nextStep: core.nextStep, retryable: core.retryable }).toEqual({ nextStep: row.nextStep, retryable: row.retryable })
      const fake = fakeError(code)
      expect({ nextStep: fake.nextStep, retryable: fake.retryable }).toEqual({ nextStep: row.nextStep, retryable: row.retryable })
      expect(exitCodeFor(core)).toBe(row.exit)
    }
  })

  it('a network timeout is retried, offered offline, and exits 4; a clock skew is not retryable', () => {
    const timeout = makeErrorInfo('network_timeout', 'm')
    expect([timeout.nextStep, timeout.retryable, offersRetry(timeout), offersOffline(timeout), exitCodeFor(timeout)]).toEqual(['retry', true, true, true, EXIT.network])
    const skew = makeErrorInfo('clock_skew', 'm')
    expect([skew.nextStep, skew.retryable, exitCodeFor(skew)]).toEqual(['fix_clock', false, EXIT.refused])
    expect(offersSupport(makeErrorInfo('signature_invalid', 'm'))).toBe(true)
    expect(offersSupport(makeErrorInfo('not_active', 'm'))).toBe(false)
    expect(offersSupport(makeErrorInfo('offline_not_supported', 'm', { nextStep: 'go_offline' }))).toBe(false)
  })

  it('an unknown thrown value becomes internal without its text', () => {
    const info = toErrorInfo(new Error('/home/u/secret.key: sk_live_123'))
    expect(info).toMatchObject({ code: 'internal', nextStep: 'contact_support' })
    expect(info.message).not.toContain('sk_live')
  })
})

describe('error causes', () => {
  it('a network error keeps its cause, redacted to names and system codes', () => {
    const raw = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9?key=sk_live_123'), { code: 'ECONNREFUSED' }) })
    const e = classifyNetworkError(raw, 'http://127.0.0.1:9/api?key=sk_live_123')
    expect(e.code).toBe('network_refused')
    expect(e.cause).toBe(raw)
    expect(e.causeSummary).toBe('TypeError > Error[ECONNREFUSED]')
    expect(JSON.stringify(e.info)).not.toContain('ECONNREFUSED 127')
  })

  it('redactCause never carries a message', () => {
    expect(redactCause(new Error('password=hunter2'))).toBe('Error')
    expect(redactCause('password=hunter2')).toBe('string')
  })
})

describe('toErrorInfo of a named error', () => {
  it('keeps the server code, server message and next step the error carries', () => {
    const e = new LicenseDeskError('server_refused', 'refused', { serverCode: 'license_not_found', serverMessage: 'nope', httpStatus: 400, nextStep: 'fix_input' })
    expect(toErrorInfo(e)).toEqual({
      code: 'server_refused',
      message: 'refused',
      retryable: false,
      nextStep: 'fix_input',
      serverCode: 'license_not_found',
      serverMessage: 'nope',
      httpStatus: 400
    })
  })

  it('keeps the facts a network error carries (strings only), as they cross IPC', () => {
    const e = new LicenseDeskError('network_tls_untrusted', 'untrusted', { details: { issuer: 'Example Inspection CA', proxy: '127.0.0.1:3128' } })
    expect(toErrorInfo(e).details).toEqual({ issuer: 'Example Inspection CA', proxy: '127.0.0.1:3128' })
    const sent = { ...e.info, details: { pageTitle: 'Sign in', issuer: 42, other: 'x' } }
    expect(toErrorInfo(sent).details).toEqual({ pageTitle: 'Sign in' })
    expect(toErrorInfo(new LicenseDeskError('network_proxy_auth', 'm', { details: {} }))).not.toHaveProperty('details')
  })

  it('asks for IT on a proxy or untrusted-certificate error, offers a retry after it and the offline path', () => {
    for (const code of ['network_proxy_auth', 'network_proxy_refused', 'network_proxy_unreachable', 'network_tls_untrusted'] as const) {
      const info = makeErrorInfo(code, 'm')
      expect([info.nextStep, offersRetry(info), offersOffline(info), exitCodeFor(info)]).toEqual(['ask_it', true, true, EXIT.network])
    }
    expect(offersSupport(makeErrorInfo('network_tls_untrusted', 'm'))).toBe(true)
    expect(offersSupport(makeErrorInfo('network_proxy_auth', 'm'))).toBe(false)
    expect(makeErrorInfo('network_captive_portal', 'm').retryable).toBe(true)
    expect(exitCodeFor(makeErrorInfo('response_too_large', 'm'))).toBe(EXIT.network)
    expect(offersOffline(makeErrorInfo('response_too_large', 'm'))).toBe(false)
  })
})

describe('a data folder error', () => {
  it('keeps the file system error as its cause (name and code only)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const { StateStore } = await import('@core/state')
    const dir = mkdtempSync(join(tmpdir(), 'ld-cause-'))
    const inTheWay = join(dir, 'file')
    writeFileSync(inTheWay, 'x')
    const s = new StateStore(join(inTheWay, 'state.json'), () => {
      throw Object.assign(new Error(`ENOTDIR: not a directory, open '${inTheWay}'`), { code: 'ENOTDIR' })
    })
    let caught: unknown
    try {
      s.update(() => undefined)
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(LicenseDeskError)
    expect((caught as LicenseDeskError).code).toBe('file_write')
    expect((caught as LicenseDeskError).causeSummary).toMatch(/^Error\[(EEXIST|ENOTDIR)\]$/)
  })
})
