// With requireSignatureV2 (the demo profile sets it), answers missing the whole-body signature are
// refused: a stripped LicenseSignature header online, a .lic without license_signature_v2 offline.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toErrorInfo } from '@core/errors'
import { KEYS, startDemo, uploadToPortal, type Demo } from '../support/demo'
import { makeDesk } from '../support/desk'

let demo: Demo
const dirs: string[] = []
beforeAll(async () => {
  demo = await startDemo()
})
afterAll(async () => {
  await demo.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ld-sig-'))
  dirs.push(d)
  return d
}

/** A fetch that delivers the server's answer without its LicenseSignature header (a downgrade). */
const stripping: typeof fetch = async (input, init) => {
  const r = await fetch(input, init)
  const headers = new Headers(r.headers)
  headers.delete('licensesignature')
  return new Response(await r.text(), { status: r.status, headers })
}

describe('whole-body signatures', () => {
  it('the demo profile requires them', () => {
    expect(demo.profile.products.filter((p) => p.provider === 'licensespring').every((p) => (p as any).licensespring.requireSignatureV2)).toBe(true)
  })

  it('online: an answer without the LicenseSignature header is refused and nothing is stored', async () => {
    demo.server.state.reset()
    const dir = dataDir()
    const desk = makeDesk(dir, demo.profile, { fetch: stripping })
    const e = toErrorInfo(await desk.activateOnline('studio', { licenseKey: KEYS.fresh }).catch((x) => x))
    expect(e.code).toBe('signature_invalid')
    expect((await desk.status()).products[0]!.state).toBe('inactive')
    // Without the requirement the same answer is accepted on license_signature alone.
    const lenient = {
      ...demo.profile,
      products: demo.profile.products.map((p) => (p.provider === 'licensespring' ? { ...p, licensespring: { ...p.licensespring, requireSignatureV2: false } } : p))
    }
    const ok = await makeDesk(dataDir(), lenient, { fetch: stripping }).activateOnline('studio', { licenseKey: KEYS.fresh })
    expect(ok.product.state).toBe('active')
  })

  it('offline: a .lic without license_signature_v2 is refused', async () => {
    demo.server.state.reset()
    const dir = dataDir()
    const desk = makeDesk(dir, demo.profile)
    const req = await desk.createOfflineActivationRequest('studio', { licenseKey: KEYS.fresh }, join(dir, 'ls_activation.req'))
    const { readFileSync } = await import('node:fs')
    const lic = (await uploadToPortal(demo.server.url, readFileSync(req.filePath, 'utf8'))).body
    const obj = JSON.parse(Buffer.from(lic.trim(), 'base64').toString('utf8'))
    delete obj.license_signature_v2
    const stripped = Buffer.from(JSON.stringify(obj)).toString('base64')
    const e = toErrorInfo(await desk.importOfflineActivation('studio', stripped).catch((x) => x))
    expect(e.code).toBe('signature_invalid')
    expect((await desk.status()).products[0]!.state).toBe('offline-activation-pending')
    expect((await desk.importOfflineActivation('studio', lic)).product.state).toBe('active')
  })
})
