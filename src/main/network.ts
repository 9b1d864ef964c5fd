// The app's network: Chromium's stack through Electron's net.fetch, so the system proxy settings,
// PAC/WPAD, integrated proxy authentication and the operating system's certificate store apply. The
// core gets this fetch as its injected dependency and names its errors as it names Node's. The
// profile's network section applies here too: a fixed proxy or none, and extra certificate authorities
// trusted for the license servers (checked in the session's certificate verifier).
import { X509Certificate } from 'node:crypto'
import type { Profile } from '@core/profile'
import type { NetworkInfo } from '@core/types'
import { pemCertificates, proxyHost } from '@core/network'

/** The parts of Electron's Certificate the verifier reads. */
interface ChromiumCertificate {
  data: string
  issuerName: string
  issuerCert?: ChromiumCertificate
}

interface VerifyRequest {
  hostname: string
  certificate: ChromiumCertificate
  errorCode: number
}

/** The parts of Electron's Session used here (typed structurally so tests can hand in the fake). */
export interface NetworkSession {
  setProxy(config: { mode?: string; proxyRules?: string }): Promise<void>
  resolveProxy(url: string): Promise<string>
  setCertificateVerifyProc(proc: ((request: VerifyRequest, callback: (result: number) => void) => void) | null): void
}

export interface MainNetwork {
  fetch: typeof fetch
  info(urls: string[]): Promise<NetworkInfo>
}

/** Chromium's verifier results: 0 trusted, -3 Chromium's own verdict. */
const TRUST = 0
const CHROMIUM_VERDICT = -3
const ERR_CERT_AUTHORITY_INVALID = -202

function top(cert: ChromiumCertificate): ChromiumCertificate {
  let c = cert
  for (let i = 0; i < 10 && c.issuerCert && c.issuerCert.data !== c.data; i++) c = c.issuerCert
  return c
}

/** True when the presented chain for `hostname` ends in one of `cas` (each link's signature checked). */
export function chainEndsIn(cert: ChromiumCertificate, hostname: string, cas: X509Certificate[]): boolean {
  try {
    const leaf = new X509Certificate(cert.data)
    const now = Date.now()
    const hostOk = /^[\d.]+$|:/.test(hostname) ? leaf.checkIP(hostname.replace(/^\[|\]$/g, '')) !== undefined : leaf.checkHost(hostname) !== undefined
    if (!hostOk) return false
    let c: ChromiumCertificate | undefined = cert
    for (let i = 0; i < 10 && c; i++, c = c.issuerCert && c.issuerCert.data !== c.data ? c.issuerCert : undefined) {
      const x = new X509Certificate(c.data)
      if (Date.parse(x.validFrom) > now || Date.parse(x.validTo) < now) return false
      if (cas.some((ca) => x.checkIssued(ca) && x.verify(ca.publicKey))) return true
    }
    return false
  } catch {
    return false
  }
}

export async function createMainNetwork(deps: { netFetch: typeof fetch; session: NetworkSession; network?: Profile['network'] }): Promise<MainNetwork> {
  const setting = deps.network?.proxy ?? 'system'
  if (setting === 'none') await deps.session.setProxy({ mode: 'direct' })
  else if (setting !== 'system') {
    // Chromium takes host and port here; a user name and password in the URL are not passed on (the
    // system's proxy authentication applies in the app).
    const u = new URL(setting)
    await deps.session.setProxy({ mode: 'fixed_servers', proxyRules: `${u.protocol}//${proxyHost(setting)}` })
  }
  const cas = deps.network?.caCertificates ? pemCertificates(deps.network.caCertificates).map((p) => new X509Certificate(p)) : []
  /** The issuer the last failed verification of each host presented, to name it in the error. */
  const untrusted = new Map<string, string>()
  deps.session.setCertificateVerifyProc((request, callback) => {
    if (request.errorCode === 0) return callback(CHROMIUM_VERDICT)
    if (request.errorCode === ERR_CERT_AUTHORITY_INVALID && cas.length && chainEndsIn(request.certificate, request.hostname, cas)) return callback(TRUST)
    untrusted.set(request.hostname.toLowerCase(), top(request.certificate).issuerName)
    callback(CHROMIUM_VERDICT)
  })

  const route = async (url: string): Promise<string | undefined> => {
    try {
      // "DIRECT", or "PROXY host:port; DIRECT" and the like: the first entry is the one tried.
      const first = (await deps.session.resolveProxy(url)).split(';')[0]!.trim()
      return /^(PROXY|HTTPS|SOCKS\d?)\s+/i.test(first) ? first.replace(/^\S+\s+/, '') : undefined
    } catch {
      return undefined
    }
  }

  const netFetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    try {
      return await deps.netFetch(url, init)
    } catch (e) {
      if (e instanceof Error && /net::ERR_/.test(e.message)) {
        const annotate = e as Error & { issuer?: string; proxy?: string }
        const issuer = untrusted.get(new URL(url).hostname.toLowerCase())
        if (issuer && /ERR_CERT_/.test(e.message)) annotate.issuer = issuer
        const proxy = await route(url)
        if (proxy) annotate.proxy = proxy
      }
      throw e
    }
  }

  return {
    fetch: netFetch,
    async info(urls) {
      const origins = [...new Set(urls.map((u) => new URL(u).origin))]
      const routes = Object.fromEntries(await Promise.all(origins.map(async (o) => [o, (await route(o)) ? `proxy ${await route(o)}` : 'direct'] as const)))
      return {
        proxy: {
          source: setting === 'system' ? 'system (Chromium)' : setting === 'none' ? 'none (profile network.proxy)' : 'profile network.proxy',
          ...(setting !== 'system' && setting !== 'none' ? { https: proxyHost(setting), http: proxyHost(setting) } : {})
        },
        routes,
        certificateAuthorities: [
          'system (the operating system store, through Chromium)',
          ...(cas.length ? [`profile network.caCertificates: ${cas.map((c) => /CN=([^\n]+)/.exec(c.subject)?.[1] ?? c.subject).join(', ')}`] : [])
        ]
      }
    }
  }
}
