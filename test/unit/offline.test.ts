import { createHmac, createSign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildOfflineRequest, decodeBase64Json, decodeOfflineRequest, rawMember, verifyLic, type LicCheck } from '@core/providers/licensespring/offline'
import { DEMO_PRIVATE_KEY, DEMO_PUBLIC_KEY, opensslSignB64, py, rejection } from '../support/tools'

const SHARED = 'demo-shared-key-R8tq2VwLmN4pXs7K'
const API = 'demo-api-key-3f1c9a7e'
const HW = 'c'.repeat(64)
const KEY = 'DEMO-STUD-IO00-0001'
const NOW = Date.UTC(2026, 1, 3, 4, 5, 6)
const PUB = readFileSync(DEMO_PUBLIC_KEY, 'utf8')
const PRIV = readFileSync(DEMO_PRIVATE_KEY, 'utf8')

const hmac = (key: string, msg: string) => createHmac('sha256', key).update(msg, 'utf8').digest('base64')

/** Python decodes the file, parses it with json, finds the inner request bytes itself and checks both signatures. */
const PY_CHECK = `
import sys, json, base64, hmac, hashlib
key = sys.argv[1].encode()
text = base64.b64decode(sys.stdin.read().strip()).decode('utf-8')
doc = json.loads(text)
def h(b): return base64.b64encode(hmac.new(key, b, hashlib.sha256).digest()).decode()
def v1(r):
    ident = r.get('license_key') or r.get('username')
    msg = 'licenseSpring\\ndate: %s\\n%s\\n%s\\n%s' % (r['date'], ident, r['hardware_id'], r['api_key'])
    return h(msg.encode()) == r['signature']
out = {}
if isinstance(doc.get('request'), dict):
    dec = json.JSONDecoder()
    # walk the top-level object with python's own decoder to find the raw value of "request"
    i = text.index('{') + 1
    inner = None
    while True:
        while text[i] in ' \\t\\r\\n,': i += 1
        if text[i] == '}': break
        k, i = dec.raw_decode(text, i)
        while text[i] in ' \\t\\r\\n:': i += 1
        start = i
        v, i = dec.raw_decode(text, i)
        if k == 'request': inner = text[start:i]
    out['v'] = 2
    out['outer'] = h(inner.encode('utf-8')) == doc['signature']
    out['inner_v1'] = v1(doc['request'])
    out['schema_version'] = doc['request'].get('schema_version')
    out['request_id'] = doc['request']['request_id']
else:
    out['v'] = 1
    out['inner_v1'] = v1(doc)
    out['request_id'] = doc['request_id']
print(json.dumps(out))
`
const pyCheck = (content: string, key = SHARED) => JSON.parse(py(PY_CHECK, [key], content)) as Record<string, unknown>

const input = (over: Partial<Parameters<typeof buildOfflineRequest>[0]> = {}) => ({
  kind: 'deactivation' as const,
  schemaVersion: 1 as const,
  apiKey: API,
  sharedKey: SHARED,
  product: 'studio',
  hardwareId: HW,
  identity: { licenseKey: KEY },
  nowMs: NOW,
  ...over
})

describe('offline request files', () => {
  it('v1: fields, signature cross-checked by python, round trip through decodeOfflineRequest', () => {
    const r = buildOfflineRequest(input({ requestId: 'req-1', extra: { hostname: 'pc"{1}' } }))
    const doc = JSON.parse(Buffer.from(r.content, 'base64').toString('utf8'))
    expect(doc).toMatchObject({
      request: 'deactivation',
      api_key: API,
      date: 'Tue, 03 Feb 2026 04:05:06 GMT',
      request_id: 'req-1',
      product: 'studio',
      hardware_id: HW,
      license_key: KEY,
      hostname: 'pc"{1}'
    })
    expect(doc.signature).toBe(hmac(SHARED, `licenseSpring\ndate: Tue, 03 Feb 2026 04:05:06 GMT\n${KEY}\n${HW}\n${API}`))
    expect(pyCheck(r.content)).toEqual({ v: 1, inner_v1: true, request_id: 'req-1' })
    const d = decodeOfflineRequest(r.content, SHARED)
    expect(d.schemaVersion).toBe(1)
    expect(d.signatureValid).toBe(true)
    expect(d.outerSignatureValid).toBeUndefined()
    expect(d.request.request_id).toBe('req-1')
    expect(decodeOfflineRequest(r.content, 'wrong').signatureValid).toBe(false)
    expect(decodeOfflineRequest(r.content).signatureValid).toBeUndefined()
  })

  it('v2: outer signature over the exact inner bytes, verified by python parsing the file itself', () => {
    const r = buildOfflineRequest(input({ schemaVersion: 2, kind: 'activation', identity: { username: 'ü@example.com' }, extra: { os_ver: 'Linux {6} "x" \\ y' } }))
    expect(r.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(pyCheck(r.content)).toEqual({ v: 2, outer: true, inner_v1: true, schema_version: 2, request_id: r.requestId })
    expect(pyCheck(r.content, 'other-key')).toMatchObject({ outer: false, inner_v1: false })
    const d = decodeOfflineRequest(r.content, SHARED)
    expect(d).toMatchObject({ schemaVersion: 2, signatureValid: true, outerSignatureValid: true })
    expect(d.request.username).toBe('ü@example.com')
    // The request value is a JSON object, not a string.
    expect(typeof JSON.parse(r.json).request).toBe('object')
  })

  it('v2: a changed inner field breaks the outer signature', () => {
    const r = buildOfflineRequest(input({ schemaVersion: 2 }))
    const tampered = Buffer.from(r.json.replace('"product":"studio"', '"product":"studiO"')).toString('base64')
    expect(decodeOfflineRequest(tampered, SHARED).outerSignatureValid).toBe(false)
    // Re-spacing the inner object changes the bytes too.
    const spaced = Buffer.from(r.json.replace('"request":{"request"', '"request":{ "request"')).toString('base64')
    expect(decodeOfflineRequest(spaced, SHARED).outerSignatureValid).toBe(false)
    // ...but whitespace outside the inner object does not.
    const outer = Buffer.from(r.json.replace('{"request":', '{ "request" :\n').replace(/,"signature":("[^"]*")}$/, ' , "signature" : $1 }\n')).toString('base64')
    expect(decodeOfflineRequest(outer, SHARED).outerSignatureValid).toBe(true)
  })

  it('v2: a second "request" member cannot ride on the signature of the first', () => {
    const r = buildOfflineRequest(input({ schemaVersion: 2 }))
    const inner = JSON.parse(r.json).request
    const evil = JSON.stringify({ ...inner, product: 'other' })
    const json = r.json.replace(/}$/, `,"request":${evil}}`)
    const d = decodeOfflineRequest(Buffer.from(json).toString('base64'), SHARED)
    expect(d.request.product).toBe('other')
    expect(d.outerSignatureValid).toBe(false)
  })

  it('a signature that is not there is "absent", not invalid (Node SDK schema-2 files, bare deactivations)', () => {
    const inner = JSON.stringify({ api_key: API, date: 'Tue Feb 3 2026 04:05:06 GMT+0000', product: 'studio', hardware_id: HW, license_key: KEY, schema_version: 2 })
    const content = Buffer.from(`{"request":${inner},"signature":"${hmac(SHARED, inner)}"}`).toString('base64')
    expect(decodeOfflineRequest(content, SHARED)).toMatchObject({ kind: 'deactivation', signature: 'absent', outerSignature: 'valid', outerSignatureValid: true })
    expect(decodeOfflineRequest(content, SHARED).signatureValid).toBeUndefined()
    expect(decodeOfflineRequest(content)).toMatchObject({ signature: 'absent', outerSignature: 'not checked' })
    expect(decodeOfflineRequest(content, 'wrong')).toMatchObject({ signature: 'absent', outerSignature: 'invalid' })
    const v1 = buildOfflineRequest(input())
    expect(decodeOfflineRequest(v1.content, 'wrong')).toMatchObject({ kind: 'deactivation', signature: 'invalid' })
  })

  it('trims whitespace and line breaks around and inside the base64', () => {
    const r = buildOfflineRequest(input())
    const wrapped = `\n  ${r.content.replace(/(.{60})/g, '$1\r\n')}  \n\n`
    expect(decodeOfflineRequest(wrapped, SHARED).signatureValid).toBe(true)
  })

  it.each([
    ['empty', ''],
    ['not base64', 'this is not base64!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64')],
    ['base64 of a JSON array', Buffer.from('[1,2]').toString('base64')],
    ['base64 of JSON null', Buffer.from('null').toString('base64')],
    ['missing fields', Buffer.from('{"a":1}').toString('base64')]
  ])('invalid input (%s) -> file_invalid', async (_n, content) => {
    const e = await rejection(() => decodeOfflineRequest(content, SHARED))
    expect(e.code).toBe('file_invalid')
  })

  it('decodeBase64Json returns the exact text', () => {
    const text = '{ "a" : [1, {"b": "}"}] }'
    expect(decodeBase64Json(Buffer.from(text).toString('base64'), 'x').text).toBe(text)
  })
})

describe('rawMember', () => {
  it('returns raw member values byte for byte', () => {
    const j = '{ "a" : {"x": [1, {"y": "}{]["}], "q": "say \\"hi\\" \\\\"} , "b":"str,with}brace", "c": 12.5e3 ,"d":[ ] ,"e" : null,"f":true }'
    expect(rawMember(j, 'a')).toBe('{"x": [1, {"y": "}{]["}], "q": "say \\"hi\\" \\\\"}')
    expect(rawMember(j, 'b')).toBe('"str,with}brace"')
    expect(rawMember(j, 'c')).toBe('12.5e3')
    expect(rawMember(j, 'd')).toBe('[ ]')
    expect(rawMember(j, 'e')).toBe('null')
    expect(rawMember(j, 'f')).toBe('true')
    expect(rawMember(j, 'zz')).toBeUndefined()
    // A nested key of the same name is not a top-level member.
    expect(rawMember('{"outer":{"request":1},"request":2}', 'request')).toBe('2')
  })

  it('handles escaped keys and unicode', () => {
    expect(rawMember('{"k\\"ey":1,"r":"\\u00fc"}', 'k"ey')).toBe('1')
    expect(rawMember('{"k\\"ey":1,"r":"\\u00fc"}', 'r')).toBe('"\\u00fc"')
    expect(rawMember('{"ü":{"a":"ß"}}', 'ü')).toBe('{"a":"ß"}')
  })

  it('refuses malformed text', () => {
    expect(rawMember('[1]', 'a')).toBeUndefined()
    expect(rawMember('{"a" 1}', 'a')).toBeUndefined()
    expect(rawMember('{a:1}', 'a')).toBeUndefined()
    expect(rawMember('{"a":"unterminated', 'a')).toBeUndefined()
    expect(rawMember('', 'a')).toBeUndefined()
  })

  it('refuses a duplicated member (JSON.parse would take the last one)', () => {
    expect(rawMember('{"a":1,"a":2}', 'a')).toBeUndefined()
    expect(rawMember('{"a":1,"b":2,"b":3}', 'a')).toBe('1')
  })
})

// ---- .lic verification ------------------------------------------------------------------------
const REQ_ID = '11111111-2222-4333-8444-555555555555'
const LIC_DATE = 'Wed, 04 Feb 2026 10:00:00 GMT'

function makeLic(over: Record<string, unknown> = {}, opts: { dropV2?: boolean; v2Over?: (s: string) => string } = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    license_key: KEY,
    license_type: 'perpetual',
    is_trial: false,
    validity_period: '2031-05-06T07:08:09.000Z',
    hardware_id: HW,
    product_details: { product_name: 'Demo Studio', short_code: 'studio' },
    date: LIC_DATE,
    request_id: REQ_ID,
    ...over
  }
  const ident = String(base.license_key ?? base.username)
  base.offline_signature ??= hmac(SHARED, `licenseSpring\ndate: ${base.date}\n${ident}\n${base.hardware_id}\n${API}`)
  const msg = `${base.hardware_id}#${ident}#${base.validity_period ?? ''}`.toLowerCase()
  if (!('license_signature' in over)) base.license_signature = createSign('RSA-SHA256').update(msg).sign(PRIV, 'base64')
  if (!opts.dropV2) {
    const rest = { ...base }
    delete rest.license_signature
    const v2msg = JSON.stringify(rest)
    base.license_signature_v2 = createSign('RSA-SHA256')
      .update(opts.v2Over ? opts.v2Over(v2msg) : v2msg)
      .sign(PRIV, 'base64')
  }
  return base
}
const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64')
const check = (over: Partial<LicCheck> = {}): LicCheck => ({
  publicKeyPem: PUB,
  sharedKey: SHARED,
  apiKey: API,
  hardwareId: HW,
  product: 'studio',
  requestId: REQ_ID,
  identity: KEY,
  ...over
})

describe('verifyLic', () => {
  it('accepts a valid .lic', () => {
    const lic = verifyLic(enc(makeLic()), check())
    expect(lic.license_key).toBe(KEY)
    expect(lic.request_id).toBe(REQ_ID)
  })

  it('node:crypto and openssl produce the same license_signature, and it verifies', () => {
    const msg = `${HW}#${KEY}#2031-05-06t07:08:09.000z`.toLowerCase()
    const ossl = opensslSignB64(DEMO_PRIVATE_KEY, msg)
    expect(ossl).toBe(createSign('RSA-SHA256').update(msg).sign(PRIV, 'base64'))
    expect(verifyLic(enc(makeLic({ license_signature: ossl })), check()).license_key).toBe(KEY)
  })

  it('accepts whitespace-wrapped file text and identity in another case', () => {
    const content = `\n${enc(makeLic()).replace(/(.{76})/g, '$1\n')}\n`
    expect(verifyLic(content, check({ identity: KEY.toLowerCase() })).license_key).toBe(KEY)
  })

  it('without a public key only the offline signature is checked', () => {
    const lic = makeLic({ license_signature: 'AAAA' })
    expect(verifyLic(enc(lic), check({ publicKeyPem: undefined })).license_key).toBe(KEY)
  })

  const cases: Array<[string, () => string, Partial<LicCheck>, string, RegExp]> = [
    ['hardware id', () => enc(makeLic({ hardware_id: 'd'.repeat(64) })), {}, 'lic_mismatch', /another computer/],
    ['product', () => enc(makeLic({ product_details: { short_code: 'cloud' } })), {}, 'lic_mismatch', /another product/],
    [
      'product missing',
      () => {
        const l = makeLic()
        delete l.product_details
        return enc(l)
      },
      { publicKeyPem: undefined },
      'lic_mismatch',
      /another product/
    ],
    ['request_id', () => enc(makeLic({ request_id: 'old-request' })), {}, 'lic_mismatch', /different/],
    ['no pending request', () => enc(makeLic()), { requestId: undefined }, 'no_pending_request', /request/],
    ['identity', () => enc(makeLic()), { identity: 'OTHER-KEY' }, 'lic_mismatch', /another license key/],
    ['offline_signature', () => enc(makeLic({ offline_signature: hmac('wrong', 'x') })), {}, 'signature_invalid', /offline signature/],
    ['offline_signature (other api key)', () => enc(makeLic()), { apiKey: 'other-api' }, 'signature_invalid', /offline signature/],
    ['license_signature', () => enc(makeLic({ license_signature: opensslSignB64(DEMO_PRIVATE_KEY, 'something else') })), {}, 'signature_invalid', /license signature/],
    [
      'license_signature missing',
      () => {
        const l = makeLic()
        delete l.license_signature
        return enc(l)
      },
      {},
      'signature_invalid',
      /license signature/
    ],
    ['license_signature_v2', () => enc(makeLic({}, { v2Over: (s) => s.replace('"perpetual"', '"subscription"') })), {}, 'signature_invalid', /v2 signature/],
    [
      'license_signature_v2 after a changed field',
      () => {
        const l = makeLic()
        l.license_type = 'consumption'
        return enc(l)
      },
      {},
      'signature_invalid',
      /v2 signature/
    ],
    ['no license', () => enc({ foo: 1 }), {}, 'file_invalid', /does not contain/],
    ['not base64', () => '%%%', {}, 'file_invalid', /base64/]
  ]
  it.each(cases)('%s mismatch -> named error', async (_n, content, over, code, msg) => {
    const e = await rejection(() => verifyLic(content(), check(over)))
    expect(e.code).toBe(code)
    expect(e.message).toMatch(msg)
  })

  it('a .lic without license_signature_v2 is accepted on license_signature alone', () => {
    expect(verifyLic(enc(makeLic({}, { dropV2: true })), check()).license_key).toBe(KEY)
  })
})
