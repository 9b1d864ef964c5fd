// Every catalog, imported eagerly: for tests and tools only. The app loads one at a time (loadCatalog).
import { en } from './en'
import { de } from './de'
import { fr } from './fr'
import { pseudoCatalog } from './pseudo'
import type { Locale, Messages } from '.'

export const catalogs: Record<Locale, Messages> = { en, de, fr, 'en-XA': pseudoCatalog() }
