// Every screen of the wizard, in light and dark: a full-page screenshot into artifacts/screenshots/
// (<screen>-light.png, <screen>-dark.png) and an axe check with no serious or critical violation.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chooseMethod, expect, KEYS, openDeactivation, pickFile, reloadHome, test } from './fixtures'
import { uploadToPortal } from '../support/demo'

test.describe.configure({ timeout: 120_000 })

test('screens: overview, online activation and deactivation, errors, progress', async ({ app, ui, shots }) => {
  await shots('01-home')

  await app.getByRole('button', { name: 'Activate Demo Studio', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'How do you want to activate Demo Studio?' })).toBeFocused()
  await shots('02-activate-method')

  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Activate Demo Studio' })).toBeFocused()
  await shots('03-activate-online')

  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByText('Enter the license key.')).toBeVisible()
  await expect(app.getByLabel('License key')).toBeFocused()
  await shots('04-activate-online-field-error')

  await app.getByLabel('License key').fill('DEMO-STUD-IO00-9999')
  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByTestId('error-title')).toBeVisible()
  await shots('05-activate-online-server-error')

  ui.server.faults.set({ clockSkewMs: -20 * 60_000 })
  await app.getByLabel('License key').fill(KEYS.fresh)
  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeFocused()
  await expect(app.getByText(/clock is off by about 20 minutes/)).toBeVisible()
  await shots('06-activate-done-clock-warning')
  ui.server.faults.clear()

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(app.getByTestId('state-studio')).toHaveAttribute('data-state', 'active')
  await shots('07-home-active-clock-warning')

  await app.getByRole('button', { name: 'Deactivate Demo Studio', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'How do you want to deactivate Demo Studio?' })).toBeFocused()
  await shots('08-deactivate-method')

  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Deactivate Demo Studio on this computer?' })).toBeFocused()
  await shots('09-deactivate-confirm')

  // progress: a slow server keeps the screen up long enough, then Cancel
  ui.server.faults.set({ latencyMs: 7000, path: 'deactivate_license' })
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByTestId('progress-text')).toHaveText('Contacting the license server…')
  await shots('10-deactivate-progress')
  await app.getByRole('button', { name: 'Cancel' }).click()
  await expect(app.getByTestId('notice')).toBeVisible()
  await shots('11-deactivate-cancelled')
  ui.server.faults.clear()

  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is deactivated' })).toBeFocused()
  await shots('12-deactivate-done')

  // a refused deactivation (no transfers left) on the confirmation screen
  await ui.desk.activateOnline('studio', { licenseKey: KEYS.noTransfers })
  await reloadHome(app)
  await openDeactivation(app, 'Demo Studio', 'Online')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByTestId('error-title')).toHaveAttribute('data-code', 'server_refused')
  await shots('13-deactivate-error-max-transfers')

  // the user-account form
  await app.getByRole('button', { name: 'Overview' }).click()
  await app.getByRole('button', { name: 'Activate Demo Cloud (user account)', exact: true }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByLabel('Password')).toBeVisible()
  await shots('14-activate-online-user')

  // server down: the overview's error on a failed operation
  await app.getByLabel('E-mail or user name').fill(KEYS.user)
  await app.getByLabel('Password').fill('wrong-password')
  await ui.server.close()
  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByTestId('error-title')).toHaveAttribute('data-code', 'network_refused')
  await shots('15-activate-online-server-down')
})

test('screens: LicenseSpring offline activation and deactivation, history', async ({ app, ui, shots }) => {
  await app.getByRole('button', { name: 'History' }).click()
  await expect(app.getByText('No offline deactivations yet.')).toBeVisible()
  await shots('20-history-empty')

  await app.getByRole('button', { name: 'Overview' }).click()
  await app.getByRole('button', { name: 'Activate Demo Studio', exact: true }).click()
  await chooseMethod(app, 'Offline')
  await shots('21-activate-method-offline')
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Activate Demo Studio offline' })).toBeFocused()
  await shots('22-activate-ls-offline')

  await app.getByLabel('License key').fill(KEYS.fresh)
  await app.getByRole('button', { name: 'Save request file…' }).click()
  await expect(app.getByTestId('request-file-sha256')).toHaveValue(/^[0-9a-f]{64}$/)
  await shots('23-activate-ls-offline-saved')

  const request = readFileSync(await app.getByTestId('request-file-path').inputValue(), 'utf8')
  await app.getByRole('button', { name: 'Overview' }).click()
  await expect(app.getByTestId('state-studio')).toHaveAttribute('data-state', 'offline-activation-pending')
  await shots('24-home-activation-pending')

  await app.getByRole('button', { name: 'Finish offline activation of Demo Studio' }).click()
  await expect(app.getByRole('button', { name: 'Choose activation file…' })).toBeVisible()
  await shots('25-activate-ls-offline-import')

  // a file that is not a .lic
  const junk = join(ui.filesDir, 'junk.lic')
  writeFileSync(junk, 'not a license file')
  await pickFile(app, app.getByRole('button', { name: 'Choose activation file…' }), junk)
  await expect(app.getByTestId('error-title')).toBeVisible()
  await shots('26-activate-ls-offline-import-error')

  const upload = await uploadToPortal(ui.server.url, request)
  const lic = join(ui.filesDir, 'ls_activation.lic')
  writeFileSync(lic, upload.body)
  await pickFile(app, app.getByRole('button', { name: 'Choose activation file…' }), lic)
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeFocused()
  await shots('27-activate-done')

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await openDeactivation(app, 'Demo Studio', 'Offline')
  await shots('28-deactivate-confirm-offline')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Deactivation file saved' })).toBeFocused()
  await shots('29-record-file')

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(app.getByTestId('state-studio')).toHaveAttribute('data-state', 'offline-deactivated')
  await shots('30-home-offline-deactivated')

  await app.getByRole('button', { name: 'History' }).click()
  await expect(app.getByRole('row')).toHaveCount(2)
  await shots('31-history')
})

test('screens: QLM offline activation and the deactivation code', async ({ app, ui, shots }) => {
  await app.getByRole('button', { name: 'Activate Demo CAD (QLM)', exact: true }).click()
  await chooseMethod(app, 'Offline')
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Activate Demo CAD (QLM) offline' })).toBeFocused()
  await shots('40-activate-qlm-offline')

  await app.getByLabel('Activation key', { exact: true }).fill(KEYS.qlm)
  await app.getByRole('button', { name: 'Create activation link' }).click()
  await expect(app.getByTestId('activation-url')).toHaveValue(/QlmWebActivation/)
  await shots('41-activate-qlm-offline-link')

  const page = await (await fetch(await app.getByTestId('activation-url').inputValue())).text()
  const computerKey = /<output id="computer-key"[^>]*>([^<]+)<\/output>/.exec(page)?.[1]?.trim() ?? ''
  await app.getByLabel('Computer key', { exact: true }).fill(computerKey)
  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo CAD (QLM) is activated' })).toBeFocused()

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await openDeactivation(app, 'Demo CAD (QLM)', 'Offline')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Your deactivation code' })).toBeFocused()
  await shots('42-record-dvc')

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await app.getByRole('button', { name: 'Show release proof of Demo CAD (QLM)' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Your deactivation code' })).toBeFocused()
  await shots('43-record-dvc-from-overview')
})

test.describe('in a German browser', () => {
  test.use({ locale: 'de-DE' })
  test('screens: German, chosen from the browser language', async ({ app, shots }) => {
    await expect(app.locator('html')).toHaveAttribute('lang', 'de')
    await expect(app.getByTestId('hardware-id')).toHaveValue(/.+/)
    await shots('50-home-de')
    await activateOnlineViaUiDe(app)
    await shots('51-activate-online-error-de')
  })
})

/** Opens the online activation of Demo Studio in German and submits a wrong key. */
async function activateOnlineViaUiDe(page: import('@playwright/test').Page): Promise<void> {
  await page
    .getByRole('button', { name: /Demo Studio/ })
    .first()
    .click()
  await page.locator('form button[type=submit]').click()
  await page.getByTestId('license-key').fill('DEMO-STUD-IO00-9999')
  await page.locator('form button[type=submit]').click()
  await expect(page.getByTestId('error-title')).toBeVisible()
}
