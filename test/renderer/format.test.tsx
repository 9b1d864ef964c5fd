// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { codeGroups, dateInWords, groupCode, spokenCode } from '@renderer/format'
import { fmt, pickLocale } from '@renderer/i18n'

describe('code grouping', () => {
  it('groups into 4-character groups', () => {
    expect(groupCode('a3f9c2e17b4d05e6')).toBe('a3f9 c2e1 7b4d 05e6')
    expect(codeGroups('abcdefghij')).toEqual(['abcd', 'efgh', 'ij'])
  })
  it('ignores spaces and dashes already in the code', () => {
    expect(groupCode('ab-cd ef gh-ij')).toBe('abcd efgh ij')
  })
  it('handles empty and short codes', () => {
    expect(groupCode('')).toBe('')
    expect(groupCode('abc')).toBe('abc')
  })
  it('spells codes for screen readers in spaced groups', () => {
    expect(spokenCode('a3f9c2')).toBe('A 3 F 9, C 2')
  })
})

describe('dates and messages', () => {
  it('writes the valid-for date in words without shifting the day', () => {
    expect(dateInWords('2025-11-24', 'en-GB')).toMatch(/^Monday,? 24 November 2025$/)
    expect(dateInWords('2025-11-24', 'de')).toBe('Montag, 24. November 2025')
    expect(dateInWords('2025-11-24', 'fr')).toBe('lundi 24 novembre 2025')
    expect(dateInWords('2025-11-24', 'en-XA')).toBe(dateInWords('2025-11-24', 'en'))
    expect(dateInWords('not a date', 'en')).toBe('not a date')
  })
  it('picks the catalog from the OS locale', () => {
    expect(pickLocale('de-AT')).toBe('de')
    expect(pickLocale('de')).toBe('de')
    expect(pickLocale('en-US')).toBe('en')
    expect(pickLocale('fr-FR')).toBe('fr')
    expect(pickLocale('fr_CA')).toBe('fr')
    expect(pickLocale('en-XA')).toBe('en-XA')
    expect(pickLocale('it-IT')).toBe('en')
    expect(pickLocale(undefined)).toBe('en')
  })
  it('fills placeholders', () => {
    expect(fmt('Activate {product}', { product: 'Demo' })).toBe('Activate Demo')
    expect(fmt('{a} {b}', { a: 1 })).toBe('1 {b}')
  })
})
