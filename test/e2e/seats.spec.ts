// Seats the vendor's product took, through the real UI: release a seeded seat by key (online and
// offline), release an old computer's seat from an imported receipt, seat counts, and a server check that
// finds the seat gone and offers to remove the local record.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { receiptFile } from '@core/desk'
import { uploadToPortal } from '../support/demo'
import { OLD_RECEIPT } from '../support/receipts'
import { TEST_HWID } from '../support/browser-mode'
import { activateOnlineViaUi, expect, KEYS, openDeactivation, pickFile, productState, test } from './fixtures'

/** The Seats card is in Home's For-support section (collapsed): open it, then press the card's button. */
async function seatsAction(app: Page, name: string): Promise<void> {
  const support = app.getByTestId('support-section')
  if ((await support.getAttribute('open')) === null) await support.locator('summary').click()
  await app.getByRole('button', { name }).click()
}

test('release a seat the vendor’s product took on this computer, by key, online', async ({ app, ui, shots }) => {
  ui.server.state.seedSeat(KEYS.fresh, TEST_HWID)
  await seatsAction(app, 'Release a license that is on this computer')
  await expect(app.getByRole('heading', { level: 1, name: 'Release a license seat' })).toBeFocused()
  await expect(app.getByRole('radio', { name: /^This computer/ })).toBeChecked()
  await app.getByLabel('License key').fill(KEYS.fresh)
  // Before the call: which computer loses its seat.
  await expect(app.getByTestId('release-target')).toHaveText(`This computer will lose its seat of Demo Studio. Its ID: ${TEST_HWID}`)
  await expect(app.getByTestId('computer-ids')).toBeVisible()
  await shots('release-seat')
  await app.getByRole('button', { name: 'Release the seat' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'The seat of Demo Studio is released' })).toBeFocused()
  await expect(app.getByTestId('release-done')).toContainText(`this computer (ID ${TEST_HWID})`)
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([])
})

test('release by key offline: the request file releases the seat at the portal', async ({ app, ui }) => {
  ui.server.state.seedSeat(KEYS.fresh, TEST_HWID)
  await seatsAction(app, 'Release a license that is on this computer')
  await app.getByLabel('License key').fill(KEYS.fresh)
  await app.locator('label', { has: app.getByText('Offline', { exact: true }) }).click()
  await app.getByRole('button', { name: 'Release the seat' }).click()
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused()
  await expect(app.getByText('License Desk held no record of this seat, so nothing was removed here.')).toBeVisible()
  const file = join(ui.saveDir, 'ls_deactivation.req')
  await expect.poll(() => existsSync(file)).toBe(true)
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([TEST_HWID])
  expect((await uploadToPortal(ui.server.url, readFileSync(file, 'utf8'))).status).toBe(200)
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([])
})

test('a wrong id: the server holds no seat, and the error says so', async ({ app, ui }) => {
  ui.server.state.seedSeat(KEYS.fresh, 'SDK-ID-ELSEWHERE')
  await seatsAction(app, 'Release a license that is on this computer')
  await app.getByLabel('License key').fill(KEYS.fresh)
  await app.getByRole('button', { name: 'Release the seat' }).click()
  await expect(app.getByTestId('error-title')).toHaveAttribute('data-code', 'seat_not_found')
  await expect(app.getByTestId('error-title')).toHaveText('No seat for this computer')
  expect(ui.server.state.devices(KEYS.fresh)).toEqual(['SDK-ID-ELSEWHERE'])
})

test('release an old computer’s seat from an imported seat receipt', async ({ app, ui }) => {
  ui.server.state.seedSeat(KEYS.fresh, 'OLD-LAPTOP-0001')
  const receipt = join(ui.filesDir, 'studio-seat-receipt.json')
  writeFileSync(receipt, receiptFile(OLD_RECEIPT))
  await seatsAction(app, 'Release the seat of another computer')
  await expect(app.getByRole('radio', { name: /^Another computer/ })).toBeChecked()
  await pickFile(app, app.getByRole('button', { name: 'Import a seat receipt…' }), receipt)
  await expect(app.getByTestId('receipt-loaded')).toContainText('old-laptop')
  await app.getByLabel('License key').fill(KEYS.fresh)
  await expect(app.getByTestId('release-target')).toHaveText('The other computer will lose its seat of Demo Studio. Its ID: OLD-LAPTOP-0001')
  await app.getByRole('button', { name: 'Release the seat' }).click()
  await expect(app.getByTestId('release-done')).toContainText('the other computer (ID OLD-LAPTOP-0001)')
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([])
})

test('seat counts on Home and before a deactivation; a check that finds the seat gone; the record removed on request', async ({ app, ui, shots }) => {
  ui.server.state.seedSeat(KEYS.fresh, 'another-program')
  await activateOnlineViaUi(app, 'Demo Studio', KEYS.fresh)
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(app.getByTestId('seats-studio')).toHaveText('2 of 3 in use · 10 transfers left')
  await openDeactivation(app, 'Demo Studio', 'Online')
  await expect(app.getByTestId('confirm-seats')).toHaveText('Seats: 2 of 3 in use · 10 transfers left')
  await app.getByRole('button', { name: 'Overview' }).click()

  // Released behind License Desk's back (the vendor's portal).
  ui.server.state.rawLicense(KEYS.fresh)!.devices = [{ hardwareId: 'another-program', activatedAt: '2026-01-01T00:00:00.000Z' }]
  await app.getByRole('button', { name: 'Check Demo Studio with the server' }).click()
  await expect(app.getByTestId('verdict-studio')).toHaveAttribute('data-verdict', 'gone')
  // Never removed silently.
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'active')
  await shots('check-gone')
  await app.getByRole('button', { name: 'Remove Demo Studio from this computer' }).click()
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'inactive')
  expect((await ui.desk.status()).products.find((p: { id: string }) => p.id === 'studio')?.state).toBe('inactive')
})

test('seat receipts: kept at activation, saved as a file', async ({ app, ui }) => {
  await activateOnlineViaUi(app, 'Demo CAD (QLM)', KEYS.qlm)
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await seatsAction(app, 'Seat receipts')
  await expect(app.getByRole('heading', { level: 1, name: 'Seat receipts' })).toBeFocused()
  await app.getByRole('button', { name: /^Save the seat receipt of Demo CAD \(QLM\)/ }).click()
  await expect(app.getByTestId('receipt-saved')).toBeVisible()
  const saved = JSON.parse(readFileSync(join(ui.saveDir, 'cad-seat-receipt.json'), 'utf8'))
  expect(saved).toMatchObject({ format: 'license-desk-seat-receipt', productId: 'cad', hardwareId: TEST_HWID })
  expect(JSON.stringify(saved)).not.toContain(KEYS.qlm)
})
