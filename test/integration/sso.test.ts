// SSO user licenses against the local server playing the identity provider: the sign-in address from
// the License API (sso_url), opened "in the system browser" (here: a stand-in that behaves like one over
// HTTP), the answer on a loopback redirect (127.0.0.1, random port, state checked, PKCE S256), then
// activation and deactivation with code + customer_account_code. Through the core and the CLI.
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CLI, ensureCliBuilt, readState, startDemo, type Demo } from '../support/demo'
import { makeDesk, TEST_HWID } from '../support/desk'

const USER = { email: 'sso.user@acme.example', password: 'sso-password-1' }
let demo: Demo

beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo()
})
afterAll(async () => demo?.close())
afterEach(() => {
  demo.server.state.reset()
  rmSync(demo.dataDir, { recursive: true, force: true })
})

interface Visit {
  opened: URL
  forged?: number
  callback?: { status: number; body: string }
}

/** What a browser does with the address: the sign-in page, the form, then the redirect to the loopback. */
function browser(visits: Visit[], opts: { forgeFirst?: boolean; password?: string } = {}) {
  return async (url: string) => {
    const v: Visit = { opened: new URL(url) }
    visits.push(v)
    const html = await (await fetch(url)).text()
    const form = new URLSearchParams(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m): [string, string] => [m[1]!, m[2]!.replace(/&amp;/g, '&')])
    )
    const redirect = new URL(form.get('redirect_uri')!)
    if (opts.forgeFirst) {
      // another page (or an old tab) calling the loopback address without this sign-in's state
      v.forged = (await fetch(`${redirect.origin}${redirect.pathname}?code=stolen&state=guess`)).status
    }
    form.set('email', USER.email)
    form.set('password', opts.password ?? USER.password)
    const posted = await fetch(`${demo.server.url}/sso/authorize`, { method: 'POST', body: form, redirect: 'manual' })
    const location = posted.headers.get('location')
    if (!location) return
    const back = await fetch(location)
    v.callback = { status: back.status, body: await back.text() }
  }
}

describe('SSO through the core (as the app runs it)', () => {
  it('signs in in the browser, activates with the code, and signs in again to deactivate', async () => {
    const visits: Visit[] = []
    const desk = makeDesk(demo.dataDir, demo.profile, { openSignIn: browser(visits, { forgeFirst: true }) })
    const a = await desk.activateOnline('cloud-sso', { sso: true })
    expect(a.product.state).toBe('active')
    expect(a.product.license?.username).toBe(USER.email)
    expect(demo.server.state.devices(USER.email)).toEqual([TEST_HWID])
    const [v] = visits
    // RFC 8252: loopback IP literal, a port of our own, and state + PKCE on the address
    const redirect = new URL(v!.opened.searchParams.get('redirect_uri')!)
    expect(redirect.hostname).toBe('127.0.0.1')
    expect(Number(redirect.port)).toBeGreaterThan(0)
    expect(v!.opened.searchParams.get('state')).toMatch(/^[\w-]{32}$/)
    expect(v!.opened.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(v!.opened.searchParams.get('code_challenge_method')).toBe('S256')
    // the forged answer was refused and ended nothing; the real one was welcomed
    expect(v!.forged).toBe(400)
    expect(v!.callback).toMatchObject({ status: 200 })
    expect(v!.callback!.body).toContain('You can close this window')
    // the listener is gone once the sign-in is done
    await expect(fetch(redirect.href)).rejects.toThrow()
    expect(readState(demo.dataDir).licenses['cloud-sso']).toMatchObject({ username: USER.email, sso: true })

    const d = await desk.deactivateOnline('cloud-sso')
    expect(d.alreadyReleased).toBe(false)
    expect(visits).toHaveLength(2)
    expect(visits[1]!.opened.searchParams.get('state')).not.toBe(v!.opened.searchParams.get('state'))
    expect(demo.server.state.devices(USER.email)).toEqual([])
  })

  it('a wrong password at the identity provider leaves the sign-in waiting; cancelling ends it and changes nothing', async () => {
    const visits: Visit[] = []
    const controller = new AbortController()
    const desk = makeDesk(demo.dataDir, demo.profile, {
      openSignIn: async (url) => {
        await browser(visits, { password: 'wrong' })(url)
        setTimeout(() => controller.abort(), 50)
      }
    })
    const e = await desk.activateOnline('cloud-sso', { sso: true }, { signal: controller.signal }).catch((x) => x)
    expect(e.info?.code ?? e.code).toBe('cancelled')
    expect(visits[0]!.callback).toBeUndefined()
    expect(demo.server.state.devices(USER.email)).toEqual([])
    await expect(fetch(visits[0]!.opened.searchParams.get('redirect_uri')!)).rejects.toThrow()
  })

  it('without a way to open a browser it says so by name', async () => {
    const e = await makeDesk(demo.dataDir, demo.profile)
      .activateOnline('cloud-sso', { sso: true })
      .catch((x) => x)
    expect(e.info.code).toBe('offline_not_supported')
    expect(e.info.message).toMatch(/web browser/)
  })
})

describe('SSO through the CLI', () => {
  it('prints the address, waits, and activates once the sign-in is done in a browser', async () => {
    const child = spawn(process.execPath, [CLI, '--profile', demo.profilePath, '--data-dir', demo.dataDir, '--json', 'activate', 'cloud-sso', '--sso'], {
      env: { ...process.env, LICENSE_DESK_RETRY_BASE_MS: '10' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c) => {
        stderr += c
        const m = /Open this address in a web browser on this computer to sign in:\n {2}(\S+)\n/.exec(stderr)
        if (m) resolve(m[1]!)
      })
      child.on('exit', () => reject(new Error(`exited before printing the address: ${stderr}`)))
    })
    expect(stderr).toContain('Waiting for the sign-in to finish')
    const visits: Visit[] = []
    await browser(visits)(url)
    const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)))
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, product: { id: 'cloud-sso', state: 'active', license: { username: USER.email } } })
    expect(demo.server.state.devices(USER.email)).toHaveLength(1)
  })
})
