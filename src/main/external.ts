// The guard in front of shell.openExternal: only https: and mailto: URLs whose host (for mailto: every
// recipient's domain) is one of the vendor profile's own hosts. Plain http: only to loopback hosts listed
// in the profile, and only for the built-in demo (whose local server speaks plain http on 127.0.0.1).
// Pure: no electron import; the side effect (opening) is done by the caller with the normalized URL.

export interface ExternalPolicy {
  /** Hosts as URL.host (lowercase, punycode, with a port when not the default), e.g. "vendor.com". */
  hosts: readonly string[]
  /** Allow http: to loopback hosts in `hosts` (demo profile only). */
  allowLoopbackHttp?: boolean
}

const MAX_URL_LENGTH = 4096
// Anything the WHATWG parser would silently strip or rewrite: C0 controls, space, DEL, C1 controls,
// backslash, and Unicode whitespace / invisible formatting characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const SUSPICIOUS = /[\u0000-\u0020\u007f-\u00a0\\\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
const MAIL_ADDRESS = /^[^@\s,;<>"()[\]\\]+@([^@\s,;<>"()[\]\\]+)$/
// The only mailto: header fields we ever send (RFC 6068 hfields). Anything else is refused: recipients
// (to/cc/bcc, also spelled with encodings or stray spaces a mail client may trim), and fields some mail
// clients act on, such as attach=/attachment= (attaching a local file) or from=/reply-to=.
const ALLOWED_MAILTO_HEADERS = new Set(['subject', 'body'])

/** Normalizes a host name or host:port the same way URL does (lowercase, IDN -> punycode); null when invalid. */
export function normalizeHost(host: string): string | null {
  if (typeof host !== 'string' || host.length === 0 || host.length > 255 || SUSPICIOUS.test(host)) return null
  if (/[/?#@]/.test(host)) return null
  try {
    const u = new URL(`https://${host}`)
    return u.host || null
  } catch {
    return null
  }
}

/**
 * True when `url` may be handed to shell.openExternal. Open `new URL(url).href`, never the raw string.
 * Refuses: other schemes (javascript:, file:, data:, smb:, ...), non-lowercase schemes, credentials in
 * the URL (https://vendor.com@evil.com), hosts not in the list (after IDN normalisation), whitespace
 * and control characters anywhere, backslashes, and mailto: links with any header other than subject and
 * body (no added recipients, no attach=), a fragment, or a second "?".
 */
export function isAllowedExternalUrl(url: unknown, allowedHosts: readonly string[] | ExternalPolicy): boolean {
  const policy: ExternalPolicy = Array.isArray(allowedHosts) ? { hosts: allowedHosts as readonly string[] } : (allowedHosts as ExternalPolicy)
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return false
  if (SUSPICIOUS.test(url)) return false
  const allowed = new Set<string>()
  for (const h of policy.hosts) {
    const n = normalizeHost(h)
    if (n) allowed.add(n)
  }
  if (allowed.size === 0) return false

  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }

  if (url.startsWith('https://')) {
    if (u.protocol !== 'https:' || u.username !== '' || u.password !== '') return false
    return allowed.has(u.host)
  }
  if (url.startsWith('http://')) {
    if (!policy.allowLoopbackHttp) return false
    if (u.protocol !== 'http:' || u.username !== '' || u.password !== '') return false
    return LOOPBACK.has(u.hostname) && allowed.has(u.host)
  }
  if (url.startsWith('mailto:')) {
    if (u.protocol !== 'mailto:') return false
    return mailtoAllowed(u, allowed)
  }
  return false
}

function mailtoAllowed(u: URL, allowed: Set<string>): boolean {
  // No fragment and no second "?": mail clients disagree on where the headers start and end.
  if (u.hash !== '' || u.search.indexOf('?', 1) !== -1) return false
  for (const [name, value] of u.searchParams) {
    const field = name.toLowerCase()
    if (!ALLOWED_MAILTO_HEADERS.has(field)) return false
    // A line break in the subject could add a header line in clients that build the message naively.
    if (field === 'subject' && /[\r\n]/.test(value)) return false
  }
  let to: string
  try {
    to = decodeURIComponent(u.pathname)
  } catch {
    return false
  }
  if (to.length === 0 || SUSPICIOUS.test(to)) return false
  const addresses = to.split(',')
  for (const address of addresses) {
    const m = MAIL_ADDRESS.exec(address)
    if (!m) return false
    const domain = normalizeHost(m[1])
    // A mail domain never carries a port.
    if (!domain || domain.includes(':') || !allowed.has(domain)) return false
  }
  return true
}

/**
 * Every host the vendor profile names: the host of each string field whose key ends in "Url"
 * (supportUrl, portalUrl, selfHelpUrl, apiBaseUrl, serviceUrl, ...) and the domain of each "...Email".
 */
export function profileExternalHosts(profile: unknown): string[] {
  const hosts = new Set<string>()
  const walk = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1)
      return
    }
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string') {
        if (/url$/i.test(key)) {
          try {
            const u = new URL(v)
            if ((u.protocol === 'https:' || u.protocol === 'http:') && u.host) hosts.add(u.host)
          } catch {
            /* not a URL: ignore */
          }
        } else if (/email$/i.test(key)) {
          const m = MAIL_ADDRESS.exec(v.trim())
          const d = m ? normalizeHost(m[1]) : null
          if (d) hosts.add(d)
        }
      } else walk(v, depth + 1)
    }
  }
  walk(profile, 0)
  return [...hosts]
}

export function externalPolicyFromProfile(profile: unknown, demo: boolean): ExternalPolicy {
  return { hosts: profileExternalHosts(profile), allowLoopbackHttp: demo }
}
