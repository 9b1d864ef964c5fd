// Playwright fixtures for the browser e2e suite: a fresh bridge (local license server, real core and IPC
// handlers, fake native adapters) per test, and a page whose window.licenseDesk implements LicenseDeskApi
// by forwarding each call to the bridge over fetch and onProgress over Server-Sent Events.
// After each test the forwarded IPC traffic is written to test-results/e2e-ipc/<test>.json and checked
// for the vendor profile's secrets.
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { API_GLOBAL, API_METHODS } from '@shared/contract'
import { ROOT } from '../support/demo'
import { SECRET_MARKERS, startBridge, type Bridge } from './bridge'

export { expect }
export { KEYS } from '../support/demo'

export const SCREENSHOT_DIR = join(ROOT, 'artifacts', 'screenshots')
export const IPC_DIR = join(ROOT, 'test-results', 'e2e-ipc')

/** Runs in the page before any of its scripts: the preload's API over the bridge's HTTP transport. */
function installApi(args: { methods: Record<string, string>; global: string }): void {
  type Listener = (event: unknown) => void
  const listeners = new Set<Listener>()
  let source: EventSource | undefined
  const invoke = async (channel: string, input: unknown): Promise<unknown> => {
    const res = await fetch('/__bridge/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, input })
    })
    if (!res.ok) throw new Error(`bridge: ${res.status} for ${channel}`)
    return res.json()
  }
  const api: Record<string, unknown> = {}
  for (const [name, channel] of Object.entries(args.methods)) {
    api[name] = (input?: unknown) => invoke(channel, input)
  }
  api.onProgress = (listener: Listener) => {
    listeners.add(listener)
    if (!source) {
      source = new EventSource('/__bridge/progress')
      source.onmessage = (e: MessageEvent<string>) => {
        const event = JSON.parse(e.data) as unknown
        for (const l of listeners) l(event)
      }
    }
    return () => {
      listeners.delete(listener)
    }
  }
  Object.defineProperty(window, args.global, { value: Object.freeze(api), enumerable: true })
}

/** Strings that must never leave the main process: the profile's secrets (markers) and the user's password. */
export function profileSecrets(bridge: Bridge): string[] {
  const out: Array<string | undefined> = [SECRET_MARKERS.userPassword]
  for (const p of bridge.demo.profile.products) {
    if (p.provider === 'licensespring') out.push(p.licensespring.sharedKey)
    else out.push(p.qlm.communicationEncryptionKey, p.qlm.password)
  }
  return out.filter((s): s is string => typeof s === 'string' && s.length > 0)
}

/**
 * Every place a profile secret (or any part of a marker) shows up in what the bridge forwarded to the
 * page: invoke responses and progress events. Empty when clean.
 */
export function findSecretsInTraffic(bridge: Bridge): string[] {
  const needles = [...profileSecrets(bridge), 'ld-marker']
  const leaks: string[] = []
  for (const r of bridge.traffic()) {
    const text = r.kind === 'invoke' ? r.responseText : r.text
    for (const n of needles) if (text.includes(n)) leaks.push(`#${r.seq} ${r.kind === 'invoke' ? r.channel : 'progress'} contains ${n.slice(0, 12)}…`)
  }
  return leaks
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

export const test = base.extend<{ bridge: Bridge; app: Page; shots: Shots }>({
  bridge: async ({}, use, testInfo) => {
    const bridge = await startBridge()
    try {
      await use(bridge)
    } finally {
      mkdirSync(IPC_DIR, { recursive: true })
      bridge.dumpTraffic(join(IPC_DIR, `${safeName([basename(testInfo.file, '.spec.ts'), ...testInfo.titlePath.slice(1)].join(' - '))}.json`))
      const leaks = findSecretsInTraffic(bridge)
      await bridge.close()
      expect(leaks, 'no profile secret in any IPC response').toEqual([])
    }
  },
  /** The app, loaded and showing its Home screen. */
  app: async ({ page, bridge }, use) => {
    await page.addInitScript(installApi, { methods: { ...API_METHODS }, global: API_GLOBAL })
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`)
    })
    await page.goto(bridge.url)
    await expect(page.getByRole('heading', { level: 1, name: 'Your licenses' })).toBeVisible()
    await expect(page.getByTestId('hardware-id')).toHaveValue(/.+/)
    await use(page)
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
