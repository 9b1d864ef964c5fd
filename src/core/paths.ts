// Where License Desk keeps its state: the same folder for the app (Electron's userData is set to it)
// and the CLI, so both read and write one state file.
import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_DIR_NAME = 'license-desk'
/** The state file is `${STATE_FILE_NAME}.json` in the data dir. */
export const STATE_FILE_NAME = 'state'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.LICENSE_DESK_DATA_DIR) return env.LICENSE_DESK_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME)
}

export function stateFilePath(dataDir: string): string {
  return join(dataDir, `${STATE_FILE_NAME}.json`)
}
