// Offline flows through the real UI: LicenseSpring offline deactivation (the saved file is uploaded to the
// local portal and the seat is released), QLM offline deactivation (the shown code is accepted by the
// local self-help release page), LicenseSpring offline activation with a .lic import, QLM offline
// activation with a computer key, and the History screen.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chooseMethod, clipboardText, expect, KEYS, openDeactivation, pickFile, productState, reloadHome, test } from './fixtures'
import { TEST_HWID } from '../support/browser-mode'
import { uploadToPortal } from '../support/demo'

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex')

test('LicenseSpring offline deactivation: the saved file releases the seat at the portal', async ({ app, ui }) => {
  await ui.desk.activateOnline('studio', { licenseKey: KEYS.fresh })
  await reloadHome(app)
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'active')
  // a file of that name is already there: it is kept, and the new one gets a free name
  writeFileSync(join(ui.saveDir, 'ls_deactivation.req'), 'an older file')
  const savePath = join(ui.saveDir, 'ls_deactivation (2).req')

  await openDeactivation(app, 'Demo Studio', 'Offline')
  await expect(app.getByText('you will choose where to save a deactivation file')).toBeVisible()
  await app.getByRole('button', { name: 'Deactivate and save the file…' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'One step left: upload the deactivation file' })).toBeFocused()

  // the UI shows where the file is and its sha256, which matches the file on disk
  await expect(app.getByTestId('saved-file-path')).toHaveValue(savePath)
  const content = readFileSync(savePath, 'utf8')
  await expect(app.getByTestId('file-sha256')).toHaveValue(sha256(content))
  await expect(app.getByRole('list').filter({ hasText: 'Open the portal' })).toContainText(`${ui.server.url}/offline`)
  expect(readFileSync(join(ui.saveDir, 'ls_deactivation.req'), 'utf8')).toBe('an older file')

  await app.getByRole('button', { name: 'Show in folder' }).click()
  await expect.poll(() => ui.os.some((c) => c.kind === 'showInFolder' && c.path === savePath)).toBe(true)

  // removed locally right away; the seat is still held on the server until the file is uploaded
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([TEST_HWID])
  const upload = await uploadToPortal(ui.server.url, content)
  expect(upload.status).toBe(200)
  expect(upload.body).toContain('data-result="license_deactivated"')
  // the portal's answer shows the request ID the result screen shows
  const requestId = await app.getByRole('textbox', { name: 'Request ID', exact: true }).inputValue()
  expect(requestId).not.toBe('')
  expect(upload.body).toContain(`<code id="request-id">${requestId}</code>`)
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([])

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'offline-deactivated')
  await expect(app.getByRole('button', { name: 'Show release proof of Demo Studio' })).toBeVisible()
})

test('QLM offline deactivation: the shown code is accepted by the self-help release page', async ({ app, ui }) => {
  const before = ui.server.state.qlmActivations(KEYS.qlm).length
  await ui.desk.activateOnline('cad', { licenseKey: KEYS.qlm })
  expect(ui.server.state.qlmActivations(KEYS.qlm)).toHaveLength(before + 1)
  await reloadHome(app)

  await openDeactivation(app, 'Demo CAD (QLM)', 'Offline')
  await app.getByRole('button', { name: 'Deactivate and show the code' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'One step left: enter the deactivation code' })).toBeFocused()

  // read the code as the user sees it, grouped for reading aloud, and strip the grouping spaces
  const shown = ((await app.getByTestId('dvc-code').textContent()) ?? '').trim()
  expect(shown).toMatch(/^(\S{4} )+\S{1,4}$/)
  await expect(app.getByTestId('dvc-code').locator('.code-group').first()).toHaveText(/^\S{4}\s?$/)
  const code = shown.replace(/\s+/g, '')
  expect(code.length).toBeGreaterThan(4)
  // screen readers get it spelled out in groups
  await expect(app.getByText(/^Deactivation verification code, spelled out: /)).toBeAttached()
  await expect(app.getByTestId('dvc-valid-for')).toContainText('Valid today only (until midnight, ')
  const computerId = await app.getByTestId('dvc-computer-id').inputValue()
  expect(computerId).not.toBe('')
  // the release form's first field: the activation key in full (masked everywhere else)
  await expect(app.getByRole('textbox', { name: 'Activation key', exact: true })).toHaveValue(KEYS.qlm)
  await expect(app.getByTestId('self-help-url')).toHaveValue(new RegExp(`is_deactcode=${code}`, 'i'))

  await app.getByRole('button', { name: 'Copy Deactivation verification code' }).click()
  await expect(app.getByTestId('live-region')).toHaveText('Copied to the clipboard.')
  expect(await clipboardText(app)).toBe(code)

  await app.getByRole('button', { name: 'E-mail support' }).click()
  await expect.poll(() => ui.os.find((c) => c.kind === 'openUrl')).toBeTruthy()
  const mail = ui.os.find((c) => c.kind === 'openUrl') as { url: string }
  expect(mail.url).toMatch(/^mailto:support@license-desk\.example\?/)
  const body = decodeURIComponent(mail.url)
  const validFor = await app.getByTestId('dvc-valid-for').getAttribute('data-date')
  for (const part of ['Demo CAD (QLM)', computerId, code, validFor as string]) expect(body).toContain(part)

  const release = new URL(`${ui.server.url}/qlm/QlmReleaseLicense.aspx`)
  release.searchParams.set('is_avkey', KEYS.qlm)
  release.searchParams.set('is_pcid', computerId)
  release.searchParams.set('is_deactcode', code)
  // Opening the link shows the prefilled form and releases nothing; the button (a POST) releases.
  const opened = await fetch(release)
  expect(await opened.text()).toContain(`value="${code}"`)
  expect(ui.server.state.qlmActivations(KEYS.qlm)).toHaveLength(before + 1)
  const res = await fetch(release.origin + release.pathname, { method: 'POST', body: release.searchParams })
  const page = await res.text()
  expect(res.status, page).toBe(200)
  expect(page).toContain('data-result="released"')
  expect(ui.server.state.qlmActivations(KEYS.qlm)).toHaveLength(before)
  expect(ui.server.state.qlmActivations(KEYS.qlm).some((a) => JSON.stringify(a).includes(computerId))).toBe(false)
})

test('LicenseSpring offline activation: save the request, get the .lic from the portal, import it', async ({ app, ui }) => {
  await app.getByRole('button', { name: 'Activate Demo Studio', exact: true }).click()
  await chooseMethod(app, 'Offline')
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Activate Demo Studio offline' })).toBeFocused()

  await app.getByLabel('License key').fill(KEYS.fresh)
  await app.getByRole('button', { name: 'Save request file…' }).click()
  const requestPath = join(ui.saveDir, 'ls_activation.req')
  await expect(app.getByTestId('request-file-path')).toHaveValue(requestPath)
  const request = readFileSync(requestPath, 'utf8')
  await expect(app.getByTestId('request-file-sha256')).toHaveValue(sha256(request))
  await expect(app.getByTestId('portal-url')).toHaveValue(`${ui.server.url}/offline`)
  await expect(app.getByLabel('License key')).toHaveValue(KEYS.fresh)

  // on "another computer": upload the request to the portal, download the .lic
  const upload = await uploadToPortal(ui.server.url, request)
  expect(upload.status, upload.body).toBe(200)
  expect(upload.headers.get('content-disposition')).toContain('ls_activation.lic')
  const licPath = join(ui.filesDir, 'ls_activation.lic')
  writeFileSync(licPath, upload.body)

  // Cancel in the file picker changes nothing
  const choose = app.getByRole('button', { name: 'Choose activation file…' })
  await pickFile(app, choose, null)
  await expect(app.getByRole('heading', { level: 1, name: 'Activate Demo Studio offline' })).toBeVisible()
  await expect(choose).toBeEnabled()
  expect(ui.invokes('activate:offline:import')).toEqual([])

  await pickFile(app, choose, licPath)
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeFocused()
  // the page sent the file's content, not its path
  await expect.poll(() => ui.invokes('activate:offline:import').map((r) => r.input)).toEqual([{ productId: 'studio', content: upload.body }])
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([TEST_HWID])

  await app.getByRole('button', { name: 'Back to overview' }).click()
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'active')
  await expect(app.getByTestId('product-studio')).toContainText('activated offline')
})

test('LicenseSpring offline activation: a pending request is finished later by dropping the .lic on the window', async ({ app, ui }) => {
  const requestPath = join(ui.filesDir, 'req.req')
  const saved = await ui.desk.createOfflineActivationRequest('studio', { licenseKey: KEYS.fresh }, requestPath)
  const upload = await uploadToPortal(ui.server.url, readFileSync(saved.filePath, 'utf8'))
  expect(upload.status).toBe(200)
  await reloadHome(app)
  await expect(productState(app, 'studio')).toHaveAttribute('data-state', 'offline-activation-pending')

  await app.getByRole('button', { name: 'Finish offline activation of Demo Studio' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Activate Demo Studio offline' })).toBeFocused()
  const dataTransfer = await app.evaluateHandle((text) => {
    const dt = new DataTransfer()
    dt.items.add(new File([text], 'ls_activation.lic', { type: 'application/octet-stream' }))
    return dt
  }, upload.body)
  await app.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer })
  await app.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer })
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeFocused()
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([TEST_HWID])
})

test('QLM offline activation: the activation link gives a computer key that activates', async ({ app, ui }) => {
  const before = ui.server.state.qlmActivations(KEYS.qlm).length
  await app.getByRole('button', { name: 'Activate Demo CAD (QLM)', exact: true }).click()
  await chooseMethod(app, 'Offline')
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByLabel('Activation key', { exact: true }).fill(KEYS.qlm)
  await app.getByRole('button', { name: 'Create activation link' }).click()
  const url = await app.getByTestId('activation-url').inputValue()
  expect(url.startsWith(`${ui.server.url}/qlm/QlmWebActivation.aspx?`)).toBe(true)
  await expect(app.getByRole('img', { name: 'QR code of the activation link' })).toBeVisible()

  const page = await (await fetch(url)).text()
  const computerKey = /<output id="computer-key"[^>]*>([^<]+)<\/output>/.exec(page)?.[1]?.trim()
  expect(computerKey, page).toBeTruthy()
  await app.getByLabel('Computer key', { exact: true }).fill(computerKey as string)
  await app.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Demo CAD (QLM) is activated' })).toBeFocused()
  expect(ui.server.state.qlmActivations(KEYS.qlm)).toHaveLength(before + 1)
})

test('History lists offline deactivations and shows them again', async ({ app, ui }) => {
  await app.getByRole('button', { name: 'History' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'History' })).toBeFocused()
  await expect(app.getByText('No offline deactivations yet.')).toBeVisible()

  await ui.desk.activateOnline('cad', { licenseKey: KEYS.qlm })
  const record = await ui.desk.deactivateOffline('cad')
  await app.getByRole('button', { name: 'Overview' }).click()
  await app.getByRole('button', { name: 'History' }).click()
  const row = app.getByRole('row', { name: /Demo CAD \(QLM\)/ })
  await expect(row).toContainText('Code')
  await row.getByRole('button', { name: /^Show Code for Demo CAD \(QLM\)/ }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Deactivation code' })).toBeFocused()
  await expect(app.getByTestId('dvc-code')).toHaveAttribute('data-code', record.kind === 'qlm-dvc' ? record.code : '')
  await app.getByRole('button', { name: 'Back' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'History' })).toBeFocused()
})
