import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { api } from './api'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  // Ask main for the app info and the license status at once, and render when both are in: Home then
  // appears in one pass instead of a loading screen followed by a second render.
  void Promise.all([api.getAppInfo(), api.getStatus()])
    .then(([info, status]) => ({ info, status }))
    .catch(() => undefined)
    .then((initial) =>
      createRoot(root).render(
        <StrictMode>
          <App api={api} initial={initial} />
        </StrictMode>
      )
    )
}
