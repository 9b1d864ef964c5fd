// The fault matrix: online activation, online deactivation and check against the local server's fault
// injection and against servers this test opens itself (TLS, DNS, refused). Each row asserts the named
// error (or the recovery), the user-facing text, that retries stay within their bound, and the local
// state exactly as it must be. The matrix is printed as a table.
import { execFileSync } from 'node:child_process'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toErrorInfo } from '@core/errors'
import { LicenseSpringClient } from '@core/providers/licensespring/client'
import type { LsProduct, Profile } from '@core/profile'
import { enScreens } from '../../src/renderer/src/i18n/en.screens'
import type { FaultSpec } from '../../src/server/index'
import { KEYS, startDemo, type Demo } from '../support/demo'
import { makeDesk, TEST_HWID } from '../support/desk'

type Op = 'activate' | 'deactivate' | 'check'
type Outcome = 'ok' | 'already released' | string

interface Row {
  fault: string
  op: Op
  spec?: FaultSpec
  /** Moves the product's API to another base URL (TLS, DNS, refused). */
  baseUrl?: () => string
  timeoutMs?: number
  outcome: Outcome
  /** Inclusive bounds on attempts (1 + retries). */
  attempts: [number, number]
  /** Whether the license must be active locally afterwards. */
  activeAfter: boolean
  clockWarning?: boolean
}

const MAX = 3 // the HTTP layer's attempt bound
let demo: Demo
let tls: HttpsServer
let tlsUrl = ''
let refusedUrl = ''
let certDir = ''
const table: string[][] = []

beforeAll(async () => {
  demo = await startDemo()
  certDir = mkdtempSync(join(tmpdir(), 'ld-tls-'))
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', join(certDir, 'k.pem'), '-out', join(certDir, 'c.pem')],
    { stdio: 'ignore' }
  )
  tls = createHttpsServer({ key: readFileSync(join(certDir, 'k.pem')), cert: readFileSync(join(certDir, 'c.pem')) }, (_q, r) => r.end('{}'))
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r))
  tlsUrl = `https://127.0.0.1:${(tls.address() as { port: number }).port}`
  const gone = await startDemo()
  refusedUrl = gone.server.url
  await gone.close()
})

afterAll(async () => {
  await new Promise<void>((r) => tls.close(() => r()))
  rmSync(certDir, { recursive: true, force: true })
  await demo.close()
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)))
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |'
  console.log(['', 'Fault matrix', line(table[0]!), line(widths.map((w) => '-'.repeat(w))), ...table.slice(1).map(line)].join('\n'))
})

const rows: Row[] = []
for (const op of ['activate', 'deactivate', 'check'] as Op[]) {
  const err = (code: string, attempts: [number, number]): Pick<Row, 'outcome' | 'attempts' | 'activeAfter'> => ({
    outcome: code,
    attempts,
    activeAfter: op !== 'activate'
  })
  rows.push(
    { fault: 'latency beyond the timeout', op, spec: { latencyMs: 700 }, timeoutMs: 250, ...err('network_timeout', [MAX, MAX]) },
    { fault: 'connection refused', op, baseUrl: () => refusedUrl, ...err('network_refused', [MAX, MAX]) },
    { fault: 'connection reset mid-response', op, spec: { dropConnection: true }, ...err('network_reset', [MAX, MAX]) },
    { fault: 'DNS failure', op, baseUrl: () => 'http://license-server.invalid', ...err('network_dns', [MAX, MAX]) },
    { fault: 'TLS: self-signed certificate', op, baseUrl: () => tlsUrl, ...err('network_tls_untrusted', [1, 1]) },
    { fault: 'HTTP 500', op, spec: { status: 500 }, ...err('server_unavailable', [MAX, MAX]) },
    { fault: 'HTTP 502', op, spec: { status: 502 }, ...err('server_unavailable', [MAX, MAX]) },
    { fault: 'HTTP 503', op, spec: { status: 503 }, ...err('server_unavailable', [MAX, MAX]) },
    { fault: '429 with Retry-After: 1', op, spec: { rateLimit: { retryAfterSeconds: 1 } }, ...err('rate_limited', [MAX, MAX]) },
    { fault: '429 once, then served', op, spec: { rateLimit: { retryAfterSeconds: 1 }, times: 1 }, outcome: 'ok', attempts: [2, 2], activeAfter: op !== 'deactivate' },
    { fault: 'HTML page (network sign-in) for JSON', op, spec: { malformed: 'html' }, ...err('network_captive_portal', [MAX, MAX]) },
    { fault: 'truncated JSON', op, spec: { malformed: 'truncated' }, ...err('bad_response', [MAX, MAX]) },
    { fault: 'empty body', op, spec: { malformed: 'empty' }, ...err('bad_response', [MAX, MAX]) },
    { fault: 'server clock 20 min ahead', op, spec: { clockSkewMs: 20 * 60_000 }, outcome: 'ok', attempts: [2, 2], activeAfter: op !== 'deactivate', clockWarning: true },
    { fault: 'server clock 20 min behind', op, spec: { clockSkewMs: -20 * 60_000 }, outcome: 'ok', attempts: [2, 2], activeAfter: op !== 'deactivate', clockWarning: true }
  )
}
rows.push({
  fault: 'response lost after the seat was released',
  op: 'deactivate',
  spec: { dropAfterCommit: true, times: 1 },
  outcome: 'already released',
  attempts: [2, 2],
  activeAfter: false
})
// Malformed answers to a deactivation the server already performed: the retry learns it is released.
for (const kind of ['html', 'truncated', 'empty'] as const)
  rows.push({ fault: `${kind} body once, after release`, op: 'deactivate', spec: { malformed: kind, times: 1 }, outcome: 'already released', attempts: [2, 2], activeAfter: false })

function withBase(profile: Profile, url: string): Profile {
  return { ...profile, products: profile.products.map((p) => (p.provider === 'licensespring' ? { ...p, licensespring: { ...p.licensespring, apiBaseUrl: url } } : p)) }
}

describe('fault matrix', () => {
  it.each(rows.map((r) => [`${r.op}: ${r.fault}`, r] as const))('%s', async (_name, row) => {
    if (table.length === 0) table.push(['operation', 'fault', 'outcome', 'attempts', 'user sees', 'local state'])
    demo.server.state.reset()
    demo.server.faults.clear()
    const dataDir = mkdtempSync(join(tmpdir(), 'ld-fm-'))
    try {
      const good = makeDesk(dataDir, demo.profile)
      if (row.op !== 'activate') await good.activateOnline('studio', { licenseKey: KEYS.fresh })
      const profile = row.baseUrl ? withBase(demo.profile, row.baseUrl()) : demo.profile
      const desk = makeDesk(dataDir, profile, row.timeoutMs ? { timeoutMs: row.timeoutMs } : {})
      let attempts = 1
      const onProgress = (e: { step: string }) => {
        if (e.step === 'retrying') attempts++
      }
      if (row.spec) demo.server.faults.set(row.spec)
      let outcome: Outcome
      let userSees = ''
      let clockOffset: number | undefined
      try {
        if (row.op === 'activate') {
          const r = await desk.activateOnline('studio', { licenseKey: KEYS.fresh }, { onProgress })
          clockOffset = r.clockOffsetMs
          outcome = 'ok'
        } else if (row.op === 'deactivate') {
          const r = await desk.deactivateOnline('studio', { onProgress })
          clockOffset = r.clockOffsetMs
          outcome = r.alreadyReleased ? 'already released' : 'ok'
        } else {
          const p = profile.products[0] as LsProduct
          const c = p.licensespring
          const client = new LicenseSpringClient(
            { ...c, auth: { kind: 'api-key', apiKey: c.apiKey!, sharedKey: c.sharedKey! } },
            { clock: { offsetMs: null }, timeoutMs: row.timeoutMs ?? 2000, retryBaseMs: 10 }
          )
          const r = await client.check(TEST_HWID, { licenseKey: KEYS.fresh }, { onProgress })
          clockOffset = r.clockOffsetMs
          outcome = 'ok'
        }
        userSees = outcome === 'already released' ? 'already released' : clockOffset !== undefined ? 'success + clock warning' : 'success'
      } catch (e) {
        const info = toErrorInfo(e)
        outcome = info.code
        expect(info.message.length).toBeGreaterThan(15)
        expect(info.message).not.toMatch(/undefined|\[object/)
        const text = (enScreens.errors as Record<string, { title: string }>)[info.code]
        expect(text?.title, `a user-facing title for ${info.code}`).toBeTruthy()
        userSees = text!.title
      } finally {
        demo.server.faults.clear()
      }
      const status = await makeDesk(dataDir, demo.profile).status()
      const active = status.products.find((p) => p.id === 'studio')!.state === 'active'
      table.push([row.op, row.fault, outcome, String(attempts), userSees, active ? 'active' : 'inactive'])
      expect(outcome).toBe(row.outcome)
      expect(attempts).toBeGreaterThanOrEqual(row.attempts[0])
      expect(attempts).toBeLessThanOrEqual(row.attempts[1])
      expect(active).toBe(row.activeAfter)
      if (row.clockWarning) expect(Math.abs(Math.abs(clockOffset ?? 0) - 20 * 60_000)).toBeLessThan(5_000)
      if (row.outcome === 'already released') expect(demo.server.state.devices(KEYS.fresh)).not.toContain(TEST_HWID)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
