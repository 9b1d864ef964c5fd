// Browser mode in a real browser against attacks a web page can make: a page served from another local
// origin tries to call License Desk's API (and to read its pages, and to frame it), and a DNS-rebinding
// page (a foreign host name that resolves to 127.0.0.1) tries the same. Both fail, and nothing changes.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium } from '@playwright/test'
import { expect, KEYS, test } from './fixtures'

let evil: Server | undefined
test.afterEach(async () => {
  await new Promise<void>((r) => (evil ? evil.close(() => r()) : r()))
  evil = undefined
})

/** A page on another 127.0.0.1 port that knows License Desk's origin (not its token) and tries everything. */
async function startEvilPage(target: string, token: string): Promise<string> {
  const script = `
    const target = ${JSON.stringify(target)}
    const results = {}
    const attempt = async (name, fn) => { try { results[name] = await fn() } catch (e) { results[name] = 'blocked: ' + e.name } }
    window.run = async () => {
      await attempt('json call', () => fetch(target + '/api/status:get', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.status))
      // even a page that somehow knew the token is refused (its Origin is wrong, and it cannot read the answer)
      await attempt('json call with token', () => fetch(target + '/api/activate:online', { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-license-desk-token': ${JSON.stringify(token)} },
        body: JSON.stringify({ input: { productId: 'studio', operationId: 'evil', licenseKey: ${JSON.stringify(KEYS.fresh)} } }) }).then((r) => r.status))
      await attempt('simple post', () => fetch(target + '/api/activate:online', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ input: { productId: 'studio', operationId: 'evil2', licenseKey: ${JSON.stringify(KEYS.fresh)} } }) }).then((r) => r.type))
      await attempt('read page', () => fetch(target + '/').then((r) => r.text()))
      await attempt('events', () => fetch(target + '/events').then((r) => r.status))
      return results
    }`
  evil = createServer((req, res) => {
    if (req.url === '/evil.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' })
      return res.end(script)
    }
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(`<!doctype html><title>evil</title><script src="/evil.js"></script><iframe id="frame" src="${target}/"></iframe>`)
  })
  await new Promise<void>((r) => evil!.listen(0, '127.0.0.1', () => r()))
  return `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`
}

test('a page from another local origin can neither call the API nor read or frame the app', async ({ ui, page }) => {
  const evilUrl = await startEvilPage(ui.origin, ui.token)
  await page.goto(evilUrl)
  const results = (await page.evaluate(() => (window as unknown as { run(): Promise<Record<string, unknown>> }).run())) as Record<string, unknown>
  expect(results['json call']).toBe('blocked: TypeError')
  expect(results['json call with token']).toBe('blocked: TypeError')
  // a no-cors form-like post may be sent (the answer is opaque, or blocked by Cross-Origin-Resource-Policy), but it is refused
  expect(['opaque', 'blocked: TypeError']).toContain(results['simple post'])
  expect(results['read page']).toBe('blocked: TypeError')
  expect(results.events).toBe('blocked: TypeError')
  // the frame stays empty: frame-ancestors 'none' / X-Frame-Options DENY
  const frame = page.frames().find((f) => f !== page.mainFrame())
  expect(await frame?.evaluate(() => document.getElementById('root')).catch(() => null)).toBeFalsy()
  // nothing reached the license server, nothing changed
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([])
  expect((await ui.desk.status()).products.find((p) => p.id === 'studio')?.state).toBe('inactive')
  expect(ui.output().stderr).toMatch(/another origin was refused|cross-site request was refused/)
})

test('a DNS-rebinding page (a foreign host name resolving to 127.0.0.1) is refused', async ({ ui }) => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', `--host-resolver-rules=MAP rebind.example 127.0.0.1`]
  })
  try {
    const page = await browser.newPage()
    const res = await page.goto(`http://rebind.example:${new URL(ui.origin).port}/`)
    expect(res?.status()).toBe(403)
    // the page (same origin as itself) tries the API: refused by the Host check too
    const status = await page.evaluate(() => fetch('/api/status:get', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.status))
    expect(status).toBe(403)
    expect(ui.output().stderr).toContain('another host name (Host header) was refused')
  } finally {
    await browser.close()
  }
})
