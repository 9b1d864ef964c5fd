import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { loadApi } from './api'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  // Ask main for the app info and the license status at once, and render when both are in: Home then
  // appears in one pass instead of a loading screen followed by a second render.
  void loadApi().then(async (api) => {
    const initial = await Promise.all([api.getAppInfo(), api.getStatus()])
      .then(([info, status]) => ({ info, status }))
      .catch(() => undefined)
    createRoot(root).render(
      <StrictMode>
        <App api={api} initial={initial} />
      </StrictMode>
    )
  })
}
