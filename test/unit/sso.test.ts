// The SSO sign-in address the app hands to the system browser: https only (or http to a loopback host),
// with this sign-in's state and PKCE challenge added.
import { describe, expect, it } from 'vitest'
import { withAuthParams } from '@core/providers/licensespring/sso'
import { rejection } from '../support/tools'

describe('withAuthParams', () => {
  it('adds state and the S256 challenge to an https address, keeping its own parameters', () => {
    const u = new URL(withAuthParams('https://idp.example/authorize?client_id=acme&redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Fcallback', 'st', 'ch'))
    expect(u.searchParams.get('client_id')).toBe('acme')
    expect(u.searchParams.get('redirect_uri')).toBe('http://127.0.0.1:5/callback')
    expect(u.searchParams.get('state')).toBe('st')
    expect(u.searchParams.get('code_challenge')).toBe('ch')
    expect(u.searchParams.get('code_challenge_method')).toBe('S256')
    expect(new URL(withAuthParams('http://127.0.0.1:4370/sso/authorize', 'st')).searchParams.has('code_challenge')).toBe(false)
  })

  it.each(['http://idp.example/authorize', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url', 'ftp://idp.example/'])('refuses %s', async (url) => {
    const e = await rejection(async () => withAuthParams(url, 'st'))
    expect(e.code).toBe('bad_response')
  })
})
