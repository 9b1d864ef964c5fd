import { createContext, useContext } from 'react'
import type { Messages } from './en'

/** 'en-XA' is the pseudo-locale (every text longer, accented): for checking layouts, never picked by default. */
export type Locale = 'en' | 'de' | 'fr' | 'en-XA'
export type { Messages } from './en'

export const LOCALES: readonly Locale[] = ['en', 'de', 'fr', 'en-XA']

/**
 * Loads one catalog. Each is its own chunk, so the first load carries only the active language
 * (main.tsx awaits it before the first render).
 */
export function loadCatalog(locale: Locale): Promise<Messages> {
  switch (locale) {
    case 'de':
      return import('./de').then((c) => c.de)
    case 'fr':
      return import('./fr').then((c) => c.fr)
    case 'en-XA':
      return import('./pseudo').then((c) => c.pseudoCatalog())
    default:
      return import('./en').then((c) => c.en)
  }
}

/** Picks the catalog for a BCP 47 tag such as "de-AT"; English otherwise. */
export function pickLocale(tag: string | undefined | null): Locale {
  const t = (tag ?? '').toLowerCase().replace(/_/g, '-')
  if (t === 'en-xa') return 'en-XA'
  const base = t.split('-')[0]
  return base === 'de' ? 'de' : base === 'fr' ? 'fr' : 'en'
}

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
