import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { hmacBase64, lsRequestSigningString, verifyLsRequestSignature, qlmDvc, licenseSignaturePayload } from '../../src/server/crypto'
import { parseAuthorization } from '../../src/server/licensespring'
import { rawMemberValue } from '../../src/server/rawjson'
import { acceptedDvcDays } from '../../src/server/qlm'

describe('server verifiers', () => {
  it('match the public LicenseSpring vector', () => {
    const key = 'kw4qSnpSwXzgiv5yxYpZZmFEd9QAeiKTQ6OuyMja'
    const date = 'Tue, 07 Jun 2011 20:51:35 GMT'
    expect(lsRequestSigningString(date)).toBe('licenseSpring\ndate: Tue, 07 Jun 2011 20:51:35 GMT')
    expect(hmacBase64(key, lsRequestSigningString(date))).toBe('UDysfR6MndUZReo07Y9r+vErn8vSxrnQ5ulit18iJ/Q=')
    expect(verifyLsRequestSignature(key, date, 'UDysfR6MndUZReo07Y9r+vErn8vSxrnQ5ulit18iJ/Q=')).toBe(true)
    expect(verifyLsRequestSignature(key, date, 'UDysfR6MndUZReo07Y9r+vErn8vSxrnQ5ulit18iJ/Q')).toBe(false)
    expect(verifyLsRequestSignature(key, 'Tue, 07 Jun 2011 20:51:36 GMT', 'UDysfR6MndUZReo07Y9r+vErn8vSxrnQ5ulit18iJ/Q=')).toBe(false)
    expect(verifyLsRequestSignature(key.toLowerCase(), date, 'UDysfR6MndUZReo07Y9r+vErn8vSxrnQ5ulit18iJ/Q=')).toBe(false)
  })

  it('parses the Authorization header strictly', () => {
    expect(parseAuthorization('algorithm="hmac-sha256",headers="date",signature="a+b/c=",apikey="k"')).toEqual({
      algorithm: 'hmac-sha256',
      headers: 'date',
      signature: 'a+b/c=',
      apikey: 'k'
    })
    expect(parseAuthorization('algorithm="hmac-sha256", headers="date"')).toEqual({ algorithm: 'hmac-sha256', headers: 'date' })
    expect(parseAuthorization('garbage')).toBeUndefined()
    expect(parseAuthorization('a="1" b="2"')).toBeUndefined()
    expect(parseAuthorization('a="1",a="2"')).toBeUndefined()
    expect(parseAuthorization('')).toBeUndefined()
  })

  it('license_signature payload is lowercase with ms ISO validity or empty', () => {
    expect(licenseSignaturePayload('HW-1', 'ABC-DEF', '2030-01-01T00:00:00.000Z')).toBe('hw-1#abc-def#2030-01-01t00:00:00.000z')
    expect(licenseSignaturePayload('hw', 'KEY', null)).toBe('hw#key#')
  })

  it('finds the raw bytes of a member value', () => {
    const text = ' { "a" : 1, "request" : {"x":"}\\"{","y":[1,{"z":null}],"u":"\\u00e9"} , "signature":"s"}'
    expect(rawMemberValue(text, 'request')).toBe('{"x":"}\\"{","y":[1,{"z":null}],"u":"\\u00e9"}')
    expect(rawMemberValue(text, 'a')).toBe('1')
    expect(rawMemberValue(text, 'signature')).toBe('"s"')
    expect(rawMemberValue(text, 'nope')).toBeUndefined()
    expect(rawMemberValue('{}', 'request')).toBeUndefined()
    expect(() => rawMemberValue('{"request":{},"request":{}}', 'request')).toThrow(/duplicate/)
    expect(() => rawMemberValue('[1]', 'request')).toThrow()
    expect(() => rawMemberValue('{"request":{"a":1}', 'request')).toThrow()
  })

  it('DVC is the MD5 of key|pcid|encryption key|date', () => {
    const expected = createHash('md5').update('AXK8060R00GHJ3SI862Y1I1URAQDV2|pc-1|{B6163D99-F46A-4580-BB42-BF276A507A14}|2026-11-23').digest('hex')
    expect(qlmDvc('AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2', 'pc-1', '{B6163D99-F46A-4580-BB42-BF276A507A14}', '2026-11-23')).toBe(expected)
  })

  it('accepts DVC dates of today and yesterday (UTC and local) and UTC tomorrow', () => {
    const days = acceptedDvcDays(Date.parse('2026-11-23T12:00:00Z'))
    expect(days).toContain('2026-11-23')
    expect(days).toContain('2026-11-22')
    expect(days).toContain('2026-11-24')
    expect(days).not.toContain('2026-11-21')
  })
})
