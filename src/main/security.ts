// Security rules for every web contents, each a tiny pure function hooked on 'web-contents-created',
// plus the Content-Security-Policy header (the policy itself is src/shared/csp.ts, also the built page's meta tag).
// Electron types only (no runtime import) so the rules are testable with plain objects.
import type { Event, HandlerDetails, Session, WebContents } from 'electron'
import { APP_CSP_HEADER } from '@shared/csp'

/** Production CSP header: the app's one policy (src/shared/csp.ts), also in the built page's meta tag. */
export const CSP = APP_CSP_HEADER

/**
 * Development CSP (electron-vite dev server only): adds the dev server origin, its HMR websocket and the
 * inline React Refresh preamble Vite injects. Never used in a packaged app.
 */
export function devCsp(devServerUrl: string): string {
  const origin = new URL(devServerUrl).origin
  const ws = origin.replace(/^http/, 'ws')
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${origin}`,
    `style-src 'self' 'unsafe-inline' ${origin}`,
    `img-src 'self' data: ${origin}`,
    `font-src 'self' ${origin}`,
    `connect-src 'self' ${origin} ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'"
  ].join('; ')
}

/**
 * True when `url` is our own page: the same file (file: URL, any hash) or the same origin as the dev
 * server URL. Everything else is foreign.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL
  let app: URL
  try {
    target = new URL(url)
    app = new URL(appUrl)
  } catch {
    return false
  }
  if (app.protocol === 'file:') {
    return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    return target.origin === app.origin
  }
  return false
}

/** Blocks navigation (and redirects) away from our own page. */
export function blockForeignNavigation(contents: WebContents, appUrl: () => string): void {
  const guard = (event: Event, url: string): void => {
    if (!isAppUrl(url, appUrl())) event.preventDefault()
  }
  contents.on('will-navigate', (event, url) => guard(event as unknown as Event, url))
  contents.on('will-redirect', (event, url) => guard(event as unknown as Event, url))
}

/** Denies every window.open / target=_blank; links to the vendor go through shell:open-external. */
export function denyNewWindows(contents: WebContents): void {
  contents.setWindowOpenHandler((_details: HandlerDetails) => ({ action: 'deny' }))
}

/** Refuses <webview> attachment (webviewTag is off too). */
export function denyWebviews(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/**
 * Cancels Web Bluetooth device choosers. Without a handler that prevents the default, Electron picks the
 * first device it finds for navigator.bluetooth.requestDevice(), with no prompt.
 */
export function denyBluetoothChooser(contents: WebContents): void {
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault()
    callback('')
  })
}

/** All rules for one web contents. */
export function applyContentsRules(contents: WebContents, appUrl: () => string): void {
  blockForeignNavigation(contents, appUrl)
  denyNewWindows(contents)
  denyWebviews(contents)
  denyBluetoothChooser(contents)
}

/** Denies every permission request and check (camera, notifications, clipboard-read, ...). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  if (typeof session.setDevicePermissionHandler === 'function') session.setDevicePermissionHandler(() => false)
}

/**
 * Cancels every download (<a download>, blob: or data: links): the app saves files only through main's
 * own save dialog, so a page has no reason to start one.
 */
export function denyDownloads(session: Session): void {
  session.on('will-download', (event) => event.preventDefault())
}

/** Adds the CSP header to our own pages' responses (the meta tag covers file: loads as well). */
export function enforceCsp(session: Session, csp: () => string, isOwnUrl: (url: string) => boolean): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isOwnUrl(details.url)) {
      callback({})
      return
    }
    const headers: Record<string, string | string[]> = { ...(details.responseHeaders ?? {}) }
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name]
    }
    headers['Content-Security-Policy'] = [csp()]
    callback({ responseHeaders: headers })
  })
}
