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

const DEFAULTS = { timeoutMs: 15_000, maxAttempts: 3, retryBaseMs: 400, maxRetryAfterMs: 10_000 }

/** Errors that prove the request never left this computer or never reached the server. */
const NOT_SENT: ReadonlySet<ErrorCode> = new Set(['network_dns', 'network_refused'])

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO'
])

function host(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/** Maps a fetch/undici failure to a named network error. */
export function classifyNetworkError(e: unknown, url: string): LicenseDeskError {
  const chain: Array<{ code?: string; message?: string; name?: string }> = []
  let cur: unknown = e
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    chain.push(cur as { code?: string })
    cur = (cur as { cause?: unknown }).cause
  }
  const codes = chain.map((c) => String(c.code ?? ''))
  const text = chain.map((c) => String(c.message ?? '')).join(' ')
  const h = host(url)
  const has = (...xs: string[]) => codes.some((c) => xs.includes(c))
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) return new LicenseDeskError('network_dns', `The license server's name ${h} could not be found.`, {}, { cause: e })
  if (has('ECONNREFUSED')) return new LicenseDeskError('network_refused', `The license server at ${h} refused the connection.`, {}, { cause: e })
  if (codes.some((c) => TLS_CODES.has(c) || c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS')) || /certificate|ssl|tls/i.test(text))
    return new LicenseDeskError('network_tls', `The secure connection to ${h} could not be trusted (certificate problem).`, {}, { cause: e })
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'))
    return new LicenseDeskError('network_timeout', `The license server at ${h} did not answer in time.`, {}, { cause: e })
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED') || /terminated|other side closed|socket/i.test(text))
    return new LicenseDeskError('network_reset', `The connection to ${h} was cut off before the answer arrived.`, {}, { cause: e })
  return new LicenseDeskError('network_failed', `Could not reach the license server at ${h}.`, {}, { cause: e })
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

async function attempt(req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  const ctrl = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    ctrl.abort()
  }, timeoutMs)
  const onAbort = () => ctrl.abort()
  req.signal?.addEventListener('abort', onAbort, { once: true })
  const doFetch = req.fetch ?? fetch
  const headers = typeof req.headers === 'function' ? req.headers() : (req.headers ?? {})
  try {
    const res = await doFetch(req.url, { method: req.method, headers, body: req.body, signal: ctrl.signal, redirect: 'error' })
    const receivedAt = Date.now()
    const text = await res.text()
    return { status: res.status, headers: res.headers, text, receivedAt }
  } catch (e) {
    if (req.signal?.aborted) throw cancelled()
    if (timedOut) throw new LicenseDeskError('network_timeout', `The license server at ${host(req.url)} did not answer within ${Math.round(timeoutMs / 1000)} s.`)
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
      const res = await attempt(req, o.timeoutMs)
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
