// Every screen of the wizard in every language (English, German, French) and the pseudo-locale (every
// text about 40% longer, accented): a full-page screenshot in light and dark into artifacts/screenshots/
// (<screen>[-<lang>]-light.png, -dark.png), an axe check with no serious or critical violation, and a
// layout check (no text cut off, spilling out of its box or drawn over another, no sideways scrolling).
// Names come from the catalogs, so each language is walked by roles and its own names.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, KEYS, test, type Shots } from './fixtures'
import type { Bridge } from './bridge'
import { expectCleanLayout } from './layout'
import { uploadToPortal } from '../support/demo'
import { catalogs } from '../../src/renderer/src/i18n/catalogs'
import { fmt, type Locale, type Messages } from '../../src/renderer/src/i18n'

test.describe.configure({ timeout: 180_000 })

const RUNS: { locale: Locale; tag: string; suffix: string }[] = [
  { locale: 'en', tag: 'en-US', suffix: '' },
  { locale: 'de', tag: 'de-DE', suffix: '-de' },
  { locale: 'fr', tag: 'fr-FR', suffix: '-fr' },
  { locale: 'en-XA', tag: 'en-XA', suffix: '-pseudo' }
]

const STUDIO = 'Demo Studio'
const CLOUD = 'Demo Cloud (user account)'
const CAD = 'Demo CAD (QLM)'

/** The app in one language, with helpers that find things by role and the catalog's names. */
function ui(page: Page, bridge: Bridge, shots: Shots, m: Messages, suffix: string) {
  const h1 = (name: string) => page.getByRole('heading', { level: 1, name, exact: true })
  const button = (name: string) => page.getByRole('button', { name, exact: true })
  return {
    m,
    h1,
    button,
    /** Screenshots (light + dark) with axe, then the layout check. */
    async snap(name: string) {
      await shots(`${name}${suffix}`)
      await expectCleanLayout(page, `${name}${suffix}`)
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

/**
 * Switches the app to a language the way the OS does it: the app info's locale, then a fresh start.
 * The pseudo-locale runs in a small window too, where long texts have the least room.
 */
async function inLanguage(page: Page, bridge: Bridge, tag: string, m: Messages): Promise<void> {
  if (tag === 'en-XA') await page.setViewportSize({ width: 720, height: 720 })
  const english = bridge.native.appInfo()
  bridge.native.appInfo = () => ({ ...english, locale: tag })
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: m.home.title, exact: true })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', tag === 'en-XA' ? 'en-XA' : tag.slice(0, 2))
}

for (const run of RUNS) {
  const m = catalogs[run.locale]
  const t = fmt

  test(`screens${run.suffix}: overview, online activation and deactivation, errors, progress`, async ({ app, bridge, shots }) => {
    await inLanguage(app, bridge, run.tag, m)
    const u = ui(app, bridge, shots, m, run.suffix)
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

    bridge.server.faults.set({ clockSkewMs: -20 * 60_000 })
    await app.getByLabel(m.activate.licenseKey, { exact: true }).fill(KEYS.fresh)
    await u.button(m.activate.submit).click()
    await expect(u.h1(t(m.activate.doneTitle, { product: STUDIO }))).toBeFocused()
    await expect(app.getByText(t(m.activate.clockNote, { minutes: '20' }))).toBeVisible()
    await u.snap('06-activate-done-clock-warning')
    bridge.server.faults.clear()

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
    bridge.server.faults.set({ latencyMs: 7000, path: 'deactivate_license' })
    await u.button(m.deactivate.confirm).click()
    await expect(app.getByTestId('progress-text')).toHaveText(m.progress.contacting)
    await u.snap('10-deactivate-progress')
    await u.button(m.common.cancel).click()
    await expect(app.getByTestId('notice')).toBeVisible()
    await u.snap('11-deactivate-cancelled')
    bridge.server.faults.clear()

    await u.button(m.deactivate.confirm).click()
    await expect(u.h1(t(m.deactivate.doneTitle, { product: STUDIO }))).toBeFocused()
    await u.snap('12-deactivate-done')

    // a refused deactivation (no transfers left) on the confirmation screen: the reason is the title
    await bridge.desk.activateOnline('studio', { licenseKey: KEYS.noTransfers })
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
    await bridge.server.close()
    await u.button(m.activate.submit).click()
    await expect(app.getByTestId('error-title')).toHaveAttribute('data-code', 'network_refused')
    await u.snap('15-activate-online-server-down')
  })

  test(`screens${run.suffix}: LicenseSpring offline activation and deactivation, history`, async ({ app, bridge, shots }) => {
    await inLanguage(app, bridge, run.tag, m)
    const u = ui(app, bridge, shots, m, run.suffix)
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
    const junk = join(bridge.filesDir, 'junk.lic')
    writeFileSync(junk, 'not a license file')
    bridge.native.openPath = junk
    await u.button(m.activate.importLic).click()
    await expect(app.getByTestId('error-title')).toBeVisible()
    await u.snap('26-activate-ls-offline-import-error')

    const upload = await uploadToPortal(bridge.server.url, request)
    const lic = join(bridge.filesDir, 'ls_activation.lic')
    writeFileSync(lic, upload.body)
    bridge.native.openPath = lic
    await u.button(m.activate.importLic).click()
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

  test(`screens${run.suffix}: QLM offline activation and the deactivation code`, async ({ app, bridge, shots }) => {
    await inLanguage(app, bridge, run.tag, m)
    const u = ui(app, bridge, shots, m, run.suffix)
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
}
