// Choosing and loading a catalog, without React: the boot script (boot.ts) uses it before React is loaded.
// Each language comes in two chunks: its first part (the app's chrome and Home) before the first render,
// the rest (every other screen) after it, with the other screens. No chunk holds two languages.
import type { FirstMessages, Messages, ScreenMessages } from './types'

/** 'en-XA' is the pseudo-locale (every text longer, accented): for checking layouts, never picked by default. */
export type Locale = 'en' | 'de' | 'fr' | 'en-XA'

export const LOCALES: readonly Locale[] = ['en', 'de', 'fr', 'en-XA']

/** Loads the first part of a language: the texts of the app's chrome and of Home. */
export function loadCatalog(locale: Locale): Promise<FirstMessages> {
  switch (locale) {
    case 'de':
      return import('./de').then((c) => c.de)
    case 'fr':
      return import('./fr').then((c) => c.fr)
    case 'en-XA':
      return Promise.all([import('./pseudo'), import('./en')]).then(([p, c]) => p.pseudoCatalog(c.en))
    default:
      return import('./en').then((c) => c.en)
  }
}

/** Loads the rest of a language: the texts of every other screen. */
export function loadScreenCatalog(locale: Locale): Promise<ScreenMessages> {
  switch (locale) {
    case 'de':
      return import('./de.screens').then((c) => c.deScreens)
    case 'fr':
      return import('./fr.screens').then((c) => c.frScreens)
    case 'en-XA':
      return Promise.all([import('./pseudo'), import('./en.screens')]).then(([p, c]) => p.pseudoCatalog(c.enScreens))
    default:
      return import('./en.screens').then((c) => c.enScreens)
  }
}

/** One language's two parts as one catalog; a section both parts have (common, seats) gets the keys of both. */
export function joinCatalog(first: FirstMessages, screens: ScreenMessages): Messages {
  const all: Record<string, unknown> = { ...first }
  for (const [key, part] of Object.entries(screens)) all[key] = key in all ? { ...(all[key] as object), ...part } : part
  return all as Messages
}

/** The tag Intl formats dates and numbers with (the pseudo-locale formats as English). */
export function intlLocale(locale: Locale): string {
  return locale === 'en-XA' ? 'en' : locale
}

/** Picks the catalog for a BCP 47 tag such as "de-AT"; English otherwise. */
export function pickLocale(tag: string | undefined | null): Locale {
  const t = (tag ?? '').toLowerCase().replace(/_/g, '-')
  if (t === 'en-xa') return 'en-XA'
  const base = t.split('-')[0]
  return base === 'de' ? 'de' : base === 'fr' ? 'fr' : 'en'
}
