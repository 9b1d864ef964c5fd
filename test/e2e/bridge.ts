// The browser e2e test bridge (plain Node). It replaces only Electron's transport: the local license
// server, the real core (Desk with a conf state file, the local secret box) and the real IPC handlers
// (createHandlers) run here, with fake native adapters (dialogs, shell, clipboard) that record their
// calls. An HTTP server on 127.0.0.1 serves the BUILT renderer (out/renderer) and exposes
//   POST /__bridge/invoke   {channel, input} -> the handler's Result as JSON
//   GET  /__bridge/progress Server-Sent Events, one `data:` line per ProgressEvent
// Every invoke request/response pair and every progress event is recorded in memory (traffic()) and can
// be written to a JSON file (dumpTraffic()) for the secrets audit.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, extname, join, normalize, resolve, sep } from 'node:path'
import type { AddressInfo, Socket } from 'node:net'
import type { AppInfo, Channel, ProgressEvent } from '@shared/contract'
import { CHANNELS } from '@shared/contract'
import type { Desk } from '@core/types'
import { readTextFile, writeFileAtomic } from '@core/files'
import { createHandlers, type Handlers, type NativeAdapters } from '../../src/main/handlers'
import { externalPolicyFromProfile } from '../../src/main/external'
import { ROOT, startDemo, type Demo } from '../support/demo'
import { makeDesk, TEST_HWID } from '../support/desk'

export const RENDERER_DIR = join(ROOT, 'out', 'renderer')
export { TEST_HWID }

/** One forwarded call: what the renderer sent and exactly what the bridge answered. */
export interface InvokeRecord {
  kind: 'invoke'
  seq: number
  at: string
  channel: string
  input: unknown
  /** The Result as sent to the page (the JSON text parsed back). */
  response: unknown
  /** The raw JSON text of the response body. */
  responseText: string
  ms: number
}

export interface ProgressRecord {
  kind: 'progress'
  seq: number
  at: string
  event: ProgressEvent
  /** The raw `data:` payload sent on the event stream. */
  text: string
}

export type TrafficRecord = InvokeRecord | ProgressRecord

export type NativeCall =
  | { kind: 'showSaveDialog'; defaultName: string; result: string | undefined }
  | { kind: 'showOpenDialog'; result: string | undefined }
  | { kind: 'readFile'; path: string }
  | { kind: 'showItemInFolder'; path: string }
  | { kind: 'openExternal'; url: string }
  | { kind: 'writeClipboard'; text: string }

/** Fake native adapters: what the dialogs answer is set per test; every call is recorded. */
export class FakeNative implements NativeAdapters {
  readonly calls: NativeCall[] = []
  /**
   * What the next save dialogs answer: a function of the default file name (return undefined to
   * simulate Cancel). Default: the default name inside `saveDir`.
   */
  save: (defaultName: string) => string | undefined
  /** What the open dialog answers (undefined = Cancel). */
  openPath: string | undefined
  clipboard = ''

  constructor(
    readonly saveDir: string,
    private readonly info: () => AppInfo
  ) {
    this.save = (name) => join(saveDir, name)
  }

  async showSaveDialog(defaultName: string): Promise<string | undefined> {
    const result = this.save(defaultName)
    this.calls.push({ kind: 'showSaveDialog', defaultName, result })
    return result
  }
  async showOpenDialog(): Promise<string | undefined> {
    this.calls.push({ kind: 'showOpenDialog', result: this.openPath })
    return this.openPath
  }
  async readFile(path: string): Promise<string> {
    this.calls.push({ kind: 'readFile', path })
    return readTextFile(path)
  }
  showItemInFolder(path: string): void {
    this.calls.push({ kind: 'showItemInFolder', path })
  }
  async openExternal(url: string): Promise<void> {
    this.calls.push({ kind: 'openExternal', url })
  }
  writeClipboard(text: string): void {
    this.clipboard = text
    this.calls.push({ kind: 'writeClipboard', text })
  }
  appInfo(): AppInfo {
    return this.info()
  }
}

/**
 * Unique marker strings that replace every secret of the demo profile (and the local server's copy of
 * them) when `secretMarkers` is on, so an audit can search any output for them.
 */
export const SECRET_MARKERS = {
  sharedKey: 'ld-marker-SHARED-KEY-5b7e1c93d04f',
  qlmCommunicationEncryptionKey: '{ld-marker-QLM-ENC-KEY-8a41f2c6e7d9}',
  qlmPassword: 'ld-marker-QLM-PASSWORD-c3d82e5f1a07',
  /** The demo user's password (typed by tests; must never come back out). */
  userPassword: 'demo-password-1'
} as const

/** The local license server on a free port and the demo profile pointed at it (optionally with markers). */
function startLocalDemo(markers: boolean): Promise<Demo> {
  return startDemo(
    markers
      ? {
          secrets: {
            sharedKey: SECRET_MARKERS.sharedKey,
            qlmCommunicationEncryptionKey: SECRET_MARKERS.qlmCommunicationEncryptionKey,
            qlmPassword: SECRET_MARKERS.qlmPassword
          }
        }
      : {}
  )
}

export interface BridgeOptions {
  /** Replace the profile's secrets with SECRET_MARKERS (server and profile alike). Default true. */
  secretMarkers?: boolean
  /** HTTP timeout per attempt in the core (ms). Default 8000 (above the 5 s latency fault used for Cancel). */
  timeoutMs?: number
  /** Base of the core's retry backoff (ms). Default 20. */
  retryBaseMs?: number
  /** Locale reported by app:info. Default en-US. */
  locale?: string
}

export interface Bridge {
  /** Base URL of the page, e.g. http://127.0.0.1:54321/ */
  url: string
  demo: Demo
  /** The local license server (state, faults, requests). */
  server: Demo['server']
  desk: Desk
  handlers: Handlers
  native: FakeNative
  /** The temp folder the fake save dialog writes into by default. */
  filesDir: string
  /** Every forwarded call and progress event so far, in order (copies). */
  traffic(): TrafficRecord[]
  /** The recorded invoke pairs of one channel. */
  invokes(channel?: Channel): InvokeRecord[]
  /** Writes traffic() as JSON to `file` (directories created). */
  dumpTraffic(file: string): void
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8'
}

const MAX_BODY = 2 * 1024 * 1024

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
  res.end(body)
}

export async function startBridge(options: BridgeOptions = {}): Promise<Bridge> {
  try {
    statSync(join(RENDERER_DIR, 'index.html'))
  } catch {
    throw new Error('out/renderer/index.html is missing: run `npm run build` first')
  }
  const demo = await startLocalDemo(options.secretMarkers ?? true)
  const filesDir = mkdtempSync(join(tmpdir(), 'ld-e2e-files-'))
  const desk = makeDesk(demo.dataDir, demo.profile, {
    writeFile: writeFileAtomic,
    timeoutMs: options.timeoutMs ?? 8000,
    retryBaseMs: options.retryBaseMs ?? 20,
    appVersion: 'e2e'
  })
  const appInfo = (): AppInfo => ({
    appName: demo.profile.app.name,
    vendorName: demo.profile.app.name,
    supportEmail: demo.profile.app.supportEmail,
    supportUrl: demo.profile.app.supportUrl ?? '',
    version: '0.0.0-e2e',
    versions: { node: process.versions.node, secrets: 'local-aes' },
    locale: options.locale ?? 'en-US',
    demo: true
  })
  const native = new FakeNative(filesDir, appInfo)
  const handlers = createHandlers(desk, native, { external: externalPolicyFromProfile(demo.profile, true) })

  const records: TrafficRecord[] = []
  let seq = 0
  const streams = new Set<ServerResponse>()

  function sendProgress(event: ProgressEvent): void {
    const text = JSON.stringify(event)
    records.push({ kind: 'progress', seq: ++seq, at: new Date().toISOString(), event, text })
    for (const s of streams) s.write(`data: ${text}\n\n`)
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now()
    let body: { channel?: unknown; input?: unknown }
    try {
      body = JSON.parse(await readBody(req)) as typeof body
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ error: 'invalid JSON' }))
    }
    const channel = body.channel
    if (typeof channel !== 'string' || !(CHANNELS as string[]).includes(channel)) {
      return send(res, 404, 'application/json', JSON.stringify({ error: 'unknown channel' }))
    }
    const handler = handlers[channel as Channel] as (input: unknown, ctx: { sendProgress(e: ProgressEvent): void }) => Promise<unknown>
    const result = await handler(body.input, { sendProgress })
    const responseText = JSON.stringify(result)
    records.push({
      kind: 'invoke',
      seq: ++seq,
      at: new Date(started).toISOString(),
      channel,
      input: body.input,
      response: JSON.parse(responseText) as unknown,
      responseText,
      ms: Date.now() - started
    })
    send(res, 200, 'application/json; charset=utf-8', responseText)
  }

  function progressStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    streams.add(res)
    req.on('close', () => streams.delete(res))
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    let rel: string
    try {
      rel = decodeURIComponent(pathname)
    } catch {
      return send(res, 400, 'text/plain', 'bad path')
    }
    if (rel === '/' || rel === '') rel = '/index.html'
    const file = normalize(join(RENDERER_DIR, rel))
    if (file !== RENDERER_DIR && !file.startsWith(RENDERER_DIR + sep)) return send(res, 403, 'text/plain', 'forbidden')
    let data: Buffer
    try {
      data = readFileSync(file)
    } catch {
      return send(res, 404, 'text/plain', 'not found')
    }
    send(res, 200, CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', data)
  }

  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/__bridge/invoke' && req.method === 'POST') {
      invoke(req, res).catch((e: unknown) => {
        // The handlers never throw; this is the bridge's own failure.
        send(res, 500, 'application/json', JSON.stringify({ error: e instanceof Error ? e.message : String(e) }))
      })
      return
    }
    if (url.pathname === '/__bridge/progress' && req.method === 'GET') return progressStream(req, res)
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed')
    serveStatic(url.pathname, res)
  })
  const sockets = new Set<Socket>()
  http.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((ok, fail) => {
    http.once('error', fail)
    http.listen(0, '127.0.0.1', () => ok())
  })
  const port = (http.address() as AddressInfo).port

  let closed = false
  return {
    url: `http://127.0.0.1:${port}/`,
    demo,
    server: demo.server,
    desk,
    handlers,
    native,
    filesDir,
    traffic: () => records.map((r) => ({ ...r })),
    invokes: (channel) => records.filter((r): r is InvokeRecord => r.kind === 'invoke' && (!channel || r.channel === channel)),
    dumpTraffic(file) {
      mkdirSync(dirname(resolve(file)), { recursive: true })
      writeFileSync(file, JSON.stringify(records, null, 2) + '\n')
    },
    async close() {
      if (closed) return
      closed = true
      for (const s of streams) s.end()
      streams.clear()
      for (const s of sockets) s.destroy()
      await new Promise<void>((ok) => http.close(() => ok()))
      // The license server may already have been closed by a test (server down).
      await demo.close().catch(() => rmSync(demo.dir, { recursive: true, force: true }))
      rmSync(filesDir, { recursive: true, force: true })
    }
  }
}
