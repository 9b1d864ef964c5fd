// The Electron main process: lifecycle, the one window, security rules, IPC, menu, and the embedded demo
// server when no vendor profile is given. Everything that matters happens in the core (src/core).
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, net, safeStorage, session, shell, type WebContents } from 'electron'
import type { AppInfo } from '@shared/contract'
import { createDesk } from '@core/desk'
import { loadProfile, resolveProfilePath } from '@core/profile'
import { readSettings } from '@core/settings'
import { defaultDataDir, STATE_FILE_NAME } from '@core/paths'
import { combineSecretBoxes, createLocalSecretBox } from '@core/secrets'
import { createComputerIds } from '@core/recipes'
import { writeFileAtomic } from '@core/files'
import { createHandlers } from './handlers'
import { externalPolicyFromProfile } from './external'
import { registerIpc } from './ipc'
import { aboutDetail, menuTemplate } from './menu'
import { createNativeAdapters } from './native'
import { createMainNetwork, type NetworkSession } from './network'
import { createAppSecretBox } from './secrets'
import { applyContentsRules, CSP, denyAllPermissions, denyDownloads, devCsp, enforceCsp, isAppUrl } from './security'
import { openStateBackend } from './store'

const devServerUrl = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined
const isDev = Boolean(devServerUrl)
const rendererFile = join(__dirname, '../renderer/index.html')
const appUrl = (): string => devServerUrl ?? pathToFileURL(rendererFile).href
const rendererDirUrl = pathToFileURL(join(__dirname, '../renderer')).href + '/'

// One data directory for the app and the CLI: set before 'ready' so Electron uses it too.
const dataDir = defaultDataDir()
app.setPath('userData', dataDir)

const ownWebContents = new Set<number>()
let mainWindow: BrowserWindow | undefined
let demoServer: { url: string; close(): Promise<void> } | undefined
let vendorName = 'License Desk'
let appName = 'License Desk'
let booted = false

function resourcesDir(): string {
  return app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources')
}

function isOwnUrl(url: string): boolean {
  if (devServerUrl) return isAppUrl(url, devServerUrl)
  return url.startsWith(rendererDirUrl)
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1000,
    height: 740,
    minWidth: 640,
    minHeight: 520,
    show: false,
    title: appName,
    autoHideMenuBar: false,
    // Kept literal here (not built by a helper) so static checkers such as electronegativity can see it.
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: isDev
    }
  })
  const id = win.webContents.id
  ownWebContents.add(id)
  win.on('closed', () => {
    ownWebContents.delete(id)
    if (mainWindow === win) mainWindow = undefined
  })
  win.once('ready-to-show', () => win.show())
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererFile)
  mainWindow = win
  return win
}

function showAbout(): void {
  const detail = aboutDetail({ appName, appVersion: app.getVersion(), vendorName, versions: process.versions })
  const options = { type: 'info' as const, title: `About ${appName}`, message: appName, detail, buttons: ['OK'] }
  if (mainWindow) void dialog.showMessageBox(mainWindow, options)
  else void dialog.showMessageBox(options)
}

async function boot(): Promise<void> {
  const resolved = resolveProfilePath({ env: process.env, resourcesDir: resourcesDir() })
  let profile = loadProfile(resolved.path)
  if (resolved.demo) {
    // Loaded only for the demo, so the main bundle does not carry the server.
    const { startDemoServer } = await import('../server/demo')
    const demo = await startDemoServer(profile, { resourcesDir: resourcesDir(), dataDir, port: readSettings(process.env).demoPort })
    profile = demo.profile
    demoServer = demo.server
  }
  appName = profile.app.name
  vendorName = profile.app.name

  app.setAboutPanelOptions({
    applicationName: appName,
    applicationVersion: app.getVersion(),
    version: `Electron ${process.versions.electron} · Chrome ${process.versions.chrome} · Node ${process.versions.node}`,
    credits: `Vendor: ${vendorName}`
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, appName, isDev, showAbout })))

  const secrets = createAppSecretBox({
    safeStorage,
    local: () => createLocalSecretBox(dataDir),
    combine: combineSecretBoxes
  })
  // Chromium's network stack (system proxy, PAC, proxy authentication, the OS certificate store) for the core.
  const network = await createMainNetwork({
    netFetch: (input, init) => net.fetch(input as string, init),
    session: session.defaultSession as unknown as NetworkSession,
    network: profile.network
  })
  const desk = createDesk({
    profile,
    fetch: network.fetch,
    networkInfo: network.info,
    openBackend: () => openStateBackend(dataDir),
    statePath: join(dataDir, `${STATE_FILE_NAME}.json`),
    secrets: secrets.box,
    // The profile's recipe per product; LICENSE_DESK_HARDWARE_ID (IT staff who know the id) wins.
    hardwareId: createComputerIds(
      process.env.LICENSE_DESK_HARDWARE_ID !== undefined ? { override: { id: process.env.LICENSE_DESK_HARDWARE_ID, from: 'LICENSE_DESK_HARDWARE_ID' } } : {}
    ),
    writeFile: writeFileAtomic,
    appVersion: app.getVersion(),
    // SSO: the identity provider's page opens in the system browser, never in an app window (RFC 8252);
    // the core checked it is https (or loopback) and answers come back to its loopback listener.
    openSignIn: (url) => shell.openExternal(new URL(url).href)
  })

  const appInfo = (): AppInfo => ({
    appName,
    vendorName,
    supportEmail: profile.app.supportEmail,
    supportUrl: profile.app.supportUrl ?? '',
    version: app.getVersion(),
    versions: {
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
      node: process.versions.node,
      secrets: secrets.choice
    },
    locale: app.getLocale(),
    demo: resolved.demo
  })
  const handlers = createHandlers(
    desk,
    createNativeAdapters(() => mainWindow, appInfo),
    {
      external: externalPolicyFromProfile(profile, resolved.demo)
    }
  )
  registerIpc(ipcMain, handlers, { isOwnWebContents: (id) => ownWebContents.has(id), appUrl })

  const ses = session.defaultSession
  denyAllPermissions(ses)
  denyDownloads(ses)
  enforceCsp(ses, () => (devServerUrl ? devCsp(devServerUrl) : CSP), isOwnUrl)

  booted = true
  createWindow()
}

// Security rules for every web contents (windows, and anything a bug might create).
app.on('web-contents-created', (_event, contents: WebContents) => applyContentsRules(contents, appUrl))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    if (booted && BrowserWindow.getAllWindows().length === 0) {
      createWindow()
    }
  })

  let closing = false
  app.on('will-quit', (event) => {
    if (!demoServer || closing) return
    closing = true
    event.preventDefault()
    const server = demoServer
    demoServer = undefined
    void server.close().finally(() => app.quit())
  })

  app
    .whenReady()
    .then(boot)
    .catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e)
      dialog.showErrorBox('License Desk could not start', message)
      app.exit(1)
    })
}
