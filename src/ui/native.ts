// Browser mode's NativeAdapters for the same handlers (src/main/handlers.ts): no dialogs. Files are saved
// into one folder the user sees (printed at start, and the full path after each save) and chooses with
// --save-dir (default: the Downloads folder, else home); a .lic is picked or dropped in the page, which
// sends its content, so nothing is ever read from a path the page names. Copying happens in the page
// with the browser's clipboard. OS effects go through ./os.ts.
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, extname, join } from 'node:path'
import type { AppInfo } from '@shared/contract'
import { LicenseDeskError } from '@core/errors'
import type { NativeAdapters } from '../main/handlers'
import type { OsEffects } from './os'

/** The OS Downloads folder (XDG_DOWNLOAD_DIR on Linux), else the home folder. */
export function defaultSaveDir(env: NodeJS.ProcessEnv = process.env, home = homedir(), exists = existsSync): string {
  const candidates: string[] = []
  if (process.platform === 'linux') {
    try {
      const dirs = readFileSync(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'user-dirs.dirs'), 'utf8')
      const m = /^XDG_DOWNLOAD_DIR="?([^"\n]+)"?/m.exec(dirs)
      if (m) candidates.push(m[1].replace(/^\$HOME/, home))
    } catch {
      /* no user-dirs.dirs */
    }
  }
  candidates.push(join(home, 'Downloads'))
  for (const dir of candidates) if (dir && exists(dir)) return dir
  return home
}

/** `name` in `dir`, or "name (2).ext", "name (3).ext"... when a file of that name exists: a save never replaces one. */
export function freeFileName(dir: string, name: string, exists = existsSync): string {
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  let candidate = name
  for (let i = 2; exists(join(dir, candidate)) && i < 1000; i++) candidate = `${stem} (${i})${ext}`
  return join(dir, candidate)
}

export function createBrowserNative(options: { saveDir: string; os: OsEffects; appInfo: () => AppInfo }): NativeAdapters {
  return {
    async showSaveDialog(defaultName) {
      return freeFileName(options.saveDir, basename(defaultName) || 'license-request.req')
    },
    // The page picks or receives the dropped file and sends its content; without content there is nothing to import.
    async showOpenDialog() {
      return undefined
    },
    async readFile() {
      throw new LicenseDeskError('file_read', 'In the browser, License Desk reads only the file you pick or drop in the page.')
    },
    showItemInFolder(path) {
      void options.os.showInFolder(path)
    },
    async openExternal(url) {
      await options.os.openUrl(url)
    },
    writeClipboard() {
      throw new LicenseDeskError('invalid_input', 'In the browser, the page copies with the browser clipboard.')
    },
    appInfo: options.appInfo
  }
}
