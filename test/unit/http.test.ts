import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LicenseDeskError } from '@core/errors'
import { classifyNetworkError, httpRequest, parseRetryAfter, type HttpRequest } from '@core/http'
import { createFakeNetFetch } from '../support/fake-electron'
import { closedPort, listen, rejection, removeTempDirs, startServer, tempDir, type TestServer } from '../support/tools'

// One server; each test picks a route and the server counts hits per route.
const hits: Record<string, number> = {}
const seen: Record<string, string[]> = {}
const streamed: Record<string, number> = {}
const closed: Record<string, number> = {}
let srv: TestServer
let tls: TestServer
let refusedUrl: string

function route(req: IncomingMessage, res: ServerResponse): void {
  const u = new URL(req.url!, 'http://x')
  // /<implementation>/<route>: each fetch implementation has its own counters
  const key = u.pathname.slice(1)
  const name = key.split('/').pop()!
  hits[key] = (hits[key] ?? 0) + 1
  ;(seen[key] ??= []).push(String(req.headers['x-attempt'] ?? ''))
  const n = hits[key]!
  switch (name) {
    case 'ok':
      res.end('hello')
      return
    case 'hang':
      return // never answers
    case 'reset':
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' })
      res.write('partial')
      setTimeout(() => res.socket?.destroy(), 20)
      return
    case 'always503':
      res.writeHead(503, { 'Content-Type': 'application/json' })
      res.end('{"status":503,"code":"internal_error","message":"down"}')
      return
    case 'twice503':
    case 'twice503b':
      if (n <= 2) {
        res.writeHead(503)
        res.end()
      } else res.end(`ok after ${n}`)
      return
    case 'rate1':
      if (n === 1) {
        res.writeHead(429, { 'Retry-After': '1' })
        res.end()
      } else res.end('ok')
      return
    case 'rate30':
      res.writeHead(429, { 'Retry-After': '30' })
      res.end()
      return
    case 'notfound':
      res.writeHead(404, { 'Content-Type': 'application/json' })
      res.end('{"code":"license_not_found"}')
      return
    case 'garbage-then-ok':
      res.end(n === 1 ? '<html>' : '{"a":1}')
      return
    case 'slowbody':
      res.writeHead(200, { 'Content-Length': '10' })
      res.write('12345')
      return // the rest never comes
    case 'stall':
      // the headers and 5 of 100,000 body bytes, then nothing, ever
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' })
      res.write('{"a":')
      req.socket.once('close', () => (closed[key] = (closed[key] ?? 0) + 1))
      return
    case 'huge-declared':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(400 * 1024 * 1024) })
      res.write('{"a":"')
      return
    case 'huge-stream': {
      // an endless answer without a length, written as fast as the client reads it
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 'a')
      const pump = () => {
        for (;;) {
          if (res.destroyed) return
          streamed[key] = (streamed[key] ?? 0) + chunk.length
          if (!res.write(chunk)) break
        }
        res.once('drain', pump)
      }
      res.on('close', () => res.removeAllListeners('drain'))
      pump()
      return
    }
    case 'portal':
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end('<!DOCTYPE html><html><head><title>Guest Wi-Fi   sign-in</title></head><body>Accept the terms</body></html>')
      return
    case 'nac511':
      res.writeHead(511, { 'Content-Type': 'text/plain' })
      res.end('Network Authentication Required')
      return
    case 'redirect':
      res.writeHead(302, { Location: '/ok' })
      res.end()
      return
    case 'gone':
      req.socket.destroy()
      return
    default:
      res.writeHead(500)
      res.end()
  }
}

beforeAll(async () => {
  srv = await startServer(route)
  refusedUrl = `http://127.0.0.1:${await closedPort()}/x`
  const dir = tempDir()
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    {
      stdio: 'ignore'
    }
  )
  const https = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_q, r) => r.end('secret'))
  tls = await listen(https as unknown as import('node:http').Server)
})

afterAll(async () => {
  await srv.close()
  await tls.close()
  removeTempDirs()
})

/** The same tests run over Node's fetch and over a stand-in for Electron's net.fetch (Chromium's error shapes). */
const IMPLS: Array<[string, string, typeof fetch | undefined]> = [
  ['Node fetch', 'node', undefined],
  ['Electron net.fetch (stand-in)', 'electron', createFakeNetFetch()]
]

describe.each(IMPLS)('%s', (_name, tag, F) => {
  const hit = (route: string) => hits[`${tag}/${route}`] ?? 0
  const base = (path: string, over: Partial<HttpRequest> = {}): HttpRequest => ({
    url: `${srv.url}/${tag}/${path}`,
    method: 'GET',
    idempotent: true,
    retryBaseMs: 5,
    timeoutMs: 2000,
    fetch: F,
    ...over
  })

  describe('httpRequest: network failures get named errors', () => {
    it('returns a 200 body', async () => {
      const r = await httpRequest(base('ok'))
      expect(r.status).toBe(200)
      expect(r.text).toBe('hello')
      expect(r.receivedAt).toBeGreaterThan(Date.now() - 5000)
    })

    it('timeout -> network_timeout, retried up to the bound when idempotent', async () => {
      const e = await rejection(httpRequest(base('hang', { timeoutMs: 150, maxAttempts: 2 })))
      expect(e).toBeInstanceOf(LicenseDeskError)
      expect(e.code).toBe('network_timeout')
      expect(e.info.retryable).toBe(true)
      expect(hit('hang')).toBe(2)
    })

    it('refused -> network_refused', async () => {
      let retries = 0
      const e = await rejection(httpRequest({ fetch: F, url: refusedUrl, method: 'GET', idempotent: true, retryBaseMs: 1, onRetry: () => retries++ }))
      expect(e.code).toBe('network_refused')
      expect(retries).toBe(2)
    })

    it('non-idempotent requests are retried when the connection was refused (never sent)', async () => {
      const attempts: number[] = []
      const e = await rejection(
        httpRequest({ fetch: F, url: refusedUrl, method: 'POST', body: 'x', idempotent: false, retryBaseMs: 1, maxAttempts: 3, onRetry: (i) => attempts.push(i.attempt) })
      )
      expect(e.code).toBe('network_refused')
      expect(attempts).toEqual([2, 3])
    })

    it('reset mid-response -> network_reset', async () => {
      const e = await rejection(httpRequest(base('reset', { maxAttempts: 1 })))
      expect(e.code).toBe('network_reset')
      expect(hit('reset')).toBe(1)
    })

    it('a non-idempotent request cut off is not retried', async () => {
      const e = await rejection(httpRequest(base('gone', { method: 'POST', body: '{}', idempotent: false, maxAttempts: 3 })))
      expect(e.code).toBe('network_reset')
      expect(hit('gone')).toBe(1)
    })

    it('headers that arrive without the body still time out', async () => {
      const e = await rejection(httpRequest(base('slowbody', { timeoutMs: 200, maxAttempts: 1 })))
      expect(e.code).toBe('network_timeout')
    })

    it('redirects are not followed (a license request must not be sent elsewhere)', async () => {
      const before = hit('ok')
      const e = await rejection(httpRequest(base('redirect')))
      expect(e.code).toBe('network_redirect')
      expect(hit('redirect')).toBe(1)
      expect(hit('ok')).toBe(before)
    })

    it('the deadline covers the whole body, even when fetch ignores the abort (headers, 5 bytes, then a stall)', async () => {
      const deaf: typeof fetch = (u, init) => (F ?? fetch)(u, { ...init, signal: undefined })
      const t0 = Date.now()
      const e = await rejection(httpRequest(base('stall', { fetch: deaf, timeoutMs: 300, maxAttempts: 2 })))
      expect(e.code).toBe('network_timeout')
      expect(Date.now() - t0).toBeLessThan(2000)
      expect(hit('stall')).toBe(2)
      // and the connections were closed, not left to hang until the fetch gives up on its own
      for (let i = 0; i < 50 && (closed[`${tag}/stall`] ?? 0) < 2; i++) await new Promise((r) => setTimeout(r, 20))
      expect(closed[`${tag}/stall`]).toBe(2)
    })

    it('an answer declared larger than the cap is refused unread, named, and not retried', async () => {
      const e = await rejection(httpRequest(base('huge-declared', { maxResponseBytes: 1024 * 1024 })))
      expect(e.code).toBe('response_too_large')
      expect(e.message).toContain('1 MB')
      expect(hit('huge-declared')).toBe(1)
    })

    it('an endless answer stops at the cap: memory stays bounded', async () => {
      const before = process.memoryUsage().heapUsed
      const e = await rejection(httpRequest(base('huge-stream', { maxResponseBytes: 2 * 1024 * 1024, timeoutMs: 10_000 })))
      expect(e.code).toBe('response_too_large')
      expect(hit('huge-stream')).toBe(1)
      // the client stopped reading soon after the cap (socket buffers aside), and kept no more than it read
      expect(streamed[`${tag}/huge-stream`]).toBeLessThan(32 * 1024 * 1024)
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024)
    })

    it('an HTML page in place of the answer is named (captive portal or proxy page), with its title', async () => {
      const e = await rejection(httpRequest(base('portal', { maxAttempts: 2 })))
      expect(e.code).toBe('network_captive_portal')
      expect(e.message).toContain('"Guest Wi-Fi sign-in"')
      expect(hit('portal')).toBe(2)
      const e511 = await rejection(httpRequest(base('nac511', { maxAttempts: 1 })))
      expect(e511.code).toBe('network_captive_portal')
    })

    it('DNS failure -> network_dns', async () => {
      const e = await rejection(httpRequest({ fetch: F, url: 'http://nonexistent.invalid/api', method: 'GET', idempotent: true, maxAttempts: 1, timeoutMs: 5000 }))
      expect(e.code).toBe('network_dns')
      expect(e.message).toContain('nonexistent.invalid')
    })

    it('self-signed TLS certificate -> network_tls_untrusted, not retried', async () => {
      const e = await rejection(httpRequest({ fetch: F, url: `https://localhost:${tls.port}/`, method: 'GET', idempotent: true }))
      expect(e.code).toBe('network_tls_untrusted')
      expect(e.info.retryable).toBe(false)
    })
  })

  describe('httpRequest: retries', () => {
    it('5xx is retried up to maxAttempts for idempotent requests, then server_unavailable', async () => {
      const e = await rejection(httpRequest(base('always503', { maxAttempts: 3 })))
      expect(e.code).toBe('server_unavailable')
      expect(e.info.httpStatus).toBe(503)
      expect(e.info.serverCode).toBe('internal_error')
      expect(hit('always503')).toBe(3)
    })

    it('5xx then success resolves, with headers evaluated per attempt', async () => {
      let n = 0
      const r = await httpRequest(base('twice503', { headers: () => ({ 'X-Attempt': String(++n) }) }))
      expect(r.text).toBe('ok after 3')
      expect(seen[`${tag}/twice503`]).toEqual(['1', '2', '3'])
    })

    it('a static headers object is sent on every attempt', async () => {
      await httpRequest(base('twice503b', { headers: { 'X-Attempt': 'same' } }))
      expect(seen[`${tag}/twice503b`]).toEqual(['same', 'same', 'same'])
    })

    it('non-idempotent requests are not retried on 5xx', async () => {
      const before = hit('always503')
      const e = await rejection(httpRequest(base('always503', { method: 'POST', body: '{}', idempotent: false, maxAttempts: 5 })))
      expect(e.code).toBe('server_unavailable')
      expect(hit('always503') - before).toBe(1)
    })

    it('non-idempotent requests are not retried on 429 either', async () => {
      const before = hit('rate30')
      const e = await rejection(httpRequest(base('rate30', { method: 'POST', body: '{}', idempotent: false, maxRetryAfterMs: 60_000 })))
      expect(e.code).toBe('rate_limited')
      expect(hit('rate30') - before).toBe(1)
    })

    it('4xx is returned to the caller, not retried', async () => {
      const r = await httpRequest(base('notfound'))
      expect(r.status).toBe(404)
      expect(hit('notfound')).toBe(1)
    })

    it('honours a small Retry-After on 429', async () => {
      const delays: number[] = []
      const t0 = Date.now()
      const r = await httpRequest(base('rate1', { random: () => 0, onRetry: (i) => delays.push(i.delayMs) }))
      expect(r.text).toBe('ok')
      expect(delays).toEqual([1000])
      expect(Date.now() - t0).toBeGreaterThanOrEqual(950)
      expect(hit('rate1')).toBe(2)
    })

    it('does not wait for a Retry-After above maxRetryAfterMs', async () => {
      const t0 = Date.now()
      const before = hit('rate30')
      const e = await rejection(httpRequest(base('rate30', { maxRetryAfterMs: 2000 })))
      expect(e.code).toBe('rate_limited')
      expect(e.info.httpStatus).toBe(429)
      expect(hit('rate30') - before).toBe(1)
      expect(Date.now() - t0).toBeLessThan(1500)
    })

    it('an accept() that throws bad_response retries an idempotent request', async () => {
      const r = await httpRequest(
        base('garbage-then-ok', {
          accept: (res) => {
            try {
              JSON.parse(res.text)
            } catch {
              throw new LicenseDeskError('bad_response', 'bad')
            }
          }
        })
      )
      expect(r.text).toBe('{"a":1}')
      expect(hit('garbage-then-ok')).toBe(2)
    })
  })

  describe('httpRequest: cancellation', () => {
    it('an already aborted signal -> cancelled without a request', async () => {
      const ctrl = new AbortController()
      ctrl.abort()
      const before = hit('ok')
      const e = await rejection(httpRequest(base('ok', { signal: ctrl.signal })))
      expect(e.code).toBe('cancelled')
      expect(hit('ok')).toBe(before)
    })

    it('aborting during a request -> cancelled, no further attempt', async () => {
      const ctrl = new AbortController()
      setTimeout(() => ctrl.abort(), 100)
      const before = hit('hang')
      const e = await rejection(httpRequest(base('hang', { signal: ctrl.signal, timeoutMs: 5000, maxAttempts: 3 })))
      expect(e.code).toBe('cancelled')
      await new Promise((r) => setTimeout(r, 100))
      expect(hit('hang') - before).toBe(1)
    })

    it('aborting during the backoff wait -> cancelled, no further attempt', async () => {
      const ctrl = new AbortController()
      const before = hit('always503')
      const t0 = Date.now()
      const e = await rejection(
        httpRequest(
          base('always503', {
            signal: ctrl.signal,
            retryBaseMs: 10_000,
            random: () => 1,
            onRetry: () => setTimeout(() => ctrl.abort(), 30)
          })
        )
      )
      expect(e.code).toBe('cancelled')
      expect(Date.now() - t0).toBeLessThan(3000)
      expect(hit('always503') - before).toBe(1)
    })
  })
})

describe('httpRequest: backoff jitter', () => {
  const fake503: typeof fetch = async () => new Response('', { status: 503 })
  const delaysWith = async (random: () => number, retryBaseMs = 20, maxAttempts = 4) => {
    const delays: number[] = []
    await rejection(
      httpRequest({ url: 'http://unused.test/', method: 'GET', idempotent: true, fetch: fake503, retryBaseMs, maxAttempts, random, onRetry: (i) => delays.push(i.delayMs) })
    )
    return delays
  }

  it('is full jitter: random * base * 2^(n-1), bounded by the exponential cap', async () => {
    expect(await delaysWith(() => 0)).toEqual([0, 0, 0])
    expect(await delaysWith(() => 1)).toEqual([20, 40, 80])
    expect(await delaysWith(() => 0.5)).toEqual([10, 20, 40])
    const seq = [0.999, 0.1, 0.73]
    const d = await delaysWith(() => seq.shift()!)
    expect(d[0]).toBeLessThanOrEqual(20)
    expect(d[1]).toBeLessThanOrEqual(40)
    expect(d[2]).toBeLessThanOrEqual(80)
    expect(d).toEqual([20, 4, 58])
  })

  it('uses the injected fetch and gives up after maxAttempts', async () => {
    let calls = 0
    const f: typeof fetch = async () => {
      calls++
      return new Response('', { status: 502 })
    }
    const e = await rejection(httpRequest({ url: 'http://unused.test/', method: 'GET', idempotent: true, fetch: f, retryBaseMs: 1, maxAttempts: 2 }))
    expect(e.code).toBe('server_unavailable')
    expect(calls).toBe(2)
  })
})

describe('parseRetryAfter and classifyNetworkError', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0)
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:10 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it('walks the cause chain', () => {
    const wrap = (code: string, message = 'fetch failed') => Object.assign(new TypeError(message), { cause: Object.assign(new Error('x'), { code }) })
    expect(classifyNetworkError(wrap('ENOTFOUND'), 'http://h/').code).toBe('network_dns')
    expect(classifyNetworkError(wrap('EAI_AGAIN'), 'http://h/').code).toBe('network_dns')
    expect(classifyNetworkError(wrap('ECONNREFUSED'), 'http://h/').code).toBe('network_refused')
    expect(classifyNetworkError(wrap('CERT_HAS_EXPIRED'), 'http://h/').code).toBe('network_tls')
    expect(classifyNetworkError(wrap('UND_ERR_CONNECT_TIMEOUT'), 'http://h/').code).toBe('network_timeout')
    expect(classifyNetworkError(wrap('ECONNRESET'), 'http://h/').code).toBe('network_reset')
    expect(classifyNetworkError(wrap('EWHATEVER'), 'http://h:8/').code).toBe('network_failed')
    expect(classifyNetworkError(wrap('EWHATEVER'), 'http://h:8/').message).toContain('h:8')
  })

  it("names Chromium's net errors (Electron net.fetch) as Node's", () => {
    const net = (name: string) => classifyNetworkError(new Error(`net::${name}`), 'https://licenses.example:8443/x')
    expect(net('ERR_NAME_NOT_RESOLVED').code).toBe('network_dns')
    expect(net('ERR_CONNECTION_REFUSED').code).toBe('network_refused')
    expect(net('ERR_TIMED_OUT').code).toBe('network_timeout')
    expect(net('ERR_CONNECTION_RESET').code).toBe('network_reset')
    expect(net('ERR_PROXY_CONNECTION_FAILED').code).toBe('network_proxy_unreachable')
    expect(net('ERR_PROXY_AUTH_REQUESTED').code).toBe('network_proxy_auth')
    expect(net('ERR_TUNNEL_CONNECTION_FAILED').code).toBe('network_proxy_refused')
    expect(net('ERR_CERT_AUTHORITY_INVALID').code).toBe('network_tls_untrusted')
    expect(net('ERR_CERT_DATE_INVALID').code).toBe('network_tls')
    expect(net('ERR_SOMETHING_NEW').code).toBe('network_failed')
    expect(classifyNetworkError(new Error("Attempted to redirect, but redirect policy was 'error'"), 'https://h/').code).toBe('network_redirect')
    expect(classifyNetworkError(new Error('Redirect was cancelled'), 'https://h/').code).toBe('network_redirect')
  })

  it('names the issuer and the proxy the network set-up attached, never more of the proxy URL', () => {
    const e = Object.assign(new Error('net::ERR_CERT_AUTHORITY_INVALID'), { issuer: 'Corp Inspection CA', proxy: 'proxy.corp:8080' })
    const tls = classifyNetworkError(e, 'https://h/')
    expect(tls.message).toContain('"Corp Inspection CA"')
    expect(tls.message).toContain('NODE_EXTRA_CA_CERTS')
    const auth = classifyNetworkError(
      Object.assign(new TypeError('fetch failed'), { proxy: 'proxy.corp:8080', cause: new Error('Proxy response (407) !== 200 when HTTP Tunneling') }),
      'https://h/'
    )
    expect(auth.code).toBe('network_proxy_auth')
    expect(auth.message).toContain('proxy.corp:8080')
    const refused = classifyNetworkError(Object.assign(new TypeError('fetch failed'), { cause: new Error('Proxy response (403) !== 200 when HTTP Tunneling') }), 'https://h/')
    expect(refused.code).toBe('network_proxy_refused')
    expect(refused.message).toContain('HTTP 403')
  })
})
