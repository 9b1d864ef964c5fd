// Secrets stay in the main process: with a vendor profile whose secrets are unique markers, no IPC
// response or progress event the ui forwards carries any of them (every other test checks this
// too, in the ui fixture), nor the diagnostics the user copies; the served renderer bundle carries
// none of the demo profile's real secrets.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_PROFILE } from '../support/demo'
import { RENDERER_DIR, SECRET_MARKERS } from '../support/browser-mode'
import { activateOnlineViaUi, clipboardText, expect, findSecretsInTraffic, KEYS, openDeactivation, test } from './fixtures'
import { uploadToPortal } from '../support/demo'

test('no secret in IPC responses, progress events or copied diagnostics across the flows', async ({ app, ui }) => {
  // profile and server really use the markers (activation would fail otherwise)
  const studio = ui.demo.profile.products.find((p) => p.id === 'studio')
  expect(studio?.provider === 'licensespring' && studio.licensespring.sharedKey).toBe(SECRET_MARKERS.sharedKey)

  await activateOnlineViaUi(app, 'Demo Studio', KEYS.fresh)
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await openDeactivation(app, 'Demo Studio', 'Offline')
  await app.getByRole('button', { name: 'Deactivate and save the file…' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'One step left: upload the deactivation file' })).toBeVisible()
  const file = readFileSync(await app.getByTestId('saved-file-path').inputValue(), 'utf8')
  expect((await uploadToPortal(ui.server.url, file)).status).toBe(200)
  await app.getByRole('button', { name: 'Back to overview' }).click()

  await activateOnlineViaUi(app, 'Demo CAD (QLM)', KEYS.qlm)
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await openDeactivation(app, 'Demo CAD (QLM)', 'Offline')
  await app.getByRole('button', { name: 'Deactivate and show the code' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'One step left: enter the deactivation code' })).toBeVisible()
  await app.getByRole('button', { name: 'Back to overview' }).click()

  await app.getByRole('button', { name: 'Activate Demo Cloud (user account)', exact: true }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByLabel('E-mail or user name').fill(KEYS.user)
  await app.getByLabel('Password').fill(KEYS.password)
  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Cloud (user account) is activated' })).toBeVisible()
  await app.getByRole('button', { name: 'Back to overview' }).click()

  await app.getByRole('button', { name: 'History' }).click()
  await expect(app.getByRole('row')).toHaveCount(3)
  await app.getByRole('button', { name: 'Overview' }).click()
  await app.getByText('For support', { exact: true }).click()
  await app.getByRole('button', { name: 'Copy diagnostics for support' }).click()
  await expect(app.getByTestId('live-region')).toHaveText('Diagnostics copied to the clipboard.')

  const used = ['app:info', 'status:get', 'activate:online', 'deactivate:offline', 'history:list', 'diagnostics:get']
  // the page's answers are recorded as they arrive
  await expect.poll(() => used.filter((c) => !ui.invokes().some((r) => r.channel === c)), 'channels the flow did not use').toEqual([])
  const copied = await clipboardText(app)
  expect(copied).toContain('"app"')
  for (const secret of Object.values(SECRET_MARKERS)) expect(copied).not.toContain(secret)
  // nor the per-launch token
  expect(copied).not.toContain(ui.token)
  expect(findSecretsInTraffic(ui)).toEqual([])
})

test('the built renderer bundle carries none of the demo profile secrets', async ({ request, ui }) => {
  const profile = JSON.parse(readFileSync(DEMO_PROFILE, 'utf8')) as {
    products: Array<{ licensespring?: { sharedKey: string; apiKey: string }; qlm?: { communicationEncryptionKey: string; password?: string } }>
  }
  const secrets = profile.products.flatMap((p) => [p.licensespring?.sharedKey, p.qlm?.communicationEncryptionKey, p.qlm?.password]).filter((s): s is string => Boolean(s))
  expect(secrets.length).toBeGreaterThan(2)
  const files = ['index.html', ...readdirSync(join(RENDERER_DIR, 'assets')).map((f) => `assets/${f}`)]
  for (const f of files) {
    const res = await request.get(new URL(f, ui.url).href)
    expect(res.status(), f).toBe(200)
    const body = await res.text()
    for (const s of secrets) expect(body.includes(s), `${f} contains a profile secret`).toBe(false)
  }
})
