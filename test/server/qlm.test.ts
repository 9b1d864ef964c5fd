import { beforeEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { QLM_ENC_KEY, useServer } from '../support/server'

const srv = useServer(() => {
  srv.setQlmPolicy({ releaseLicenseRequiresAuthentication: true, releaseLicenseRequiresVerificationCode: false, bom: false })
})

const KEY = 'AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2'
const AUTH = { is_vendor: 'demo', is_user: 'demo-user', is_pwd: 'demo-pass-Q7' }

async function get(path: string, q: Record<string, string>) {
  const res = await fetch(`${srv.url}${path}?${new URLSearchParams(q)}`)
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' }
}
const validate = (q: Record<string, string>) => get('/qlm/qlmservice.asmx/ValidateLicenseHttp', q)
const release = (q: Record<string, string>) => get('/qlm/qlmservice.asmx/ReleaseLicenseHttp', q)
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]

function dvc(key: string, pcid: string, day: string, upper = false) {
  const h = createHash('md5')
    .update(`${key.replace(/-/g, '')}|${pcid}|${QLM_ENC_KEY}|${day}`)
    .digest('hex')
  return upper ? h.toUpperCase() : h
}
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe('QLM ValidateLicenseHttp', () => {
  it('activates and returns the computer key; idempotent per computer; seat limit', async () => {
    const r = await validate({ is_avkey: KEY, is_pcid: 'pc-1', is_computer_name: 'BOX-1', is_activate: 'true', is_productid: '1', is_majorversion: '1', is_minorversion: '0' })
    expect(r.status).toBe(200)
    expect(r.type).toMatch(/text\/xml/)
    expect(r.text.startsWith('<?xml')).toBe(true)
    expect(tag(r.text, 'result')).toBeTruthy()
    const pckey = tag(r.text, 'pckey') as string
    expect(pckey).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/)
    expect(tag(r.text, 'status')).toBe('activated')
    const again = await validate({ is_avkey: KEY.replace(/-/g, ''), is_pcid: 'pc-1', is_computer_name: 'BOX-1', is_activate: 'true' })
    expect(tag(again.text, 'pckey')).toBe(pckey)
    expect((await validate({ is_avkey: KEY, is_pcid: 'pc-2', is_computer_name: 'B2', is_activate: 'true' })).text).toContain('<pckey>')
    const full = await validate({ is_avkey: KEY, is_pcid: 'pc-3', is_computer_name: 'B3', is_activate: 'true' })
    expect(full.status).toBe(200)
    expect(tag(full.text, 'error')).toMatch(/maximum/)
    // validation of an activated computer with its key
    const v = await validate({ is_avkey: KEY, is_pcid: 'pc-1', is_pckey: pckey })
    expect(tag(v.text, 'status')).toBe('valid')
    expect(tag((await validate({ is_avkey: KEY, is_pcid: 'pc-1', is_pckey: 'WRONG' })).text, 'error')).toBeTruthy()
  })

  it('errors: unknown key, wrong product', async () => {
    expect(tag((await validate({ is_avkey: 'NOPE', is_pcid: 'x', is_activate: 'true' })).text, 'error')).toMatch(/invalid/)
    expect(tag((await validate({ is_avkey: KEY, is_pcid: 'x', is_activate: 'true', is_productid: '7' })).text, 'error')).toBeTruthy()
    expect(srv.state.qlmActivations(KEY)).toEqual([])
  })

  it('can prepend a UTF-8 BOM', async () => {
    srv.setQlmPolicy({ bom: true })
    const res = await fetch(`${srv.url}/qlm/qlmservice.asmx/ValidateLicenseHttp?is_avkey=${KEY}&is_pcid=p&is_activate=true`)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
})

describe('QLM ReleaseLicenseHttp', () => {
  beforeEach(async () => {
    await validate({ is_avkey: KEY, is_pcid: 'pc-1', is_computer_name: 'BOX', is_activate: 'true' })
  })

  it('releases with credentials; refuses bad credentials and unknown computers', async () => {
    expect(tag((await release({ is_avkey: KEY, is_pcid: 'pc-1', ...AUTH, is_pwd: 'x' })).text, 'error')).toMatch(/Authentication/)
    expect(tag((await release({ is_avkey: KEY, is_pcid: 'pc-9', ...AUTH })).text, 'error')).toMatch(/not activated on this computer/)
    const ok = await release({ is_avkey: KEY.replace(/-/g, ''), is_pcid: 'pc-1', ...AUTH })
    expect(ok.status).toBe(200)
    expect(tag(ok.text, 'result')).toBeTruthy()
    expect(srv.state.qlmActivations(KEY)).toEqual([])
    expect(tag((await release({ is_avkey: KEY, is_pcid: 'pc-1', ...AUTH })).text, 'error')).toMatch(/not activated/)
  })

  it('no credentials needed when the server relaxes authentication', async () => {
    srv.setQlmPolicy({ releaseLicenseRequiresAuthentication: false })
    expect(tag((await release({ is_avkey: KEY, is_pcid: 'pc-1' })).text, 'result')).toBeTruthy()
  })

  it('DVC required: accepted for today/yesterday in either case, under either parameter spelling; wrong or old refused', async () => {
    srv.setQlmPolicy({ releaseLicenseRequiresVerificationCode: true })
    const now = Date.now()
    expect(tag((await release({ is_avkey: KEY, is_pcid: 'pc-1', ...AUTH })).text, 'error')).toMatch(/verification code/)
    expect(tag((await release({ is_avkey: KEY, is_pcid: 'pc-1', ...AUTH, is_deactivation_code: '0'.repeat(32) })).text, 'error')).toMatch(/not valid/)
    const old = dvc(KEY, 'pc-1', isoDay(now - 3 * 86400000))
    expect(tag((await release({ is_avkey: KEY, is_pcid: 'pc-1', ...AUTH, is_deactivation_code: old })).text, 'error')).toMatch(/not valid/)
    const otherPc = dvc(KEY, 'pc-2', isoDay(now))
    expect(tag((await release({ is_avkey: KEY, is_pcid: 'pc-1', ...AUTH, is_deactivation_code: otherPc })).text, 'error')).toMatch(/not valid/)
    const yesterdayUpper = dvc(KEY, 'pc-1', isoDay(now - 86400000), true)
    const ok = await release({ is_avkey: KEY, is_pcid: 'pc-1', ...AUTH, is_deacivation_code: yesterdayUpper })
    expect(tag(ok.text, 'result')).toBeTruthy()
    await validate({ is_avkey: KEY, is_pcid: 'pc-1', is_activate: 'true' })
    const today = dvc(KEY, 'pc-1', isoDay(now))
    expect(tag((await release({ is_avkey: KEY, is_pcid: 'pc-1', ...AUTH, is_deactivation_code: today, is_deacivation_code: today })).text, 'result')).toBeTruthy()
  })

  it('too many releases', async () => {
    const k2 = 'BQM20-71S11-HKL4T-J973Z-2J2VS-BREW3'
    await validate({ is_avkey: k2, is_pcid: 'pc-1', is_activate: 'true' })
    expect(tag((await release({ is_avkey: k2, is_pcid: 'pc-1', ...AUTH })).text, 'error')).toMatch(/too many/)
    expect(srv.state.qlmActivations(k2)).toHaveLength(1)
  })
})
