// The one seam for browser mode's operating-system effects: opening a URL in the default browser (the
// app itself, or a vendor link that passed the openExternal allow-list) and showing a saved file in the
// OS file manager. Everything else in browser mode is the shipped code path.
//
// Set LICENSE_DESK_RECORD_OS_EFFECTS=/path/file.jsonl to record these effects (one JSON line each:
// {"kind":"openUrl","url"} or {"kind":"showInFolder","path"}) instead of performing them. Tests use it;
// so can a headless machine. The app's own URL is recorded without its token.
import { type ChildProcess, spawn } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { dirname } from 'node:path'

export type OsEffect = { kind: 'openUrl'; url: string } | { kind: 'showInFolder'; path: string }

export interface OsEffects {
  /** Opens a URL with the OS's default handler; resolves false when nothing could be started. */
  openUrl(url: string): Promise<boolean>
  /** Shows a file in the OS file manager (its folder where the file manager cannot select it). */
  showInFolder(path: string): Promise<boolean>
}

export const RECORD_ENV = 'LICENSE_DESK_RECORD_OS_EFFECTS'

/** The token fragment is never written anywhere: #token=... becomes #token=(hidden). */
export function withoutToken(url: string): string {
  return url.replace(/#token=[^&]*/, '#token=(hidden)')
}

/** Runs a command detached; true when it started and exited with 0 (or is still running after 3 s). */
function launch(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolvePromise) => {
    let child: ChildProcess
    try {
      child = spawn(command, args, { stdio: 'ignore', detached: process.platform !== 'win32', windowsHide: true })
    } catch {
      resolvePromise(false)
      return
    }
    const timer = setTimeout(() => {
      child.unref()
      resolvePromise(true)
    }, 3000)
    child.once('error', () => {
      clearTimeout(timer)
      resolvePromise(false)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolvePromise(code === 0)
    })
  })
}

/**
 * The real effects: xdg-open on Linux and the BSDs, open on macOS, start / explorer on Windows. Without a
 * graphical session (no DISPLAY or WAYLAND_DISPLAY) nothing is started, so xdg-open cannot take over the
 * terminal with a text browser; the caller prints the URL instead.
 */
export function systemOsEffects(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): OsEffects {
  const graphical = platform === 'darwin' || platform === 'win32' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
  return {
    async openUrl(url) {
      if (!graphical) return false
      if (platform === 'darwin') return launch('open', [url])
      if (platform === 'win32') return launch('cmd', ['/d', '/s', '/c', 'start', '""', `"${url}"`])
      return launch('xdg-open', [url])
    },
    async showInFolder(path) {
      if (!graphical) return false
      if (platform === 'darwin') return launch('open', ['-R', path])
      if (platform === 'win32') return launch('explorer', [`/select,${path}`])
      return launch('xdg-open', [dirname(path)])
    }
  }
}

/** Appends each effect to `file` as one JSON line instead of performing it. */
export function recordingOsEffects(file: string): OsEffects {
  const record = async (effect: OsEffect): Promise<boolean> => {
    appendFileSync(file, JSON.stringify(effect) + '\n')
    return true
  }
  return {
    openUrl: (url) => record({ kind: 'openUrl', url: withoutToken(url) }),
    showInFolder: (path) => record({ kind: 'showInFolder', path })
  }
}

/** The effects for this process: recorded when LICENSE_DESK_RECORD_OS_EFFECTS names a file, else real. */
export function osEffectsFromEnv(env: NodeJS.ProcessEnv): OsEffects {
  const file = env[RECORD_ENV]
  return file ? recordingOsEffects(file) : systemOsEffects(process.platform, env)
}
