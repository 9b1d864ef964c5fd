// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ERROR_CODES } from '@shared/errors'
import { ERROR_POLICY, offersOffline, offersRetry, offersSupport } from '@shared/error-policy'
import { ErrorPanel, errorActions, errorTexts, supportMailto } from '@renderer/components/ErrorPanel'
import { AnnounceContext, ApiContext, EnvContext } from '@renderer/context'
import { createFakeApi, fakeError } from '../support/fake-api'
import { I18nContext } from '@renderer/i18n'
import { catalogs } from '@renderer/i18n/catalogs'

afterEach(cleanup)

function renderPanel(error: ReturnType<typeof fakeError>, locale: 'en' | 'de' = 'en', props: { onRetry?: () => void; onGoOffline?: () => void } = {}) {
  const api = createFakeApi()
  const info = { appName: 'License Desk', vendorName: 'V', supportEmail: 'support@example.com', supportUrl: '', version: '1.2.3', versions: {}, locale: 'en', demo: false }
  render(
    <ApiContext.Provider value={api}>
      <I18nContext.Provider value={{ locale, m: catalogs[locale] }}>
        <EnvContext.Provider value={{ info, status: { products: [], hardware: { id: 'HW-1', source: 'x' }, clockOffsetMs: null } }}>
          <AnnounceContext.Provider value={() => {}}>
            <ErrorPanel error={error} productName="Demo Studio" {...props} />
          </AnnounceContext.Provider>
        </EnvContext.Provider>
      </I18nContext.Provider>
    </ApiContext.Provider>
  )
  return api
}

describe('ErrorPanel', () => {
  it.each(ERROR_CODES)('renders a title and next step for %s', (code) => {
    renderPanel(fakeError(code))
    expect(screen.getByTestId('error-title').textContent).toBe(catalogs.en.errors[code].title)
    expect(screen.getByText(catalogs.en.errors[code].explain)).toBeTruthy()
  })

  it('leads with the reason for a LicenseSpring server code; "declined" is the subtitle', () => {
    renderPanel(fakeError('server_refused', { serverCode: 'license_activated_max_times' }), 'de')
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(catalogs.de.serverCodes.license_activated_max_times.title)
    expect(screen.getByTestId('error-subtitle').textContent).toBe(catalogs.de.errors.server_refused.title)
  })

  it('says a known server reason once: no generic explanation, no untranslated server message next to it', () => {
    renderPanel(fakeError('server_refused', { serverCode: 'license_not_found', serverMessage: 'License not found', nextStep: 'fix_input' }), 'de')
    expect(screen.getByTestId('error-title').textContent).toBe(catalogs.de.serverCodes.license_not_found.title)
    expect(screen.queryByText(catalogs.de.errors.server_refused.explain)).toBeNull()
    expect(screen.queryByTestId('error-server-message')).toBeNull()
    expect(screen.getByText(catalogs.de.nextSteps.fix_input)).toBeTruthy()
  })

  it('shows the QLM server message verbatim', () => {
    renderPanel(fakeError('server_refused', { serverMessage: 'Die Lizenz <X> wurde bereits freigegeben.' }))
    expect(screen.getByTestId('error-server-message').textContent).toBe('Die Lizenz <X> wurde bereits freigegeben.')
  })

  it('offers retry and going offline for a network error, and focuses the title', async () => {
    const user = userEvent.setup()
    let retried = 0
    let offline = 0
    renderPanel(fakeError('network_timeout'), 'en', { onRetry: () => retried++, onGoOffline: () => offline++ })
    expect(document.activeElement).toBe(screen.getByTestId('error-title'))
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    await user.click(screen.getByRole('button', { name: 'Continue offline' }))
    expect([retried, offline]).toEqual([1, 1])
  })

  it('tells the user to fix the clock on clock skew', () => {
    renderPanel(fakeError('clock_skew'))
    expect(screen.getByText(catalogs.en.errors.clock_skew.next)).toBeTruthy()
  })

  it('opens a prefilled support e-mail', async () => {
    const user = userEvent.setup()
    const api = renderPanel(fakeError('internal', { message: 'boom' }))
    await user.click(screen.getByRole('button', { name: 'E-mail support' }))
    const call = api.control.calls.find((c) => c.method === 'openExternal')
    const url = (call?.req as { url: string }).url
    expect(url.startsWith('mailto:support@example.com?subject=')).toBe(true)
    const body = decodeURIComponent(url.split('&body=')[1])
    expect(body).toContain('Demo Studio')
    expect(body).toContain('internal')
    expect(body).toContain('HW-1')
    expect(body).toContain('1.2.3')
  })

  it('lists the facts to pass on to IT (issuer, proxy, page title), in German too', () => {
    renderPanel({ ...fakeError('network_tls_untrusted'), details: { issuer: 'Corp Inspection CA', proxy: 'proxy.corp:3128' } }, 'de')
    const facts = screen.getByTestId('error-facts').textContent
    expect(facts).toContain('Zertifikat ausgestellt von: Corp Inspection CA')
    expect(facts).toContain('Proxy: proxy.corp:3128')
    cleanup()
    renderPanel({ ...fakeError('network_captive_portal'), details: { pageTitle: 'Guest Wi-Fi' } })
    expect(screen.getByTestId('error-facts').textContent).toBe('Page title: Guest Wi-Fi')
  })

  it('errorTexts falls back to internal for an unknown code', () => {
    const t = errorTexts(catalogs.en, { code: 'nope' as never, message: '', retryable: false, nextStep: 'none' })
    expect(t.title).toBe(catalogs.en.errors.internal.title)
  })

  it('supportMailto encodes subject and body', () => {
    const url = supportMailto(catalogs.en, { email: 'a@b.c', app: 'LD', title: 'T & U', error: fakeError('internal') })
    expect(url).toContain('subject=LD%3A%20T%20%26%20U%20(internal)')
  })

  it('errorActions takes what to offer, and whether going offline leads, from the error policy', () => {
    for (const code of ERROR_CODES) {
      const e = fakeError(code)
      const actions = errorActions(e, { retry: true, offline: offersOffline(e), support: offersSupport(e) })
      expect([...actions].sort(), code).toEqual([offersRetry(e) && 'retry', offersOffline(e) && 'offline', offersSupport(e) && 'support'].filter((a): a is string => !!a).sort())
      if (ERROR_POLICY[code].offlineFirst) expect(actions[0], code).toBe('offline')
      else if (offersRetry(e)) expect(actions[0], code).toBe('retry')
    }
    expect(errorActions(fakeError('network_refused'), { retry: true, offline: true, support: false })).toEqual(['offline', 'retry'])
    expect(errorActions(fakeError('network_timeout'), { retry: true, offline: true, support: false })).toEqual(['retry', 'offline'])
  })
})
