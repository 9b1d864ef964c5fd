import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { firstLoad } from './boot'
import './styles.css'

// What the first render needs was asked for by the boot script (boot.ts) before this entry even loaded:
// render once it is in, so Home appears in one pass instead of a loading screen and a second render.
const root = document.getElementById('root')
if (root)
  void firstLoad.then(({ api, initial, messages }) =>
    createRoot(root).render(
      <StrictMode>
        <App api={api} initial={initial} messages={messages} />
      </StrictMode>
    )
  )
