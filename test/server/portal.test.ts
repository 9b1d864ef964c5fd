import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { QLM_ENC_KEY, offlineV1, offlineV2, rsaVerify, useServer } from '../support/server'

const srv = useServer()

function upload(fileText: string, name = 'ls_deactivation.req') {
  const form = new FormData()
  form.append('file', new Blob([fileText], { type: 'application/octet-stream' }), name)
  return fetch(`${srv.url}/offline/upload`, { method: 'POST', body: form })
}

function expectStrictPage(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/text\/html/)
  const csp = res.headers.get('content-security-policy') ?? ''
  expect(csp).toContain("default-src 'none'")
  expect(csp).toContain("script-src 'none'")
  expect(csp).not.toContain('unsafe-inline')
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
}

describe('offline portal', () => {
  it('GET /offline shows the upload form', async () => {
    const res = await fetch(`${srv.url}/offline`)
    expect(res.status).toBe(200)
    expectStrictPage(res)
    const html = await res.text()
    expect(html).toContain('action="/offline/upload"')
    expect(html).toContain('enctype="multipart/form-data"')
    expect(html).toMatch(/<label for="file">/)
    expect(html).not.toMatch(/<script|https?:\/\//)
  })

  it('a deactivation file releases the seat and confirms', async () => {
    srv.state.rawLicense('DEMO-STUD-IO00-0001')!.devices!.push({ hardwareId: 'hw-p', activatedAt: new Date().toISOString() })
    const res = await upload(offlineV2({ request: 'deactivation', hardwareId: 'hw-p', licenseKey: 'DEMO-STUD-IO00-0001', requestId: 'req-123' }) + '\r\n')
    expect(res.status).toBe(200)
    expectStrictPage(res)
    const html = await res.text()
    expect(html).toContain('data-result="license_deactivated"')
    expect(html).toContain('req-123')
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
    expect(html).toContain('<dd id="product-name">Demo Studio</dd>')
    // the same file again: says plainly that the seat is already free, not the raw device_not_found
    const again = await upload(offlineV2({ request: 'deactivation', hardwareId: 'hw-p', licenseKey: 'DEMO-STUD-IO00-0001' }))
    expect(again.status).toBe(200)
    const text = await again.text()
    expect(text).toContain('data-result="already_free"')
    expect(text).toContain('<h1>This seat is already free</h1>')
    expect(text).not.toContain('device_not_found')
  })

  it('an activation file answers the ls_activation.lic download', async () => {
    const res = await upload(offlineV1({ request: 'activation', hardwareId: 'hw-q', licenseKey: 'DEMO-STUD-IO00-0001', requestId: 'r-9' }), 'ls_activation.req')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="ls_activation.lic"')
    const lic = JSON.parse(Buffer.from(await res.text(), 'base64').toString('utf8'))
    expect(lic.request_id).toBe('r-9')
    expect(rsaVerify('hw-q#demo-stud-io00-0001#', lic.license_signature)).toBe(true)
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual(['hw-q'])
  })

  it('accepts a raw text/plain body and a pasted form field', async () => {
    srv.state.rawLicense('DEMO-STUD-IO00-0001')!.devices!.push({ hardwareId: 'a', activatedAt: '' }, { hardwareId: 'b', activatedAt: '' })
    const raw = await fetch(`${srv.url}/offline/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: offlineV1({ request: 'deactivation', hardwareId: 'a', licenseKey: 'DEMO-STUD-IO00-0001' })
    })
    expect(raw.status).toBe(200)
    const form = await fetch(`${srv.url}/offline/upload`, {
      method: 'POST',
      body: new URLSearchParams({ content: offlineV1({ request: 'deactivation', hardwareId: 'b', licenseKey: 'DEMO-STUD-IO00-0001' }) })
    })
    expect(form.status).toBe(200)
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
  })

  it('shows errors with their code', async () => {
    const bad = await upload('not a request file')
    expect(bad.status).toBe(400)
    expectStrictPage(bad)
    expect(await bad.text()).toContain('<code id="error-code">missing_parameters</code>')
    const sub = await upload(offlineV1({ request: 'deactivation', hardwareId: 'x', licenseKey: 'DEMO-STUD-IO00-0006' }))
    expect(await sub.text()).toContain('offline_floating_cloud_not_supported')
    const empty = await upload('')
    expect(empty.status).toBe(400)
  })

  it('names the uploaded file, wrapping between its words', async () => {
    srv.state.rawLicense('DEMO-STUD-IO00-0001')!.devices!.push({ hardwareId: 'hw-f', activatedAt: '' })
    const name = 'ls_deactivation_engineering-workstation-0042.req'
    const res = await upload(offlineV1({ request: 'deactivation', hardwareId: 'hw-f', licenseKey: 'DEMO-STUD-IO00-0001' }), name)
    const html = await res.text()
    expect(html).toContain('<span class="file" id="file-name">ls_<wbr>deactivation_<wbr>engineering-<wbr>workstation-<wbr>0042.<wbr>req</span>')
    const bad = await upload('not a request file', '<b>x</b>.req')
    expect(await bad.text()).toContain('&lt;b&gt;x&lt;/b&gt;.<wbr>req')
  })

  it('pages follow the OS colour scheme', async () => {
    const html = await (await fetch(`${srv.url}/offline`)).text()
    expect(html).toContain('<meta name="color-scheme" content="light dark">')
    expect(html).toMatch(/@media \(prefers-color-scheme:dark\)\{:root\{--bg:#111418/)
    expect(html).not.toMatch(/color:#111;background:#fff/) // no fixed light colours outside the variables
  })

  it('GET /health', async () => {
    const r = await fetch(`${srv.url}/health`)
    expect(await r.json()).toEqual({ ok: true })
  })
})

describe('QLM self-help pages', () => {
  const KEY = 'AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2'
  const code = (pcid: string, day = new Date().toISOString().slice(0, 10)) =>
    createHash('md5')
      .update(`${KEY.replace(/-/g, '')}|${pcid}|${QLM_ENC_KEY}|${day}`)
      .digest('hex')

  it('web activation shows the computer key', async () => {
    const form = await fetch(`${srv.url}/qlm/QlmWebActivation.aspx`)
    expectStrictPage(form)
    expect(await form.text()).toContain('name="is_avkey"')
    const res = await fetch(`${srv.url}/qlm/QlmWebActivation.aspx?${new URLSearchParams({ is_avkey: KEY, is_pcid: 'pc-w' })}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    const key = /<output id="computer-key"[^>]*>([^<]+)<\/output>/.exec(html)?.[1]
    expect(key).toBe(srv.state.qlmActivations(KEY)[0].computerKey)
    const unknown = await fetch(`${srv.url}/qlm/QlmWebActivation.aspx?is_avkey=NOPE&is_pcid=x`)
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('role="alert"')
  })

  it('release page: the link shows the prefilled form and releases nothing; the button (POST) releases', async () => {
    await fetch(`${srv.url}/qlm/qlmservice.asmx/ValidateLicenseHttp?is_avkey=${KEY}&is_pcid=pc-1&is_activate=true`)
    await fetch(`${srv.url}/qlm/qlmservice.asmx/ValidateLicenseHttp?is_avkey=${KEY}&is_pcid=pc-2&is_activate=true`)
    const link = `${srv.url}/qlm/QlmReleaseLicense.aspx?${new URLSearchParams({ is_avkey: KEY, is_pcid: 'pc-1', is_deactcode: code('pc-1') })}`
    // a link scanner or prefetcher opening the link (GET, HEAD) uses up nothing
    for (const method of ['GET', 'HEAD', 'GET']) {
      const opened = await fetch(link, { method })
      expect(opened.status).toBe(200)
      if (method === 'GET') {
        const html = await opened.text()
        expect(html).toContain(`value="${KEY}"`)
        expect(html).toContain(`value="${code('pc-1')}"`)
        expect(html).toContain('method="post"')
        expect(html).toContain('Nothing is released until you do')
        expect(html).toContain('<strong id="product-name">Demo CAD</strong>')
        expect(html).not.toContain('data-result="released"')
      }
    }
    expect(srv.state.qlmActivations(KEY).map((a) => a.computerId)).toEqual(['pc-1', 'pc-2'])
    expect(srv.state.qlm(KEY)!.releases).toBe(0)
    const wrong = await fetch(`${srv.url}/qlm/QlmReleaseLicense.aspx`, {
      method: 'POST',
      body: new URLSearchParams({ is_avkey: KEY, is_pcid: 'pc-1', is_deactcode: code('pc-2') })
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toMatch(/verification code is not valid/)
    const ok = await fetch(`${srv.url}/qlm/QlmReleaseLicense.aspx`, { method: 'POST', body: new URL(link).searchParams })
    expect(ok.status).toBe(200)
    const done = await ok.text()
    expect(done).toContain('data-result="released"')
    expect(done).toContain('<dd id="product-name">Demo CAD</dd>')
    const post = await fetch(`${srv.url}/qlm/QlmReleaseLicense.aspx`, {
      method: 'POST',
      body: new URLSearchParams({ is_avkey: KEY, is_pcid: 'pc-2', is_deactcode: code('pc-2').toUpperCase() })
    })
    expect(post.status).toBe(200)
    expect(srv.state.qlmActivations(KEY)).toEqual([])
  })
})
