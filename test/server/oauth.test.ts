// OAuth client credentials on the local License API: the token endpoint, bearer tokens with the Date
// header, expired and malformed tokens refused by name, OAuth made mandatory per product, and offline
// files written by an OAuth client (client_id, HMACs keyed with the client secret).
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { authHeaders, call, hmac, offlineV1, offlineV2, useServer } from '../support/server'

const CLIENT_ID = 'demo-oauth-client'
const CLIENT_SECRET = 'demo-client-secret-Zk3pQ9wL7mX2'
const srv = useServer(() => {
  srv.setOAuthTokenLifetime(480)
  srv.setMinOfflineSchemaVersion(1)
})

async function token(
  form: Record<string, string> = { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
  headers: Record<string, string> = {}
) {
  const res = await fetch(srv.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) })
  return { status: res.status, json: (await res.json()) as Record<string, any>, headers: res.headers }
}
const bearer = (t: string, date = new Date().toUTCString()) => ({ Date: date, Authorization: `Bearer ${t}`, Accept: 'application/json' })
const activate = (product: string, key: string, headers: Record<string, string>) =>
  call(srv.url, 'POST', '/api/v4/activate_license', { product, hardware_id: 'hw-o', license_key: key }, headers)

describe('token endpoint (client credentials grant)', () => {
  it('issues a short-lived bearer token for the right client secret (form or Basic)', async () => {
    const t = await token()
    expect(t.status).toBe(200)
    expect(t.json).toMatchObject({ token_type: 'Bearer', expires_in: 480 })
    expect(t.json.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(t.headers.get('cache-control')).toBe('no-store')
    const basic = await token({ grant_type: 'client_credentials' }, { Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}` })
    expect(basic.status).toBe(200)
  })

  it('refuses a wrong secret, an unknown client and another grant', async () => {
    expect((await token({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: `${CLIENT_SECRET}x` })).json).toMatchObject({ error: 'invalid_client' })
    expect((await token({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: CLIENT_SECRET })).status).toBe(401)
    expect((await token({ grant_type: 'password', client_id: CLIENT_ID, client_secret: CLIENT_SECRET })).json).toMatchObject({ error: 'unsupported_grant_type' })
    expect((await fetch(srv.tokenUrl)).status).toBe(405)
  })
})

describe('bearer tokens on the License API', () => {
  it('a token and the Date header authorize a request; without the Date header it is refused', async () => {
    const t = (await token()).json.access_token as string
    const r = await activate('studio', 'DEMO-STUD-IO00-0001', bearer(t))
    expect(r.status).toBe(200)
    const noDate = await call(
      srv.url,
      'POST',
      '/api/v4/activate_license',
      { product: 'studio', hardware_id: 'hw-o', license_key: 'DEMO-STUD-IO00-0001' },
      { Authorization: `Bearer ${t}` }
    )
    expect(noDate.json.code).toBe('missing_headers')
    const stale = await activate('studio', 'DEMO-STUD-IO00-0001', bearer(t, new Date(Date.now() - 20 * 60_000).toUTCString()))
    expect(stale.json.code).toBe('date_header_diff')
  })

  it('an expired token -> oauth_token_expired (401)', async () => {
    srv.setOAuthTokenLifetime(60)
    const t = (await token()).json.access_token as string
    srv.faults.set({ clockSkewMs: 61_000, times: 1 })
    const r = await activate('studio', 'DEMO-STUD-IO00-0001', bearer(t, new Date(Date.now() + 61_000).toUTCString()))
    expect(r.status).toBe(401)
    expect(r.json).toMatchObject({ code: 'oauth_token_expired' })
    expect(srv.state.devices('DEMO-STUD-IO00-0001')).toEqual([])
  })

  it('a malformed or altered token -> oauth_token_malformed (401)', async () => {
    const t = (await token()).json.access_token as string
    const [h, p, s] = t.split('.')
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString())
    const longer = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url')
    for (const bad of ['not-a-token', `${h}.${longer}.${s}`, `${h}.${p}.${s.slice(0, -2)}AA`, `${t}x`]) {
      const r = await activate('studio', 'DEMO-STUD-IO00-0001', bearer(bad))
      expect(r.status, bad).toBe(401)
      expect(r.json.code, bad).toBe('oauth_token_malformed')
    }
    expect((await activate('studio', 'DEMO-STUD-IO00-0001', { ...bearer(t), Authorization: 'Bearer' })).json.code).toBe('oauth_token_malformed')
  })

  it('a product that requires OAuth refuses API keys and accepts tokens', async () => {
    const refused = await activate('vault', 'DEMO-VAUL-T000-0001', authHeaders())
    expect(refused.status).toBe(401)
    expect(refused.json.code).toBe('authorization_invalid_headers')
    expect(refused.json.message).toMatch(/requires OAuth/)
    const t = (await token()).json.access_token as string
    expect((await activate('vault', 'DEMO-VAUL-T000-0001', bearer(t))).status).toBe(200)
    // and it can be switched per product
    srv.setRequireOAuth('studio', true)
    expect((await activate('studio', 'DEMO-STUD-IO00-0001', authHeaders())).json.code).toBe('authorization_invalid_headers')
  })
})

describe('offline files of an OAuth client', () => {
  const clientFile = (kind: 'activation' | 'deactivation', product: string, key: string, hw: string, secret = CLIENT_SECRET) => {
    const date = new Date().toUTCString()
    const inner = JSON.stringify({
      request: kind,
      client_id: CLIENT_ID,
      date,
      request_id: randomUUID(),
      product,
      hardware_id: hw,
      license_key: key,
      signature: hmac(secret, `licenseSpring\ndate: ${date}\n${key}\n${hw}\n${CLIENT_ID}`),
      schema_version: 2
    })
    return Buffer.from(`{"request":${inner},"signature":"${hmac(secret, inner)}"}`).toString('base64')
  }

  it('client_id files are verified with the client secret; the .lic is signed with it too', async () => {
    const r = await call(srv.url, 'POST', '/api/v4/activate_offline', clientFile('activation', 'vault', 'DEMO-VAUL-T000-0001', 'hw-c'))
    expect(r.status).toBe(200)
    expect(r.json.offline_signature).toBe(hmac(CLIENT_SECRET, `licenseSpring\ndate: ${r.json.date}\nDEMO-VAUL-T000-0001\nhw-c\n${CLIENT_ID}`))
    const d = await call(srv.url, 'POST', '/api/v4/deactivate_offline', clientFile('deactivation', 'vault', 'DEMO-VAUL-T000-0001', 'hw-c'))
    expect(d.text).toBe('license_deactivated')
  })

  it('a client_id file signed with another key is refused; an API-key file for an OAuth-only product too', async () => {
    const wrong = await call(srv.url, 'POST', '/api/v4/activate_offline', clientFile('activation', 'vault', 'DEMO-VAUL-T000-0001', 'hw-c', 'demo-shared-key-R8tq2VwLmN4pXs7K'))
    expect(wrong.json.code).toBe('signature_mismatch')
    const apiKeyFile = await call(
      srv.url,
      'POST',
      '/api/v4/activate_offline',
      offlineV2({ request: 'activation', product: 'vault', hardwareId: 'hw-c', licenseKey: 'DEMO-VAUL-T000-0001' })
    )
    expect(apiKeyFile.json.code).toBe('authorization_invalid_headers')
    expect(srv.state.devices('DEMO-VAUL-T000-0001')).toEqual([])
    // an ordinary product takes both kinds
    expect((await call(srv.url, 'POST', '/api/v4/activate_offline', clientFile('activation', 'studio', 'DEMO-STUD-IO00-0001', 'hw-s'))).status).toBe(200)
    expect((await call(srv.url, 'POST', '/api/v4/activate_offline', offlineV1({ request: 'activation', hardwareId: 'hw-t', licenseKey: 'DEMO-STUD-IO00-0001' }))).status).toBe(200)
  })
})
