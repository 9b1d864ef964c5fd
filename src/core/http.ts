// The one HTTP layer: a timeout per attempt (AbortController), cancellation through the caller's signal,
// bounded retries with full jitter only where repeating is safe, and a named error for every failure.
import type { ErrorCode } from '@shared/errors'
import { LicenseDeskError } from './errors'

export interface HttpRequest {
  url: string
  method: 'GET' | 'POST'
  /** Evaluated per attempt, so a signed request gets a fresh Date on every retry. */
  headers?: Record<string, string> | (() => Record<string, string>)
  body?: string
  timeoutMs?: number
  signal?: AbortSignal
  /**
   * True when sending the request twice does no harm (reads, or writes the protocol makes idempotent).
   * Non-idempotent requests are retried only when they provably never reached the server.
   */
  idempotent: boolean
  maxAttempts?: number
  retryBaseMs?: number
  /** The longest Retry-After we are willing to wait inside one operation. */
  maxRetryAfterMs?: number
  onRetry?: (info: { attempt: number; delayMs: number; error: LicenseDeskError }) => void
  /** The largest answer read (bytes); a larger one fails with response_too_large. Default 4 MiB. */
  maxResponseBytes?: number
  /** Checks a response below 500; throwing a retryable LicenseDeskError (bad_response) retries it. */
  accept?: (res: HttpResponse) => void
  fetch?: typeof fetch
  random?: () => number
}

export interface HttpResponse {
  status: number
  headers: Headers
  text: string
  /** Local time (ms) when the response headers arrived. */
  receivedAt: number
}

const DEFAULTS = { timeoutMs: 15_000, maxAttempts: 3, retryBaseMs: 400, maxRetryAfterMs: 10_000, maxResponseBytes: 4 * 1024 * 1024 }

/** Errors that prove the request never left this computer or never reached the server. */
const NOT_SENT: ReadonlySet<ErrorCode> = new Set(['network_dns', 'network_refused'])

/** Node's codes for a certificate whose issuer is not trusted here (a private CA, or TLS inspection). */
export const UNTRUSTED_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED'
])

const TLS_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO'])

/**
 * Chromium's net errors (Electron's net.fetch rejects with `Error('net::ERR_…')`) -> our codes, so both
 * fetch implementations name the same failure the same way.
 */
const CHROMIUM: Record<string, ErrorCode> = {
  ERR_NAME_NOT_RESOLVED: 'network_dns',
  ERR_NAME_RESOLUTION_FAILED: 'network_dns',
  ERR_INTERNET_DISCONNECTED: 'network_dns',
  ERR_CONNECTION_REFUSED: 'network_refused',
  ERR_ADDRESS_UNREACHABLE: 'network_refused',
  ERR_TIMED_OUT: 'network_timeout',
  ERR_CONNECTION_TIMED_OUT: 'network_timeout',
  ERR_CONNECTION_RESET: 'network_reset',
  ERR_CONNECTION_CLOSED: 'network_reset',
  ERR_CONNECTION_ABORTED: 'network_reset',
  ERR_EMPTY_RESPONSE: 'network_reset',
  ERR_CONTENT_LENGTH_MISMATCH: 'network_reset',
  ERR_INCOMPLETE_CHUNKED_ENCODING: 'network_reset',
  ERR_PROXY_CONNECTION_FAILED: 'network_proxy_unreachable',
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: 'network_proxy_unreachable',
  ERR_PROXY_AUTH_REQUESTED: 'network_proxy_auth',
  ERR_PROXY_AUTH_UNSUPPORTED: 'network_proxy_auth',
  ERR_INVALID_AUTH_CREDENTIALS: 'network_proxy_auth',
  ERR_TUNNEL_CONNECTION_FAILED: 'network_proxy_refused',
  ERR_CERT_AUTHORITY_INVALID: 'network_tls_untrusted',
  ERR_CERT_COMMON_NAME_INVALID: 'network_tls',
  ERR_CERT_DATE_INVALID: 'network_tls',
  ERR_CERT_REVOKED: 'network_tls',
  ERR_CERT_INVALID: 'network_tls',
  ERR_SSL_PROTOCOL_ERROR: 'network_tls',
  ERR_TOO_MANY_REDIRECTS: 'network_redirect',
  ERR_UNSAFE_REDIRECT: 'network_redirect',
  ERR_INVALID_REDIRECT: 'network_redirect'
}

function host(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

type Link = { code?: string; message?: string; name?: string; issuer?: string; proxy?: string; port?: number; address?: string }

/** Maps a fetch failure (Node/undici, or Electron's Chromium `net::ERR_*`) to a named network error. */
export function classifyNetworkError(e: unknown, url: string): LicenseDeskError {
  const chain: Link[] = []
  let cur: unknown = e
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    chain.push(cur as Link)
    cur = (cur as { cause?: unknown }).cause
  }
  const codes = chain.map((c) => String(c.code ?? ''))
  const text = chain.map((c) => String(c.message ?? '')).join(' ')
  const h = host(url)
  // Set by the network set-up (src/core/network.ts, src/main/network.ts): the issuer a failed TLS check saw, the proxy used.
  const issuer = chain.find((c) => typeof c.issuer === 'string')?.issuer
  const proxy = chain.find((c) => typeof c.proxy === 'string')?.proxy
  const via = proxy ? `the proxy ${proxy}` : 'the proxy'
  const details = { ...(proxy ? { proxy } : {}), ...(issuer ? { issuer } : {}) }
  const has = (...xs: string[]) => codes.some((c) => xs.includes(c))
  const chromium = /net::(ERR_[A-Z0-9_]+)/.exec(text)?.[1]
  const named = chromium ? CHROMIUM[chromium] : undefined
  // undici's tunnel: "Proxy response (407) !== 200 when HTTP Tunneling"
  const tunnel = /Proxy response \((\d{3})\)/.exec(text)?.[1]
  if (tunnel === '407' || named === 'network_proxy_auth')
    return new LicenseDeskError(
      'network_proxy_auth',
      `${cap(via)} asks for a user name and password (HTTP 407) that were not given or were not accepted. Give them in the proxy setting (https://user:password@proxy:port), or ask your IT department.`,
      { details },
      { cause: e }
    )
  if (tunnel || named === 'network_proxy_refused')
    return new LicenseDeskError(
      'network_proxy_refused',
      `${cap(via)} would not connect to the license server ${h}${tunnel ? ` (it answered HTTP ${tunnel})` : ''}. Ask your IT department to allow ${h}, or check the proxy setting.`,
      { details },
      { cause: e }
    )
  const atProxy = proxy !== undefined && chain.some((c) => c.port !== undefined && proxy.endsWith(`:${c.port}`))
  if (named === 'network_proxy_unreachable' || (atProxy && has('ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ECONNRESET')))
    return new LicenseDeskError(
      'network_proxy_unreachable',
      `${cap(via)} cannot be reached. Check the proxy setting (HTTPS_PROXY, --proxy, or the system's), or ask your IT department.`,
      { details },
      { cause: e }
    )
  if (named === 'network_tls_untrusted' || codes.some((c) => UNTRUSTED_CODES.has(c)))
    return new LicenseDeskError(
      'network_tls_untrusted',
      `The certificate of ${h} ${issuer ? `was issued by "${issuer}", which` : 'was issued by an authority that'} this computer does not trust. If your company inspects secure connections, ask IT for its root certificate (a PEM file) and give it with NODE_EXTRA_CA_CERTS or the profile's network.caCertificates; otherwise contact support.`,
      { details },
      { cause: e }
    )
  if (named === 'network_redirect' || /redirect/i.test(text)) return redirectError(h)
  if (named) return new LicenseDeskError(named, defaultMessage(named, h), {}, { cause: e })
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) return new LicenseDeskError('network_dns', defaultMessage('network_dns', h), {}, { cause: e })
  if (has('ECONNREFUSED')) return new LicenseDeskError('network_refused', defaultMessage('network_refused', h), {}, { cause: e })
  if (codes.some((c) => TLS_CODES.has(c) || c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS')) || /certificate|ssl|tls/i.test(text))
    return new LicenseDeskError('network_tls', defaultMessage('network_tls', h), {}, { cause: e })
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'))
    return new LicenseDeskError('network_timeout', defaultMessage('network_timeout', h), {}, { cause: e })
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED') || /terminated|other side closed|socket/i.test(text))
    return new LicenseDeskError('network_reset', defaultMessage('network_reset', h), {}, { cause: e })
  return new LicenseDeskError('network_failed', `Could not reach the license server at ${h}.`, {}, { cause: e })
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1)

function defaultMessage(code: ErrorCode, h: string): string {
  switch (code) {
    case 'network_dns':
      return `The license server's name ${h} could not be found.`
    case 'network_refused':
      return `The license server at ${h} refused the connection.`
    case 'network_timeout':
      return `The license server at ${h} did not answer in time.`
    case 'network_reset':
      return `The connection to ${h} was cut off before the answer arrived.`
    case 'network_tls':
      return `The secure connection to ${h} could not be trusted (certificate problem).`
    default:
      return `Could not reach the license server at ${h}.`
  }
}

function redirectError(h: string, to?: string): LicenseDeskError {
  return new LicenseDeskError(
    'network_redirect',
    `The license server at ${h} answered with a redirect${to ? ` to ${to}` : ''}, which License Desk does not follow: a license request goes to the vendor's server only. If this network needs a sign-in page, sign in with a browser first; otherwise the server address in the vendor profile may be out of date.`
  )
}

/** The host a Location header names (never its path or query, which may carry tokens). */
function locationHost(location: string | null, base: string): string | undefined {
  if (!location) return undefined
  try {
    return new URL(location, base).host
  } catch {
    return undefined
  }
}

/** An HTML page where the API answers JSON or XML: a network's sign-in page or a proxy's block page. */
function htmlPage(res: HttpResponse): string | undefined {
  if (!/^text\/html\b/i.test(res.headers.get('content-type') ?? '') || !/^\s*</.test(res.text)) return undefined
  const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(res.text)?.[1]?.replace(/\s+/g, ' ').trim()
  return title ? title.slice(0, 80) : ''
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled())
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(t)
      reject(cancelled())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function cancelled(): LicenseDeskError {
  return new LicenseDeskError('cancelled', 'The operation was cancelled.')
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const t = Date.parse(value)
  return Number.isNaN(t) ? undefined : Math.max(0, t - now)
}

class TooLarge extends Error {}

/** Reads the body as UTF-8 text, refusing more than `max` bytes (memory stays bounded by the cap). */
async function readCapped(res: Response, max: number, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > max) {
    void res.body?.cancel().catch(() => {})
    throw new TooLarge()
  }
  if (!res.body) return ''
  const reader = res.body.getReader()
  // At the deadline the stream is cancelled too, so its connection closes even when fetch ignored the abort.
  const stop = () => void reader.cancel().catch(() => {})
  signal.addEventListener('abort', stop, { once: true })
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > max) {
      void reader.cancel().catch(() => {})
      throw new TooLarge()
    }
    chunks.push(value)
  }
  signal.removeEventListener('abort', stop)
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks))
}

/**
 * One attempt under a hard deadline covering the headers and the whole body: the abort is sent to fetch,
 * and the attempt ends at the deadline whether or not that fetch implementation honours it.
 */
async function attempt(req: HttpRequest, timeoutMs: number, maxBytes: number): Promise<HttpResponse> {
  const ctrl = new AbortController()
  let timedOut = false
  let expire: (e: Error) => void = () => {}
  const deadline = new Promise<never>((_, reject) => (expire = reject))
  const timer = setTimeout(() => {
    timedOut = true
    ctrl.abort()
    expire(new Error('deadline'))
  }, timeoutMs)
  const onAbort = () => {
    ctrl.abort()
    expire(new Error('cancelled'))
  }
  req.signal?.addEventListener('abort', onAbort, { once: true })
  const doFetch = req.fetch ?? fetch
  const headers = typeof req.headers === 'function' ? req.headers() : (req.headers ?? {})
  const h = host(req.url)
  try {
    const work = (async () => {
      const res = await doFetch(req.url, { method: req.method, headers, body: req.body, signal: ctrl.signal, redirect: 'manual' })
      const receivedAt = Date.now()
      // Never followed: a license request goes to the vendor's server only.
      if (res.status >= 300 && res.status < 400) {
        void res.body?.cancel().catch(() => {})
        throw redirectError(h, locationHost(res.headers.get('location'), req.url))
      }
      const text = await readCapped(res, maxBytes, ctrl.signal)
      return { status: res.status, headers: res.headers, text, receivedAt }
    })()
    work.catch(() => {}) // settles after the deadline when fetch ignores the abort
    return await Promise.race([work, deadline])
  } catch (e) {
    if (req.signal?.aborted) throw cancelled()
    if (timedOut) throw new LicenseDeskError('network_timeout', `The license server at ${h} did not answer within ${Math.round(timeoutMs / 1000)} s.`)
    if (e instanceof TooLarge)
      throw new LicenseDeskError(
        'response_too_large',
        `The answer from ${h} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, far more than a license answer; it was not read.`
      )
    if (e instanceof LicenseDeskError) throw e
    throw classifyNetworkError(e, req.url)
  } finally {
    clearTimeout(timer)
    req.signal?.removeEventListener('abort', onAbort)
  }
}

/**
 * Sends a request. Resolves with any response below 500 except 429 (callers read protocol errors from
 * the body); throws LicenseDeskError for network failures, exhausted 5xx/429 retries and cancellation.
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const o = { ...DEFAULTS, ...stripUndefined(req) }
  const random = req.random ?? Math.random
  let lastError: LicenseDeskError | undefined
  for (let n = 1; n <= o.maxAttempts; n++) {
    if (req.signal?.aborted) throw cancelled()
    let retryAfter: number | undefined
    try {
      const res = await attempt(req, o.timeoutMs, o.maxResponseBytes)
      const page = res.status === 511 || res.status < 300 || res.status === 403 ? htmlPage(res) : undefined
      if (page !== undefined || res.status === 511)
        throw new LicenseDeskError(
          'network_captive_portal',
          `A web page${page ? ` titled "${page}"` : ''} came back instead of the answer of the license server at ${host(req.url)}: this network may need you to sign in (hotel or guest Wi-Fi), or a company proxy blocked the request. Sign in with a browser, or ask your IT department to allow ${host(req.url)}.`,
          { httpStatus: res.status, ...(page ? { details: { pageTitle: page } } : {}) }
        )
      if (res.status < 500 && res.status !== 429) {
        req.accept?.(res)
        return res
      }
      retryAfter = parseRetryAfter(res.headers.get('retry-after'), Date.now())
      lastError =
        res.status === 429
          ? new LicenseDeskError('rate_limited', `The license server at ${host(req.url)} is limiting requests (HTTP 429).`, { httpStatus: 429 })
          : new LicenseDeskError('server_unavailable', `The license server at ${host(req.url)} had a problem (HTTP ${res.status}).`, {
              httpStatus: res.status,
              ...serverCodeOf(res.text)
            })
      // A 5xx or 429 answer means the server did not act on a non-idempotent request... usually; be safe.
      if (!req.idempotent) throw lastError
    } catch (e) {
      if (!(e instanceof LicenseDeskError)) throw e
      if (e.code === 'cancelled') throw e
      lastError = e
      const safe = req.idempotent || NOT_SENT.has(e.code)
      if (!safe || !e.info.retryable) throw e
    }
    if (n === o.maxAttempts) break
    let delay = Math.round(random() * o.retryBaseMs * 2 ** (n - 1))
    if (retryAfter !== undefined) {
      if (retryAfter > o.maxRetryAfterMs) break
      delay = Math.max(delay, retryAfter)
    }
    req.onRetry?.({ attempt: n + 1, delayMs: delay, error: lastError! })
    await sleep(delay, req.signal)
  }
  throw lastError!
}

function serverCodeOf(text: string): { serverCode?: string } {
  try {
    const j = JSON.parse(text) as { code?: unknown }
    return typeof j.code === 'string' ? { serverCode: j.code } : {}
  } catch {
    return {}
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
