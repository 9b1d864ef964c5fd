// The local server's pages in a real browser: the QLM self-help link releases only on the button, an
// already-free seat is said plainly, long file names wrap between words, the OS dark mode is followed.
import { createHash, createHmac, randomUUID } from 'node:crypto'
import { test, expect } from '@playwright/test'
import { startServer, type LocalServer } from '../../src/server/index'
import { KEYS } from '../support/demo'

const API_KEY = 'demo-api-key-3f1c9a7e'
const SHARED_KEY = 'demo-shared-key-R8tq2VwLmN4pXs7K'
const CEK = '{B6163D99-F46A-4580-BB42-BF276A507A14}'
let server: LocalServer

test.beforeAll(async () => {
  server = await startServer({ port: 0 })
})
test.afterAll(async () => server?.close())
test.beforeEach(() => server.state.reset())

function deactivationFile(hardwareId: string): string {
  const date = new Date().toUTCString()
  const fields = { request: 'deactivation', api_key: API_KEY, date, request_id: randomUUID(), product: 'studio', hardware_id: hardwareId, license_key: KEYS.fresh }
  const signature = createHmac('sha256', SHARED_KEY).update(`licenseSpring\ndate: ${date}\n${KEYS.fresh}\n${hardwareId}\n${API_KEY}`).digest('base64')
  return Buffer.from(JSON.stringify({ ...fields, signature })).toString('base64')
}

test('QLM self-help link: opening it releases nothing, the button does', async ({ page }) => {
  await fetch(`${server.url}/qlm/qlmservice.asmx/ValidateLicenseHttp?is_avkey=${KEYS.qlm}&is_pcid=pc-e2e&is_activate=true`)
  const day = new Date().toISOString().slice(0, 10)
  const code = createHash('md5')
    .update(`${KEYS.qlm.replace(/-/g, '')}|pc-e2e|${CEK}|${day}`)
    .digest('hex')
  await page.goto(`${server.url}/qlm/QlmReleaseLicense.aspx?${new URLSearchParams({ is_avkey: KEYS.qlm, is_pcid: 'pc-e2e', is_deactcode: code })}`)
  await expect(page.getByLabel('Deactivation verification code')).toHaveValue(code)
  await expect(page.locator('#product-name')).toHaveText('Demo CAD')
  await page.reload()
  expect(server.state.qlmActivations(KEYS.qlm).map((a) => a.computerId)).toEqual(['pc-e2e'])
  await page.getByRole('button', { name: 'Release license' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('License released')
  expect(server.state.qlmActivations(KEYS.qlm)).toEqual([])
})

test('portal: a long file name wraps between its words; the same file again says the seat is already free', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 700 })
  server.state.rawLicense(KEYS.fresh)!.devices!.push({ hardwareId: 'hw-e2e', activatedAt: new Date().toISOString() })
  const file = { name: 'ls_deactivation_engineering-workstation-0042_building-seven.req', mimeType: 'application/octet-stream', buffer: Buffer.from(deactivationFile('hw-e2e')) }
  await page.goto(`${server.url}/offline`)
  await page.getByLabel('Request file', { exact: true }).setInputFiles(file)
  await page.getByRole('button', { name: 'Upload' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('License deactivated')
  await expect(page.locator('#product-name')).toHaveText('Demo Studio')
  const name = page.locator('#file-name')
  await expect(name).toHaveText(file.name)
  // It wraps (more than one line) without overflowing the page, and every line ends at a separator.
  const lines = await name.evaluate((el) => {
    const range = document.createRange()
    const text = el.textContent ?? ''
    const out: string[] = []
    let top: number | undefined
    let line = ''
    const node = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let n = node.nextNode(); n; n = node.nextNode()) {
      for (let i = 0; i < (n.textContent ?? '').length; i++) {
        range.setStart(n, i)
        range.setEnd(n, i + 1)
        const t = range.getBoundingClientRect().top
        if (top !== undefined && Math.abs(t - top) > 2) {
          out.push(line)
          line = ''
        }
        top = t
        line += n.textContent![i]
      }
    }
    out.push(line)
    return { out, text, overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth }
  })
  expect(lines.overflow).toBe(false)
  expect(lines.out.length).toBeGreaterThan(1)
  for (const l of lines.out.slice(0, -1)) expect(l).toMatch(/[_\-.]$/)

  await page.goto(`${server.url}/offline`)
  await page.getByLabel('Request file', { exact: true }).setInputFiles(file)
  await page.getByRole('button', { name: 'Upload' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This seat is already free')
  await expect(page.getByRole('status')).toContainText('There is nothing more to do')
  await expect(page.locator('body')).not.toContainText('device_not_found')
})

test('pages follow the OS dark mode', async ({ page }) => {
  const colours = async () =>
    page.evaluate(() => {
      const s = getComputedStyle(document.body)
      return { bg: s.backgroundColor, fg: s.color }
    })
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto(`${server.url}/offline`)
  expect(await colours()).toEqual({ bg: 'rgb(255, 255, 255)', fg: 'rgb(17, 17, 17)' })
  await page.emulateMedia({ colorScheme: 'dark' })
  expect(await colours()).toEqual({ bg: 'rgb(17, 20, 24)', fg: 'rgb(231, 234, 238)' })
  await page.goto(`${server.url}/qlm/QlmReleaseLicense.aspx`)
  expect((await colours()).bg).toBe('rgb(17, 20, 24)')
  const field = await page.getByLabel('Activation key').evaluate((el) => getComputedStyle(el).backgroundColor)
  expect(field).toBe('rgb(26, 30, 36)')
})
