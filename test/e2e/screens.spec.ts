// Every screen of the wizard in English, German, French and the pseudo-locale (every text about 40% longer,
// accented), each language in a browser set to it (Playwright's `locale`: browser mode takes the browser's
// language). English: a full-page screenshot in light and dark into artifacts/screenshots/ (<screen>-light.png,
// -dark.png), axe in both schemes and the layout check (no text cut off, spilling out of its box or drawn over
// another, no sideways scrolling). German and French: the screenshots in light and dark
// (<screen>-<lang>-light.png, -dark.png), axe and the layout check. The pseudo-locale, in a small window where
// long texts have the least room: the layout check. The dark screenshot is taken on the same page by switching
// the color scheme, not by walking the screens again.
// Names come from the catalogs, so each language is walked by roles and its own names.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, expectNoSeriousAxeViolations, KEYS, pickFile, SCREENSHOT_DIR, test } from './fixtures'
import { expectCleanLayout } from './layout'
import { uploadToPortal } from '../support/demo'
import { catalogs } from '../../src/renderer/src/i18n/catalogs'
import { fmt, type Locale, type Messages } from '../../src/renderer/src/i18n'

test.describe.configure({ timeout: 180_000 })

interface Run {
  locale: Locale
  /** The browser's language. */
  tag: string
  suffix: string
  /** Screenshots in light and dark. */
  screenshots: boolean
  /** Color schemes axe runs in (none: no axe). */
  axe: ReadonlyArray<'light' | 'dark'>
  viewport?: { width: number; height: number }
}

const RUNS: Run[] = [
  { locale: 'en', tag: 'en-US', suffix: '', screenshots: true, axe: ['light', 'dark'] },
  // the colors are the same in every language (checked in English in both schemes); axe here is for the texts
  { locale: 'de', tag: 'de-DE', suffix: '-de', screenshots: true, axe: ['light'] },
  { locale: 'fr', tag: 'fr-FR', suffix: '-fr', screenshots: true, axe: ['light'] },
  { locale: 'en-XA', tag: 'en-XA', suffix: '-pseudo', screenshots: false, axe: [], viewport: { width: 720, height: 720 } }
]

const STUDIO = 'Demo Studio'
const CLOUD = 'Demo Cloud (user account)'
const CAD = 'Demo CAD (QLM)'

/** The app in one language, with helpers that find things by role and the catalog's names. */
function walk(page: Page, run: Run, m: Messages) {
  const h1 = (name: string) => page.getByRole('heading', { level: 1, name, exact: true })
  const button = (name: string) => page.getByRole('button', { name, exact: true })
  return {
    m,
    h1,
    button,
    /** The run's screenshots (light, then dark on the same page) and axe checks, then the layout check. */
    async snap(name: string) {
      const label = `${name}${run.suffix}`
      for (const colorScheme of ['light', 'dark'] as const) {
        const axe = run.axe.includes(colorScheme)
        if (!run.screenshots && !axe) continue
        await page.emulateMedia({ colorScheme })
        if (run.screenshots) await page.screenshot({ path: join(SCREENSHOT_DIR, `${label}-${colorScheme}.png`), fullPage: true })
        if (axe) await expectNoSeriousAxeViolations(page, `${label} (${colorScheme})`)
      }
      await page.emulateMedia({ colorScheme: 'light' })
      await expectCleanLayout(page, label)
    },
    async chooseMethod(mode: 'online' | 'offline') {
      const label = mode === 'online' ? m.activate.online : m.activate.offline
      await page.locator('label', { has: page.getByText(label, { exact: true }) }).click()
      await expect(page.getByRole('radio', { name: new RegExp(`^${label}`) })).toBeChecked()
    },
    async openDeactivation(product: string, mode: 'online' | 'offline') {
      await button(fmt(m.home.deactivateNamed, { product })).click()
      await expect(h1(fmt(m.deactivate.chooseTitle, { product }))).toBeFocused()
      await this.chooseMethod(mode)
      await button(m.common.continue).click()
      await expect(h1(fmt(m.deactivate.confirmTitle, { product }))).toBeFocused()
    },
    async home() {
      await button(m.app.overview).click()
      await expect(h1(m.home.title)).toBeVisible()
    },
    async reloadHome() {
      await page.reload()
      await expect(h1(m.home.title)).toBeVisible()
      await expect(page.getByTestId('hardware-id')).toHaveValue(/.+/)
    }
  }
}

/** The app came up in the run's language (the browser's), without motion, in light. */
async function inLanguage(page: Page, run: Run, m: Messages): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
  await expect(page.getByRole('heading', { level: 1, name: m.home.title, exact: true })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', run.tag === 'en-XA' ? 'en-XA' : run.tag.slice(0, 2))
}

for (const run of RUNS) {
  const m = catalogs[run.locale]
  const t = fmt

  test.describe(`in a browser set to ${run.tag}`, () => {
    test.use({ locale: run.tag, ...(run.viewport ? { viewport: run.viewport } : {}) })

    test(`screens${run.suffix}: overview, online activation and deactivation, errors, progress`, async ({ app, ui }) => {
      await inLanguage(app, run, m)
      const u = walk(app, run, m)
      await u.snap('01-home')
      // For support: collapsed at the bottom, opened from the keyboard
      await app.getByText(m.app.supportTitle, { exact: true }).focus()
      await app.keyboard.press('Enter')
      await expect(app.getByTestId('hardware-id')).toBeVisible()
      await u.snap('01-home-support-open')

      await u.button(t(m.home.activateNamed, { product: STUDIO })).click()
      await expect(u.h1(t(m.activate.chooseTitle, { product: STUDIO }))).toBeFocused()
      await u.snap('02-activate-method')

      await u.button(m.common.continue).click()
      await expect(u.h1(t(m.activate.onlineTitle, { product: STUDIO }))).toBeFocused()
      await u.snap('03-activate-online')

      await u.button(m.activate.submit).click()
      await expect(app.getByText(m.activate.missingKey)).toBeVisible()
      await expect(app.getByLabel(m.activate.licenseKey, { exact: true })).toBeFocused()
      await u.snap('04-activate-online-field-error')

      await app.getByLabel(m.activate.licenseKey, { exact: true }).fill('DEMO-STUD-IO00-9999')
      await u.button(m.activate.submit).click()
      await expect(app.getByTestId('error-title')).toHaveText(m.serverCodes.license_not_found.title)
      await u.snap('05-activate-online-server-error')

      ui.server.faults.set({ clockSkewMs: -20 * 60_000 })
      await app.getByLabel(m.activate.licenseKey, { exact: true }).fill(KEYS.fresh)
      await u.button(m.activate.submit).click()
      await expect(u.h1(t(m.activate.doneTitle, { product: STUDIO }))).toBeFocused()
      await expect(app.getByText(t(m.activate.clockNote, { minutes: '20' }))).toBeVisible()
      await u.snap('06-activate-done-clock-warning')
      ui.server.faults.clear()

      await u.button(m.common.done).click()
      await expect(app.getByTestId('state-studio')).toHaveAttribute('data-state', 'active')
      await u.snap('07-home-active-clock-warning')

      await u.button(t(m.home.deactivateNamed, { product: STUDIO })).click()
      await expect(u.h1(t(m.deactivate.chooseTitle, { product: STUDIO }))).toBeFocused()
      await u.snap('08-deactivate-method')

      await u.button(m.common.continue).click()
      await expect(u.h1(t(m.deactivate.confirmTitle, { product: STUDIO }))).toBeFocused()
      await u.snap('09-deactivate-confirm')

      // progress: a slow server keeps the screen up long enough, then Cancel
      ui.server.faults.set({ latencyMs: 7000, path: 'deactivate_license' })
      await u.button(m.deactivate.confirm).click()
      await expect(app.getByTestId('progress-text')).toHaveText(m.progress.contacting)
      await u.snap('10-deactivate-progress')
      await u.button(m.common.cancel).click()
      await expect(app.getByTestId('notice')).toBeVisible()
      await u.snap('11-deactivate-cancelled')
      ui.server.faults.clear()

      await u.button(m.deactivate.confirm).click()
      await expect(u.h1(t(m.deactivate.doneTitle, { product: STUDIO }))).toBeFocused()
      await u.snap('12-deactivate-done')

      // a refused deactivation (no transfers left) on the confirmation screen: the reason is the title
      await ui.desk.activateOnline('studio', { licenseKey: KEYS.noTransfers })
      await u.reloadHome()
      await u.openDeactivation(STUDIO, 'online')
      await u.button(m.deactivate.confirm).click()
      await expect(app.getByTestId('error-title')).toHaveText(m.serverCodes.license_transferred_max_times.title)
      await u.snap('13-deactivate-error-max-transfers')

      // the user-account form
      await u.home()
      await u.button(t(m.home.activateNamed, { product: CLOUD })).click()
      await u.button(m.common.continue).click()
      await expect(app.getByLabel(m.activate.password, { exact: true })).toBeVisible()
      await u.snap('14-activate-online-user')

      // server down: going offline is not possible for this product, so trying again is the way
      await app.getByLabel(m.activate.username, { exact: true }).fill(KEYS.user)
      await app.getByLabel(m.activate.password, { exact: true }).fill('wrong-password')
      await ui.server.close()
      await u.button(m.activate.submit).click()
      await expect(app.getByTestId('error-title')).toHaveAttribute('data-code', 'network_refused')
      await u.snap('15-activate-online-server-down')
    })

    test(`screens${run.suffix}: LicenseSpring offline activation and deactivation, history`, async ({ app, ui }) => {
      await inLanguage(app, run, m)
      const u = walk(app, run, m)
      await u.button(m.app.history).click()
      await expect(u.h1(m.history.title)).toBeFocused()
      await expect(app.getByText(m.history.empty)).toBeVisible()
      await u.snap('20-history-empty')

      await u.home()
      await u.button(t(m.home.activateNamed, { product: STUDIO })).click()
      await u.chooseMethod('offline')
      await u.snap('21-activate-method-offline')
      await u.button(m.common.continue).click()
      await expect(u.h1(t(m.activate.lsOfflineTitle, { product: STUDIO }))).toBeFocused()
      await u.snap('22-activate-ls-offline')

      await app.getByLabel(m.activate.licenseKey, { exact: true }).fill(KEYS.fresh)
      await u.button(m.activate.saveRequest).click()
      await expect(app.getByTestId('request-file-sha256')).toHaveValue(/^[0-9a-f]{64}$/)
      await u.snap('23-activate-ls-offline-saved')

      const request = readFileSync(await app.getByTestId('request-file-path').inputValue(), 'utf8')
      await u.home()
      await expect(app.getByTestId('state-studio')).toHaveAttribute('data-state', 'offline-activation-pending')
      await u.snap('24-home-activation-pending')

      await u.button(t(m.home.completeActivationNamed, { product: STUDIO })).click()
      await expect(u.button(m.activate.importLic)).toBeVisible()
      await u.snap('25-activate-ls-offline-import')

      // a file that is not a .lic
      const junk = join(ui.filesDir, 'junk.lic')
      writeFileSync(junk, 'not a license file')
      await pickFile(app, u.button(m.activate.importLic), junk)
      await expect(app.getByTestId('error-title')).toBeVisible()
      await u.snap('26-activate-ls-offline-import-error')

      const upload = await uploadToPortal(ui.server.url, request)
      const lic = join(ui.filesDir, 'ls_activation.lic')
      writeFileSync(lic, upload.body)
      await pickFile(app, u.button(m.activate.importLic), lic)
      await expect(u.h1(t(m.activate.doneTitle, { product: STUDIO }))).toBeFocused()
      await u.snap('27-activate-done')

      await u.button(m.common.done).click()
      await u.openDeactivation(STUDIO, 'offline')
      await u.snap('28-deactivate-confirm-offline')
      await u.button(m.deactivate.confirmSaveFile).click()
      await expect(u.h1(m.record.fileTitle)).toBeFocused()
      await u.snap('29-record-file')

      await u.button(m.common.done).click()
      await expect(app.getByTestId('state-studio')).toHaveText(m.home.waitingUpload)
      await u.snap('30-home-offline-deactivated')

      await u.button(m.app.history).click()
      await expect(app.getByRole('row')).toHaveCount(2)
      await u.snap('31-history')
    })

    test(`screens${run.suffix}: QLM offline activation and the deactivation code`, async ({ app, ui }) => {
      await inLanguage(app, run, m)
      const u = walk(app, run, m)
      await u.button(t(m.home.activateNamed, { product: CAD })).click()
      await u.chooseMethod('offline')
      await u.button(m.common.continue).click()
      await expect(u.h1(t(m.activate.qlmOfflineTitle, { product: CAD }))).toBeFocused()
      await u.snap('40-activate-qlm-offline')

      await app.getByLabel(m.activate.activationKey, { exact: true }).fill(KEYS.qlm)
      await u.button(m.activate.getUrl).click()
      await expect(app.getByTestId('activation-url')).toHaveValue(/QlmWebActivation/)
      await u.snap('41-activate-qlm-offline-link')

      const page = await (await fetch(await app.getByTestId('activation-url').inputValue())).text()
      const computerKey = /<output id="computer-key"[^>]*>([^<]+)<\/output>/.exec(page)?.[1]?.trim() ?? ''
      await app.getByLabel(m.activate.computerKey, { exact: true }).fill(computerKey)
      await u.button(m.activate.submit).click()
      await expect(u.h1(t(m.activate.doneTitle, { product: CAD }))).toBeFocused()

      await u.button(m.common.done).click()
      await u.openDeactivation(CAD, 'offline')
      await u.button(m.deactivate.confirmShowCode).click()
      await expect(u.h1(m.record.dvcTitle)).toBeFocused()
      await u.snap('42-record-dvc')

      await u.button(m.common.done).click()
      await expect(app.getByTestId('state-cad')).toHaveText(m.home.waitingCode)
      await u.button(t(m.home.showLastReleaseNamed, { product: CAD })).click()
      await expect(u.h1(m.record.dvcTitleSeen)).toBeFocused()
      await u.snap('43-record-dvc-from-overview')
    })
  })
}
