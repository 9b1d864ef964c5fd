// A CONNECT proxy for tests, on 127.0.0.1 port 0, built on Node's http server: it counts the tunnels it
// opens (per target), can demand Basic credentials (407 otherwise), and can act as a TLS-inspecting
// company proxy that answers every request itself with an HTML block page, under a certificate of its
// own authority.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { TLSSocket } from 'node:tls'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createThrowawayCa, issueServerCertificate, type CertificateAuthority } from '../../src/server/tls'
import { startDemo, type Demo } from './demo'

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

/** No proxy or CA from the machine running the tests leaks in. */
export const CLEAN_PROXY_ENV = { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '', NODE_EXTRA_CA_CERTS: '' }
/** The password the credential-demanding proxy wants: a marker no output may contain. */
export const PROXY_PASSWORD = 'MARKER-PROXY-PWD-k2Vb7Qx1'
export const BLOCK_PAGE_TITLE = 'Access blocked by Corp Web Filter'

/**
 * A company network in a box: the local license server over HTTPS under a throwaway CA, and three CONNECT
 * proxies in front of it (open; demanding alice:PROXY_PASSWORD; TLS-inspecting with an HTML block page
 * under a CA of its own). The CA certificates are written as PEM files next to the demo.
 */
export interface ProxyLab {
  demo: Demo
  ca: CertificateAuthority
  /** The license server's CA (PEM file). */
  caPath: string
  /** The inspecting proxy's CA (PEM file). */
  inspectionCaPath: string
  open: TestProxy
  locked: TestProxy
  inspecting: TestProxy
  /** host:port of the license server, as tunnels name it. */
  serverHost: string
  /** Tunnels `p` opened to the license server so far. */
  tunnelsTo(p: TestProxy): number
  /** An empty data folder and a fresh server state. */
  fresh(): void
  close(): Promise<void>
}

export async function startProxyLab(): Promise<ProxyLab> {
  const ca = await createThrowawayCa('License Desk local test CA')
  const serverCert = await issueServerCertificate(ca, '127.0.0.1')
  const corp = await createThrowawayCa('Corp TLS Inspection CA')
  const corpCert = await issueServerCertificate(corp, '127.0.0.1')
  const demo = await startDemo({ tls: { cert: serverCert.cert, key: serverCert.key } })
  const serverHost = new URL(demo.server.url).host
  const caPath = join(demo.dir, 'ca.pem')
  writeFileSync(caPath, ca.cert)
  const inspectionCaPath = join(demo.dir, 'corp-ca.pem')
  writeFileSync(inspectionCaPath, corp.cert)
  const open = await startProxy()
  const locked = await startProxy({ auth: { user: 'alice', password: PROXY_PASSWORD } })
  const inspecting = await startProxy({
    inspect: { cert: corpCert.cert, key: corpCert.key, html: `<!doctype html><html><head><title>${BLOCK_PAGE_TITLE}</title></head><body>Blocked.</body></html>` }
  })
  return {
    demo,
    ca,
    caPath,
    inspectionCaPath,
    open,
    locked,
    inspecting,
    serverHost,
    tunnelsTo: (p) => p.tunnels.filter((t) => t === serverHost).length,
    fresh() {
      rmSync(demo.dataDir, { recursive: true, force: true })
      demo.server.state.reset()
    },
    async close() {
      await Promise.all([open.close(), locked.close(), inspecting.close()])
      await demo.close()
    }
  }
}
