// The app's network set-up over the fake electron module: the core is handed Electron's net.fetch, the
// profile's proxy reaches the session (never its credentials), the certificate verifier trusts the
// profile's CA and nothing else, and net.fetch's Chromium errors are named as Node's are.
import { describe, expect, it } from 'vitest'
import { httpRequest } from '@core/http'
import type { LicenseDeskError } from '@core/errors'
import { createMainNetwork, type NetworkSession } from '../../src/main/network'
import { createThrowawayCa, issueServerCertificate } from '../../src/server/tls'
import { closedPort } from '../support/tools'
import { createFakeElectron } from '../support/fake-electron'

function setup() {
  const fake = createFakeElectron()
  return { fake, session: fake.session.defaultSession as unknown as NetworkSession }
}

async function failWith(netError: string): Promise<LicenseDeskError> {
  const { session } = setup()
  const net = await createMainNetwork({ netFetch: async () => Promise.reject(new Error(`net::${netError}`)), session })
  try {
    await httpRequest({ url: 'https://licenses.example/api', method: 'GET', idempotent: true, fetch: net.fetch, retryBaseMs: 1 })
  } catch (e) {
    return e as LicenseDeskError
  }
  throw new Error('expected a failure')
}

describe('main process network', () => {
  it('hands the core the given net.fetch', async () => {
    const { fake, session } = setup()
    const net = await createMainNetwork({ netFetch: fake.net.fetch, session })
    const url = `http://127.0.0.1:${await closedPort()}/`
    await expect(net.fetch(url)).rejects.toThrow(/net::ERR_CONNECTION_REFUSED/)
    expect(fake.net.fetch.calls).toEqual([url])
  })

  it('names Chromium errors as the Node side names them', async () => {
    expect((await failWith('ERR_PROXY_CONNECTION_FAILED')).code).toBe('network_proxy_unreachable')
    expect((await failWith('ERR_PROXY_AUTH_REQUESTED')).code).toBe('network_proxy_auth')
    expect((await failWith('ERR_TUNNEL_CONNECTION_FAILED')).code).toBe('network_proxy_refused')
    expect((await failWith('ERR_CERT_AUTHORITY_INVALID')).code).toBe('network_tls_untrusted')
    expect((await failWith('ERR_NAME_NOT_RESOLVED')).code).toBe('network_dns')
    expect((await failWith('ERR_CONNECTION_REFUSED')).code).toBe('network_refused')
    expect((await failWith('ERR_TIMED_OUT')).code).toBe('network_timeout')
  })

  it("applies the profile's proxy to the session without its credentials", async () => {
    const a = setup()
    await createMainNetwork({ netFetch: a.fake.net.fetch, session: a.session, network: { proxy: 'http://alice:s3cret-proxy-pw@proxy.corp:3128' } })
    expect(a.fake.session.defaultSession.proxyConfig).toEqual({ mode: 'fixed_servers', proxyRules: 'http://proxy.corp:3128' })
    expect(JSON.stringify(a.fake.__calls)).not.toContain('s3cret-proxy-pw')
    const b = setup()
    await createMainNetwork({ netFetch: b.fake.net.fetch, session: b.session, network: { proxy: 'none' } })
    expect(b.fake.session.defaultSession.proxyConfig).toEqual({ mode: 'direct' })
    const c = setup()
    const net = await createMainNetwork({ netFetch: c.fake.net.fetch, session: c.session, network: { proxy: 'system' } })
    expect(c.fake.session.defaultSession.proxyConfig).toBeNull()
    expect((await net.info(['https://licenses.example/api'])).routes).toEqual({ 'https://licenses.example': 'direct' })
  })

  it("trusts a chain signed by the profile's CA for the right host only, and names the issuer otherwise", async () => {
    const ca = await createThrowawayCa('Acme Internal Root')
    const leaf = await issueServerCertificate(ca, 'localhost')
    const other = await createThrowawayCa('Someone Else')
    const certificate = { data: leaf.cert, issuerName: 'Acme Internal Root' }
    const verdict = (session: { certificateVerifyProc: unknown }, hostname: string, errorCode = -202) =>
      new Promise<number>((resolve) => (session.certificateVerifyProc as (r: unknown, cb: (n: number) => void) => void)({ hostname, certificate, errorCode }, resolve))

    const trusted = setup()
    await createMainNetwork({ netFetch: trusted.fake.net.fetch, session: trusted.session, network: { proxy: 'system', caCertificates: ca.cert } })
    const s1 = trusted.fake.session.defaultSession
    expect(await verdict(s1, 'localhost')).toBe(0)
    expect(await verdict(s1, 'evil.example')).toBe(-3)
    expect(await verdict(s1, 'localhost', -200)).toBe(-3)
    expect(await verdict(s1, 'localhost', 0)).toBe(-3)

    const untrusted = setup()
    const net = await createMainNetwork({
      netFetch: async () => Promise.reject(new Error('net::ERR_CERT_AUTHORITY_INVALID')),
      session: untrusted.session,
      network: { proxy: 'system', caCertificates: other.cert }
    })
    expect(await verdict(untrusted.fake.session.defaultSession, 'localhost')).toBe(-3)
    const e = (await httpRequest({ url: 'https://localhost/api', method: 'GET', idempotent: true, fetch: net.fetch }).catch((x: unknown) => x)) as LicenseDeskError
    expect(e.code).toBe('network_tls_untrusted')
    expect(e.message).toContain('"Acme Internal Root"')
  }, 30_000)
})
