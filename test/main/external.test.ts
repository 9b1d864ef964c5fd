import { describe, expect, it } from 'vitest'
import { externalPolicyFromProfile, isAllowedExternalUrl, profileExternalHosts } from '../../src/main/external'

const hosts = ['vendor.com', 'portal.vendor.com', 'xn--bcher-kva.example']

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://vendor.com',
    'https://vendor.com/support?x=1#top',
    'https://portal.vendor.com/offline',
    'https://VENDOR.com/path',
    'https://bücher.example/',
    'https://xn--bcher-kva.example/',
    'mailto:help@vendor.com',
    'mailto:help@vendor.com?subject=Deactivation&body=Code%3A%20abc',
    'mailto:a@vendor.com,b@portal.vendor.com',
    'mailto:help@vendor.com?Subject=Hi',
    'mailto:help@vendor.com?subject=Release%20Demo%20CAD&body=Line%201%0D%0ALine%202%0D%0Ahttps%3A%2F%2Fvendor.com%2Fself%3Fa%3D1'
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url, hosts)).toBe(true)
  })

  it.each([
    // other schemes
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'javascript://vendor.com/%0aalert(1)',
    'file:///etc/passwd',
    'file://vendor.com/c$/windows',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'smb://vendor.com/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'ftp://vendor.com/',
    'chrome://settings',
    'about:blank',
    // uppercase or odd schemes
    'HTTPS://vendor.com/',
    'Https://vendor.com/',
    'MAILTO:help@vendor.com',
    'https:vendor.com',
    'https:/vendor.com',
    // http is never allowed outside the demo
    'http://vendor.com/',
    'http://127.0.0.1:4370/',
    // other hosts and look-alikes
    'https://evil.com/',
    'https://vendor.com.evil.com/',
    'https://evilvendor.com/',
    'https://vendor.co/',
    'https://vendor.com@evil.com/',
    'https://user:pass@vendor.com/',
    'https://vendor.com:pass@evil.com/',
    'https://evil.com#@vendor.com',
    'https://evil.com?@vendor.com',
    'https://evil.com\\@vendor.com',
    'https://vendor.com\\@evil.com',
    'https://vеndor.com/', // Cyrillic е
    'https://xn--vndor-4ve.com/',
    'https://vendor.com:8443/',
    'https://[::1]/',
    'https://127.0.0.1/',
    // whitespace and control characters
    ' https://vendor.com/',
    'https://vendor.com/ ',
    '\thttps://vendor.com/',
    'https://vendor.com/\n',
    'https://ven\ndor.com/',
    'https://vendor.com/\u0000',
    'https://vendor.com/\u202e',
    'https://vendor.com/\u200b',
    '\u00a0https://vendor.com/',
    'java\tscript:alert(1)',
    // mailto tricks
    'mailto:help@evil.com',
    'mailto:help@vendor.com,spy@evil.com',
    'mailto:help@vendor.com?cc=spy@evil.com',
    'mailto:help@vendor.com?BCC=spy@evil.com',
    'mailto:help@vendor.com?to=spy@evil.com',
    'mailto:help%40evil.com',
    'mailto:help@vendor.com%2Cspy@evil.com',
    'mailto:"help@vendor.com"@evil.com',
    'mailto:?to=help@vendor.com',
    'mailto:',
    'mailto:help@vendor.com:25',
    // mailto header fields other than subject/body: local file attachments, senders, recipient spellings
    'mailto:help@vendor.com?attach=/home/user/.ssh/id_rsa',
    'mailto:help@vendor.com?subject=Hi&attachment=file:///etc/passwd',
    'mailto:help@vendor.com?ATTACH=C:%5CUsers%5Cu%5Ckey.pem',
    'mailto:help@vendor.com?%20cc=spy@evil.com',
    'mailto:help@vendor.com?cc%20=spy@evil.com',
    'mailto:help@vendor.com?+bcc=spy@evil.com',
    'mailto:help@vendor.com?%63c=spy@evil.com',
    'mailto:help@vendor.com?reply-to=spy@evil.com',
    'mailto:help@vendor.com?from=spy@evil.com',
    'mailto:help@vendor.com?x-extra=1',
    // header parts mail clients may read differently: a fragment, a second "?", a line break in the subject
    'mailto:help@vendor.com#?cc=spy@evil.com',
    'mailto:help@vendor.com?subject=x#&cc=spy@evil.com',
    'mailto:help@vendor.com?subject=a?cc=spy@evil.com',
    'mailto:help@vendor.com?subject=Hi%0D%0ABcc:%20spy@evil.com',
    // not URLs
    '',
    'vendor.com',
    '//vendor.com',
    '/relative',
    'https://',
    'https://' + 'a'.repeat(5000) + '.vendor.com/'
  ])('refuses %j', (url) => {
    expect(isAllowedExternalUrl(url, hosts)).toBe(false)
  })

  it('refuses non-strings', () => {
    for (const v of [undefined, null, 1, {}, [], { toString: () => 'https://vendor.com' }]) {
      expect(isAllowedExternalUrl(v, hosts)).toBe(false)
    }
  })

  it('refuses everything with an empty allow-list', () => {
    expect(isAllowedExternalUrl('https://vendor.com', [])).toBe(false)
  })

  it('allows http only to listed loopback hosts in demo mode', () => {
    const demo = { hosts: ['127.0.0.1:4370'], allowLoopbackHttp: true }
    expect(isAllowedExternalUrl('http://127.0.0.1:4370/offline', demo)).toBe(true)
    expect(isAllowedExternalUrl('http://127.0.0.1:4370/offline', { ...demo, allowLoopbackHttp: false })).toBe(false)
    expect(isAllowedExternalUrl('http://127.0.0.1:4371/', demo)).toBe(false)
    expect(isAllowedExternalUrl('http://127.0.0.1/', demo)).toBe(false)
    expect(isAllowedExternalUrl('http://localhost:4370/', demo)).toBe(false)
    expect(isAllowedExternalUrl('http://127.0.0.1:4370@evil.com/', demo)).toBe(false)
    const notLoopback = { hosts: ['vendor.com'], allowLoopbackHttp: true }
    expect(isAllowedExternalUrl('http://vendor.com/', notLoopback)).toBe(false)
  })
})

describe('profileExternalHosts', () => {
  const profile = {
    schemaVersion: 1,
    app: { name: 'Vendor', supportEmail: 'help@Mail.Vendor.com', supportUrl: 'https://vendor.com/support' },
    products: [
      { id: 'a', provider: 'licensespring', licensespring: { apiBaseUrl: 'https://api.licensespring.com', portalUrl: 'https://portal.vendor.com/x', apiKey: 'secret' } },
      { id: 'b', provider: 'qlm', qlm: { serviceUrl: 'https://qlm.vendor.com/svc.asmx', selfHelpUrl: 'https://qlm.vendor.com:8443/self', password: 'https://not-a-url-key.com' } }
    ]
  }
  it('collects every *Url host and the support e-mail domain', () => {
    expect(new Set(profileExternalHosts(profile))).toEqual(
      new Set(['vendor.com', 'mail.vendor.com', 'api.licensespring.com', 'portal.vendor.com', 'qlm.vendor.com', 'qlm.vendor.com:8443'])
    )
  })
  it('builds a demo policy for the demo profile only', () => {
    expect(externalPolicyFromProfile(profile, true).allowLoopbackHttp).toBe(true)
    expect(externalPolicyFromProfile(profile, false).allowLoopbackHttp).toBe(false)
    expect(isAllowedExternalUrl('mailto:help@mail.vendor.com', externalPolicyFromProfile(profile, false))).toBe(true)
  })
})
