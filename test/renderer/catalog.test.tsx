// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, type NextStep } from '@shared/errors'
import { catalogs } from '@renderer/i18n/catalogs'

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return [prefix]
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

const en = catalogs.en

describe('message catalogs', () => {
  it.each(Object.entries(catalogs))('%s has a title, explanation and next step for every error code', (_lang, m) => {
    for (const code of ERROR_CODES) {
      const t = m.errors[code]
      expect(t, code).toBeDefined()
      expect(t.title.trim().length, `${code}.title`).toBeGreaterThan(0)
      expect(t.explain.trim().length, `${code}.explain`).toBeGreaterThan(0)
      expect(t.next.trim().length, `${code}.next`).toBeGreaterThan(0)
    }
  })

  it('German has every key of English and no empty string', () => {
    expect(keys(catalogs.de).sort()).toEqual(keys(en).sort())
    const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : typeof o === 'object' && o ? Object.values(o).flatMap(strings) : [])
    const allowedEmpty = new Set([en.nextSteps.none])
    for (const s of strings(catalogs.de)) if (!allowedEmpty.has(s)) expect(s.trim().length).toBeGreaterThan(0)
  })

  it('German texts differ from English (really translated)', () => {
    const same = ERROR_CODES.filter((c) => catalogs.de.errors[c].title === en.errors[c].title)
    expect(same).toEqual([])
  })

  it('has friendly texts for the common LicenseSpring server codes in both languages', () => {
    const codes = [
      'license_not_found',
      'license_not_enabled',
      'license_activated_max_times',
      'license_transferred_max_times',
      'license_expired',
      'device_not_found',
      'date_header_diff',
      'unknown_product'
    ]
    for (const [, m] of Object.entries(catalogs)) for (const c of codes) expect(m.serverCodes[c], c).toBeTruthy()
  })

  it('has a sentence for every next step', () => {
    const steps: NextStep[] = ['retry', 'retry_later', 'go_offline', 'fix_clock', 'fix_input', 'contact_support', 'check_connection', 'choose_other_folder', 'ask_it']
    for (const [, m] of Object.entries(catalogs)) for (const s of steps) expect(m.nextSteps[s]).toBeTruthy()
  })
})
