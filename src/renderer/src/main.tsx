import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { loadApi } from './api'
import { loadCatalog, pickLocale, type Locale, type Messages } from './i18n'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  // Ask main for the app info and the license status at once, load the one catalog the app info's
  // locale needs, and render when all are in: Home then appears in one pass, in its language, instead
  // of a loading screen followed by a second render. The catalog of the browser's language (the app
  // info's, nearly always) is fetched at the same time as the app info, not after it. In browser mode
  // the API object itself is loaded first (loadApi); in the app the preload has it ready.
  const guess = pickLocale(navigator.language)
  const guessed = loadCatalog(guess).catch(() => undefined)
  void loadApi().then((api) => {
    const info = api.getAppInfo().catch(() => undefined)
    const status = api.getStatus().catch(() => undefined)
    const messages = info.then((r): Promise<Messages | undefined> => {
      const locale: Locale = pickLocale((r?.ok && r.value.locale) || navigator.language)
      return locale === guess ? guessed : loadCatalog(locale)
    })
    return Promise.all([info, status, messages])
      .then(([i, s, m]) => ({ initial: i && s ? { info: i, status: s } : undefined, messages: m }))
      .catch(() => ({ initial: undefined, messages: undefined }))
      .then(({ initial, messages }) =>
        createRoot(root).render(
          <StrictMode>
            <App api={api} initial={initial} messages={messages} />
          </StrictMode>
        )
      )
  })
}
