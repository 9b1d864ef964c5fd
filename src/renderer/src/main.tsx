import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { api } from './api'
import { loadCatalog, pickLocale } from './i18n'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  // Ask main for the app info and the license status at once, load the one catalog the app info's
  // locale needs, and render when all are in: Home then appears in one pass, in its language, instead
  // of a loading screen followed by a second render.
  const info = api.getAppInfo().catch(() => undefined)
  const status = api.getStatus().catch(() => undefined)
  const locale = info.then((r) => pickLocale((r?.ok && r.value.locale) || navigator.language))
  void Promise.all([info, status, locale.then(loadCatalog)])
    .then(([i, s, messages]) => ({ initial: i && s ? { info: i, status: s } : undefined, messages }))
    .catch(() => ({ initial: undefined, messages: undefined }))
    .then(({ initial, messages }) =>
      createRoot(root).render(
        <StrictMode>
          <App api={api} initial={initial} messages={messages} />
        </StrictMode>
      )
    )
}
