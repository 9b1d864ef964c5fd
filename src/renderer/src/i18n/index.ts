import { createContext, useContext } from 'react'
import { en, type Messages } from './en'
import { de } from './de'

export type Locale = 'en' | 'de'
export type { Messages } from './en'

export const catalogs: Record<Locale, Messages> = { en, de }

/** Picks the catalog for a BCP 47 tag such as "de-AT"; English otherwise. */
export function pickLocale(tag: string | undefined | null): Locale {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0]
  return base === 'de' ? 'de' : 'en'
}

/** Replaces {name} placeholders. Unknown placeholders are left as they are. */
export function fmt(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

export interface I18n {
  locale: Locale
  m: Messages
}

export const I18nContext = createContext<I18n>({ locale: 'en', m: en })

export function useI18n(): I18n {
  return useContext(I18nContext)
}
