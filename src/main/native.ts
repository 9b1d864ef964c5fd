// The Electron side of the handlers' NativeAdapters: dialogs, shell, clipboard, app info.
import { existsSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { app, clipboard, dialog, shell, type BrowserWindow } from 'electron'
import type { AppInfo } from '@shared/contract'
import { readTextFile } from '@core/files'
import type { NativeAdapters } from './handlers'

/** Desktop when it exists, else Documents, else home. */
export function defaultSaveFolder(getPath: (name: 'desktop' | 'documents' | 'home') => string, exists = existsSync): string {
  for (const name of ['desktop', 'documents'] as const) {
    try {
      const dir = getPath(name)
      if (dir && exists(dir)) return dir
    } catch {
      /* not available on this platform */
    }
  }
  return getPath('home')
}

export function createNativeAdapters(window: () => BrowserWindow | undefined, appInfo: () => AppInfo): NativeAdapters {
  return {
    async showSaveDialog(defaultName) {
      const name = basename(defaultName) || 'license-request.req'
      const ext = extname(name).replace(/^\./, '')
      const options: Electron.SaveDialogOptions = {
        title: 'Save the license request file',
        defaultPath: join(
          defaultSaveFolder((n) => app.getPath(n)),
          name
        ),
        filters: ext
          ? [
              { name: 'License request', extensions: [ext] },
              { name: 'All files', extensions: ['*'] }
            ]
          : [],
        properties: ['createDirectory', 'showOverwriteConfirmation']
      }
      const win = window()
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return r.canceled || !r.filePath ? undefined : r.filePath
    },
    async showOpenDialog() {
      const options: Electron.OpenDialogOptions = {
        title: 'Open the license file',
        filters: [
          { name: 'License file', extensions: ['lic'] },
          { name: 'All files', extensions: ['*'] }
        ],
        properties: ['openFile']
      }
      const win = window()
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled || r.filePaths.length === 0 ? undefined : r.filePaths[0]
    },
    readFile: (path) => readTextFile(path),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    openExternal: (url) => shell.openExternal(url),
    writeClipboard: (text) => clipboard.writeText(text),
    appInfo
  }
}
