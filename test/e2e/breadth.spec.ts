// Through the real UI against the local server: an OAuth-only product, an account with several licenses
// (pick one; its license_id goes with the activation and deactivation), a floating license (borrow until
// a date with a countdown, return the seat early).
import { TEST_HWID } from './bridge'
import { activateOnlineViaUi, expect, expectNoSeriousAxeViolations, openDeactivation, productState, test } from './fixtures'

test('OAuth product: activated and deactivated through the wizard with a bearer token', async ({ app, bridge }) => {
  await activateOnlineViaUi(app, 'Demo Vault (OAuth)', 'DEMO-VAUL-T000-0001')
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Vault (OAuth) is activated' })).toBeFocused()
  expect(bridge.server.state.devices('DEMO-VAUL-T000-0001')).toEqual([TEST_HWID])
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await openDeactivation(app, 'Demo Vault (OAuth)', 'Online')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Vault (OAuth) is deactivated' })).toBeFocused()
  expect(bridge.server.state.devices('DEMO-VAUL-T000-0001')).toEqual([])
  // the token endpoint was used, and no token reached the page
  const tokens = bridge.server.state.oauthTokens()
  expect(tokens.length).toBeGreaterThan(0)
  for (const r of bridge.invokes()) for (const t of tokens) expect(r.responseText).not.toContain(t)
})

test('several licenses: pick one by its summary; that one is activated and released', async ({ app, bridge }) => {
  const seats = (id: number) => (bridge.server.state.snapshot().licensespring.licenses.find((l) => l.id === id)?.devices ?? []).map((d) => d.hardwareId)
  await app.getByRole('button', { name: 'Activate Demo Cloud (user account)', exact: true }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByLabel('E-mail or user name').fill('team@license-desk.example')
  await app.getByLabel('Password').fill('team-password-1')
  await app.getByRole('button', { name: 'Choose which of my licenses' }).click()
  const choice = app.getByRole('radio', { name: /Home office subscription, 1 seat/ })
  await expect(choice).toBeVisible()
  await expect(app.getByRole('radio', { name: /Design office, 3 seats/ })).toBeChecked()
  await expectNoSeriousAxeViolations(app, 'license picker')
  await choice.check()
  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Cloud (user account) is activated' })).toBeVisible()
  expect(seats(2003)).toEqual([TEST_HWID])
  expect(seats(2002)).toEqual([])
  await app.getByRole('button', { name: 'Back to overview' }).click()
  // a subscription is released online only: straight to the confirmation
  await app.getByRole('button', { name: 'Deactivate Demo Cloud (user account)', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Deactivate Demo Cloud (user account) on this computer?' })).toBeFocused()
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Cloud (user account) is deactivated' })).toBeFocused()
  expect(seats(2003)).toEqual([])
})

test('floating license: borrow until a date, see the countdown, return the seat early', async ({ app, bridge }) => {
  const FLOAT = 'DEMO-STUD-IO00-0013'
  await activateOnlineViaUi(app, 'Demo Studio', FLOAT)
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'active')
  const panel = app.getByTestId('floating-studio')
  await expect(panel).toContainText('Shared by 2 computers at a time.')
  await expectNoSeriousAxeViolations(app, 'floating panel')
  const d = new Date(Date.now() + 48 * 3_600_000 + 5 * 60_000)
  const p = (n: number) => String(n).padStart(2, '0')
  await panel.getByLabel('Borrow for offline use until').fill(`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`)
  await panel.getByRole('button', { name: 'Borrow Demo Studio for offline use' }).click()
  await expect(app.getByTestId('countdown-studio')).toHaveText('2 d 0 h left')
  const slot = bridge.server.state.rawLicense(FLOAT)!.floatingInUse!.find((s) => s.hardwareId === TEST_HWID)!
  expect(slot.borrowed).toBe(true)
  expect(Math.abs(Date.parse(slot.until) - d.getTime())).toBeLessThan(60_000)
  await app.getByRole('button', { name: 'Return the seat of Demo Studio now' }).click()
  await expect(app.getByTestId('live-region')).toHaveText('The seat is returned: a colleague can take it now.')
  await expect(app.getByTestId('countdown-studio')).toHaveCount(0)
  expect(bridge.server.state.rawLicense(FLOAT)!.floatingInUse).toEqual([])
})
