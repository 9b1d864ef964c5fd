// A CONNECT proxy for tests, on 127.0.0.1 port 0, built on Node's http server: it counts the tunnels it
// opens (per target), can demand Basic credentials (407 otherwise), and can act as a TLS-inspecting
// company proxy that answers every request itself with an HTML block page, under a certificate of its
// own authority.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { TLSSocket } from 'node:tls'

export interface TestProxy {
  url: string
  port: number
  /** CONNECT requests that were answered 200, by target host:port. */
  tunnels: string[]
  /** CONNECT requests refused with 407. */
  refused: number
  close(): Promise<void>
}

export interface TestProxyOptions {
  /** Demand these Basic credentials. */
  auth?: { user: string; password: string }
  /** Terminate TLS with this certificate and answer with an HTML page instead of connecting. */
  inspect?: { cert: string; key: string; html: string }
}

export async function startProxy(opts: TestProxyOptions = {}): Promise<TestProxy> {
  const tunnels: string[] = []
  let refused = 0
  const sockets = new Set<Socket>()
  const page: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(opts.inspect?.html ?? '')
  })
  const server = createServer((_req, res) => {
    res.writeHead(405)
    res.end()
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    if (opts.auth) {
      const expected = `Basic ${Buffer.from(`${opts.auth.user}:${opts.auth.password}`).toString('base64')}`
      if (req.headers['proxy-authorization'] !== expected) {
        refused++
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n')
        return
      }
    }
    const target = req.url ?? ''
    tunnels.push(target)
    if (opts.inspect) {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      const tls = new TLSSocket(client, { isServer: true, cert: opts.inspect.cert, key: opts.inspect.key })
      tls.on('error', () => client.destroy())
      page.emit('connection', tls)
      return
    }
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))]
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'))
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    get refused() {
      return refused
    },
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}

/** A proxy URL with credentials: http://user:password@127.0.0.1:port */
export function withCredentials(proxy: TestProxy, user: string, password: string): string {
  const u = new URL(proxy.url)
  u.username = encodeURIComponent(user)
  u.password = encodeURIComponent(password)
  return u.toString().replace(/\/$/, '')
}
