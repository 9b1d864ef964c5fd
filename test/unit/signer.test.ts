import { afterEach, describe, expect, it, vi } from 'vitest'
import { authorizationHeader, hmacBase64, httpDate, offlineSignature, signDate, signedHeaders, signingString } from '@core/providers/licensespring/signer'
import { opensslHmacB64, pythonHmacB64 } from '../support/tools'

const VECTOR_KEY = 'kw4qSnpSwXzgiv5yxYpZZmFEd9QAeiKTQ6OuyMja'
const VECTOR_DATE = 'Tue, 07 Jun 2011 20:51:35 GMT'
const VECTOR_SIG = 'UDysfR6MndUZReo07Y9r+vErn8vSxrnQ5ulit18iJ/Q='

afterEach(() => vi.restoreAllMocks())

describe('LicenseSpring request signer', () => {
  it('reproduces the public test vector', () => {
    expect(signDate(VECTOR_KEY, VECTOR_DATE)).toBe(VECTOR_SIG)
  })

  it('agrees with openssl and python on the vector', () => {
    const msg = signingString(VECTOR_DATE)
    expect(opensslHmacB64(VECTOR_KEY, msg)).toBe(VECTOR_SIG)
    expect(pythonHmacB64(VECTOR_KEY, msg)).toBe(VECTOR_SIG)
  })

  it('builds the signing string byte-exact: capital S, one space, no trailing newline', () => {
    const s = signingString(VECTOR_DATE)
    expect(Buffer.from(s, 'utf8').toString('hex')).toBe(Buffer.from('licenseSpring\ndate: Tue, 07 Jun 2011 20:51:35 GMT').toString('hex'))
    expect(s.startsWith('licenseSpring\n')).toBe(true)
    expect(s.endsWith('\n')).toBe(false)
    expect(s.split('\n')).toEqual(['licenseSpring', `date: ${VECTOR_DATE}`])
    // The case-folded variant from a bad copy of the docs gives another signature.
    expect(hmacBase64(VECTOR_KEY, s.toLowerCase())).not.toBe(VECTOR_SIG)
    expect(hmacBase64(VECTOR_KEY, `${s}\n`)).not.toBe(VECTOR_SIG)
  })

  it('lays out the Authorization header exactly', () => {
    expect(authorizationHeader('my-api-key', VECTOR_SIG)).toBe(`algorithm="hmac-sha256",headers="date",signature="${VECTOR_SIG}",apikey="my-api-key"`)
  })

  it('formats the Date as an RFC 7231 IMF-fixdate in GMT', () => {
    expect(httpDate(Date.UTC(2011, 5, 7, 20, 51, 35))).toBe(VECTOR_DATE)
    expect(httpDate(Date.UTC(2026, 0, 2, 3, 4, 5, 999))).toBe('Fri, 02 Jan 2026 03:04:05 GMT')
  })

  it('signs the same Date string it sends, computed once', () => {
    const spy = vi.spyOn(Date.prototype, 'toUTCString')
    const ms = Date.UTC(2011, 5, 7, 20, 51, 35)
    const h = signedHeaders('api-1', VECTOR_KEY, ms)
    expect(spy).toHaveBeenCalledTimes(1)
    expect(h.Date).toBe(VECTOR_DATE)
    expect(h.Accept).toBe('application/json')
    const m = /^algorithm="hmac-sha256",headers="date",signature="([^"]+)",apikey="api-1"$/.exec(h.Authorization!)
    expect(m).not.toBeNull()
    expect(m![1]).toBe(VECTOR_SIG)
    // Independent recomputation over the header's own Date.
    expect(pythonHmacB64(VECTOR_KEY, `licenseSpring\ndate: ${h.Date}`)).toBe(m![1])
  })

  it('changes the signature when the date or the key changes', () => {
    const a = signedHeaders('k', 'secret', 1_000_000_000_000)
    const b = signedHeaders('k', 'secret', 1_000_000_001_000)
    const c = signedHeaders('k', 'secret2', 1_000_000_000_000)
    expect(a.Authorization).not.toBe(b.Authorization)
    expect(a.Authorization).not.toBe(c.Authorization)
  })

  it('computes the offline request signature like python and openssl', () => {
    const f = { date: VECTOR_DATE, identity: 'AAAA-BBBB-CCCC', hardwareId: 'f'.repeat(64), apiKey: 'api-x' }
    const msg = `licenseSpring\ndate: ${f.date}\n${f.identity}\n${f.hardwareId}\n${f.apiKey}`
    const sig = offlineSignature('shared-ü-key', f)
    expect(sig).toBe(pythonHmacB64('shared-ü-key', msg))
    expect(sig).toBe(opensslHmacB64('shared-ü-key', msg))
    expect(offlineSignature('shared-ü-key', { ...f, apiKey: 'api-y' })).not.toBe(sig)
  })
})
