// `license-desk inspect` reads every request and license variant the official SDKs write, and says
// "absent" for a signature that is not there (the Node SDK writes no inner v1 signature).
import { createHmac, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, ensureCliBuilt } from '../support/demo'

const KEY = 'inspect-shared-key'
const hmac = (msg: string) => createHmac('sha256', KEY).update(msg).digest('base64')
let dir: string

beforeAll(() => {
  ensureCliBuilt()
  dir = mkdtempSync(join(tmpdir(), 'ld-inspect-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')

/** A Node SDK 1.4 schema-2 file: no inner signature, `Tue Dec 1 2026 18:54:23 GMT+0000` date. */
function nodeSdkFile(bare: boolean, outerKey = KEY): string {
  const inner = JSON.stringify({
    ...(bare ? {} : { request: 'activation', request_id: randomUUID() }),
    api_key: 'ak',
    date: 'Tue Dec 1 2026 18:54:23 GMT+0000',
    product: 'studio',
    hardware_id: 'hw-1',
    license_key: 'K-1',
    schema_version: 2
  })
  return b64(`{"request":${inner},"signature":"${createHmac('sha256', outerKey).update(inner).digest('base64')}"}`)
}

describe('license-desk inspect', () => {
  it('a Node SDK schema-2 file: inner signature absent, v2 signature valid (and INVALID with a wrong key)', async () => {
    const f = file('activate_offline.req', nodeSdkFile(false))
    const r = await cli(null, ['--json', 'inspect', f, '--shared-key', KEY])
    expect(r.code).toBe(0)
    expect(r.json).toMatchObject({ type: 'request', schemaVersion: 2, kind: 'activation', signature: 'absent', outerSignature: 'valid' })
    expect(r.json.request.date).toBe('Tue Dec 1 2026 18:54:23 GMT+0000')
    const text = await cli(null, ['inspect', f, '--shared-key', KEY])
    expect(text.stdout).toMatch(/^ {2}signature {4}absent$/m)
    expect(text.stdout).toMatch(/^ {2}v2 signature valid$/m)
    expect(text.stdout).not.toContain('INVALID')
    const wrong = await cli(null, ['inspect', f, '--shared-key', 'other'])
    expect(wrong.stdout).toMatch(/signature {4}absent/)
    expect(wrong.stdout).toMatch(/v2 signature INVALID/)
    // without a key it still says which signature is absent
    const noKey = await cli(null, ['inspect', f])
    expect(noKey.stdout).toMatch(/signature {4}absent/)
    expect(noKey.stdout).toMatch(/v2 signature not checked/)
  })

  it('a deactivation file without request and request_id is read as a deactivation', async () => {
    const f = file('deactivate_offline.req', nodeSdkFile(true))
    const r = await cli(null, ['--json', 'inspect', f, '--shared-key', KEY])
    expect(r.code).toBe(0)
    expect(r.json).toMatchObject({ type: 'request', kind: 'deactivation', signature: 'absent', outerSignature: 'valid' })
    const text = await cli(null, ['inspect', f])
    expect(text.stdout).toMatch(/offline deactivation \(the file names no request: taken as a deactivation\) request/)
  })

  it('a v1 file with its signature: valid, and INVALID (not absent) when it does not match', async () => {
    const date = 'Tue, 01 Dec 2026 18:54:23 GMT'
    const fields = { request: 'deactivation', api_key: 'ak', date, request_id: 'r', product: 'studio', hardware_id: 'hw', license_key: 'K' }
    const good = file('v1.req', b64(JSON.stringify({ ...fields, signature: hmac(`licenseSpring\ndate: ${date}\nK\nhw\nak`) })))
    expect((await cli(null, ['--json', 'inspect', good, '--shared-key', KEY])).json).toMatchObject({ signature: 'valid', signatureValid: true })
    const bad = file('v1-bad.req', b64(JSON.stringify({ ...fields, signature: hmac('something else') })))
    const r = await cli(null, ['--json', 'inspect', bad, '--shared-key', KEY])
    expect(r.json).toMatchObject({ signature: 'invalid', signatureValid: false })
    expect(r.json.outerSignature).toBeUndefined()
  })

  it('the JSON answer of activate_offline and a .lic of a user license name the user', async () => {
    const lic = { username: 'u@example.com', user: { email: 'u@example.com' }, hardware_id: 'hw', license_type: 'perpetual', license_signature: 'x' }
    const plain = await cli(null, ['inspect', file('answer.json', JSON.stringify(lic))])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/JSON answer of activate_offline/)
    expect(plain.stdout).toMatch(/user\s+u@example\.com/)
    const encoded = await cli(null, ['--json', 'inspect', file('ls_activation.lic', b64(JSON.stringify(lic)))])
    expect(encoded.json).toMatchObject({ type: 'license', license: { user: { email: 'u@example.com' } } })
  })
})
