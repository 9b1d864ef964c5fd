// Screenshots of every renderer screen in light and dark, against the in-memory fake API.
// Usage: npx electron-vite build && node scripts/screens/build-fake.mjs && node scripts/screens/shoot.mjs [outDir]
import { createServer } from 'node:http'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import { extname, join, resolve, normalize } from 'node:path'
import { chromium } from '@playwright/test'

const root = resolve(import.meta.dirname, '../..')
const site = resolve(root, 'out/renderer')
const fake = resolve(root, 'out/screens/fake-api.js')
const outDir = resolve(root, process.argv[2] ?? 'artifacts/screens/renderer')
mkdirSync(outDir, { recursive: true })
if (!existsSync(join(site, 'index.html')) || !existsSync(fake)) {
  console.error('build first: npx electron-vite build && node scripts/screens/build-fake.mjs')
  process.exit(1)
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' }
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  const path = normalize(join(site, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)))
  if (!path.startsWith(site) || !existsSync(path)) {
    res.writeHead(404).end()
    return
  }
  res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path))
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}/`

const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
}
let browser = null
// Relaunches when the browser went away (e.g. a crash), so one hiccup does not lose the whole set.
async function getBrowser() {
  if (!browser || !browser.isConnected()) browser = await chromium.launch(launchOptions)
  return browser
}

const problems = []

async function open(scheme, options = {}, locale = 'en-US') {
  const context = await (await getBrowser()).newContext({ colorScheme: scheme, reducedMotion: 'reduce', locale, viewport: { width: 1040, height: 760 }, deviceScaleFactor: 1 })
  await context.addInitScript(`window.__fakeOptions = ${JSON.stringify(options)}`)
  await context.addInitScript({ path: fake })
  const page = await context.newPage()
  page.on('crash', () => problems.push('page crashed'))
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('404')) problems.push(`${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await page.goto(base)
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  return { page, context }
}

const shots = {
  async '01-home'(page) {
    await page.getByTestId('hardware-id').waitFor()
  },
  async '02-activate-method'(page) {
    await page.getByRole('button', { name: 'Activate Demo Studio' }).click()
    await page.getByRole('heading', { name: 'How do you want to activate Demo Studio?' }).waitFor()
  },
  async '03-activate-online-error'(page) {
    await page.getByRole('button', { name: 'Activate Demo Studio' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('textbox', { name: 'License key' }).fill('DEMO-STUD-IO00-9999')
    await page.getByRole('button', { name: 'Activate', exact: true }).click()
    await page.getByTestId('error-title').waitFor()
  },
  async '04-activate-user-validation'(page) {
    await page.getByRole('button', { name: 'Activate Demo Cloud' }).click()
    await page.getByRole('button', { name: 'Activate', exact: true }).click()
    await page.getByText('Enter your password.').waitFor()
  },
  async '05-activate-ls-offline'(page) {
    await page.getByRole('button', { name: 'Activate Demo Studio' }).click()
    await page.getByRole('radio', { name: /Offline/ }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('textbox', { name: 'License key' }).fill('DEMO-STUD-IO00-0001')
    await page.getByRole('button', { name: 'Save request file…' }).click()
    await page.getByTestId('request-file-path').waitFor()
  },
  async '06-activate-qlm-offline'(page) {
    await page.getByRole('button', { name: 'Activate Demo CAD' }).click()
    await page.getByRole('radio', { name: /Offline/ }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('textbox', { name: 'Activation key' }).fill('AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2')
    await page.getByRole('button', { name: 'Create activation link' }).click()
    await page.getByTestId('activation-qr').waitFor()
  },
  async '07-activate-done'(page) {
    await page.getByRole('button', { name: 'Activate Demo Cloud' }).click()
    await page.getByLabel('E-mail or user name').fill('demo@license-desk.example')
    await page.getByLabel('Password').fill('demo-password-1')
    await page.getByRole('button', { name: 'Activate', exact: true }).click()
    await page.getByRole('heading', { name: 'Demo Cloud is activated' }).waitFor()
  },
  async '08-deactivate-method'(page) {
    await page.getByRole('button', { name: 'Deactivate Demo Studio' }).click()
    await page.getByRole('heading', { name: 'How do you want to deactivate Demo Studio?' }).waitFor()
  },
  async '09-deactivate-confirm'(page) {
    await page.getByRole('button', { name: 'Deactivate Demo CAD' }).click()
    await page.getByRole('radio', { name: /Offline/ }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Deactivate Demo CAD on this computer?' }).waitFor()
  },
  async '10-deactivate-progress'(page) {
    await page.evaluate(() => window.__fake.hold(true))
    await page.getByRole('button', { name: 'Deactivate Demo Studio' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click()
    await page.getByText('Preparing…', { exact: true }).first().waitFor()
  },
  async '11-deactivate-error-clock'(page) {
    await page.evaluate(() => window.__fake.failNext('deactivateOnline', window.__fakeError('clock_skew', { serverCode: 'date_header_diff' })))
    await page.getByRole('button', { name: 'Deactivate Demo Studio' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click()
    await page.getByTestId('error-title').waitFor()
  },
  async '12-deactivate-done'(page) {
    await page.getByRole('button', { name: 'Deactivate Demo Studio' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click()
    await page.getByRole('heading', { name: 'Demo Studio is deactivated' }).waitFor()
  },
  async '13-ls-file-result'(page) {
    await page.getByRole('button', { name: 'Deactivate Demo Studio' }).click()
    await page.getByRole('radio', { name: /Offline/ }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click()
    await page.getByTestId('saved-file-path').waitFor()
  },
  async '14-qlm-dvc-result'(page) {
    await page.getByRole('button', { name: 'Deactivate Demo CAD' }).click()
    await page.getByRole('radio', { name: /Offline/ }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click()
    await page.getByTestId('self-help-qr').waitFor()
  },
  async '15-history'(page) {
    await page.getByRole('button', { name: 'History' }).click()
    await page.getByRole('heading', { name: 'Offline deactivations' }).waitFor()
    await page.getByRole('button', { name: /^Show / }).first().waitFor()
  }
}
const unseeded = new Set(['02-activate-method', '03-activate-online-error', '05-activate-ls-offline', '06-activate-qlm-offline'])
const only = process.env.SHOTS ? new Set(process.env.SHOTS.split(',')) : null

let n = 0
for (const scheme of ['light', 'dark']) {
  for (const [name, run] of Object.entries(shots)) {
    if (only && !only.has(name)) continue
    for (let attempt = 1; attempt <= 2; attempt++) {
      let context
      try {
        const opened = await open(scheme, { seeded: !unseeded.has(name) })
        context = opened.context
        await run(opened.page)
        await opened.page.waitForTimeout(150)
        await opened.page.screenshot({ path: join(outDir, `${name}-${scheme}.png`), fullPage: true })
        n++
        await context.close()
        break
      } catch (e) {
        await context?.close().catch(() => {})
        if (attempt === 2) problems.push(`${name}-${scheme}: ${e.message.split('\n')[0]}`)
      }
    }
  }
  if (!only || only.has('16-home-de')) {
    const { page, context } = await open(scheme, { seeded: true, locale: 'de-DE' }, 'de-DE')
    await page.getByRole('heading', { name: 'Ihre Lizenzen' }).waitFor()
    await page.screenshot({ path: join(outDir, `16-home-de-${scheme}.png`), fullPage: true })
    n++
    await context.close()
  }
}
await browser?.close()
server.close()
console.log(`${n} screenshots in ${outDir}`)
if (problems.length) {
  console.log('problems:\n' + problems.join('\n'))
  process.exitCode = 1
}
