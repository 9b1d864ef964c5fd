import { createContext, use, useContext } from 'react'
import { intlLocale, joinCatalog, loadScreenCatalog, type Locale } from './load'
import type { FirstMessages, Messages } from './types'

export { intlLocale, joinCatalog, LOCALES, loadCatalog, loadScreenCatalog, pickLocale, type Locale } from './load'
export type { FirstMessages, Messages, ScreenMessages } from './types'

/** Replaces {name} placeholders. Unknown placeholders are left as they are. */
export function fmt(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

/** A number as the chosen locale writes it (Intl). */
export function num(n: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n)
}

/** One language's every text. */
export interface I18n {
  locale: Locale
  m: Messages
}

/** What the app's chrome and Home need: the first part of the language (i18n/en.ts). */
export interface FirstI18n {
  locale: Locale
  m: FirstMessages
}

/** The App provides the first part (the rest loads after the first render); tests may provide a whole catalog. */
export const I18nContext = createContext<FirstI18n | I18n | null>(null)

/** The texts of the app's chrome and of Home: there from the first render. */
export function useFirstI18n(): FirstI18n {
  const i18n = useContext(I18nContext)
  if (!i18n) throw new Error('I18nContext missing')
  return i18n
}

// The other screens' part brings `errors` (with every other section Home does not show).
const isWhole = (m: FirstMessages | Messages): m is Messages => 'errors' in m

const joining = new WeakMap<FirstMessages, Promise<Messages>>()
const joined = new WeakMap<FirstMessages, Messages>()

/** Loads the rest of the language `i18n` has the first part of (once; again only after a failure). */
export function loadWholeCatalog(i18n: FirstI18n | I18n): Promise<Messages> {
  const first = i18n.m
  if (isWhole(first)) return Promise.resolve(first)
  let whole = joining.get(first)
  if (!whole) {
    whole = loadScreenCatalog(i18n.locale).then((screens) => {
      const m = joinCatalog(first, screens)
      joined.set(first, m)
      return m
    })
    whole.catch(() => joining.delete(first))
    joining.set(first, whole)
  }
  return whole
}

/**
 * Every text of the language: for every screen but Home (and what Home loads on demand). Until the rest of
 * the catalog is in, the component suspends, so no screen shows without its texts; the App has it loading
 * by then (with the screen's code, or once Home is up).
 */
export function useI18n(): I18n {
  const i18n = useFirstI18n()
  if (isWhole(i18n.m)) return i18n as I18n
  return { locale: i18n.locale, m: joined.get(i18n.m) ?? use(loadWholeCatalog(i18n)) }
}
