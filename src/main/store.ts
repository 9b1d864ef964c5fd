// The app's state backend: electron-store over the same file the CLI writes with the core's own
// writer (`state.json` in the shared data directory): the same compact JSON; the core serialises
// writers with a lock file beside it.
import Store from 'electron-store'
import type { StateBackend } from '@core/types'

export function openStateBackend(dataDir: string): StateBackend {
  // clearInvalidConfig: false — a corrupt file is never silently wiped (the core moves it aside first).
  return new Store<Record<string, unknown>>({ name: 'state', cwd: dataDir, clearInvalidConfig: false, serialize: (value) => JSON.stringify(value) })
}
