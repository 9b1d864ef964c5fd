// The network set-up of the plain-Node side (the CLI and every desk it builds): which proxy to use
// (--proxy, the profile's network.proxy, or HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl reads them) and
// which certificate authorities to trust (the system's, NODE_EXTRA_CA_CERTS, the profile's
// network.caCertificates). undici's agents do the proxying; undici is loaded only when a proxy or an
// extra CA is configured, so a plain run starts as fast as before. The Electron app uses Chromium's
// network stack instead (src/main/network.ts).
import { readFileSync } from 'node:fs'
import { X509Certificate } from 'node:crypto'
import { UNTRUSTED_CODES } from './http'
import type { NetworkInfo } from './types'

export interface NodeNetworkOptions {
  env: NodeJS.ProcessEnv
  /** `--proxy URL` (or `none`); wins over the profile and the environment. */
  proxyOption?: string
  /** The profile's network section, its caCertificates already read as PEM text (loadProfile does it). */
  profile?: { proxy?: string; caCertificates?: string }
}

export interface NodeNetwork {
  /** Undefined when nothing is configured: the core then uses Node's own fetch. */
  fetch?: typeof fetch
  info(urls: string[]): NetworkInfo
}

interface ProxyChoice {
  http?: string
  https?: string
  noProxy: string
  source: string
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 }

/** The proxy settings in force: --proxy, else a URL or `none` in the profile, else the environment (lower case first, as curl). */
export function proxyChoice(o: NodeNetworkOptions): ProxyChoice {
  const env = o.env
  const noProxy = env.no_proxy || env.NO_PROXY || ''
  const fixed = (value: string, source: string): ProxyChoice => (value === 'none' ? { noProxy: '', source } : { http: value, https: value, noProxy, source })
  if (o.proxyOption) return fixed(o.proxyOption, '--proxy')
  const p = o.profile?.proxy
  if (p && p !== 'system') return fixed(p, 'profile network.proxy')
  // An empty variable counts as unset, as curl reads it. Like undici's EnvHttpProxyAgent (unlike curl),
  // HTTP_PROXY also serves https URLs when HTTPS_PROXY is not set.
  const http = env.http_proxy || env.HTTP_PROXY
  const https = env.https_proxy || env.HTTPS_PROXY || http
  return { ...(http ? { http } : {}), ...(https ? { https } : {}), noProxy, source: http || https ? 'environment' : 'none' }
}

/**
 * The proxy a URL goes through under these settings (undefined: direct), by the rules undici's
 * EnvHttpProxyAgent applies: NO_PROXY entries separated by commas or spaces, `*` for all, a leading
 * `.` or `*.` matching subdomains, an optional `:port`.
 */
export function proxyForUrl(url: string, c: ProxyChoice): string | undefined {
  const u = new URL(url)
  const proxy = u.protocol === 'https:' ? c.https : c.http
  if (!proxy) return undefined
  const hostname = u.host.replace(/:\d*$/, '').toLowerCase()
  const port = Number.parseInt(u.port, 10) || DEFAULT_PORTS[u.protocol] || 0
  const entries = c.noProxy.split(/[,\s]/).filter(Boolean)
  if (c.noProxy === '*') return undefined
  for (const entry of entries) {
    const m = /^(.+):(\d+)$/.exec(entry)
    const h = (m ? m[1]! : entry).replace(/^\*?\./, '').toLowerCase()
    if (m && Number(m[2]) !== port) continue
    if (hostname === h || hostname.endsWith(`.${h}`)) return undefined
  }
  return proxy
}

/** host:port of a proxy URL: never its user name or password. */
export function proxyHost(proxy: string): string {
  try {
    const u = new URL(proxy)
    return `${u.hostname}:${u.port || DEFAULT_PORTS[u.protocol] || ''}`
  } catch {
    return '(unreadable proxy setting)'
  }
}

/** The PEM certificates in a text, each checked. */
export function pemCertificates(text: string): string[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
  for (const b of blocks) new X509Certificate(b)
  return blocks
}

function subject(pem: string): string {
  try {
    const x = new X509Certificate(pem)
    return /CN=([^\n]+)/.exec(x.subject)?.[1] ?? x.subject.split('\n')[0]!
  } catch {
    return '(unreadable certificate)'
  }
}

function extraCaFromEnv(env: NodeJS.ProcessEnv): { path?: string; pems: string[] } {
  const path = env.NODE_EXTRA_CA_CERTS
  if (!path) return { pems: [] }
  try {
    return { path, pems: pemCertificates(readFileSync(path, 'utf8')) }
  } catch {
    return { path, pems: [] }
  }
}

export function validateProxyUrl(value: string): string | undefined {
  if (value === 'none') return undefined
  try {
    const u = new URL(value)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'a proxy URL starts with http:// or https://'
    if (!u.hostname) return 'a proxy URL names a host'
    return undefined
  } catch {
    return 'not a URL (give http://host:port, or none)'
  }
}

/** The one network set-up every CLI command (and the browser mode built on the CLI's desk) uses. */
export function createNodeNetwork(o: NodeNetworkOptions): NodeNetwork {
  const choice = proxyChoice(o)
  const profileCas = o.profile?.caCertificates ? pemCertificates(o.profile.caCertificates) : []
  // NODE_EXTRA_CA_CERTS is read and checked only when it is needed (a request with a profile CA, or
  // diagnostics): on machines that point it at the whole system bundle that is ~150 certificates, about
  // 20 ms, which a command that sends nothing (status, history) should not pay.
  let envCaRead: { path?: string; pems: string[] } | undefined
  const envCa = () => (envCaRead ??= extraCaFromEnv(o.env))
  const info = (urls: string[]): NetworkInfo => ({
    proxy: {
      source: choice.source,
      ...(choice.https ? { https: proxyHost(choice.https) } : {}),
      ...(choice.http ? { http: proxyHost(choice.http) } : {}),
      ...(choice.noProxy ? { noProxy: choice.noProxy } : {})
    },
    routes: Object.fromEntries(
      [...new Set(urls.map((u) => new URL(u).origin))].map((origin) => {
        const p = proxyForUrl(origin, choice)
        return [origin, p ? `proxy ${proxyHost(p)}` : 'direct']
      })
    ),
    certificateAuthorities: [
      'system',
      ...(o.env.NODE_EXTRA_CA_CERTS ? [`NODE_EXTRA_CA_CERTS ${envCa().path}: ${envCa().pems.map(subject).join(', ') || 'no certificate read'}`] : []),
      ...(profileCas.length ? [`profile network.caCertificates: ${profileCas.map(subject).join(', ')}`] : [])
    ]
  })
  const configured = Boolean(choice.http || choice.https || profileCas.length)

  let ready: Promise<{ fetch: typeof fetch; dispatcher: unknown }> | undefined
  const load = () =>
    (ready ??= Promise.all([import('undici'), import('node:tls')]).then(([undici, tls]) => {
      // Passing `ca` replaces Node's default set, so it is given whole: the system's, NODE_EXTRA_CA_CERTS', the profile's.
      const tlsOpts = profileCas.length ? { ca: [...tls.rootCertificates, ...envCa().pems, ...profileCas] } : {}
      const dispatcher = new undici.EnvHttpProxyAgent({
        httpProxy: choice.http ?? '',
        httpsProxy: choice.https ?? '',
        noProxy: choice.noProxy,
        connect: tlsOpts,
        requestTls: tlsOpts,
        proxyTls: tlsOpts
      })
      return { fetch: undici.fetch as unknown as typeof fetch, dispatcher }
    }))

  // Node's own fetch when nothing is configured (undici is not even loaded); errors are annotated alike.
  const wrapped: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    const proxy = proxyForUrl(url, choice)
    try {
      if (!configured) return await fetch(url, init)
      const { fetch: f, dispatcher } = await load()
      return await f(url, { ...init, dispatcher } as RequestInit)
    } catch (e) {
      if (e && typeof e === 'object' && !(init?.signal?.aborted ?? false)) {
        const annotate = e as { proxy?: string; issuer?: string }
        if (proxy) annotate.proxy = proxyHost(proxy)
        if (isUntrusted(e)) annotate.issuer = await presentedIssuer(url, proxy).catch(() => undefined)
      }
      throw e
    }
  }
  return { fetch: wrapped, info }
}

function isUntrusted(e: unknown): boolean {
  for (let cur = e, i = 0; i < 6 && cur && typeof cur === 'object'; i++, cur = (cur as { cause?: unknown }).cause)
    if (UNTRUSTED_CODES.has(String((cur as { code?: string }).code))) return true
  return false
}

/**
 * Which issuer the server (or whatever answers in its place, such as a TLS-inspecting proxy) presents:
 * a second, read-only handshake that does not check the certificate, through the same proxy, named in
 * the error so the user can tell IT what to look for. Bounded to 3 s; nothing is sent over it.
 */
async function presentedIssuer(url: string, proxy: string | undefined): Promise<string | undefined> {
  const u = new URL(url)
  const port = Number(u.port) || 443
  const signal = AbortSignal.timeout(3000)
  let socket: import('node:stream').Duplex | undefined
  let client: import('undici').Client | undefined
  if (proxy) {
    const p = new URL(proxy)
    const auth = p.username ? { 'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString('base64')}` } : {}
    client = new (await import('undici')).Client(p.origin)
    const r = await client.connect({ path: `${u.hostname}:${port}`, headers: auth, signal })
    if (r.statusCode !== 200) return undefined
    socket = r.socket
  }
  try {
    const { connect: tlsConnect } = await import('node:tls')
    return await new Promise<string | undefined>((resolve, reject) => {
      const s = tlsConnect({ ...(socket ? { socket } : { host: u.hostname, port }), servername: /^[\d.]+$|:/.test(u.hostname) ? undefined : u.hostname, rejectUnauthorized: false })
      const fail = (e: unknown) => {
        s.destroy()
        reject(e)
      }
      signal.addEventListener('abort', () => fail(new Error('timeout')), { once: true })
      s.once('error', fail)
      s.once('secureConnect', () => {
        let c = s.getPeerCertificate(true)
        for (let i = 0; i < 10 && c.issuerCertificate && c.issuerCertificate !== c && c.issuerCertificate.fingerprint256 !== c.fingerprint256; i++) c = c.issuerCertificate
        s.destroy()
        const name = c.issuer?.CN ?? c.issuer?.O
        resolve(Array.isArray(name) ? name.join(', ') : name)
      })
    })
  } finally {
    socket?.destroy()
    void client?.close().catch(() => {})
  }
}
