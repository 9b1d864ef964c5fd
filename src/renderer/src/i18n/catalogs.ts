// Every catalog, whole and imported eagerly: for tests and tools only. The app loads one language at a time,
// in two parts (load.ts).
import { en } from './en'
import { enScreens } from './en.screens'
import { de } from './de'
import { deScreens } from './de.screens'
import { fr } from './fr'
import { frScreens } from './fr.screens'
import { joinCatalog, type Locale } from './load'
import { pseudoCatalog } from './pseudo'
import type { Messages } from './types'

export const catalogs: Record<Locale, Messages> = {
  en: joinCatalog(en, enScreens),
  de: joinCatalog(de, deScreens),
  fr: joinCatalog(fr, frScreens),
  'en-XA': joinCatalog(pseudoCatalog(en), pseudoCatalog(enScreens))
}
