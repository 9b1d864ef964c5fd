// Error paths through the real UI against the local license server's faults: each shows the error's
// title (and the server's reason where there is one), keeps what the user typed, and leaves the local
// state as it was.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { activateOnlineViaUi, expect, KEYS, openDeactivation, productState, reloadHome, test } from './fixtures'
import type { Ui } from '../support/browser-mode'
import { TEST_HWID } from '../support/browser-mode'

async function expectError(page: Page, title: string, code: string): Promise<void> {
  const heading = page.getByTestId('error-title')
  await expect(heading).toHaveText(title)
  await expect(heading).toHaveAttribute('data-code', code)
  // the error panel takes focus so screen readers hear it first
  await expect(heading).toBeFocused()
}

async function productStateInCore(ui: Ui, id: string): Promise<string | undefined> {
  return (await ui.desk.status()).products.find((p) => p.id === id)?.state
}

test('server down: connection refused, input kept, offline offered', async ({ app, ui }) => {
  await ui.server.close()
  await activateOnlineViaUi(app, 'Demo Studio', KEYS.fresh)
  await expectError(app, 'License server refused the connection', 'network_refused')
  await expect(app.getByText('What you entered is kept.')).toBeVisible()
  await expect(app.getByLabel('License key')).toHaveValue(KEYS.fresh)
  await expect(app.getByRole('button', { name: 'Try again' })).toBeVisible()
  await app.getByRole('button', { name: 'Continue offline' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Activate Demo Studio offline' })).toBeFocused()
  expect(await productStateInCore(ui, 'studio')).toBe('inactive')
})

test('connection dropped by the server: connection interrupted', async ({ app, ui }) => {
  ui.server.faults.set({ dropConnection: true, path: 'activate_license' })
  await activateOnlineViaUi(app, 'Demo Studio', KEYS.fresh)
  await expectError(app, 'Connection interrupted', 'network_reset')
  await expect(app.getByLabel('License key')).toHaveValue(KEYS.fresh)
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([])
})

test('wrong key: license_not_found with the reason, input kept, then corrected', async ({ app, ui }) => {
  const wrong = 'DEMO-STUD-IO00-9999'
  await activateOnlineViaUi(app, 'Demo Studio', wrong)
  await expectError(app, 'No license with this key exists', 'server_refused')
  await expect(app.getByTestId('error-subtitle')).toHaveText('The license server declined the request')
  await app.getByText('Technical details').click()
  await expect(app.getByText('server_refused / license_not_found')).toBeVisible()
  await expect(app.getByLabel('License key')).toHaveValue(wrong)

  await app.getByLabel('License key').fill(KEYS.fresh)
  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeVisible()
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([TEST_HWID])
})

test('seat taken on another computer: license_activated_max_times', async ({ app, ui }) => {
  await activateOnlineViaUi(app, 'Demo Studio', KEYS.seatTaken)
  await expectError(app, 'This license is in use on as many computers as allowed', 'server_refused')
  await expect(app.getByTestId('error-subtitle')).toHaveText('The license server declined the request')
  await expect(app.getByLabel('License key')).toHaveValue(KEYS.seatTaken)
  expect(ui.server.state.devices(KEYS.seatTaken)).not.toContain(TEST_HWID)
})

test('clock 20 minutes off: one corrected retry succeeds and the user is told about the clock', async ({ app, ui }) => {
  ui.server.faults.set({ clockSkewMs: 20 * 60_000 })
  await activateOnlineViaUi(app, 'Demo Studio', KEYS.fresh)
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeFocused()
  await expect(app.getByText(/clock is off by about 20 minutes/)).toBeVisible()
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([TEST_HWID])
  const attempts = ui.server.requests().filter((r) => r.path.includes('activate_license'))
  expect(attempts.length).toBe(2)
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(app.getByText(/This computer's clock is off by about 20 minutes/)).toBeVisible()
})

test('5xx: server unavailable after bounded retries, then Try again succeeds', async ({ app, ui }) => {
  ui.server.faults.set({ status: 503, path: 'activate_license' })
  await activateOnlineViaUi(app, 'Demo Studio', KEYS.fresh)
  await expectError(app, 'License server unavailable', 'server_unavailable')
  await expect(app.getByLabel('License key')).toHaveValue(KEYS.fresh)
  const attempts = ui.server.requests().filter((r) => r.path.includes('activate_license')).length
  expect(attempts).toBeGreaterThanOrEqual(1)
  expect(attempts).toBeLessThanOrEqual(3)
  expect(await productStateInCore(ui, 'studio')).toBe('inactive')

  ui.server.faults.clear()
  await app.getByRole('button', { name: 'Try again' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeVisible()
})

test('max transfers: deactivation refused with license_transferred_max_times, product stays active', async ({ app, ui }) => {
  await ui.desk.activateOnline('studio', { licenseKey: KEYS.noTransfers })
  await reloadHome(app)
  await openDeactivation(app, 'Demo Studio', 'Online')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expectError(app, 'This license has been moved as often as allowed', 'server_refused')
  await expect(app.getByTestId('error-subtitle')).toHaveText('The license server declined the request')
  await expect(app.getByRole('button', { name: 'E-mail support' })).toBeVisible()
  await expect(app.getByRole('heading', { level: 1, name: 'Deactivate Demo Studio on this computer?' })).toBeVisible()
  expect(ui.server.state.devices(KEYS.noTransfers)).toEqual([TEST_HWID])
  expect(await productStateInCore(ui, 'studio')).toBe('active')

  await app.getByRole('button', { name: 'E-mail support' }).click()
  await expect.poll(() => ui.os.some((c) => c.kind === 'openUrl' && c.url.startsWith('mailto:support@license-desk.example'))).toBe(true)
})

test('cancel: a slow deactivation is cancelled, the product stays active', async ({ app, ui }) => {
  await ui.desk.activateOnline('studio', { licenseKey: KEYS.fresh })
  await reloadHome(app)
  ui.server.faults.set({ latencyMs: 5000, path: 'deactivate_license' })
  await openDeactivation(app, 'Demo Studio', 'Online')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Deactivating Demo Studio…' })).toBeFocused()
  await expect(app.getByTestId('progress-text')).toHaveText('Contacting the license server…')
  const started = Date.now()
  await app.getByRole('button', { name: 'Cancel' }).click()
  await expect(app.getByTestId('notice')).toHaveText('Deactivation was cancelled. Check the overview for the current state of the license.')
  expect(Date.now() - started).toBeLessThan(4000)
  await expect(app.getByRole('heading', { level: 1, name: 'Deactivate Demo Studio on this computer?' })).toBeVisible()
  expect(await productStateInCore(ui, 'studio')).toBe('active')
  expect(ui.invokes('operation:cancel').at(-1)?.response).toEqual({ ok: true, value: { cancelled: true } })
  await app.getByRole('button', { name: 'Overview' }).click()
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'active')
})

// Browser mode has no save dialog to cancel (the desktop app's Cancel is covered in test/main/handlers.test.ts):
// the save folder is --save-dir, here removed before the save and made again before "Try again".
test('offline deactivation: a missing save folder leaves nothing changed; saving works once it exists', async ({ app, ui }) => {
  await ui.desk.activateOnline('studio', { licenseKey: KEYS.fresh })
  await reloadHome(app)
  rmSync(ui.saveDir, { recursive: true })
  await openDeactivation(app, 'Demo Studio', 'Offline')
  await app.getByRole('button', { name: 'Deactivate and save the file…' }).click()
  await expectError(app, 'File could not be saved', 'file_write')
  expect(await productStateInCore(ui, 'studio')).toBe('active')

  mkdirSync(ui.saveDir)
  await app.getByRole('button', { name: 'Try again' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'One step left: upload the deactivation file' })).toBeVisible()
  await expect(app.getByTestId('saved-file-path')).toHaveValue(join(ui.saveDir, 'ls_deactivation.req'))
  expect(await productStateInCore(ui, 'studio')).toBe('offline-deactivated')
})
