// Behind a company proxy, through browser mode: the built CLI's `license-desk ui --no-open` as a child
// process with the proxy environment, its API called over HTTP exactly as the page does (routes from
// src/shared/http.ts, the token header, our own Origin and Host). Its desk is the CLI's, so the cases are
// those of proxy.test.ts: the CA, the 407, credentials in the proxy URL, NO_PROXY, the HTML block page.
import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Channel } from '@shared/contract'
import type { Result } from '@shared/errors'
import { routeOf, TOKEN_HEADER } from '@shared/http'
import { CLI, ensureCliBuilt, KEYS } from '../support/demo'
import { BLOCK_PAGE_TITLE, CLEAN_PROXY_ENV, PROXY_PASSWORD, startProxyLab, withCredentials, type ProxyLab } from '../support/proxy'

let lab: ProxyLab
beforeAll(async () => {
  ensureCliBuilt()
  lab = await startProxyLab()
}, 60_000)
afterAll(() => lab?.close())

interface UiProcess {
  child: ChildProcess
  origin: string
  token: string
  output(): string
  /** One API call as src/renderer/src/http-api.ts makes it. */
  call<T = any>(channel: Channel, input?: unknown): Promise<Result<T>>
  stop(): Promise<void>
}

/** `license-desk --profile P --data-dir D ui --no-open` with this environment, once it printed its URL. */
async function startUiProcess(env: Record<string, string>): Promise<UiProcess> {
  const { demo } = lab
  const child = spawn(process.execPath, [CLI, '--profile', demo.profilePath, '--data-dir', demo.dataDir, 'ui', '--no-open', '--save-dir', demo.dir], {
    cwd: demo.dir,
    env: { ...process.env, ...CLEAN_PROXY_ENV, LICENSE_DESK_RETRY_BASE_MS: '20', LICENSE_DESK_TIMEOUT_MS: '3000', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout!.on('data', (c: Buffer) => (out += c))
  child.stderr!.on('data', (c: Buffer) => (out += c))
  const exited = new Promise<void>((r) => child.on('exit', () => r()))
  let m: RegExpExecArray | null = null
  for (let i = 0; i < 200 && !(m = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out)) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50))
  if (!m) {
    child.kill('SIGKILL')
    throw new Error(`license-desk ui printed no URL: ${out}`)
  }
  const url = new URL(m[1])
  const origin = url.origin
  const token = url.hash.replace(/^#token=/, '')
  return {
    child,
    origin,
    token,
    output: () => out,
    async call(channel, input) {
      const res = await fetch(origin + routeOf(channel), {
        method: 'POST',
        // fetch sends Host 127.0.0.1:PORT itself; the Origin is the page's own
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token, Origin: origin, 'Sec-Fetch-Site': 'same-origin' },
        body: JSON.stringify({ input })
      })
      expect(res.status, `${channel} answered ${res.status}`).toBe(200)
      return (await res.json()) as Result<never>
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    }
  }
}

/** Starts browser mode with `env`, runs `body`, and stops it whatever happens. */
async function withUi(env: Record<string, string>, body: (ui: UiProcess) => Promise<void>): Promise<string> {
  const ui = await startUiProcess(env)
  try {
    await body(ui)
  } finally {
    await ui.stop()
  }
  return ui.output()
}

const activate = (ui: UiProcess) => ui.call('activate:online', { productId: 'studio', operationId: 'op-activate', licenseKey: KEYS.fresh })
const deactivate = (ui: UiProcess) => ui.call('deactivate:online', { productId: 'studio', operationId: 'op-deactivate' })

describe('browser mode behind a CONNECT proxy, to a server with a private CA', () => {
  it('succeeds through HTTPS_PROXY with the CA given (NODE_EXTRA_CA_CERTS), and the proxy carried it', async () => {
    lab.fresh()
    const before = lab.tunnelsTo(lab.open)
    await withUi({ HTTPS_PROXY: lab.open.url, NODE_EXTRA_CA_CERTS: lab.caPath }, async (ui) => {
      const a = await activate(ui)
      expect(a.ok, JSON.stringify(a)).toBe(true)
      if (a.ok) expect(a.value.product.state).toBe('active')
      const d = await deactivate(ui)
      expect(d.ok, JSON.stringify(d)).toBe(true)
    })
    // one process keeps its tunnel alive for both calls (two CLI runs open one each)
    expect(lab.tunnelsTo(lab.open) - before).toBeGreaterThanOrEqual(1)
  })

  it('fails with the named untrusted-certificate error without the CA, naming the issuer', async () => {
    lab.fresh()
    const before = lab.tunnelsTo(lab.open)
    await withUi({ HTTPS_PROXY: lab.open.url }, async (ui) => {
      const r = await activate(ui)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error.code).toBe('network_tls_untrusted')
      expect(r.error.message).toContain('"License Desk local test CA"')
      expect(r.error.details).toEqual({ issuer: 'License Desk local test CA', proxy: `127.0.0.1:${lab.open.port}` })
      expect(r.error.nextStep).toBe('ask_it')
    })
    expect(lab.tunnelsTo(lab.open) - before).toBeGreaterThanOrEqual(1)
  })

  it('fails with the named 407 error without credentials; succeeds with them in the proxy URL, and shows no part of them', async () => {
    lab.fresh()
    const refusedBefore = lab.locked.refused
    await withUi({ HTTPS_PROXY: lab.locked.url, NODE_EXTRA_CA_CERTS: lab.caPath }, async (ui) => {
      const r = await activate(ui)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error.code).toBe('network_proxy_auth')
      expect(r.error.message).toContain(`127.0.0.1:${lab.locked.port}`)
    })
    expect(lab.locked.refused - refusedBefore).toBe(1)

    const tunnelsBefore = lab.tunnelsTo(lab.locked)
    const answers: string[] = []
    const output = await withUi({ HTTPS_PROXY: withCredentials(lab.locked, 'alice', PROXY_PASSWORD), NODE_EXTRA_CA_CERTS: lab.caPath }, async (ui) => {
      const a = await activate(ui)
      expect(a.ok, JSON.stringify(a)).toBe(true)
      const diag = await ui.call<{ text: string }>('diagnostics:get')
      expect(diag.ok).toBe(true)
      if (!diag.ok) return
      expect(diag.value.text).toContain(`127.0.0.1:${lab.locked.port}`)
      expect(diag.value.text).toContain('License Desk local test CA')
      answers.push(JSON.stringify(a), JSON.stringify(diag))
    })
    expect(answers).toHaveLength(2)
    for (const text of [output, ...answers]) {
      expect(text).not.toContain(PROXY_PASSWORD)
      expect(text).not.toContain(encodeURIComponent(PROXY_PASSWORD))
    }
    expect(lab.tunnelsTo(lab.locked) - tunnelsBefore).toBeGreaterThanOrEqual(1)
  })

  it('NO_PROXY bypasses the proxy', async () => {
    lab.fresh()
    const before = lab.open.tunnels.length
    await withUi({ HTTPS_PROXY: lab.open.url, NO_PROXY: `localhost, 127.0.0.1:${lab.demo.server.port}`, NODE_EXTRA_CA_CERTS: lab.caPath }, async (ui) => {
      const a = await activate(ui)
      expect(a.ok, JSON.stringify(a)).toBe(true)
      const d = await deactivate(ui)
      expect(d.ok, JSON.stringify(d)).toBe(true)
    })
    expect(lab.open.tunnels.length).toBe(before)
  })

  it('an HTML page in place of the API (a TLS-inspecting proxy whose CA is trusted) gives the named error', async () => {
    lab.fresh()
    await withUi({ HTTPS_PROXY: lab.inspecting.url, NODE_EXTRA_CA_CERTS: lab.inspectionCaPath }, async (ui) => {
      const r = await activate(ui)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error.code).toBe('network_captive_portal')
      expect(r.error.message).toContain(`"${BLOCK_PAGE_TITLE}"`)
    })
  })
})
