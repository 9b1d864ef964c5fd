// Playwright fixtures for the browser e2e suite: per test, the shipped browser mode (`license-desk ui`,
// see test/support/browser-mode.ts) against a fresh local license server, and a page that opens its printed URL, so the
// page's window.licenseDesk is the product's own HTTP + SSE client. Every API call the page makes is
// recorded with the exact answer; after each test the traffic is written to
// test-results/e2e-ipc/<test>.json and checked for the vendor profile's secrets.
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { API_PREFIX } from '@shared/http'
import { ROOT } from '../support/demo'
import { catalogs } from '../../src/renderer/src/i18n/catalogs'
import { SECRET_MARKERS, startUi, type Ui } from '../support/browser-mode'

export { expect }
export { KEYS } from '../support/demo'

/** Home's title in any of the catalogs (en, de, fr and the pseudo-locale). */
const HOME_TITLES = new RegExp(
  `^(${Object.values(catalogs)
    .map((m) => m.home.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})$`
)

export const SCREENSHOT_DIR = join(ROOT, 'artifacts', 'screenshots')
export const IPC_DIR = join(ROOT, 'test-results', 'e2e-ipc')

/** Strings that must never leave the desk: the profile's secrets (markers) and the user's password. */
export function profileSecrets(ui: Ui): string[] {
  const out: Array<string | undefined> = [SECRET_MARKERS.userPassword]
  for (const p of ui.demo.profile.products) {
    if (p.provider === 'licensespring') out.push(p.licensespring.sharedKey)
    else out.push(p.qlm.communicationEncryptionKey, p.qlm.password)
  }
  return out.filter((s): s is string => typeof s === 'string' && s.length > 0)
}

/** Every place a profile secret (or any part of a marker) shows up in what the product sent to the page. Empty when clean. */
export function findSecretsInTraffic(ui: Ui): string[] {
  const needles = [...profileSecrets(ui), 'ld-marker']
  const leaks: string[] = []
  for (const r of ui.traffic()) {
    const text = r.kind === 'invoke' ? r.responseText : r.text
    for (const n of needles) if (text.includes(n)) leaks.push(`#${r.seq} ${r.kind === 'invoke' ? r.channel : 'progress'} contains ${n.slice(0, 12)}…`)
  }
  return leaks
}

/** What the page's copy buttons put on the browser clipboard. */
export function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText())
}

/** Clicks `button`, and answers the page's file picker with `file` (null: the user cancels). */
export async function pickFile(page: Page, button: ReturnType<Page['getByRole']>, file: string | null): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await button.click()
  await (await chooser).setFiles(file === null ? [] : [file])
}

export interface Shots {
  /** Screenshots the page in light and dark into artifacts/screenshots/<name>-<scheme>.png and runs axe in both. */
  (name: string): Promise<void>
}

function safeName(s: string): string {
  return s
    .replace(/[^a-z0-9._-]+/gi, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
}

/** Axe on the current page: no serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  // axe really ran over the page (it reports the rules that passed)
  expect(results.passes.length, `axe ran on ${label}`).toBeGreaterThan(10)
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n  ')}`
  )
  expect(summary, `axe on ${label}`).toEqual([])
}

export const test = base.extend<{ ui: Ui; app: Page; shots: Shots }>({
  ui: async ({}, use, testInfo) => {
    const ui = await startUi()
    try {
      await use(ui)
    } finally {
      mkdirSync(IPC_DIR, { recursive: true })
      ui.dumpTraffic(join(IPC_DIR, `${safeName([basename(testInfo.file, '.spec.ts'), ...testInfo.titlePath.slice(1)].join(' - '))}.json`))
      const leaks = findSecretsInTraffic(ui)
      await ui.close()
      expect(leaks, 'no profile secret in any API answer or progress event').toEqual([])
    }
  },
  /** The app, opened at the printed URL and showing its Home screen. */
  app: async ({ page, ui }, use) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.origin })
    const pending: Array<Promise<void>> = []
    page.on('response', (response) => {
      const request = response.request()
      if (request.method() !== 'POST' || !new URL(request.url()).pathname.startsWith(API_PREFIX)) return
      pending.push(
        response.text().then(
          (responseText) => {
            let response: unknown
            try {
              response = JSON.parse(responseText)
            } catch {
              response = responseText
            }
            const body = request.postDataJSON() as { input?: unknown } | null
            ui.recordInvoke({ channel: new URL(request.url()).pathname.slice(API_PREFIX.length), input: body?.input, response, responseText })
          },
          () => undefined
        )
      )
    })
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`)
    })
    await page.goto(ui.url)
    // in the browser's language (English unless a test sets Playwright's `locale`)
    await expect(page.getByRole('heading', { level: 1, name: HOME_TITLES })).toBeVisible()
    // the token left the address bar (and so the browser history) at once
    expect(new URL(page.url()).hash).toBe('')
    await expect(page.getByTestId('hardware-id')).toHaveValue(/.+/)
    await use(page)
    await Promise.all(pending)
    expect(
      problems.filter((p) => !/Failed to load resource/.test(p)),
      'no page errors'
    ).toEqual([])
  },
  shots: async ({ app }, use) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const fn: Shots = async (name) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        await app.emulateMedia({ colorScheme, reducedMotion: 'reduce' })
        await app.screenshot({ path: join(SCREENSHOT_DIR, `${safeName(name)}-${colorScheme}.png`), fullPage: true })
        await expectNoSeriousAxeViolations(app, `${name} (${colorScheme})`)
      }
      await app.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
    }
    await use(fn)
  }
})

/** Clicks a product's action button on Home by its accessible name, e.g. "Activate Demo Studio". */
export async function openProductAction(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click()
}

/** The product's state badge on Home (data-state attribute). */
export function productState(page: Page, productId: string) {
  return page.getByTestId(`state-${productId}`)
}

/** Picks a method card (Online/Offline) the way a user does: by clicking the card's label. */
export async function chooseMethod(page: Page, mode: 'Online' | 'Offline'): Promise<void> {
  const radio = page.getByRole('radio', { name: new RegExp(`^${mode}`) })
  await page.locator('label', { has: page.getByText(mode, { exact: true }) }).click()
  await expect(radio).toBeChecked()
}

/** Home -> Activate <product> -> Online -> enter the key -> Activate; ends on the result screen. */
export async function activateOnlineViaUi(page: Page, productName: string, key: string): Promise<void> {
  await page.getByRole('button', { name: `Activate ${productName}`, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: `How do you want to activate ${productName}?` })).toBeFocused()
  await expect(page.getByRole('radio', { name: /^Online/ })).toBeChecked()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Activate ${productName}` })).toBeFocused()
  await page.getByLabel(/^(License key|Activation key)$/).fill(key)
  await page.getByRole('button', { name: 'Activate', exact: true }).click()
}

/** Home -> Deactivate <product> -> choose the method -> Continue; ends on the confirmation screen. */
export async function openDeactivation(page: Page, productName: string, mode: 'Online' | 'Offline'): Promise<void> {
  await page.getByRole('button', { name: `Deactivate ${productName}`, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: `How do you want to deactivate ${productName}?` })).toBeFocused()
  await chooseMethod(page, mode)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Deactivate ${productName} on this computer?` })).toBeFocused()
}

/** Reloads the app (after changing state behind its back) and waits for Home. */
export async function reloadHome(page: Page): Promise<void> {
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Your licenses' })).toBeVisible()
  await expect(page.getByTestId('hardware-id')).toHaveValue(/.+/)
}
