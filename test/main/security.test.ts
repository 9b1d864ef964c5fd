import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', async () => {
  const fake = (await import('../support/fake-electron')).default
  return { ...fake, default: fake }
})

import { pathToFileURL } from 'node:url'
import { applyContentsRules, CSP, denyAllPermissions, denyDownloads, devCsp, enforceCsp, isAppUrl } from '../../src/main/security'
import { aboutDetail, menuTemplate } from '../../src/main/menu'
import { defaultSaveFolder } from '../../src/main/native'
import { createFakeElectron } from '../support/fake-electron'

const appUrl = pathToFileURL('/opt/ld/out/renderer/index.html').href

describe('CSP', () => {
  const directives = Object.fromEntries(
    CSP.split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v])
  )
  it('allows only our own scripts: no inline, no eval, no remote origins', () => {
    expect(directives['default-src']).toEqual(["'none'"])
    expect(directives['script-src']).toEqual(["'self'"])
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
    expect(directives['object-src']).toEqual(["'none'"])
    expect(directives['frame-ancestors']).toEqual(["'none'"])
    expect(directives['base-uri']).toEqual(["'none'"])
  })
  it('dev CSP adds only the dev server', () => {
    const d = devCsp('http://localhost:5173/')
    expect(d).toContain('http://localhost:5173')
    expect(d).toContain('ws://localhost:5173')
    expect(d).not.toMatch(/unsafe-eval|\*/)
  })
  it('is added as a header to our pages only', () => {
    const electron = createFakeElectron()
    const ses = electron.session.defaultSession
    enforceCsp(
      ses as never,
      () => CSP,
      (u) => u.startsWith('file:///opt/ld/out/renderer/')
    )
    const listener = ses.webRequest.onHeadersReceivedListener!
    let result: any
    listener({ url: appUrl, responseHeaders: { 'content-security-policy': ['x'], 'X-Other': ['1'] } }, (r: unknown) => (result = r))
    expect(result.responseHeaders['Content-Security-Policy']).toEqual([CSP])
    expect(result.responseHeaders['content-security-policy']).toBeUndefined()
    expect(result.responseHeaders['X-Other']).toEqual(['1'])
    listener({ url: 'https://elsewhere.example/', responseHeaders: {} }, (r: unknown) => (result = r))
    expect(result).toEqual({})
  })
})

describe('web contents rules', () => {
  it('block navigation and redirects away from our page, deny window.open and webviews', () => {
    const electron = createFakeElectron()
    const wc = new electron.__FakeWebContents()
    applyContentsRules(wc as never, () => appUrl)
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'file:///opt/ld/out/renderer/other.html',
      'javascript:alert(1)',
      'http://127.0.0.1:4370/',
      'about:blank',
      'not a url'
    ]) {
      expect(wc.tryNavigate(url), url).toBe(true)
      expect(wc.tryNavigate(url, 'will-redirect'), url).toBe(true)
    }
    expect(wc.tryNavigate(appUrl)).toBe(false)
    expect(wc.tryNavigate(appUrl + '#/deactivate')).toBe(false)
    expect(wc.windowOpenHandler?.({ url: 'https://vendor.example/' })).toEqual({ action: 'deny' })
    expect(wc.windowOpenHandler?.({ url: appUrl })).toEqual({ action: 'deny' })
    const e = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      }
    }
    wc.emit('will-attach-webview', e, {}, {})
    expect(e.defaultPrevented).toBe(true)
  })

  it('cancel the Web Bluetooth chooser (Electron would otherwise pick the first device)', () => {
    const electron = createFakeElectron()
    const wc = new electron.__FakeWebContents()
    applyContentsRules(wc as never, () => appUrl)
    const e = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      }
    }
    const chosen: string[] = []
    wc.emit('select-bluetooth-device', e, [{ deviceId: 'AA:BB', deviceName: 'Lock' }], (id: string) => chosen.push(id))
    expect(e.defaultPrevented).toBe(true)
    expect(chosen).toEqual([''])
  })

  it('cancel every download', () => {
    const electron = createFakeElectron()
    const ses = electron.session.defaultSession
    denyDownloads(ses as never)
    for (const url of ['blob:file:///x', 'data:application/octet-stream;base64,TVo=', 'https://evil.example/setup.exe']) {
      const e = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true
        }
      }
      ses.emit('will-download', e, { getURL: () => url }, {})
      expect(e.defaultPrevented, url).toBe(true)
    }
  })

  it('isAppUrl', () => {
    expect(isAppUrl(appUrl, appUrl)).toBe(true)
    expect(isAppUrl(appUrl + '?x#y', appUrl)).toBe(true)
    expect(isAppUrl('file:///opt/ld/out/renderer/index.html/../x', appUrl)).toBe(false)
    expect(isAppUrl('file://host/opt/ld/out/renderer/index.html', appUrl)).toBe(false)
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost.evil.com:5173/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('', appUrl)).toBe(false)
  })

  it('deny every permission request and check', () => {
    const electron = createFakeElectron()
    const ses = electron.session.defaultSession
    denyAllPermissions(ses as never)
    const answers: boolean[] = []
    for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'fullscreen']) {
      ses.permissionRequestHandler!({}, p, (ok: boolean) => answers.push(ok), {})
      answers.push(ses.permissionCheckHandler!({}, p, 'file://', {}) as boolean)
    }
    expect(answers.every((a) => a === false)).toBe(true)
    expect(ses.devicePermissionHandler!({})).toBe(false)
  })
})

describe('menu and about', () => {
  it('uses the usual roles; About on the help menu shows versions and the vendor', () => {
    let shown = 0
    const linux = menuTemplate({ platform: 'linux', appName: 'Desk', isDev: false, showAbout: () => shown++ })
    expect(linux.map((m) => m.role ?? m.label)).toEqual(['fileMenu', 'editMenu', 'View', 'windowMenu', 'help'])
    const help = linux.find((m) => m.role === 'help')!.submenu as Array<{ click?: () => void; label?: string }>
    help[0].click?.()
    expect(shown).toBe(1)
    const view = linux.find((m) => m.label === 'View')!.submenu as Array<{ role?: string }>
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false)
    const mac = menuTemplate({ platform: 'darwin', appName: 'Desk', isDev: true, showAbout: () => shown++ })
    expect(mac[0].role).toBe('appMenu')
    expect((mac.find((m) => m.label === 'View')!.submenu as Array<{ role?: string }>).some((i) => i.role === 'toggleDevTools')).toBe(true)
    const text = aboutDetail({ appName: 'Desk', appVersion: '1.2.3', vendorName: 'Vendor Inc.', versions: { electron: '45.5.0', chrome: '144.0', node: '22.1' } })
    expect(text).toContain('1.2.3')
    expect(text).toContain('Vendor Inc.')
    expect(text).toContain('Electron 45.5.0')
    expect(text).toContain('Chrome 144.0')
    expect(text).toContain('Node 22.1')
  })
})

describe('save dialog folder', () => {
  it('prefers Desktop, then Documents', () => {
    const paths = { desktop: '/h/Desktop', documents: '/h/Documents', home: '/h' }
    expect(
      defaultSaveFolder(
        (n) => paths[n],
        () => true
      )
    ).toBe('/h/Desktop')
    expect(
      defaultSaveFolder(
        (n) => paths[n],
        (p) => p !== '/h/Desktop'
      )
    ).toBe('/h/Documents')
    expect(
      defaultSaveFolder(
        (n) => paths[n],
        () => false
      )
    ).toBe('/h')
  })
})
