// The CLI's network set-up: which proxy applies (--proxy, the profile, the environment as curl reads
// it), NO_PROXY matching, what diagnostics may say (host and port, never credentials), and
// NODE_EXTRA_CA_CERTS read only when needed. (What the CLI loads at start: test/integration/cli-start.test.ts.)
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createNodeNetwork, proxyChoice, proxyForUrl, proxyHost } from '@core/network'
import { removeTempDirs, ROOT, tempDir } from '../support/tools'

afterAll(() => removeTempDirs())

describe('proxy choice', () => {
  it('--proxy, then the profile, then the environment (lower case first, empty = unset)', () => {
    const env = { HTTPS_PROXY: 'http://env-upper:1', https_proxy: 'http://env-lower:2', NO_PROXY: 'a.example' }
    expect(proxyChoice({ env, proxyOption: 'http://cli:3', profile: { proxy: 'http://profile:4' } })).toMatchObject({
      https: 'http://cli:3',
      source: '--proxy',
      noProxy: 'a.example'
    })
    expect(proxyChoice({ env, profile: { proxy: 'http://profile:4' } })).toMatchObject({ https: 'http://profile:4', source: 'profile network.proxy' })
    expect(proxyChoice({ env, profile: { proxy: 'system' } })).toMatchObject({ https: 'http://env-lower:2', source: 'environment' })
    expect(proxyChoice({ env: { HTTPS_PROXY: 'http://env-upper:1', https_proxy: '' } }).https).toBe('http://env-upper:1')
    expect(proxyChoice({ env, profile: { proxy: 'none' } })).toEqual({ noProxy: '', source: 'profile network.proxy' })
    expect(proxyChoice({ env, proxyOption: 'none' })).toEqual({ noProxy: '', source: '--proxy' })
    expect(proxyChoice({ env: { HTTP_PROXY: 'http://h:8' } })).toMatchObject({ http: 'http://h:8', https: 'http://h:8' })
    expect(proxyChoice({ env: {} })).toEqual({ noProxy: '', source: 'none' })
  })

  it('NO_PROXY: exact host, subdomains, leading dot or *., a port, commas or spaces, *', () => {
    const c = (noProxy: string) => ({ http: 'http://p:1', https: 'http://p:2', noProxy, source: 'environment' })
    expect(proxyForUrl('https://api.example.com/x', c(''))).toBe('http://p:2')
    expect(proxyForUrl('http://api.example.com/x', c(''))).toBe('http://p:1')
    expect(proxyForUrl('https://api.example.com/x', c('example.com'))).toBeUndefined()
    expect(proxyForUrl('https://api.example.com/x', c('.example.com'))).toBeUndefined()
    expect(proxyForUrl('https://api.example.com/x', c('*.example.com'))).toBeUndefined()
    expect(proxyForUrl('https://notexample.com/x', c('example.com'))).toBe('http://p:2')
    expect(proxyForUrl('https://API.Example.com/x', c('other.test api.example.com'))).toBeUndefined()
    expect(proxyForUrl('https://api.example.com/x', c('api.example.com:443'))).toBeUndefined()
    expect(proxyForUrl('https://api.example.com:8443/x', c('api.example.com:443'))).toBe('http://p:2')
    expect(proxyForUrl('https://anything/x', c('*'))).toBeUndefined()
  })

  it('diagnostics name the proxy by host and port only, and the CA set', () => {
    const dir = tempDir()
    const net = createNodeNetwork({ env: { HTTPS_PROXY: 'http://alice:pw-SECRET@proxy.corp:3128', NO_PROXY: 'intranet.corp', NODE_EXTRA_CA_CERTS: join(dir, 'none.pem') } })
    const info = net.info(['https://api.example.com/api/v4', 'https://qlm.intranet.corp/qlm'])
    expect(info.proxy).toEqual({ source: 'environment', https: 'proxy.corp:3128', noProxy: 'intranet.corp' })
    expect(info.routes).toEqual({ 'https://api.example.com': 'proxy proxy.corp:3128', 'https://qlm.intranet.corp': 'direct' })
    expect(info.certificateAuthorities[0]).toBe('system')
    expect(info.certificateAuthorities[1]).toContain('NODE_EXTRA_CA_CERTS')
    expect(JSON.stringify(info)).not.toMatch(/alice|SECRET/)
    expect(proxyHost('https://u:p@secure-proxy.corp')).toBe('secure-proxy.corp:443')
  })

  it('NODE_EXTRA_CA_CERTS is read when first needed, not when the network is set up', () => {
    // Machines that point it at the whole system bundle (~150 certificates) would otherwise pay ~20 ms on
    // every command, also on those that send nothing.
    const file = join(tempDir(), 'extra.pem')
    const net = createNodeNetwork({ env: { NODE_EXTRA_CA_CERTS: file } })
    writeFileSync(file, readFileSync(join(ROOT, 'test/support/test-ca.pem')))
    expect(net.info([]).certificateAuthorities).toEqual(['system', `NODE_EXTRA_CA_CERTS ${file}: License Desk fixture CA`])
  })
})
