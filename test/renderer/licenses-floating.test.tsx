// @vitest-environment jsdom
// The wizard's license picker (an account with several licenses) and the floating license panel
// (borrow until a date with a countdown, return the seat early).
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { countdownText } from '@renderer/components/FloatingPanel'
import { catalogs } from '@renderer/i18n/catalogs'
import { DEMO } from '../support/fake-api'
import { renderApp } from '../support/render'

afterEach(cleanup)

async function heading(name: string | RegExp) {
  const h = await screen.findByRole('heading', { level: 1, name })
  await waitFor(() => expect(document.activeElement).toBe(h))
  return h
}

describe('an account with several licenses', () => {
  it('looks them up, shows each by a recognisable summary, and activates the chosen one with its license_id', async () => {
    const { api, user } = renderApp()
    await user.click(await screen.findByRole('button', { name: 'Activate Demo Cloud' }))
    await heading('Activate Demo Cloud')
    // without an account typed, it says what is missing and asks nothing
    await user.click(screen.getByRole('button', { name: 'Choose which of my licenses' }))
    expect(screen.getByRole('alert').textContent).toBe('Type your user name and password first.')
    expect(api.control.calls.some((c) => c.method === 'listUserLicenses')).toBe(false)
    await user.type(screen.getByTestId('username'), DEMO.cloudUser)
    await user.type(screen.getByTestId('password'), DEMO.cloudPassword)
    await user.click(screen.getByRole('button', { name: 'Choose which of my licenses' }))
    const group = await screen.findByRole('group', { name: /several licenses/ })
    const options = within(group).getAllByRole('radio')
    expect(options).toHaveLength(2)
    expect(within(group).getByText(/^Design office, 3 seats — Perpetual, 1 of 3 seats used \(#2002\)$/)).toBeTruthy()
    expect(within(group).getByText(/^Home office subscription, 1 seat — Subscription, 0 of 1 seats used, valid until .*2030 \(#2003\)$/)).toBeTruthy()
    expect((options[0] as HTMLInputElement).checked).toBe(true)
    await user.click(options[1]!)
    await user.click(screen.getByRole('button', { name: 'Activate' }))
    await heading('Demo Cloud is activated')
    const call = api.control.calls.find((c) => c.method === 'activateOnline')!
    expect(call.req).toMatchObject({ productId: 'cloud', username: DEMO.cloudUser, licenseId: 2003 })
  })

  it('without looking them up, no license_id is sent', async () => {
    const { api, user } = renderApp()
    await user.click(await screen.findByRole('button', { name: 'Activate Demo Cloud' }))
    await heading('Activate Demo Cloud')
    await user.type(screen.getByTestId('username'), DEMO.cloudUser)
    await user.type(screen.getByTestId('password'), DEMO.cloudPassword)
    await user.click(screen.getByRole('button', { name: 'Activate' }))
    await heading('Demo Cloud is activated')
    expect(api.control.calls.find((c) => c.method === 'activateOnline')!.req).not.toHaveProperty('licenseId')
  })
})

describe('an account with several licenses, offline activation', () => {
  async function openOffline() {
    const r = renderApp()
    // As the demo profile's Demo Cloud: a portal takes request files for it (Overview reads the status again).
    r.api.control.state.set('cloud', { ...r.api.control.state.get('cloud')!, canActivateOffline: true, portalUrl: DEMO.portalUrl })
    await r.user.click(await screen.findByRole('button', { name: 'Overview' }))
    await r.user.click(await screen.findByRole('button', { name: 'Activate Demo Cloud' }))
    await r.user.click(await screen.findByRole('radio', { name: /Offline/ }))
    await r.user.click(screen.getByRole('button', { name: 'Continue' }))
    await heading('Activate Demo Cloud offline')
    return r
  }
  const requests = (api: ReturnType<typeof renderApp>['api']) => api.control.calls.filter((c) => c.method === 'createOfflineActivationRequest').map((c) => c.req)

  it('a typed license ID goes into the request file; one that is not a number is refused before anything is saved', async () => {
    const { api, user } = await openOffline()
    await user.type(screen.getByRole('textbox', { name: 'E-mail or user name' }), DEMO.cloudUser)
    await user.click(screen.getByText('Does this account hold several licenses of this product?'))
    const field = screen.getByRole('textbox', { name: 'License ID (optional)' })
    await user.type(field, 'two')
    await user.click(screen.getByRole('button', { name: 'Save request file…' }))
    expect(screen.getByText('A license ID is a whole number, such as 2003.')).toBeTruthy()
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(requests(api)).toEqual([])
    await user.clear(field)
    await user.type(field, '#2003')
    await user.click(screen.getByRole('button', { name: 'Save request file…' }))
    await screen.findByTestId('request-file-path')
    expect(requests(api)).toEqual([{ productId: 'cloud', username: DEMO.cloudUser, licenseId: 2003 }])
  })

  it('looked up with the password (when online), the picked license fills the ID; the password is not sent with the request', async () => {
    const { api, user } = await openOffline()
    await user.type(screen.getByRole('textbox', { name: 'E-mail or user name' }), DEMO.cloudUser)
    await user.click(screen.getByText('Does this account hold several licenses of this product?'))
    await user.type(screen.getByLabelText('Password'), DEMO.cloudPassword)
    await user.click(screen.getByRole('button', { name: 'Choose which of my licenses' }))
    const group = await screen.findByRole('group', { name: /several licenses/ })
    expect((screen.getByRole('textbox', { name: 'License ID (optional)' }) as HTMLInputElement).value).toBe('2002')
    await user.click(within(group).getByRole('radio', { name: /Home office subscription/ }))
    expect((screen.getByRole('textbox', { name: 'License ID (optional)' }) as HTMLInputElement).value).toBe('2003')
    await user.click(screen.getByRole('button', { name: 'Save request file…' }))
    await screen.findByTestId('request-file-path')
    expect(requests(api)).toEqual([{ productId: 'cloud', username: DEMO.cloudUser, licenseId: 2003 }])
  })

  it('left empty, no license_id is sent', async () => {
    const { api, user } = await openOffline()
    await user.type(screen.getByRole('textbox', { name: 'E-mail or user name' }), DEMO.cloudUser)
    await user.click(screen.getByRole('button', { name: 'Save request file…' }))
    await screen.findByTestId('request-file-path')
    expect(requests(api)).toEqual([{ productId: 'cloud', username: DEMO.cloudUser }])
  })
})

describe('floating license panel', () => {
  function floatingStudio(api: ReturnType<typeof renderApp>['api'], borrowedUntil?: string) {
    const p = api.control.state.get('studio')!
    api.control.state.set('studio', {
      ...p,
      state: 'active',
      canDeactivateOffline: false,
      license: {
        keyHint: 'DEMO-••••-••••-0013',
        licenseType: 'perpetual',
        expiresAt: null,
        activatedAt: new Date().toISOString(),
        hardwareId: DEMO.hardwareId,
        activatedOffline: false,
        floating: { users: 2, canBorrow: true, maxBorrowHours: 72, ...(borrowedUntil ? { borrowedUntil } : {}) }
      }
    })
  }

  it('borrows until the chosen date, then shows the end and a countdown, and returns the seat early', async () => {
    const { api, user } = renderApp()
    floatingStudio(api)
    await user.click(await screen.findByRole('button', { name: 'Overview' }))
    const panel = await screen.findByTestId('floating-studio')
    expect(panel.textContent).toContain('Shared by 2 computers at a time.')
    const input = within(panel).getByLabelText('Borrow for offline use until') as HTMLInputElement
    expect(input.type).toBe('datetime-local')
    // beyond the license's 72 hours: said inline, nothing sent
    const tooFar = new Date(Date.now() + 100 * 3_600_000)
    const local = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
    await user.clear(input)
    await user.type(input, local(tooFar))
    await user.click(within(panel).getByRole('button', { name: 'Borrow Demo Studio for offline use' }))
    expect(panel.textContent).toContain('at most 72 hours from now')
    expect(api.control.calls.some((c) => c.method === 'borrowFloating')).toBe(false)
    const in24 = new Date(Date.now() + 24 * 3_600_000 + 5 * 60_000)
    await user.clear(input)
    await user.type(input, local(in24))
    await user.click(within(panel).getByRole('button', { name: 'Borrow Demo Studio for offline use' }))
    const countdown = await screen.findByTestId('countdown-studio')
    expect(countdown.textContent).toBe('1 d 0 h left')
    const req = api.control.calls.find((c) => c.method === 'borrowFloating')!.req as { until: string }
    expect(Math.abs(Date.parse(req.until) - in24.getTime())).toBeLessThan(60_000)
    await waitFor(() => expect(screen.getByTestId('live-region').textContent).toMatch(/^Borrowed until /))
    await user.click(screen.getByRole('button', { name: 'Return the seat of Demo Studio now' }))
    await waitFor(() => expect(screen.getByTestId('live-region').textContent).toBe('The seat is returned: a colleague can take it now.'))
    expect(screen.queryByTestId('countdown-studio')).toBeNull()
    expect(api.control.calls.some((c) => c.method === 'releaseFloating')).toBe(true)
  })

  it('counts down in English and German', () => {
    const { en, de } = catalogs
    expect(countdownText(2 * 86_400_000 + 3 * 3_600_000 + 1000, en)).toBe('2 d 3 h')
    expect(countdownText(5 * 3_600_000 + 12 * 60_000, en)).toBe('5 h 12 min')
    expect(countdownText(30_000, en)).toBe('1 min')
    expect(countdownText(5 * 3_600_000 + 12 * 60_000, de)).toBe('5 Std. 12 Min.')
  })
})

describe('SSO products', () => {
  it('ask for nothing, say the sign-in happens in the web browser, and send sso', async () => {
    const { api, user } = renderApp()
    const cloud = api.control.state.get('cloud')!
    api.control.state.set('cloud', { ...cloud, authorization: 'sso', canActivateOffline: false, offlineActivation: null })
    await user.click(await screen.findByRole('button', { name: 'Overview' }))
    await user.click(await screen.findByRole('button', { name: 'Activate Demo Cloud' }))
    await heading('Activate Demo Cloud')
    expect(screen.getByTestId('sso-note').textContent).toMatch(/in your web browser/)
    expect(screen.queryByTestId('username')).toBeNull()
    expect(screen.queryByTestId('password')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Sign in and activate' }))
    await heading('Demo Cloud is activated')
    expect(api.control.calls.find((c) => c.method === 'activateOnline')!.req).toMatchObject({ productId: 'cloud', sso: true })
  })
})
