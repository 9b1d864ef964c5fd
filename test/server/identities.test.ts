// Several licenses for one user (user_licenses, license_id on every call) and SSO identities
// (sso_url, the sign-in page as identity provider, code with PKCE / id_token + customer_account_code).
import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { call, offlineV1, useServer } from '../support/server'

const srv = useServer()
const TEAM = { username: 'team@license-desk.example', password: 'team-password-1' }
const SSO_USER = { email: 'sso.user@acme.example', password: 'sso-password-1' }
const q = (o: Record<string, string>) => new URLSearchParams(o).toString()

describe('several licenses for one user', () => {
  it('user_licenses lists every license of the product with a summary and the user', async () => {
    const r = await call(srv.url, 'GET', `/api/v4/user_licenses?${q({ product: 'cloud', ...TEAM })}`)
    expect(r.status).toBe(200)
    expect(r.json).toHaveLength(2)
    expect(r.json.map((x: any) => x.license.id)).toEqual([2002, 2003])
    expect(r.json[1].license).toMatchObject({
      license_type: 'subscription',
      max_activations: 1,
      validity_period: '2030-01-01T00:00:00.000Z',
      note: 'Home office subscription, 1 seat'
    })
    expect(r.json[0].user).toMatchObject({ email: TEAM.username, first_name: 'Team' })
    // the password is required and must be right; key products have no user licenses
    expect((await call(srv.url, 'GET', `/api/v4/user_licenses?${q({ product: 'cloud', username: TEAM.username })}`)).json.code).toBe('missing_parameters')
    expect((await call(srv.url, 'GET', `/api/v4/user_licenses?${q({ product: 'cloud', ...TEAM, password: 'wrong' })}`)).json.code).toBe('license_not_found')
    expect((await call(srv.url, 'GET', `/api/v4/user_licenses?${q({ product: 'studio', ...TEAM })}`)).json.code).toBe('invalid_product_auth_method')
  })

  it('license_id picks the license on activate, check and deactivate (online and offline)', async () => {
    const a = await call(srv.url, 'POST', '/api/v4/activate_license', { product: 'cloud', hardware_id: 'hw-t', ...TEAM, license_id: 2003 })
    expect(a.status).toBe(200)
    expect(a.json).toMatchObject({ id: 2003, license_type: 'subscription' })
    const lic = (id: number) => srv.state.snapshot().licensespring.licenses.find((l) => l.id === id)!
    expect(lic(2003).devices!.map((d) => d.hardwareId)).toEqual(['hw-t'])
    expect(lic(2002).devices).toEqual([])
    // check of the other license says this device is not on it
    expect((await call(srv.url, 'GET', `/api/v4/check_license?${q({ product: 'cloud', hardware_id: 'hw-t', username: TEAM.username, license_id: '2002' })}`)).json.code).toBe(
      'device_not_found'
    )
    expect((await call(srv.url, 'GET', `/api/v4/check_license?${q({ product: 'cloud', hardware_id: 'hw-t', username: TEAM.username, license_id: '2003' })}`)).json.id).toBe(2003)
    // an id the user does not hold is not found
    expect((await call(srv.url, 'POST', '/api/v4/activate_license', { product: 'cloud', hardware_id: 'hw-t', ...TEAM, license_id: 1001 })).json.code).toBe('license_not_found')
    const d = await call(srv.url, 'POST', '/api/v4/deactivate_license', { product: 'cloud', hardware_id: 'hw-t', ...TEAM, license_id: 2003 })
    expect(d.text).toBe('license_deactivated')
    expect(lic(2003).devices).toEqual([])
    // offline: a v1 file with license_id takes the seat of that license
    const fields = { request: 'activation' as const, product: 'cloud', hardwareId: 'hw-o', username: TEAM.username }
    const file = JSON.parse(Buffer.from(offlineV1(fields), 'base64').toString())
    const withId = Buffer.from(JSON.stringify({ ...file, license_id: 2002 })).toString('base64')
    expect((await call(srv.url, 'POST', '/api/v4/activate_offline', withId)).json.id).toBe(2002)
    expect(lic(2002).devices!.map((x) => x.hardwareId)).toEqual(['hw-o'])
  })

  it('without license_id the first license is used', async () => {
    const a = await call(srv.url, 'POST', '/api/v4/activate_license', { product: 'cloud', hardware_id: 'hw-f', ...TEAM })
    expect(a.json.id).toBe(2002)
  })
})

/** Runs the sign-in as a browser would: sso_url, the page, the form POST; returns the redirect's parameters. */
async function signIn(opts: { redirect: string; state?: string; verifier?: string; responseType?: 'code' | 'token'; password?: string }) {
  const r = await call(
    srv.url,
    'GET',
    `/api/v4/sso_url?${q({ product: 'cloud', customer_account_code: 'acme-corp', response_type: opts.responseType ?? 'code', redirect_uri: opts.redirect })}`
  )
  expect(r.status).toBe(200)
  const url = new URL(r.json.url)
  if (opts.state) url.searchParams.set('state', opts.state)
  if (opts.verifier) {
    url.searchParams.set('code_challenge', createHash('sha256').update(opts.verifier).digest('base64url'))
    url.searchParams.set('code_challenge_method', 'S256')
  }
  const page = await fetch(url)
  const html = await page.text()
  expect(html).toContain('<strong id="account-name">Acme Corporation</strong>')
  const form = new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m): [string, string] => [m[1], m[2].replace(/&amp;/g, '&')]))
  form.set('email', SSO_USER.email)
  form.set('password', opts.password ?? SSO_USER.password)
  const posted = await fetch(`${srv.url}/sso/authorize`, { method: 'POST', body: form, redirect: 'manual' })
  return {
    status: posted.status,
    location: posted.headers.get('location'),
    csp: posted.headers.get('content-security-policy') ?? '',
    html: posted.status === 303 ? '' : await posted.text()
  }
}

describe('SSO: the local server plays the identity provider', () => {
  const redirect = 'http://127.0.0.1:53682/callback'

  it('code + PKCE + customer_account_code activate and (after signing in again) deactivate', async () => {
    const verifier = randomBytes(32).toString('base64url')
    const s = await signIn({ redirect, state: 'st-1', verifier })
    expect(s.status).toBe(303)
    const back = new URL(s.location!)
    expect(back.origin + back.pathname).toBe(redirect)
    expect(back.searchParams.get('state')).toBe('st-1')
    const code = back.searchParams.get('code')!
    const body = { product: 'cloud', hardware_id: 'hw-sso', code, customer_account_code: 'acme-corp', redirect_uri: redirect, code_verifier: verifier }
    const a = await call(srv.url, 'POST', '/api/v4/activate_license', body)
    expect(a.status).toBe(200)
    expect(a.json).toMatchObject({ id: 2004, username: SSO_USER.email, user: { email: SSO_USER.email } })
    // a code is used once
    expect((await call(srv.url, 'POST', '/api/v4/activate_license', body)).json.code).toBe('sso_token_invalid')
    const again = new URL((await signIn({ redirect, verifier })).location!).searchParams.get('code')!
    const d = await call(srv.url, 'POST', '/api/v4/deactivate_license', { ...body, code: again })
    expect(d.text).toBe('license_deactivated')
  })

  it('a wrong PKCE verifier, another account or a changed redirect_uri is refused', async () => {
    const verifier = randomBytes(32).toString('base64url')
    const code1 = new URL((await signIn({ redirect, verifier })).location!).searchParams.get('code')!
    const base = { product: 'cloud', hardware_id: 'hw-sso', customer_account_code: 'acme-corp', redirect_uri: redirect }
    const bad = await call(srv.url, 'POST', '/api/v4/activate_license', { ...base, code: code1, code_verifier: `${verifier}x` })
    expect(bad.json).toMatchObject({ code: 'sso_token_invalid' })
    expect(bad.json.message).toMatch(/PKCE/)
    const code2 = new URL((await signIn({ redirect, verifier })).location!).searchParams.get('code')!
    expect((await call(srv.url, 'POST', '/api/v4/activate_license', { ...base, code: code2, code_verifier: verifier, redirect_uri: 'http://127.0.0.1:1/x' })).json.message).toMatch(
      /redirect_uri/
    )
    expect((await call(srv.url, 'POST', '/api/v4/activate_license', { ...base, code: 'nonsense', customer_account_code: 'nobody' })).json.code).toBe('customer_account_not_found')
    expect(srv.state.devices(SSO_USER.email)).toEqual([])
  })

  it('the implicit grant returns an id_token in the fragment; id_token + customer_account_code is an identity', async () => {
    const s = await signIn({ redirect, state: 'st-2', responseType: 'token' })
    const frag = new URLSearchParams(new URL(s.location!).hash.slice(1))
    expect(frag.get('state')).toBe('st-2')
    const idToken = frag.get('id_token')!
    const a = await call(srv.url, 'POST', '/api/v4/activate_license', { product: 'cloud', hardware_id: 'hw-id', id_token: idToken, customer_account_code: 'acme-corp' })
    expect(a.json.id).toBe(2004)
    const [h, p, sig] = idToken.split('.')
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), email: 'someone@acme.example' })).toString('base64url')
    expect(
      (await call(srv.url, 'POST', '/api/v4/deactivate_license', { product: 'cloud', hardware_id: 'hw-id', id_token: `${h}.${forged}.${sig}`, customer_account_code: 'acme-corp' }))
        .json.code
    ).toBe('sso_token_invalid')
  })

  it('the sign-in page refuses a wrong password and redirects only to loopback (RFC 8252) or registered addresses', async () => {
    const wrong = await signIn({ redirect, password: 'nope' })
    expect(wrong.status).toBe(401)
    expect(wrong.html).toContain('role="alert"')
    const foreign = await signIn({ redirect: 'https://evil.example/callback' })
    expect(foreign.status).toBe(400)
    expect(foreign.location).toBeNull()
    // the page's CSP lets its form be redirected to a loopback port, and nowhere else
    const page = await fetch(`${srv.url}/sso/authorize?client_id=acme-corp`)
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:* http://[::1]:*")
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'")
  })

  it('sso_url needs a known product and customer account', async () => {
    expect((await call(srv.url, 'GET', `/api/v4/sso_url?${q({ product: 'cloud' })}`)).json.code).toBe('missing_parameters')
    expect((await call(srv.url, 'GET', `/api/v4/sso_url?${q({ product: 'cloud', customer_account_code: 'nobody' })}`)).json.code).toBe('customer_account_not_found')
    const ok = await call(srv.url, 'GET', `/api/v4/sso_url?${q({ product: 'cloud', customer_account_code: 'acme-corp' })}`)
    expect(new URL(ok.json.url).pathname).toBe('/sso/authorize')
  })
})
