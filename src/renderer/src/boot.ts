// The first script the page runs, on its own ahead of the entry (electron.vite.config.ts, bootFirst): it
// asks for everything the first render waits for while the entry (React, the app) is still loading and
// compiling. It starts the app info and the status requests (in browser mode after loading the HTTP API,
// in the app at once through the preload) and the first part of the catalog of the browser's language,
// which is the app info's nearly always; another language is loaded once the app info names it. It
// imports no React and no other chunk, so nothing delays it. Then, while the entry is still on its way,
// it does the one slow thing Home's first render would otherwise do itself (warmUpDates).
import type { AppInfo, LicenseDeskApi, StatusSnapshot } from '@shared/contract'
import type { Result } from '@shared/errors'
import { loadApi } from './api'
import { intlLocale, loadCatalog, pickLocale, type Locale } from './i18n/load'
import type { FirstMessages } from './i18n/types'

/** What main.tsx renders the app with: Home appears in one pass, in its language, with its products. */
export interface FirstLoad {
  api: LicenseDeskApi
  initial?: { info: Result<AppInfo>; status: Result<StatusSnapshot> }
  messages?: FirstMessages
}

const guess = pickLocale(navigator.language)
const guessed = loadCatalog(guess).catch(() => undefined)

export const firstLoad: Promise<FirstLoad> = loadApi().then((api) => {
  const info = api.getAppInfo().catch(() => undefined)
  const status = api.getStatus().catch(() => undefined)
  const messages = info.then((r): Promise<FirstMessages | undefined> => {
    const locale: Locale = pickLocale((r?.ok && r.value.locale) || navigator.language)
    return locale === guess ? guessed : loadCatalog(locale).catch(() => undefined)
  })
  return Promise.all([info, status, messages])
    .then(([i, s, m]) => ({ api, initial: i && s ? { info: i, status: s } : undefined, messages: m }))
    .catch(() => ({ api, initial: undefined, messages: undefined }))
})

/**
 * The first Intl date formatter of a page costs 15 to 30 ms: V8 first builds its table of the locales it
 * can format dates in (once per process). Home formats activation dates in its first render. Made here,
 * in a task of its own once the requests above are sent, that time is spent while the page waits for the
 * entry, not after it. The formatter is Home's (format.ts, dateTime), and is thrown away.
 */
function warmUpDates(locale: Locale): void {
  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(0)
}
setTimeout(() => warmUpDates(guess), 0)
