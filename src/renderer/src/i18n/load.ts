// Choosing and loading a catalog, without React: the boot script (boot.ts) uses it before React is loaded.
import type { Messages } from './en'

/** 'en-XA' is the pseudo-locale (every text longer, accented): for checking layouts, never picked by default. */
export type Locale = 'en' | 'de' | 'fr' | 'en-XA'

export const LOCALES: readonly Locale[] = ['en', 'de', 'fr', 'en-XA']

/**
 * Loads one catalog. Each is its own chunk, so the first load carries only the active language
 * (boot.ts starts it before the first render).
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
