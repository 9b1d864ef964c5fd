// Runs in a child process (bundled to CommonJS by smoke.test.ts): makes require('electron') return the
// fake, loads the BUILT out/main/index.js, fires 'ready', then prints one JSON report line for the test.
import Module, { createRequire } from 'node:module'
import { join } from 'node:path'
import { CHANNELS } from '../../src/shared/contract'
import { createFakeElectron, fakeEvent } from './fake-electron'

const fake = createFakeElectron()
const root = process.env.SMOKE_ROOT!
const home = process.env.SMOKE_HOME!
fake.app.appPath = root
for (const [name, dir] of [
  ['home', home],
  ['desktop', join(home, 'Desktop')],
  ['documents', join(home, 'Documents')],
  ['appData', join(home, '.config')],
  ['userData', join(home, '.config', 'Electron')]
] as const) {
  fake.app.paths.set(name, dir)
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown
const mod = Module as unknown as { _load: Load }
const originalLoad = mod._load
mod._load = function (request, parent, isMain) {
  if (request === 'electron') return fake
  return originalLoad.call(this, request, parent, isMain)
}

const errors: string[] = []
process.on('uncaughtException', (e) => errors.push(`uncaught: ${e?.stack ?? e}`))
process.on('unhandledRejection', (e) => errors.push(`unhandled: ${(e as Error)?.stack ?? e}`))

async function main(): Promise<void> {
  const requireFromRoot = createRequire(join(root, 'package.json'))
  const started = Date.now()
  requireFromRoot(join(root, 'out/main/index.js'))
  const beforeReady = {
    userDataSetBeforeReady: fake.__calls.some((c) => c.api === 'app.setPath' && c.args[0] === 'userData') && !fake.__calls.some((c) => c.api === 'app.setPath:after-ready'),
    singleInstanceLock: fake.__calls.some((c) => c.api === 'app.requestSingleInstanceLock'),
    webContentsCreatedListener: fake.app.listenerCount('web-contents-created') > 0
  }
  fake.app.fireReady()
  while (fake.BrowserWindow.instances.length === 0 && Date.now() - started < 15000) {
    if (fake.__calls.some((c) => c.api === 'dialog.showErrorBox' || c.api === 'app.exit')) break
    await new Promise((r) => setTimeout(r, 20))
  }
  const win = fake.BrowserWindow.instances[0]
  let ipc: Record<string, unknown> = {}
  let rules: Record<string, unknown> = {}
  if (win) {
    win.emit('ready-to-show')
    await new Promise((r) => setTimeout(r, 50))
    const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
    const foreignWin = new fake.BrowserWindow({})
    foreignWin.webContents.mainFrame.url = win.webContents.mainFrame.url
    const foreign = { sender: foreignWin.webContents, senderFrame: foreignWin.webContents.mainFrame }
    ipc = {
      appInfo: await fake.ipcMain.invoke('app:info', own),
      status: await fake.ipcMain.invoke('status:get', own),
      badInput: await fake.ipcMain.invoke('deactivate:online', own, { productId: 1 }),
      foreign: await fake.ipcMain.invoke('status:get', foreign),
      openEvil: await fake.ipcMain.invoke('shell:open-external', own, { url: 'https://evil.example/' }),
      // the core talks to the server through Electron's net.fetch (Chromium's stack), not Node's fetch
      activate: await fake.ipcMain.invoke('activate:online', own, { productId: 'studio', operationId: 'smoke-1', licenseKey: 'DEMO-STUD-IO00-0001' }),
      netFetchCalls: fake.net.fetch.calls.length,
      diagnostics: await fake.ipcMain.invoke('diagnostics:get', own),
      deactivate: await fake.ipcMain.invoke('deactivate:online', own, { productId: 'studio', operationId: 'smoke-2' })
    }
    rules = {
      navigationBlocked: win.webContents.tryNavigate('https://evil.example/'),
      ownNavigationAllowed: !win.webContents.tryNavigate(win.webContents.mainFrame.url),
      windowOpen: win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' }),
      permissionRequest: await new Promise((resolve) => fake.session.defaultSession.permissionRequestHandler?.(win.webContents, 'media', resolve, {})),
      permissionCheck: fake.session.defaultSession.permissionCheckHandler?.(win.webContents, 'media', 'file://', {}),
      downloadPrevented: (() => {
        const e = fakeEvent()
        fake.session.defaultSession.emit('will-download', e, {}, win.webContents)
        return e.defaultPrevented
      })(),
      bluetoothChooserPrevented: (() => {
        const e = fakeEvent()
        win.webContents.emit('select-bluetooth-device', e, [{ deviceId: 'd1', deviceName: 'x' }], () => undefined)
        return e.defaultPrevented
      })(),
      csp: await new Promise((resolve) =>
        fake.session.defaultSession.webRequest.onHeadersReceivedListener?.(
          { url: win.webContents.mainFrame.url, responseHeaders: {} },
          (r: { responseHeaders?: Record<string, string[]> }) => resolve(r.responseHeaders?.['Content-Security-Policy'])
        )
      )
    }
  }
  const report = {
    ...beforeReady,
    errors: [...errors, ...fake.__calls.filter((c) => c.api === 'dialog.showErrorBox').map((c) => c.args.join(': '))],
    windows: fake.BrowserWindow.instances.map((w) => ({ options: w.options, loaded: w.loaded, visible: w.visible, url: w.webContents.mainFrame.url })),
    handlers: [...fake.ipcMain.handlers.keys()],
    channels: CHANNELS,
    menuSet: fake.__calls.some((c) => c.api === 'Menu.setApplicationMenu'),
    aboutPanel: fake.app.aboutPanelOptions,
    ipc,
    rules
  }
  // Quit: the demo server must close.
  const quit = fakeEvent()
  fake.app.emit('will-quit', quit)
  await new Promise((r) => setTimeout(r, 200))
  process.stdout.write(
    `SMOKE-REPORT ${JSON.stringify({ ...report, quitPrevented: quit.defaultPrevented, quitCalls: fake.app.quitCalls, errorsAfterQuit: errors.slice(report.errors.length) })}\n`
  )
  process.exit(0)
}

main().catch((e) => {
  process.stdout.write(`SMOKE-REPORT ${JSON.stringify({ errors: [...errors, String(e?.stack ?? e)] })}\n`)
  process.exit(1)
})
