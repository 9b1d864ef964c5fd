// Browser mode's transport: an HTTP server on 127.0.0.1 that serves the built renderer (out/renderer)
// and calls the same handlers as Electron's IPC (src/main/handlers.ts), with progress on Server-Sent
// Events. Routes come from the contract (src/shared/http.ts). Every request is checked:
// - Host must be exactly 127.0.0.1:<port> (a DNS-rebinding page arrives with its own host name);
// - Origin, when sent, must be our own; API calls must send it (browsers always do on POST); a
//   Sec-Fetch-Site other than same-origin/none is refused;
// - API calls and the event stream need the per-launch token (>= 128 bits, handed to the page in the URL
//   fragment, never logged) in the x-license-desk-token header, and API calls are POST with a JSON body:
//   a foreign page can neither send the header nor read an answer, since no CORS header is ever sent;
// - GET never changes state (only static files and the event stream answer GET);
// - pages carry the app's CSP as a header, and may not be framed.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { readFileSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import type { Channel, ProgressEvent } from '@shared/contract'
import { channelOf, EVENTS_PATH, TOKEN_FRAGMENT, TOKEN_HEADER } from '@shared/http'
import type { Handlers } from '../main/handlers'
import { CSP } from '../main/security'

export interface UiServerOptions {
  handlers: Handlers
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** Default 0: a random free port. */
  port?: number
  /** Stop this long after the last tab closed (its event stream ended). Default 10 s. */
  idleStopMs?: number
  /** Called once when the server stopped by itself (the last tab closed). */
  onIdleStop?: () => void
  /** Lines about refused requests; never carries the token. */
  log?: (line: string) => void
}

export interface UiServer {
  /** The page URL with the token in its fragment: http://127.0.0.1:PORT/#token=... */
  url: string
  origin: string
  port: number
  /** Open event streams (one per tab). */
  connections(): number
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
  '.txt': 'text/plain; charset=utf-8'
}

const MAX_BODY = 2 * 1024 * 1024
const HEARTBEAT_MS = 15_000

/** Headers on every answer: no caching, no sniffing, no referrer, no framing, and never a CORS header. */
const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string
  ) {
    super(reason)
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Refusal(413, 'request body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** A fresh per-launch token: 32 random bytes (256 bits), URL-safe base64. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const token = newToken()
  const tokenBytes = Buffer.from(token)
  const log = options.log ?? (() => undefined)
  const idleStopMs = options.idleStopMs ?? 10_000
  const streams = new Set<ServerResponse>()
  const sockets = new Set<Socket>()
  let port = 0
  let origin = ''
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': type, ...extra })
    res.end(body)
  }

  function checkHostAndOrigin(req: IncomingMessage, needOrigin: boolean): void {
    if (req.headers.host !== `127.0.0.1:${port}`) throw new Refusal(403, 'a request for another host name (Host header) was refused')
    const o = req.headers.origin
    if (o !== undefined ? o !== origin : needOrigin) throw new Refusal(403, 'a request from another origin was refused')
    const site = req.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new Refusal(403, 'a cross-site request was refused')
  }

  function checkToken(req: IncomingMessage): void {
    const given = req.headers[TOKEN_HEADER]
    const bytes = Buffer.from(typeof given === 'string' ? given : '')
    if (bytes.length !== tokenBytes.length || !timingSafeEqual(bytes, tokenBytes)) throw new Refusal(401, 'a request without the right token was refused')
  }

  function sendProgress(event: ProgressEvent): void {
    const text = `data: ${JSON.stringify(event)}\n\n`
    for (const s of streams) s.write(text)
  }

  async function call(channel: Channel, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = String(req.headers['content-type'] ?? '')
    if (!/^application\/json(;|$)/i.test(type)) throw new Refusal(415, 'an API call without a JSON body was refused')
    let body: { input?: unknown }
    try {
      body = JSON.parse(await readBody(req)) as { input?: unknown }
    } catch (e) {
      if (e instanceof Refusal) throw e
      throw new Refusal(400, 'an API call with invalid JSON was refused')
    }
    if (typeof body !== 'object' || body === null) throw new Refusal(400, 'an API call with invalid JSON was refused')
    const handler = options.handlers[channel] as (input: unknown, ctx: { sendProgress(e: ProgressEvent): void }) => Promise<unknown>
    const result = await handler(body.input, { sendProgress })
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result))
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    streams.add(res)
    clearTimeout(idleTimer)
    const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    req.on('close', () => {
      clearInterval(heartbeat)
      streams.delete(res)
      if (streams.size === 0 && !closed && options.onIdleStop) {
        clearTimeout(idleTimer)
        idleTimer = setTimeout(() => {
          if (streams.size === 0 && !closed) void close().then(() => options.onIdleStop?.())
        }, idleStopMs)
      }
    })
  }

  function serveStatic(pathname: string, res: ServerResponse, head: boolean): void {
    let rel: string
    try {
      rel = decodeURIComponent(pathname)
    } catch {
      throw new Refusal(400, 'a bad path was refused')
    }
    if (rel === '/' || rel === '') rel = '/index.html'
    const root = normalize(options.rendererDir)
    const file = normalize(join(root, rel))
    if (!file.startsWith(root + sep)) throw new Refusal(403, 'a path outside the app was refused')
    let data: Buffer
    try {
      data = readFileSync(file)
    } catch {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found')
      return
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    const extra: Record<string, string> = type.startsWith('text/html') ? { 'Content-Security-Policy': CSP } : {}
    res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': type, 'Content-Length': String(data.length), ...extra })
    res.end(head ? undefined : data)
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const channel = channelOf(url.pathname)
    if (channel) {
      checkHostAndOrigin(req, true)
      if (method !== 'POST') throw new Refusal(405, `${method} on an API route was refused (calls are POST)`)
      checkToken(req)
      return call(channel, req, res)
    }
    if (url.pathname === EVENTS_PATH) {
      checkHostAndOrigin(req, false)
      if (method !== 'GET') throw new Refusal(405, `${method} on the event stream was refused`)
      checkToken(req)
      return openStream(req, res)
    }
    checkHostAndOrigin(req, false)
    if (url.pathname.startsWith('/api/')) throw new Refusal(404, 'an unknown API route was refused')
    if (method !== 'GET' && method !== 'HEAD') throw new Refusal(405, `${method} was refused`)
    serveStatic(url.pathname, res, method === 'HEAD')
  }

  const http = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const refusal = e instanceof Refusal ? e : new Refusal(500, 'an internal error answered a request')
      // The method and path only: never headers, the query or the fragment.
      log(`license-desk ui: ${refusal.reason} (${req.method ?? '?'} ${(req.url ?? '').split('?')[0]}).`)
      if (!res.headersSent) send(res, refusal.status, 'text/plain; charset=utf-8', refusal.reason)
      else res.end()
    })
  })
  http.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((ok, fail) => {
    http.once('error', fail)
    http.listen(options.port ?? 0, '127.0.0.1', () => ok())
  })
  port = (http.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`

  async function close(): Promise<void> {
    if (closed) return
    closed = true
    clearTimeout(idleTimer)
    for (const s of streams) s.end()
    streams.clear()
    for (const s of sockets) s.destroy()
    await new Promise<void>((ok) => http.close(() => ok()))
  }

  return {
    url: `${origin}/#${TOKEN_FRAGMENT}=${token}`,
    origin,
    port,
    connections: () => streams.size,
    close
  }
}
