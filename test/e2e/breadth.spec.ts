// Through the real UI against the local server: an OAuth-only product, an account with several licenses
// (pick one; its license_id goes with the activation and deactivation, online and in an offline request file), a floating license (borrow until
// a date with a countdown, return the seat early), and SSO in browser mode: the sign-in address goes to the
// OS seam (openUrl, recorded by the ui fixture) and is opened in a second tab as the default browser would.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TEST_HWID } from '../support/browser-mode'
import { uploadToPortal } from '../support/demo'
import { activateOnlineViaUi, chooseMethod, expect, expectNoSeriousAxeViolations, openDeactivation, pickFile, productState, test } from './fixtures'

test('OAuth product: activated and deactivated through the wizard with a bearer token', async ({ app, ui }) => {
  await activateOnlineViaUi(app, 'Demo Vault (OAuth)', 'DEMO-VAUL-T000-0001')
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Vault (OAuth) is activated' })).toBeFocused()
  expect(ui.server.state.devices('DEMO-VAUL-T000-0001')).toEqual([TEST_HWID])
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await openDeactivation(app, 'Demo Vault (OAuth)', 'Online')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Vault (OAuth) is deactivated' })).toBeFocused()
  expect(ui.server.state.devices('DEMO-VAUL-T000-0001')).toEqual([])
  // the token endpoint was used, and no token reached the page
  const tokens = ui.server.state.oauthTokens()
  expect(tokens.length).toBeGreaterThan(0)
  for (const r of ui.invokes()) for (const t of tokens) expect(r.responseText).not.toContain(t)
})

test('several licenses: pick one by its summary; that one is activated and released', async ({ app, ui }) => {
  const seats = (id: number) => (ui.server.state.snapshot().licensespring.licenses.find((l) => l.id === id)?.devices ?? []).map((d) => d.hardwareId)
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

test('several licenses, offline: the picked license_id goes in the request file, and the portal acts on that license', async ({ app, ui }) => {
  const seats = (id: number) => (ui.server.state.snapshot().licensespring.licenses.find((l) => l.id === id)?.devices ?? []).map((d) => d.hardwareId)
  // browser mode saves into Downloads as a browser does: a second file beside the first, never over it
  const saved = async (name: string) => {
    const requestPath = join(ui.saveDir, name)
    await app.getByRole('button', { name: 'Save request file…' }).click()
    await expect(app.getByTestId('request-file-path')).toHaveValue(requestPath)
    const text = readFileSync(requestPath, 'utf8')
    expect(text).not.toContain('team-password-1')
    return { text, body: JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as { license_id?: number; username: string } }
  }
  await app.getByRole('button', { name: 'Activate Demo Cloud (user account)', exact: true }).click()
  await chooseMethod(app, 'Offline')
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Activate Demo Cloud (user account) offline' })).toBeFocused()
  await app.getByLabel('E-mail or user name').fill('team@license-desk.example')
  await app.getByText('Does this account hold several licenses of this product?').click()
  // this computer happens to be online: look the licenses up instead of typing the ID
  await app.getByLabel('Password').fill('team-password-1')
  await app.getByRole('button', { name: 'Choose which of my licenses' }).click()
  await app.getByRole('radio', { name: /Home office subscription, 1 seat/ }).check()
  await expect(app.getByLabel('License ID (optional)')).toHaveValue('2003')
  await expectNoSeriousAxeViolations(app, 'offline activation, several licenses')
  const first = await saved('activate_offline.req')
  expect(first.body).toMatchObject({ username: 'team@license-desk.example', license_id: 2003 })
  // the portal acts on that license: a subscription cannot be activated offline, and it says so
  const refused = await uploadToPortal(ui.server.url, first.text)
  expect(refused.status).toBe(400)
  expect(refused.body).toContain('data-error-code="offline_floating_cloud_not_supported"')
  expect(seats(2003)).toEqual([])

  // the perpetual license, its ID typed as the vendor's portal shows it
  await app.getByLabel('License ID (optional)').fill('2002')
  const second = await saved('activate_offline (2).req')
  expect(second.body.license_id).toBe(2002)
  const upload = await uploadToPortal(ui.server.url, second.text)
  expect(upload.status, upload.body).toBe(200)
  const licPath = join(ui.filesDir, 'activate_offline.lic')
  writeFileSync(licPath, upload.body)
  await pickFile(app, app.getByRole('button', { name: 'Choose activation file…' }), licPath)
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Cloud (user account) is activated' })).toBeFocused()
  expect(seats(2002)).toEqual([TEST_HWID])
  expect(seats(2003)).toEqual([])
})

test('floating license: borrow until a date, see the countdown, return the seat early', async ({ app, ui }) => {
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
  const slot = ui.server.state.rawLicense(FLOAT)!.floatingInUse!.find((s) => s.hardwareId === TEST_HWID)!
  expect(slot.borrowed).toBe(true)
  expect(Math.abs(Date.parse(slot.until) - d.getTime())).toBeLessThan(60_000)
  await app.getByRole('button', { name: 'Return the seat of Demo Studio now' }).click()
  await expect(app.getByTestId('live-region')).toHaveText('The seat is returned: a colleague can take it now.')
  await expect(app.getByTestId('countdown-studio')).toHaveCount(0)
  expect(ui.server.state.rawLicense(FLOAT)!.floatingInUse).toEqual([])
})

test('SSO: the sign-in page opens in the default browser; signing in there activates, and again deactivates', async ({ app, ui, context }) => {
  const NAME = 'Demo Cloud (company sign-in)'
  const signIns = () => ui.os.filter((e) => e.kind === 'openUrl' && new URL(e.url).pathname === '/sso/authorize').map((e) => (e as { url: string }).url)
  /** What the user does in the browser tab the OS opened: sign in with the company account. */
  const signInInBrowser = async (n: number) => {
    await expect.poll(() => signIns().length).toBe(n)
    const tab = await context.newPage()
    await tab.goto(signIns()[n - 1]!)
    await expect(tab.locator('#account-name')).toHaveText(/.+/)
    await tab.getByLabel('E-mail').fill('sso.user@acme.example')
    await tab.getByLabel('Password').fill('sso-password-1')
    await tab.getByRole('button', { name: 'Sign in' }).click()
    // the loopback answer page of the core's listener
    await expect(tab.getByRole('heading', { level: 1 })).toBeVisible()
    expect(new URL(tab.url()).hostname).toBe('127.0.0.1')
    await tab.close()
  }
  await app.getByRole('button', { name: `Activate ${NAME}`, exact: true }).click()
  // an offline computer cannot sign in: no method choice, straight to the sign-in step
  await expect(app.getByRole('heading', { level: 1, name: `Activate ${NAME}` })).toBeFocused()
  await expect(app.getByTestId('sso-note')).toBeVisible()
  await expect(app.getByRole('navigation', { name: 'Progress' })).toContainText('Step 1 of 2: Company sign-in')
  expect(ui.os).toEqual([])
  await app.getByRole('button', { name: 'Sign in and activate' }).click()
  await expect(app.getByRole('button', { name: 'Waiting for the sign-in…' })).toBeVisible()
  await signInInBrowser(1)
  await expect(app.getByRole('heading', { level: 1, name: `${NAME} is activated` })).toBeFocused()
  expect(ui.server.state.devices('sso.user@acme.example')).toEqual([TEST_HWID])
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(productState(app, 'cloud-sso')).toHaveAttribute('data-state', 'active')
  // releasing the seat online signs in again (a fresh sign-in, its own state)
  await openDeactivation(app, NAME, 'Online')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await signInInBrowser(2)
  await expect(app.getByRole('heading', { level: 1, name: `${NAME} is deactivated` })).toBeFocused()
  expect(ui.server.state.devices('sso.user@acme.example')).toEqual([])
  const [first, second] = signIns().map((u) => new URL(u).searchParams.get('state'))
  expect(first).not.toBe(second)
})
