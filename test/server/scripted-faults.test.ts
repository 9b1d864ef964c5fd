// The fault kinds the client and desk tests script answers with (reply, tamper, then) and the raw
// requests the request log keeps for tests.
import { describe, expect, it } from 'vitest'
import { authHeaders, call, PUBLIC_KEY, rsaVerify, useServer } from '../support/server'
import { REQUEST_RAW_MAX, startServer } from '../../src/server/index'
import { createVerify } from 'node:crypto'

const srv = useServer()

const KEY = 'DEMO-STUD-IO00-0001'
const body = { hardware_id: 'hw-s', product: 'studio', license_key: KEY }
const activate = () => call(srv.url, 'POST', '/api/v4/activate_license', body)
const licenseSignatureOk = (lic: { license_signature: string; validity_period: string | null }) =>
  createVerify('RSA-SHA256')
    .update(`hw-s#${KEY}#${lic.validity_period ?? ''}`.toLowerCase())
    .verify(PUBLIC_KEY, Buffer.from(lic.license_signature, 'base64'))

describe('scripted answers', () => {
  it('reply answers word for word without handling the request; next scripts the answer after it', async () => {
    srv.faults.set({
      reply: { status: 400, headers: { 'Content-Type': 'application/json' }, body: '{"code":"license_not_enabled"}' },
      times: 1,
      next: { reply: { status: 200, body: 'odd' }, times: 1 }
    })
    const a = await activate()
    expect([a.status, a.text, a.headers.get('content-type')]).toEqual([400, '{"code":"license_not_enabled"}', 'application/json'])
    const b = await activate()
    expect([b.status, b.text, b.headers.get('content-type')]).toEqual([200, 'odd', null])
    expect(srv.state.devices(KEY)).toEqual([])
    expect(srv.faults.get()).toBeUndefined()
    expect((await activate()).status).toBe(200)
    expect(srv.requests().map((r) => r.fault)).toEqual(['reply 400', 'reply 200', undefined])
  })

  it('tamper licenseSignature: the license data no longer verifies, the header does', async () => {
    srv.faults.set({ tamper: ['licenseSignature'], times: 1 })
    const r = await activate()
    expect(rsaVerify(r.text, r.headers.get('licensesignature')!)).toBe(true)
    expect(licenseSignatureOk(r.json)).toBe(false)
    expect(srv.state.devices(KEY)).toEqual(['hw-s'])
    const clean = await activate()
    expect(licenseSignatureOk(clean.json)).toBe(true)
  })

  it('tamper signatureHeader and bodyAfterSigning: the header no longer matches the body', async () => {
    srv.faults.set({ tamper: ['signatureHeader'], times: 1 })
    const h = await activate()
    expect(rsaVerify(h.text, h.headers.get('licensesignature')!)).toBe(false)
    expect(licenseSignatureOk(h.json)).toBe(true)
    srv.faults.set({ tamper: ['bodyAfterSigning'], times: 1 })
    const b = await activate()
    expect(rsaVerify(b.text, b.headers.get('licensesignature')!)).toBe(false)
    expect(b.json.max_activations).toBe(300)
  })

  it('tamper computerKey: the QLM answer without its <pckey>', async () => {
    const q = `/qlm/qlmservice.asmx/ValidateLicenseHttp?is_avkey=AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2&is_pcid=pc-s&is_activate=true`
    srv.faults.set({ tamper: ['computerKey'], times: 1 })
    const r = await call(srv.url, 'GET', q)
    expect(r.text).toContain('<result>')
    expect(r.text).not.toContain('pckey')
    expect((await call(srv.url, 'GET', q)).text).toContain('<pckey>')
  })

  it('refuses bad specs', () => {
    expect(() => srv.faults.set({ reply: { status: 99, body: '' } })).toThrow(/reply/)
    expect(() => srv.faults.set({ reply: { status: 200 } } as never)).toThrow(/reply/)
    expect(() => srv.faults.set({ tamper: ['everything'] } as never)).toThrow(/tamper/)
    expect(() => srv.faults.set({ status: 503, next: { status: 502 } })).toThrow(/next needs times/)
    expect(() => srv.faults.set({ status: 503, times: 1, next: { bogus: 1 } } as never)).toThrow(/unknown fault field/)
  })
})

describe('raw requests in the log', () => {
  it('keeps query, headers, body and the arrival clock of each request when started for tests', async () => {
    const before = srv.now()
    await call(srv.url, 'GET', '/api/v4/check_license?hardware_id=a%2Bb&product=studio&license_key=K')
    const headers = authHeaders()
    await call(srv.url, 'POST', '/api/v4/activate_license', body, headers)
    const [get, post] = srv.requests()
    expect(get!.raw!.query).toBe('hardware_id=a%2Bb&product=studio&license_key=K')
    expect(get!.raw!.body).toBe('')
    expect(post!.raw!.body).toBe(JSON.stringify(body))
    expect(post!.raw!.headers.authorization).toBe(headers.Authorization)
    expect(post!.raw!.at).toBeGreaterThanOrEqual(before)
    expect(post!.status).toBe(200) // the route read the same body after the log did
  })

  it('cuts a long body, and keeps no raw requests when not started for tests', async () => {
    await call(srv.url, 'POST', '/api/v4/activate_license', 'x'.repeat(REQUEST_RAW_MAX * 2))
    expect(srv.requests()[0]!.raw!.body.length).toBe(REQUEST_RAW_MAX)
    const plain = await startServer({ port: 0 })
    try {
      await call(plain.url, 'POST', '/api/v4/activate_license', body)
      expect(plain.requests()).toHaveLength(1)
      expect(plain.requests()[0]!.raw).toBeUndefined()
    } finally {
      await plain.close()
    }
  })
})
