import { readFileSync } from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import { LicenseSpringClient, licenseSignatureMessage, lsError, rsaVerify, verifyLicenseSignature, type ClockState } from '@core/providers/licensespring/client'
import { DEMO_PRIVATE_KEY, DEMO_PUBLIC_KEY, opensslSignB64, rejection } from '../support/tools'
import { demoSeed, lsCalls, lsErrorAnswer, scriptAnswers, useServer } from '../support/server'
import type { FaultSpec, ScriptedReply } from '../../src/server/index'

const PUB = readFileSync(DEMO_PUBLIC_KEY, 'utf8')
const API_KEY = 'api-key-1'
const SHARED = 'shared-key-XYZ'
const HW = 'b'.repeat(64)
const KEY = 'AAAA-BBBB-CCCC-DDDD'

let clock: ClockState

// The local server (reset before each test), knowing this client's API key and product with a key and a user.
const server = useServer(undefined, {
  seed: demoSeed((s) => {
    s.licensespring.apiKeys.push({ apiKey: API_KEY, sharedKey: SHARED })
    s.licensespring.products.push({ shortCode: 'prod', name: 'Prod', authorizationMethod: 'license-key' })
    const base = { product: 'prod', type: 'perpetual' as const, validityPeriod: '2030-01-01T00:00:00.000Z', maxActivations: 3, maxTransfers: 10, enabled: true, active: true }
    s.licensespring.licenses.push({ id: 9001, licenseKey: KEY, ...base }, { id: 9002, username: 'user@example.com', password: 'pw', ...base })
  })
})
const ls = {
  get url() {
    return server.url
  },
  /** the LicenseSpring requests the server received, their signatures checked with our keys */
  get calls() {
    return lsCalls(server, { apiKey: API_KEY, sharedKey: SHARED })
  },
  /** the devices holding a seat of a key */
  active: { get: (identity: string) => new Set(server.state.devices(identity)) },
  /** the next answers, word for word */
  answer: (...answers: ScriptedReply[]) => scriptAnswers(server, '/api/v4/', ...answers),
  fault: (spec: FaultSpec) => server.faults.set(spec)
}

beforeEach(() => {
  clock = { offsetMs: null }
})

const client = (over: { publicKeyPem?: string; sharedKey?: string } = {}) =>
  new LicenseSpringClient(
    {
      apiBaseUrl: `${ls.url}/`,
      auth: { kind: 'api-key', apiKey: API_KEY, sharedKey: over.sharedKey ?? SHARED },
      productCode: 'prod',
      publicKeyPem: 'publicKeyPem' in over ? over.publicKeyPem : PUB
    },
    { clock, retryBaseMs: 5, timeoutMs: 2000 }
  )

describe('LicenseSpringClient happy paths', () => {
  it('activates with a signed POST the server verifies independently', async () => {
    const r = await client().activate(HW, { licenseKey: KEY }, {}, { os_ver: 'x' })
    expect(r.license.license_key).toBe(KEY)
    expect(r.clockOffsetMs).toBeUndefined()
    expect(ls.calls).toHaveLength(1)
    const c = ls.calls[0]!
    expect(c.method).toBe('POST')
    expect(c.path).toBe('/api/v4/activate_license')
    expect(c.authOk).toBe(true)
    expect(c.headers['content-type']).toBe('application/json')
    expect(c.headers.accept).toBe('application/json')
    expect(JSON.parse(c.body)).toEqual({ hardware_id: HW, product: 'prod', license_key: KEY, os_ver: 'x' })
    expect(ls.active.get(KEY)?.has(HW)).toBe(true)
    // The clock was learnt from the Date header (about zero here).
    expect(Math.abs(clock.offsetMs!)).toBeLessThan(2000)
  })

  it('activates with username and password', async () => {
    await client().activate(HW, { username: 'user@example.com', password: 'pw' })
    expect(JSON.parse(ls.calls[0]!.body)).toMatchObject({ username: 'user@example.com', password: 'pw' })
  })

  it('checks with a signed GET carrying the query', async () => {
    await client().activate(HW, { licenseKey: KEY })
    const r = await client().check(HW, { licenseKey: KEY })
    expect(r.license.license_active).toBe(true)
    const c = ls.calls[1]!
    expect(c.method).toBe('GET')
    expect(c.path).toBe('/api/v4/check_license')
    expect(Object.fromEntries(c.query)).toEqual({ hardware_id: HW, product: 'prod', license_key: KEY })
    expect(c.authOk).toBe(true)
  })

  it('checks by username, and reports progress', async () => {
    await client().activate(HW, { username: 'user@example.com', password: 'pw' })
    const steps: string[] = []
    await client().check(HW, { username: 'user@example.com' }, { onProgress: (e) => steps.push(e.step) })
    expect(Object.fromEntries(ls.calls[1]!.query)).toEqual({ hardware_id: HW, product: 'prod', username: 'user@example.com' })
    expect(steps).toEqual(['contacting'])
  })

  it('reports a retry step with its attempt number', async () => {
    ls.answer(lsErrorAnswer(503, 'internal_error'))
    const steps: Array<{ step: string; attempt?: number }> = []
    await client().activate(HW, { licenseKey: KEY }, { onProgress: (e) => steps.push({ step: e.step, attempt: (e as { attempt?: number }).attempt }) })
    expect(steps).toEqual([{ step: 'contacting' }, { step: 'retrying', attempt: 2 }])
  })

  it('cancellation stops before any request', async () => {
    const ctrl = new AbortController()
    ctrl.abort()
    const e = await rejection(client().activate(HW, { licenseKey: KEY }, { signal: ctrl.signal }))
    expect(e.code).toBe('cancelled')
    expect(ls.calls).toHaveLength(0)
  })

  it('deactivates: license_deactivated -> alreadyReleased false', async () => {
    await client().activate(HW, { licenseKey: KEY })
    const r = await client().deactivate(HW, { licenseKey: KEY })
    expect(r.alreadyReleased).toBe(false)
    expect(ls.active.get(KEY)?.has(HW)).toBe(false)
    expect(ls.calls[1]!.authOk).toBe(true)
  })

  it('a wrong shared key is refused by the server (signature_mismatch)', async () => {
    const e = await rejection(client({ sharedKey: 'other' }).activate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('server_refused')
    expect(e.info.serverCode).toBe('signature_mismatch')
    expect(ls.calls[0]!.authOk).toBe(false)
  })
})

describe('LicenseSpringClient server errors', () => {
  const codes: Array<[string, number]> = [
    ['unknown_product', 400],
    ['license_not_found', 400],
    ['license_not_active', 400],
    ['license_not_enabled', 400],
    ['device_not_found', 400],
    ['missing_headers', 400],
    ['missing_parameters', 400],
    ['authorization_invalid_headers', 401],
    ['authorization_missing_params', 401],
    ['invalid_api_key', 401],
    ['signature_mismatch', 400],
    ['signature_mismatch', 401],
    ['license_activated_max_times', 400],
    ['license_transferred_max_times', 400],
    ['license_expired', 400],
    ['trial_expired', 400],
    ['blacklisted', 403],
    ['vm_not_allowed', 400],
    ['license_start_date_error', 400],
    ['license_device_exists', 409],
    ['offline_floating_cloud_not_supported', 400]
  ]
  it.each(codes)('%s (%i) -> server_refused with serverCode', async (code, status) => {
    ls.answer(lsErrorAnswer(status, code, `msg for ${code}`))
    const e = await rejection(client().activate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('server_refused')
    expect(e.info.serverCode).toBe(code)
    expect(e.info.serverMessage).toBe(`msg for ${code}`)
    expect(e.info.httpStatus).toBe(status)
    expect(ls.calls).toHaveLength(1)
  })

  it('internal_error 500 is retried, then server_unavailable with the server code', async () => {
    ls.answer(...Array(3).fill(lsErrorAnswer(500, 'internal_error')))
    const e = await rejection(client().activate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('server_unavailable')
    expect(e.info.serverCode).toBe('internal_error')
    expect(ls.calls).toHaveLength(3)
    // Every attempt was signed afresh and correctly.
    expect(ls.calls.every((c) => c.authOk)).toBe(true)
  })

  it('an error status without an error body -> http_status', () => {
    const e = lsError({ status: 418, headers: new Headers(), text: '<html>teapot</html>', receivedAt: 0 })
    expect(e.code).toBe('http_status')
    expect(e.info.httpStatus).toBe(418)
  })

  it('a 200 that is not a JSON object is retried and then bad_response', async () => {
    ls.answer(...Array(3).fill({ status: 200, body: '<html>proxy</html>' }))
    const e = await rejection(client().activate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('bad_response')
    expect(ls.calls).toHaveLength(3)
  })
})

describe('LicenseSpringClient clock handling', () => {
  it('date_header_diff -> one re-signed retry using the server Date offset -> success, offset reported', async () => {
    ls.fault({ clockSkewMs: 3_600_000 }) // the server is one hour ahead of us
    const r = await client().activate(HW, { licenseKey: KEY })
    expect(ls.calls).toHaveLength(2)
    expect(JSON.parse(ls.calls[0]!.body)).toBeTruthy()
    expect(Math.abs(ls.calls[0]!.dateSkewMs)).toBeGreaterThan(15 * 60_000)
    expect(Math.abs(ls.calls[1]!.dateSkewMs)).toBeLessThan(3000)
    expect(ls.calls[1]!.authOk).toBe(true)
    // The second request carries a different, re-signed Date.
    expect(ls.calls[1]!.headers.date).not.toBe(ls.calls[0]!.headers.date)
    expect(r.clockOffsetMs).toBeGreaterThan(3_600_000 - 3000)
    expect(r.clockOffsetMs).toBeLessThan(3_600_000 + 3000)
    expect(clock.offsetMs).toBe(r.clockOffsetMs)
    // The next request is signed with the learnt offset straight away.
    await client().check(HW, { licenseKey: KEY })
    expect(ls.calls).toHaveLength(3)
    expect(Math.abs(ls.calls[2]!.dateSkewMs)).toBeLessThan(3000)
  })

  it('date_header_diff twice -> clock_skew after exactly two requests', async () => {
    ls.answer(...Array(3).fill(lsErrorAnswer(400, 'date_header_diff')))
    const e = await rejection(client().activate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('clock_skew')
    expect(e.info.serverCode).toBe('date_header_diff')
    expect(e.info.nextStep).toBe('fix_clock')
    expect(ls.calls).toHaveLength(2)
  })

  it('a large offset learnt on success is reported as a warning', async () => {
    ls.fault({ clockSkewMs: 10 * 60_000 }) // within the server tolerance, above the warning threshold
    const r = await client().activate(HW, { licenseKey: KEY })
    expect(ls.calls).toHaveLength(1)
    expect(r.clockOffsetMs).toBeGreaterThan(10 * 60_000 - 3000)
  })

  it('calls onLearn with the offset', async () => {
    const learnt: number[] = []
    clock.onLearn = (o) => learnt.push(o)
    await client().activate(HW, { licenseKey: KEY })
    expect(learnt).toHaveLength(1)
  })
})

describe('LicenseSpringClient response signatures', () => {
  it('rejects a tampered LicenseSignature header', async () => {
    ls.fault({ tamper: ['signatureHeader'] })
    const e = await rejection(client().activate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('signature_invalid')
  })

  it('rejects a tampered license_signature', async () => {
    ls.fault({ tamper: ['licenseSignature'] })
    const e = await rejection(client().activate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('signature_invalid')
    expect(e.message).toContain('license data')
  })

  it('rejects an answer whose body was changed after signing (header over the raw bytes)', async () => {
    ls.fault({ tamper: ['bodyAfterSigning'] })
    const e = await rejection(client().activate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('signature_invalid')
  })

  it('accepts a body signed by openssl over the exact bytes, even with unusual key order', async () => {
    const licenseSignature = opensslSignB64(DEMO_PRIVATE_KEY, `${HW}#${KEY}#2030-01-01T00:00:00.000Z`.toLowerCase())
    const body = `{ "z": 1,\n "license_signature": ${JSON.stringify(licenseSignature)}, "license_key": "${KEY}", "validity_period": "2030-01-01T00:00:00.000Z", "hardware_id": "${HW}" }`
    ls.answer({ status: 200, headers: { 'Content-Type': 'application/json', LicenseSignature: opensslSignB64(DEMO_PRIVATE_KEY, body) }, body })
    const r = await client().activate(HW, { licenseKey: KEY })
    expect(r.license.z).toBe(1)
  })

  it('skips signature checks when no public key is configured', async () => {
    ls.fault({ tamper: ['licenseSignature', 'signatureHeader'] })
    const r = await client({ publicKeyPem: undefined }).activate(HW, { licenseKey: KEY })
    expect(r.license.license_key).toBe(KEY)
  })

  it('license_signature message: lowercase, ISO-8601 with milliseconds, empty validity', () => {
    expect(licenseSignatureMessage('ABC', 'Key-1', '2030-01-01T00:00:00Z')).toBe('abc#key-1#2030-01-01t00:00:00.000z')
    expect(licenseSignatureMessage('ABC', 'Key-1', null)).toBe('abc#key-1#')
    const sig = opensslSignB64(DEMO_PRIVATE_KEY, 'abc#key-1#2030-01-01t00:00:00.000z')
    expect(verifyLicenseSignature(PUB, { license_signature: sig, validity_period: '2030-01-01T00:00:00.000Z' }, 'ABC', 'KEY-1')).toBe(true)
    expect(verifyLicenseSignature(PUB, { license_signature: sig, validity_period: '2030-01-02T00:00:00.000Z' }, 'ABC', 'KEY-1')).toBe(false)
    expect(verifyLicenseSignature(PUB, { validity_period: null }, 'ABC', 'KEY-1')).toBe(false)
    expect(rsaVerify('not a key', 'x', sig)).toBe(false)
  })

  it('license_signature message reads a zone-less validity as UTC, whatever the local time zone', () => {
    const saved = process.env.TZ
    try {
      for (const tz of ['America/New_York', 'Asia/Kolkata', 'UTC']) {
        process.env.TZ = tz
        expect(licenseSignatureMessage('H', 'K', '2030-01-01T00:00:00')).toBe('h#k#2030-01-01t00:00:00.000z')
        expect(licenseSignatureMessage('H', 'K', '2030-01-01 00:00:00.5')).toBe('h#k#2030-01-01t00:00:00.500z')
        expect(licenseSignatureMessage('H', 'K', '2030-01-01T00:00:00+02:00')).toBe('h#k#2029-12-31t22:00:00.000z')
        expect(licenseSignatureMessage('H', 'K', '2030-01-01')).toBe('h#k#2030-01-01t00:00:00.000z')
      }
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })
})

describe('LicenseSpringClient deactivation answers', () => {
  it('accepts "license_deactivated" quoted as a JSON string', async () => {
    ls.answer({ status: 200, body: '"license_deactivated"\n' })
    expect((await client().deactivate(HW, { licenseKey: KEY })).alreadyReleased).toBe(false)
  })

  it('garbage 200 body -> bad_response', async () => {
    ls.answer(...Array(3).fill({ status: 200, body: '<html>ok</html>' }))
    const e = await rejection(client().deactivate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('bad_response')
  })

  it('lost response, then device_not_found on the retry -> alreadyReleased true', async () => {
    await client().activate(HW, { licenseKey: KEY })
    // The server deactivates, then the connection drops before the answer arrives.
    ls.fault({ dropAfterCommit: true, path: 'deactivate_license', times: 1 })
    const r = await client().deactivate(HW, { licenseKey: KEY })
    expect(r.alreadyReleased).toBe(true)
    expect(ls.calls.filter((c) => c.path === '/api/v4/deactivate_license')).toHaveLength(2)
  })

  it('device_not_found on the first attempt -> server_refused', async () => {
    const e = await rejection(client().deactivate(HW, { licenseKey: KEY }))
    expect(e.code).toBe('server_refused')
    expect(e.info.serverCode).toBe('device_not_found')
    expect(ls.calls).toHaveLength(1)
  })
})
