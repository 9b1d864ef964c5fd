// Online activation and deactivation through the real UI, for LicenseSpring and QLM, with the local
// license server's state checked afterwards.
import { activateOnlineViaUi, expect, KEYS, openDeactivation, productState, test } from './fixtures'
import { TEST_HWID } from '../support/browser-mode'

test('LicenseSpring: activate online with a license key, then deactivate online', async ({ app, ui }) => {
  const state = ui.server.state
  expect(state.devices(KEYS.fresh)).toEqual([])

  await activateOnlineViaUi(app, 'Demo Studio', KEYS.fresh)
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeFocused()
  await expect(app.getByTestId('live-region')).toBeAttached()
  expect(state.devices(KEYS.fresh)).toEqual([TEST_HWID])

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'active')
  const card = app.getByTestId('product-studio')
  // the key is shown masked, never in full
  await expect(card).toContainText('DEMO-')
  await expect(card).not.toContainText(KEYS.fresh)

  await openDeactivation(app, 'Demo Studio', 'Online')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is deactivated' })).toBeFocused()
  expect(state.devices(KEYS.fresh)).toEqual([])
  expect(state.license(KEYS.fresh)?.transferCount).toBe(1)

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'inactive')
  const snap = await ui.desk.status()
  expect(snap.products.find((p) => p.id === 'studio')?.state).toBe('inactive')
})

test('LicenseSpring: activate online with a user account', async ({ app, ui }) => {
  await app.getByRole('button', { name: 'Activate Demo Cloud (user account)', exact: true }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByLabel('E-mail or user name').fill(KEYS.user)
  await app.getByLabel('Password').fill(KEYS.password)
  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Cloud (user account) is activated' })).toBeVisible()
  expect(ui.server.state.devices(KEYS.user)).toEqual([TEST_HWID])
  // the password went in, but never comes back out
  await expect.poll(() => ui.invokes('activate:online').length).toBe(1)
  for (const r of ui.invokes()) expect(r.responseText).not.toContain(KEYS.password)
})

test('QLM: activate online with an activation key, then deactivate online', async ({ app, ui }) => {
  const state = ui.server.state
  const before = state.qlmActivations(KEYS.qlm).length

  await activateOnlineViaUi(app, 'Demo CAD (QLM)', KEYS.qlm)
  await expect(app.getByRole('heading', { level: 1, name: 'Demo CAD (QLM) is activated' })).toBeFocused()
  expect(state.qlmActivations(KEYS.qlm)).toHaveLength(before + 1)

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(productState(app, 'cad')).toHaveAttribute('data-state', 'active')

  await openDeactivation(app, 'Demo CAD (QLM)', 'Online')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo CAD (QLM) is deactivated' })).toBeFocused()
  expect(state.qlmActivations(KEYS.qlm)).toHaveLength(before)

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(productState(app, 'cad')).toHaveAttribute('data-state', 'inactive')
})
