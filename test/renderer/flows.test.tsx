// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import { App } from '@renderer/App'
import { createFakeApi, DEMO, fakeError } from '../support/fake-api'
import { renderApp } from '../support/render'

afterEach(cleanup)

async function heading(name: string | RegExp) {
  const h = await screen.findByRole('heading', { level: 1, name })
  await waitFor(() => expect(document.activeElement).toBe(h))
  return h
}

describe('home', () => {
  it('lists every product with its state and shows the hardware id read-only with Copy', async () => {
    const { api, user } = renderApp({ seeded: true })
    await heading('Your licenses')
    const hw = (await screen.findByTestId('hardware-id')) as HTMLInputElement
    expect(hw.value).toBe(DEMO.hardwareId)
    expect(hw.readOnly).toBe(true)
    expect(hw.disabled).toBe(false)
    await user.click(screen.getByText('For support'))
    expect(screen.getByTestId('state-studio').textContent).toBe('Active')
    expect(screen.getByTestId('state-cloud').textContent).toBe('Not activated')
    await user.click(screen.getByRole('button', { name: "Copy This computer's hardware ID" }))
    expect(api.control.calls).toContainEqual({ method: 'copyText', req: { text: DEMO.hardwareId } })
    await waitFor(() => expect(screen.getByTestId('live-region').textContent).toBe('Copied to the clipboard.'))
  })
})

describe('activate online', () => {
  it('validates, keeps the input after a server error, then activates', async () => {
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: 'Activate Demo Studio' }))
    await heading('How do you want to activate Demo Studio?')
    expect(screen.getByRole('navigation', { name: 'Progress' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await heading('Activate Demo Studio')

    // empty submit: inline error, focus on the field, nothing sent
    await user.click(screen.getByRole('button', { name: 'Activate' }))
    const field = screen.getByRole('textbox', { name: 'License key' })
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Enter the license key.')).toBeTruthy()
    expect(document.activeElement).toBe(field)

    // wrong key: error panel, input kept
    await user.type(field, 'WRONG-KEY')
    await user.click(screen.getByRole('button', { name: 'Activate' }))
    expect((await screen.findByTestId('error-title')).textContent).toBe('No license with this key exists')
    expect(screen.getByTestId('error-subtitle').textContent).toBe('The license server declined the request')
    expect((screen.getByRole('textbox', { name: 'License key' }) as HTMLInputElement).value).toBe('WRONG-KEY')

    await user.clear(field)
    await user.type(field, DEMO.studioKey)
    await user.click(screen.getByRole('button', { name: 'Activate' }))
    await heading('Demo Studio is activated')
    await user.click(screen.getByRole('button', { name: 'Back to overview' }))
    await heading('Your licenses')
    await waitFor(() => expect(screen.getByTestId('state-studio').textContent).toBe('Active'))
  })

  it('asks username and password for a user-based product and keeps them after a network error', async () => {
    const { api, user } = renderApp()
    await user.click(await screen.findByRole('button', { name: 'Activate Demo Cloud' }))
    await heading('Activate Demo Cloud')
    await user.click(screen.getByRole('button', { name: 'Activate' }))
    expect(screen.getByText('Enter your e-mail or user name.')).toBeTruthy()
    expect(screen.getByText('Enter your password.')).toBeTruthy()
    await user.type(screen.getByLabelText('E-mail or user name'), DEMO.cloudUser)
    await user.type(screen.getByLabelText('Password'), DEMO.cloudPassword)
    api.control.failNext('activateOnline', fakeError('network_refused'))
    await user.click(screen.getByRole('button', { name: 'Activate' }))
    expect((await screen.findByTestId('error-title')).textContent).toBe('License server refused the connection')
    expect((screen.getByLabelText('E-mail or user name') as HTMLInputElement).value).toBe(DEMO.cloudUser)
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    await heading('Demo Cloud is activated')
  })

  it('Back returns to the previous step', async () => {
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: 'Activate Demo CAD' }))
    await heading('How do you want to activate Demo CAD?')
    await user.click(screen.getByRole('button', { name: 'Back' }))
    await heading('Your licenses')
  })
})

describe('deactivate', () => {
  it('offline QLM shows the code grouped, copies it and announces it', async () => {
    const { api, user } = renderApp({ seeded: true })
    await user.click(await screen.findByRole('button', { name: 'Deactivate Demo CAD' }))
    await heading('How do you want to deactivate Demo CAD?')
    await user.click(screen.getByRole('radio', { name: /Offline/ }))
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await heading('Deactivate Demo CAD on this computer?')
    expect(screen.getByText(/deactivation code will be shown/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Deactivate and show the code' }))
    await heading('One step left: enter the deactivation code')
    const codeEl = screen.getByTestId('dvc-code')
    const code = codeEl.getAttribute('data-code') ?? ''
    expect(code).toMatch(/^[0-9a-f]{16}$/)
    expect(codeEl.textContent).toBe(code.match(/.{4}/g)!.join(' '))
    expect(screen.getByText(/Deactivation verification code, spelled out:/).textContent).toContain(code.slice(0, 4).toUpperCase().split('').join(' '))
    expect(screen.getByTestId('dvc-valid-for').textContent).toMatch(/^Valid today only \(until midnight, \w+day, /)
    expect(await screen.findByTestId('self-help-qr')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Copy Deactivation verification code' }))
    expect(api.control.calls).toContainEqual({ method: 'copyText', req: { text: code } })
    await waitFor(() => expect(screen.getByTestId('live-region').textContent).toBe('Copied to the clipboard.'))
    await user.click(screen.getByRole('button', { name: 'E-mail support' }))
    const mail = api.control.calls.filter((c) => c.method === 'openExternal').pop()
    expect((mail?.req as { url: string }).url).toMatch(/^mailto:/)
    await user.click(screen.getByRole('button', { name: 'Back to overview' }))
    await waitFor(() => expect(screen.getByTestId('state-cad').textContent).toBe('Waiting for the code'))
  })

  it('offline LicenseSpring shows the saved file, sha256 and the portal steps', async () => {
    const { api, user } = renderApp({ seeded: true })
    await user.click(await screen.findByRole('button', { name: 'Deactivate Demo Studio' }))
    await user.click(screen.getByRole('radio', { name: /Offline/ }))
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await user.click(await screen.findByRole('button', { name: 'Deactivate and save the file…' }))
    await heading('One step left: upload the deactivation file')
    expect((screen.getByTestId('saved-file-path') as HTMLInputElement).value).toBe('/home/demo/Documents/ls_deactivation.req')
    expect((screen.getByTestId('file-sha256') as HTMLInputElement).value).toMatch(/^[0-9a-f]{64}$/)
    expect(screen.getByText(new RegExp(`Open the portal: ${DEMO.portalUrl}`))).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Show in folder' }))
    const call = api.control.calls.find((c) => c.method === 'showInFolder')
    expect(call?.req).toEqual({ recordId: api.control.history[api.control.history.length - 1].id })

    // the record can be opened again from History
    await user.click(screen.getByRole('button', { name: 'History' }))
    await heading('History')
    const rows = await screen.findAllByRole('button', { name: /^Show Deactivation file for Demo Studio/ })
    await user.click(rows[0])
    await heading('Deactivation file')
    await user.click(screen.getByRole('button', { name: 'Back' }))
    await heading('History')
  })

  it('online deactivation can be cancelled while in progress', async () => {
    const { api, user } = renderApp({ seeded: true, stepDelayMs: 10 })
    api.control.hold(true)
    await user.click(await screen.findByRole('button', { name: 'Deactivate Demo Studio' }))
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await user.click(await screen.findByRole('button', { name: 'Deactivate' }))
    await heading('Deactivating Demo Studio…')
    await waitFor(() => expect(screen.getByTestId('progress-text').textContent).toBe('Preparing…'))
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await heading('Deactivate Demo Studio on this computer?')
    expect(screen.getByTestId('notice').textContent).toMatch(/cancelled/)
    const cancel = api.control.calls.find((c) => c.method === 'cancel')
    const deact = api.control.calls.find((c) => c.method === 'deactivateOnline')
    expect((cancel?.req as { operationId: string }).operationId).toBe((deact?.req as { operationId: string }).operationId)
    expect(api.control.state.get('studio')?.state).toBe('active')
  })

  it('an online error offers going offline and keeps the flow', async () => {
    const { api, user } = renderApp({ seeded: true })
    api.control.failNext('deactivateOnline', fakeError('network_timeout'))
    await user.click(await screen.findByRole('button', { name: 'Deactivate Demo Studio' }))
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await user.click(await screen.findByRole('button', { name: 'Deactivate' }))
    expect((await screen.findByTestId('error-title')).textContent).toBe('The license server did not answer')
    await user.click(screen.getByRole('button', { name: 'Continue offline' }))
    await heading('Deactivate Demo Studio on this computer?')
    expect(screen.getByText(/save a deactivation file/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Deactivate and save the file…' }))
    await heading('One step left: upload the deactivation file')
  })

  it('online deactivation succeeds', async () => {
    const { user } = renderApp({ seeded: true })
    await user.click(await screen.findByRole('button', { name: 'Deactivate Demo Studio' }))
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await user.click(await screen.findByRole('button', { name: 'Deactivate' }))
    await heading('Demo Studio is deactivated')
  })
})

describe('offline activation', () => {
  it('LicenseSpring: saves the request, then imports a dropped .lic file', async () => {
    const { api, user } = renderApp()
    await user.click(await screen.findByRole('button', { name: 'Activate Demo Studio' }))
    await user.click(screen.getByRole('radio', { name: /Offline/ }))
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await heading('Activate Demo Studio offline')
    await user.click(screen.getByRole('button', { name: 'Save request file…' }))
    expect(screen.getByText('Enter the license key.')).toBeTruthy()
    await user.type(screen.getByRole('textbox', { name: 'License key' }), DEMO.studioKey)
    await user.click(screen.getByRole('button', { name: 'Save request file…' }))
    expect(((await screen.findByTestId('request-file-path')) as HTMLInputElement).value).toMatch(/ls_activation\.req$/)
    expect(screen.getByRole('button', { name: 'Open portal' })).toBeTruthy()

    const file = new File(['{"license":"signed"}'], 'license.lic')
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown }
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } })
    window.dispatchEvent(drop)
    await heading('Demo Studio is activated')
    expect(api.control.calls).toContainEqual({ method: 'importOfflineActivation', req: { productId: 'studio', hasContent: true } })
  })

  it('QLM: shows computer id, URL and QR, then activates with the computer key', async () => {
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: 'Activate Demo CAD' }))
    await user.click(screen.getByRole('radio', { name: /Offline/ }))
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await heading('Activate Demo CAD offline')
    await user.type(screen.getByRole('textbox', { name: 'Activation key' }), DEMO.cadKey)
    await user.click(screen.getByRole('button', { name: 'Create activation link' }))
    expect(((await screen.findByTestId('computer-id')) as HTMLInputElement).value).toBe(DEMO.qlmComputerId)
    expect(((await screen.findByTestId('activation-url')) as HTMLTextAreaElement).value).toMatch(/^https:\/\//)
    expect(await screen.findByRole('img', { name: 'QR code of the activation link' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Activate' }))
    expect(screen.getByText('Enter the computer key.')).toBeTruthy()
    await user.type(screen.getByRole('textbox', { name: 'Computer key' }), 'QK-12345678')
    await user.click(screen.getByRole('button', { name: 'Activate' }))
    await heading('Demo CAD is activated')
  })
})

describe('German', () => {
  it('renders the home screen in German', async () => {
    renderApp({ locale: 'de', seeded: true })
    await heading('Ihre Lizenzen')
    const card = screen.getByTestId('product-studio')
    expect(within(card).getByRole('button', { name: 'Demo Studio deaktivieren' })).toBeTruthy()
  })
})

describe('damaged state', () => {
  it('tells the user the state file was moved aside, and where', async () => {
    const api = createFakeApi()
    const real = api.getStatus.bind(api)
    api.getStatus = async () => {
      const r = await real()
      return r.ok ? { ok: true, value: { ...r.value, stateMovedTo: '/home/u/.config/license-desk/state.corrupt-1.json' } } : r
    }
    render(<App api={api} locale="en" />)
    const note = await screen.findByTestId('state-moved')
    expect(note.textContent).toContain('/home/u/.config/license-desk/state.corrupt-1.json')
    expect(note.textContent).toMatch(/damaged/)
  })
})
