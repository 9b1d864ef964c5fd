// Secrets stay in the main process: with a vendor profile whose secrets are unique markers, no IPC
// response or progress event the bridge forwards carries any of them (every other test checks this
// too, in the bridge fixture), nor the diagnostics the user copies; the served renderer bundle carries
// none of the demo profile's real secrets.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_PROFILE } from '../support/demo'
import { RENDERER_DIR, SECRET_MARKERS } from './bridge'
import { activateOnlineViaUi, expect, findSecretsInTraffic, KEYS, openDeactivation, test } from './fixtures'
import { uploadToPortal } from '../support/demo'

test('no secret in IPC responses, progress events or copied diagnostics across the flows', async ({ app, bridge }) => {
  // profile and server really use the markers (activation would fail otherwise)
  const studio = bridge.demo.profile.products.find((p) => p.id === 'studio')
  expect(studio?.provider === 'licensespring' && studio.licensespring.sharedKey).toBe(SECRET_MARKERS.sharedKey)

  await activateOnlineViaUi(app, 'Demo Studio', KEYS.fresh)
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await openDeactivation(app, 'Demo Studio', 'Offline')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Deactivation file saved' })).toBeVisible()
  const file = readFileSync(await app.getByTestId('saved-file-path').inputValue(), 'utf8')
  expect((await uploadToPortal(bridge.server.url, file)).status).toBe(200)
  await app.getByRole('button', { name: 'Back to overview' }).click()

  await activateOnlineViaUi(app, 'Demo CAD (QLM)', KEYS.qlm)
  await app.getByRole('button', { name: 'Back to overview' }).click()
  await openDeactivation(app, 'Demo CAD (QLM)', 'Offline')
  await app.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Your deactivation code' })).toBeVisible()
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
  await app.getByRole('button', { name: 'Copy diagnostics for support' }).click()
  await expect(app.getByTestId('live-region')).toHaveText('Diagnostics copied to the clipboard.')

  const channels = new Set(bridge.invokes().map((r) => r.channel))
  for (const c of ['app:info', 'status:get', 'activate:online', 'deactivate:offline', 'history:list', 'diagnostics:get', 'clipboard:write']) {
    expect(channels.has(c), `flow used ${c}`).toBe(true)
  }
  expect(bridge.native.clipboard.length).toBeGreaterThan(0)
  for (const secret of Object.values(SECRET_MARKERS)) expect(bridge.native.clipboard).not.toContain(secret)
  expect(findSecretsInTraffic(bridge)).toEqual([])
})

test('the built renderer bundle carries none of the demo profile secrets', async ({ request, bridge }) => {
  const profile = JSON.parse(readFileSync(DEMO_PROFILE, 'utf8')) as {
    products: Array<{ licensespring?: { sharedKey: string; apiKey: string }; qlm?: { communicationEncryptionKey: string; password?: string } }>
  }
  const secrets = profile.products.flatMap((p) => [p.licensespring?.sharedKey, p.qlm?.communicationEncryptionKey, p.qlm?.password]).filter((s): s is string => Boolean(s))
  expect(secrets.length).toBeGreaterThan(2)
  const files = ['index.html', ...readdirSync(join(RENDERER_DIR, 'assets')).map((f) => `assets/${f}`)]
  for (const f of files) {
    const res = await request.get(new URL(f, bridge.url).href)
    expect(res.status(), f).toBe(200)
    const body = await res.text()
    for (const s of secrets) expect(body.includes(s), `${f} contains a profile secret`).toBe(false)
  }
})
