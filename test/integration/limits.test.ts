// Bounded time and memory, through the built CLI: a server that sends the headers and a few body bytes
// and then stalls ends at the timeout on every attempt; an endless answer stops at the size cap with its
// named error while the process stays small; a redirect is named and not retried.
import { writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, ensureCliBuilt, KEYS, startDemo, type Demo } from '../support/demo'

let demo: Demo
let server: Server
let base: string
const hits: Record<string, number> = {}
let streamed = 0

beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo()
  server = createServer((req, res) => {
    const kind = (req.url ?? '').split('/')[1] ?? ''
    hits[kind] = (hits[kind] ?? 0) + 1
    if (kind === 'stall') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' })
      res.write('{"li')
      return
    }
    if (kind === 'huge') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const chunk = Buffer.alloc(256 * 1024, 'a')
      const pump = () => {
        while (!res.destroyed) {
          streamed += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
      }
      pump()
      return
    }
    res.writeHead(302, { Location: 'https://portal.hotel.example/login?token=abc' })
    res.end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
  await demo.close()
})

/** The demo profile with the LicenseSpring products pointed at `path` on the misbehaving server. */
function profileAt(path: string): { profilePath: string; dataDir: string; dir: string } {
  const profilePath = join(demo.dir, `profile-${path}.json`)
  const p = {
    ...demo.profile,
    products: demo.profile.products.map((x) => (x.provider === 'licensespring' ? { ...x, licensespring: { ...x.licensespring, apiBaseUrl: `${base}/${path}` } } : x))
  }
  writeFileSync(profilePath, JSON.stringify(p))
  return { profilePath, dataDir: join(demo.dir, `data-${path}`), dir: demo.dir }
}

/** Prints the child's peak memory (KiB) on exit. */
function rssHook(): string {
  const hook = join(demo.dir, 'rss-hook.js')
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the hook's source, run by the child process
  writeFileSync(hook, "process.on('exit', () => process.stderr.write(`MAXRSS ${process.resourceUsage().maxRSS}\\n`))")
  return hook
}

describe('bounded time and memory (built CLI)', () => {
  it('a stalled body ends at the timeout on each attempt (headers and 4 of 100,000 bytes, then nothing)', async () => {
    const t0 = Date.now()
    const r = await cli(profileAt('stall'), ['--json', 'activate', 'studio', '--key', KEYS.fresh], { LICENSE_DESK_TIMEOUT_MS: '400' })
    expect(r.json.error.code).toBe('network_timeout')
    expect(r.code).toBe(4)
    expect(hits.stall).toBe(3)
    expect(Date.now() - t0).toBeLessThan(10_000)
  })

  it('an endless answer stops at the size cap with response_too_large, and the process stays small', async () => {
    const r = await cli(profileAt('huge'), ['--json', 'activate', 'studio', '--key', KEYS.fresh], { NODE_OPTIONS: `--require ${rssHook()}` })
    expect(r.json.error.code).toBe('response_too_large')
    expect(r.code).toBe(4)
    expect(hits.huge).toBe(1)
    const maxRssMiB = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1]) / 1024
    expect(maxRssMiB).toBeGreaterThan(0)
    expect(maxRssMiB).toBeLessThan(200)
    expect(streamed).toBeLessThan(64 * 1024 * 1024)
  })

  it('a redirect is named as such, once, without following it or quoting its query', async () => {
    const r = await cli(profileAt('moved'), ['--json', 'activate', 'studio', '--key', KEYS.fresh])
    expect(r.json.error.code).toBe('network_redirect')
    expect(r.json.error.message).toContain('portal.hotel.example')
    expect(r.json.error.message).not.toContain('token=abc')
    expect(r.json.error.message).not.toMatch(/could not reach/i)
    expect(hits.moved).toBe(1)
  })
})
