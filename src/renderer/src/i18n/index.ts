import { createContext, useContext } from 'react'
import type { Messages } from './en'
import type { Locale } from './load'

export { LOCALES, loadCatalog, pickLocale, type Locale } from './load'
export type { Messages } from './en'

/** The tag Intl formats dates and numbers with (the pseudo-locale formats as English). */
export function intlLocale(locale: Locale): string {
  return locale === 'en-XA' ? 'en' : locale
}

/** Replaces {name} placeholders. Unknown placeholders are left as they are. */
export function fmt(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

/** A number as the chosen locale writes it (Intl). */
export function num(n: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n)
}

export interface I18n {
  locale: Locale
  m: Messages
}

export const I18nContext = createContext<I18n | null>(null)

export function useI18n(): I18n {
  const i18n = useContext(I18nContext)
  if (!i18n) throw new Error('I18nContext missing')
  return i18n
}
