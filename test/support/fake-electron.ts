// A faithful fake of the `electron` module for tests without the Electron binary: the same names and
// call shapes as Electron 45, recording everything (window options, IPC handlers, dialog/shell/clipboard/
// safeStorage calls, session handlers) so tests can assert on it. createFakeElectron() gives a fresh
// instance; the module itself (default export) is one shared instance, used by vi.mock('electron') and by
// the smoke test's require hook.

import { pathToFileURL } from 'node:url'

type Listener = (...args: any[]) => unknown

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? []
    list.push(listener)
    this.listeners.set(event, list)
    return this
  }
  addListener(event: string, listener: Listener): this {
    return this.on(event, listener)
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped)
      return listener(...args)
    }
    return this.on(event, wrapped)
  }
  removeListener(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? []
    this.listeners.set(
      event,
      list.filter((l) => l !== listener)
    )
    return this
  }
  off(event: string, listener: Listener): this {
    return this.removeListener(event, listener)
  }
  removeAllListeners(event?: string): this {
    if (event) this.listeners.delete(event)
    else this.listeners.clear()
    return this
  }
  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = [...(this.listeners.get(event) ?? [])]
    for (const l of list) l(...args)
    return list.length > 0
  }
}

/** An Electron-like event: preventDefault() is recorded. */
export function fakeEvent(extra: Record<string, unknown> = {}): { defaultPrevented: boolean; preventDefault(): void } & Record<string, unknown> {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true
    },
    ...extra
  }
  return e
}

/** Chromium's net error name for a Node/undici fetch failure, as Electron's net.fetch would report it. */
export function chromiumErrorName(e: unknown, proxyPort?: number): string {
  const chain: Array<{ code?: string; message?: string; port?: number }> = []
  for (let cur = e, i = 0; i < 6 && cur && typeof cur === 'object'; i++, cur = (cur as { cause?: unknown }).cause) chain.push(cur as never)
  const codes = chain.map((c) => String(c.code ?? ''))
  const text = chain.map((c) => String(c.message ?? '')).join(' ')
  const has = (...xs: string[]) => codes.some((c) => xs.includes(c))
  const tunnel = /Proxy response \((\d{3})\)/.exec(text)?.[1]
  if (tunnel === '407') return 'ERR_PROXY_AUTH_REQUESTED'
  if (tunnel) return 'ERR_TUNNEL_CONNECTION_FAILED'
  if (proxyPort !== undefined && chain.some((c) => c.port === proxyPort)) return 'ERR_PROXY_CONNECTION_FAILED'
  if (has('ENOTFOUND', 'EAI_AGAIN')) return 'ERR_NAME_NOT_RESOLVED'
  if (has('ECONNREFUSED')) return 'ERR_CONNECTION_REFUSED'
  if (has('DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY')) return 'ERR_CERT_AUTHORITY_INVALID'
  if (has('CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID')) return 'ERR_CERT_DATE_INVALID'
  if (has('ERR_TLS_CERT_ALTNAME_INVALID')) return 'ERR_CERT_COMMON_NAME_INVALID'
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT')) return 'ERR_TIMED_OUT'
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET') || /terminated|other side closed/i.test(text)) return 'ERR_CONNECTION_RESET'
  return 'ERR_FAILED'
}

/**
 * A stand-in for Electron's `net.fetch` (lib/browser/api/net-fetch.ts): a WHATWG Response whose body is
 * a stream, rejections shaped as Chromium's (`Error('net::ERR_…')`, the redirect policies' own
 * messages, the signal's AbortError), backed here by Node's fetch (or undici's with a dispatcher, for a
 * proxy). It follows no redirect itself: 'manual' and 'error' fail as Electron's do.
 */
export function createFakeNetFetch(opts: { fetch?: typeof fetch; dispatcher?: unknown; proxyPort?: number } = {}): typeof fetch & { calls: string[] } {
  const base = opts.fetch ?? fetch
  const calls: string[] = []
  const netFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input)
    calls.push(url)
    const policy = init.redirect ?? 'follow'
    const translate = (e: unknown): unknown =>
      init.signal?.aborted ? (init.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')) : new Error(`net::${chromiumErrorName(e, opts.proxyPort)}`)
    let res: Response
    try {
      res = await base(url, { ...init, redirect: policy === 'follow' ? 'follow' : 'manual', ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}) } as RequestInit)
    } catch (e) {
      throw translate(e)
    }
    if (res.status >= 300 && res.status < 400 && policy !== 'follow') {
      void res.body?.cancel().catch(() => {})
      throw new Error(policy === 'error' ? "Attempted to redirect, but redirect policy was 'error'" : 'Redirect was cancelled')
    }
    const reader = res.body?.getReader()
    const body = reader
      ? new ReadableStream<Uint8Array>({
          async pull(controller) {
            try {
              const { done, value } = await reader.read()
              if (done) controller.close()
              else controller.enqueue(value)
            } catch (e) {
              controller.error(translate(e))
            }
          },
          cancel: (reason) => reader.cancel(reason)
        })
      : null
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers })
  }
  return Object.assign(netFetch as typeof fetch, { calls })
}

export function createFakeElectron() {
  const calls: Array<{ api: string; args: unknown[] }> = []
  const record = (api: string, ...args: unknown[]) => {
    calls.push({ api, args })
  }
  let nextId = 1

  class FakeWebFrameMain {
    parent: FakeWebFrameMain | null = null
    constructor(public url: string) {}
  }

  class FakeWebContents extends FakeEmitter {
    readonly id = nextId++
    readonly sent: Array<{ channel: string; args: unknown[] }> = []
    readonly mainFrame = new FakeWebFrameMain('')
    windowOpenHandler: ((details: unknown) => { action: 'allow' | 'deny' }) | null = null
    destroyed = false
    devToolsOpened = false
    setWindowOpenHandler(handler: (details: unknown) => { action: 'allow' | 'deny' }): void {
      this.windowOpenHandler = handler
    }
    send(channel: string, ...args: unknown[]): void {
      if (this.destroyed) throw new Error('Object has been destroyed')
      // Electron serialises with structured clone: functions and the like cannot cross.
      this.sent.push({ channel, args: args.map((a) => structuredClone(a)) })
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
    getURL(): string {
      return this.mainFrame.url
    }
    openDevTools(): void {
      this.devToolsOpened = true
    }
    /** Test helper: simulate a navigation attempt; returns whether it was prevented. */
    tryNavigate(url: string, event = 'will-navigate'): boolean {
      const e = fakeEvent({ url })
      this.emit(event, e, url, false, true)
      return e.defaultPrevented
    }
  }

  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    name: 'license-desk',
    paths: new Map<string, string>([
      ['home', '/tmp/fake-home'],
      ['appData', '/tmp/fake-home/.config'],
      ['userData', '/tmp/fake-home/.config/license-desk'],
      ['desktop', '/tmp/fake-home/Desktop'],
      ['documents', '/tmp/fake-home/Documents'],
      ['temp', '/tmp']
    ]),
    version: '0.1.0',
    appPath: process.cwd(),
    locale: 'en-US',
    ready: false,
    singleInstanceLock: true,
    quitCalls: 0,
    exitCode: undefined as number | undefined,
    aboutPanelOptions: undefined as unknown,
    readyResolvers: [] as Array<() => void>,
    getPath(name: string): string {
      const p = app.paths.get(name)
      if (!p) throw new Error(`Failed to get '${name}' path`)
      return p
    },
    setPath(name: string, value: string): void {
      record('app.setPath', name, value)
      if (app.ready && name === 'userData') record('app.setPath:after-ready', name, value)
      app.paths.set(name, value)
    },
    getAppPath: () => app.appPath,
    getVersion: () => app.version,
    getName: () => app.name,
    getLocale: () => app.locale,
    isReady: () => app.ready,
    whenReady(): Promise<void> {
      if (app.ready) return Promise.resolve()
      return new Promise<void>((resolve) => app.readyResolvers.push(resolve))
    },
    requestSingleInstanceLock(): boolean {
      record('app.requestSingleInstanceLock')
      return app.singleInstanceLock
    },
    setAboutPanelOptions(options: unknown): void {
      app.aboutPanelOptions = options
      record('app.setAboutPanelOptions', options)
    },
    quit(): void {
      app.quitCalls += 1
      record('app.quit')
    },
    exit(code = 0): void {
      app.exitCode = code
      record('app.exit', code)
    },
    focus(): void {
      record('app.focus')
    },
    /** Test helper: become ready (emits 'ready', resolves whenReady()). */
    fireReady(): void {
      if (app.ready) return
      app.ready = true
      app.emit('ready', fakeEvent(), {})
      for (const r of app.readyResolvers.splice(0)) r()
    }
  })

  class BrowserWindow extends FakeEmitter {
    static readonly instances: BrowserWindow[] = []
    static getAllWindows(): BrowserWindow[] {
      return BrowserWindow.instances.filter((w) => !w.destroyed)
    }
    static fromWebContents(wc: unknown): BrowserWindow | null {
      return BrowserWindow.instances.find((w) => w.webContents === wc) ?? null
    }
    static getFocusedWindow(): BrowserWindow | null {
      return BrowserWindow.getAllWindows().find((w) => w.focused) ?? null
    }
    readonly id = nextId++
    readonly webContents = new FakeWebContents()
    readonly loaded: Array<{ kind: 'url' | 'file'; target: string }> = []
    visible = false
    focused = false
    minimized = false
    destroyed = false
    constructor(readonly options: Record<string, any> = {}) {
      super()
      BrowserWindow.instances.push(this)
      record('BrowserWindow.new', options)
      app.emit('web-contents-created', fakeEvent(), this.webContents)
    }
    async loadURL(url: string): Promise<void> {
      this.loaded.push({ kind: 'url', target: url })
      this.webContents.mainFrame.url = url
    }
    async loadFile(file: string): Promise<void> {
      this.loaded.push({ kind: 'file', target: file })
      this.webContents.mainFrame.url = pathToFileURL(file).href
    }
    show(): void {
      this.visible = true
    }
    hide(): void {
      this.visible = false
    }
    focus(): void {
      this.focused = true
      record('BrowserWindow.focus', this.id)
    }
    isVisible(): boolean {
      return this.visible
    }
    isMinimized(): boolean {
      return this.minimized
    }
    restore(): void {
      this.minimized = false
    }
    minimize(): void {
      this.minimized = true
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
    setTitle(title: string): void {
      this.options.title = title
    }
    close(): void {
      this.destroy()
    }
    destroy(): void {
      if (this.destroyed) return
      this.destroyed = true
      this.webContents.destroyed = true
      this.emit('closed')
      if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed')
    }
  }

  const ipcMain = Object.assign(new FakeEmitter(), {
    handlers: new Map<string, Listener>(),
    handle(channel: string, listener: Listener): void {
      if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      ipcMain.handlers.set(channel, listener)
    },
    handleOnce(channel: string, listener: Listener): void {
      ipcMain.handle(channel, listener)
    },
    removeHandler(channel: string): void {
      ipcMain.handlers.delete(channel)
    },
    /** Test helper: what ipcRenderer.invoke would produce (the event, then the args, structured-cloned). */
    async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
      const h = ipcMain.handlers.get(channel)
      if (!h) throw new Error(`No handler registered for '${channel}'`)
      return structuredClone(await h(event, ...args.map((a) => structuredClone(a))))
    }
  })

  const ipcRenderer = Object.assign(new FakeEmitter(), {
    invocations: [] as Array<{ channel: string; args: unknown[] }>,
    invokeImpl: (async () => ({ ok: true, value: null })) as (channel: string, ...args: unknown[]) => Promise<unknown>,
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      ipcRenderer.invocations.push({ channel, args })
      return ipcRenderer.invokeImpl(channel, ...args)
    },
    send(channel: string, ...args: unknown[]): void {
      record('ipcRenderer.send', channel, ...args)
    },
    sendSync(channel: string, ...args: unknown[]): unknown {
      record('ipcRenderer.sendSync', channel, ...args)
      return undefined
    }
  })

  const contextBridge = {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld(key: string, api: unknown): void {
      if (contextBridge.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`)
      contextBridge.exposed.set(key, api)
    }
  }

  const dialog = {
    saveResult: { canceled: false, filePath: '/tmp/fake-home/Desktop/request.req' } as { canceled: boolean; filePath?: string },
    openResult: { canceled: false, filePaths: ['/tmp/fake-home/license.lic'] } as { canceled: boolean; filePaths: string[] },
    async showSaveDialog(...args: unknown[]) {
      record('dialog.showSaveDialog', ...args)
      return dialog.saveResult
    },
    async showOpenDialog(...args: unknown[]) {
      record('dialog.showOpenDialog', ...args)
      return dialog.openResult
    },
    async showMessageBox(...args: unknown[]) {
      record('dialog.showMessageBox', ...args)
      return { response: 0, checkboxChecked: false }
    },
    showErrorBox(title: string, content: string): void {
      record('dialog.showErrorBox', title, content)
    }
  }

  // Electron 45: the clipboard is asynchronous (writeText/readText return promises) and the X11
  // selection clipboard is its own object (clipboard.selection) instead of a `type` argument.
  const clipboard = {
    text: '',
    selectionText: '',
    async writeText(text: string): Promise<void> {
      record('clipboard.writeText', text)
      clipboard.text = text
    },
    readText: async (): Promise<string> => clipboard.text,
    async has(mimetype: string): Promise<boolean> {
      return mimetype === 'text/plain' && clipboard.text !== ''
    },
    clear(): void {
      record('clipboard.clear')
      clipboard.text = ''
    },
    selection: {
      async writeText(text: string): Promise<void> {
        record('clipboard.selection.writeText', text)
        clipboard.selectionText = text
      },
      readText: async (): Promise<string> => clipboard.selectionText
    }
  }

  const shell = {
    async openExternal(url: string): Promise<void> {
      record('shell.openExternal', url)
    },
    showItemInFolder(path: string): void {
      record('shell.showItemInFolder', path)
    },
    async openPath(path: string): Promise<string> {
      record('shell.openPath', path)
      return ''
    }
  }

  const SAFE_PREFIX = 'fake-safe-storage:'
  const safeStorage = {
    available: true,
    backend: 'gnome_libsecret' as string,
    isEncryptionAvailable(): boolean {
      record('safeStorage.isEncryptionAvailable')
      return safeStorage.available
    },
    getSelectedStorageBackend(): string {
      return safeStorage.backend
    },
    encryptString(plain: string): Buffer {
      record('safeStorage.encryptString')
      if (!safeStorage.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString.')
      return Buffer.from(SAFE_PREFIX + Buffer.from(plain, 'utf8').toString('hex'), 'utf8')
    },
    decryptString(encrypted: Buffer): string {
      record('safeStorage.decryptString')
      const s = encrypted.toString('utf8')
      if (!safeStorage.available || !s.startsWith(SAFE_PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return Buffer.from(s.slice(SAFE_PREFIX.length), 'hex').toString('utf8')
    },
    // Electron 45 adds asynchronous variants (same results; the sync ones are still what the app uses).
    async isAsyncEncryptionAvailable(): Promise<boolean> {
      return safeStorage.available
    },
    async encryptStringAsync(plain: string): Promise<Buffer> {
      return safeStorage.encryptString(plain)
    },
    async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
      return { shouldReEncrypt: false, result: safeStorage.decryptString(encrypted) }
    }
  }

  const Menu = {
    applicationMenu: null as unknown,
    buildFromTemplate(template: unknown[]) {
      return { template, items: template }
    },
    setApplicationMenu(menu: unknown): void {
      Menu.applicationMenu = menu
      record('Menu.setApplicationMenu', menu)
    },
    getApplicationMenu: () => Menu.applicationMenu
  }

  const defaultSession = Object.assign(new FakeEmitter(), {
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    devicePermissionHandler: null as Listener | null,
    setPermissionRequestHandler(h: Listener | null): void {
      defaultSession.permissionRequestHandler = h
    },
    setPermissionCheckHandler(h: Listener | null): void {
      defaultSession.permissionCheckHandler = h
    },
    setDevicePermissionHandler(h: Listener | null): void {
      defaultSession.devicePermissionHandler = h
    },
    proxyConfig: null as unknown,
    setProxy(config: unknown): Promise<void> {
      defaultSession.proxyConfig = config
      record('session.setProxy', config)
      return Promise.resolve()
    },
    /** What Chromium would answer: DIRECT, or PROXY host:port for a fixed proxyRules setting. */
    resolveProxy(url: string): Promise<string> {
      const rules = (defaultSession.proxyConfig as { proxyRules?: string } | null)?.proxyRules
      void url
      return Promise.resolve(rules ? `PROXY ${rules.replace(/^\w+:\/\//, '')}` : 'DIRECT')
    },
    certificateVerifyProc: null as Listener | null,
    setCertificateVerifyProc(proc: Listener | null): void {
      defaultSession.certificateVerifyProc = proc
    },
    webRequest: {
      onHeadersReceivedListener: null as Listener | null,
      onHeadersReceived(filterOrListener: unknown, maybeListener?: Listener): void {
        defaultSession.webRequest.onHeadersReceivedListener = (maybeListener ?? filterOrListener) as Listener
      },
      onBeforeRequestListener: null as Listener | null,
      onBeforeRequest(filterOrListener: unknown, maybeListener?: Listener): void {
        defaultSession.webRequest.onBeforeRequestListener = (maybeListener ?? filterOrListener) as Listener
      }
    }
  })
  const session = { defaultSession }

  const nativeTheme = Object.assign(new FakeEmitter(), { shouldUseDarkColors: false, themeSource: 'system' })

  const electron = {
    app,
    BrowserWindow,
    ipcMain,
    ipcRenderer,
    contextBridge,
    dialog,
    clipboard,
    shell,
    safeStorage,
    Menu,
    session,
    nativeTheme,
    net: { fetch: createFakeNetFetch() },
    /** Test helpers (not part of Electron). */
    __calls: calls,
    __FakeWebContents: FakeWebContents,
    __FakeWebFrameMain: FakeWebFrameMain
  }
  return electron
}

export type FakeElectron = ReturnType<typeof createFakeElectron>

const shared: FakeElectron = createFakeElectron()
export default shared
