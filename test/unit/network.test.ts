// The CLI's network set-up: which proxy applies (--proxy, the profile, the environment as curl reads
// it), NO_PROXY matching, what diagnostics may say (host and port, never credentials), and undici
// loaded only when something is configured.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createNodeNetwork, proxyChoice, proxyForUrl, proxyHost } from '@core/network'
import { ensureCliBuilt, CLI } from '../support/demo'
import { removeTempDirs, tempDir } from '../support/tools'

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
})

describe('start-up cost', () => {
  it('the CLI loads undici only when a proxy or a CA is configured', () => {
    ensureCliBuilt()
    const dir = tempDir()
    const hook = join(dir, 'hook.js')
    writeFileSync(
      hook,
      "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (/undici/.test(r)) process.stderr.write('UNDICI-LOADED\\n'); return load.call(this, r, ...a) }"
    )
    const stderrOf = (env: Record<string, string>, args: string[]) =>
      spawnSync(process.execPath, ['--require', hook, CLI, '--data-dir', join(dir, 'data'), ...args], {
        env: { ...process.env, HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', LICENSE_DESK_RETRY_BASE_MS: '1', ...env },
        encoding: 'utf8'
      }).stderr
    expect(stderrOf({}, ['activate', 'studio', '--key', 'DEMO-STUD-IO00-0001'])).not.toContain('UNDICI-LOADED')
    expect(stderrOf({ HTTPS_PROXY: 'http://127.0.0.1:9' }, ['status'])).not.toContain('UNDICI-LOADED')
    expect(stderrOf({ HTTP_PROXY: 'http://127.0.0.1:9' }, ['activate', 'studio', '--key', 'DEMO-STUD-IO00-0001'])).toContain('UNDICI-LOADED')
  })
})
