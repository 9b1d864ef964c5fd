// @vitest-environment jsdom
// The wizard tells the truth at every step: an offline deactivation is not done until the vendor has
// the proof; errors lead with the reason; Home puts the customer first; steps are named by what they ask.
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import type userEvent from '@testing-library/user-event'
import { App } from '@renderer/App'
import { ErrorPanel } from '@renderer/components/ErrorPanel'
import { AnnounceContext, ApiContext, EnvContext } from '@renderer/context'
import { createFakeApi, DEMO, fakeError } from '../support/fake-api'
import { dateInWords, localYmd } from '@renderer/format'
import { I18nContext } from '@renderer/i18n'
import { catalogs } from '@renderer/i18n/catalogs'
import { renderApp } from '../support/render'

afterEach(cleanup)

const en = catalogs.en

async function heading(name: string | RegExp) {
  const h = await screen.findByRole('heading', { level: 1, name })
  await waitFor(() => expect(document.activeElement).toBe(h))
  return h
}

/** The step indicator: its items' texts and the current one's. */
function steps() {
  const nav = screen.getByRole('navigation', { name: 'Progress' })
  const items = within(nav).getAllByRole('listitem')
  const current = items.find((li) => li.getAttribute('aria-current') === 'step')
  return { nav, labels: items.map((li) => li.textContent ?? ''), current: current?.textContent ?? '' }
}

async function deactivateOffline(user: ReturnType<typeof userEvent.setup>, product: string, button: string) {
  await user.click(await screen.findByRole('button', { name: `Deactivate ${product}` }))
  await heading(`How do you want to deactivate ${product}?`)
  await user.click(screen.getByRole('radio', { name: /Offline/ }))
  await user.click(screen.getByRole('button', { name: 'Continue' }))
  await heading(`Deactivate ${product} on this computer?`)
  await user.click(screen.getByRole('button', { name: button }))
}

describe('offline results say "one step left"', () => {
  it('file: pending heading, the last step waits for the upload, Request ID as a field, the portal steps as they are', async () => {
    const { api, user } = renderApp({ seeded: true })
    // the confirmation button says what follows
    await deactivateOffline(user, 'Demo Studio', 'Deactivate and save the file…')
    await heading('One step left: upload the deactivation file')
    const s = steps()
    expect(s.labels).toEqual(['✓Method', '✓Confirm', '…Upload the file (waiting for you)'])
    expect(s.current).toMatch(/Upload the file/)
    expect(within(s.nav).getByText('Step 3 of 3: Upload the file (waiting for you)')).toBeTruthy()
    expect(screen.getByTestId('vendor-side').textContent).toMatch(/cannot see the vendor's side/)

    const record = api.control.history[api.control.history.length - 1]
    if (record.kind !== 'licensespring-file') throw new Error('expected a file record')
    // the Request ID is a read-only field with its own Copy button, like the SHA-256
    expect((screen.getByRole('textbox', { name: 'Request ID' }) as HTMLInputElement).value).toBe(record.requestId)
    expect(screen.getByRole('button', { name: 'Copy Request ID' })).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'SHA-256' })).toBeTruthy()
    // the steps are the portal's: upload (or paste), and its answer shows the request ID; no "confirm" step
    const list = within(screen.getByRole('region', { name: 'On the other computer' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent)
    expect(list).toHaveLength(4)
    expect(list.join(' ')).not.toMatch(/confirm/i)
    expect(list[3]).toContain(record.requestId)

    await user.click(screen.getByRole('button', { name: 'Back to overview' }))
    await heading('Your licenses')
    await waitFor(() => expect(screen.getByTestId('state-studio').textContent).toBe('Waiting for the upload'))
    const note = screen.getByTestId('pending-studio').textContent ?? ''
    expect(note).toMatch(/deactivation file is uploaded/)
    expect(note).not.toMatch(/file or code/)
    expect(note).toMatch(/cannot see the vendor's side/)
  })

  it('code: the release form in its order and names, the key in full with Copy, valid today until midnight', async () => {
    const { api, user } = renderApp({ seeded: true })
    await deactivateOffline(user, 'Demo CAD', 'Deactivate and show the code')
    await heading('One step left: enter the deactivation code')
    expect(steps().current).toMatch(/Enter the code/)

    const form = screen.getByRole('region', { name: 'What the release page asks for' })
    const fields = within(form).getAllByRole('textbox') as HTMLInputElement[]
    expect(fields.map((f) => f.labels?.[0]?.textContent)).toEqual(['Activation key', 'Computer ID'])
    expect(fields[0].value).toBe(DEMO.cadKey)
    expect(fields[1].value).toBe(DEMO.qlmComputerId)
    expect(within(form).getByRole('group', { name: 'Deactivation verification code' })).toBeTruthy()
    await user.click(within(form).getByRole('button', { name: 'Copy Activation key' }))
    expect(api.control.calls).toContainEqual({ method: 'copyText', req: { text: DEMO.cadKey } })

    const record = api.control.history[api.control.history.length - 1]
    if (record.kind !== 'qlm-dvc') throw new Error('expected a code record')
    expect(record.validFor).toBe(localYmd())
    expect(screen.getByTestId('dvc-valid-for').textContent).toBe(`Valid today only (until midnight, ${dateInWords(record.validFor, 'en')}).`)

    await user.click(screen.getByRole('button', { name: 'Back to overview' }))
    await waitFor(() => expect(screen.getByTestId('state-cad').textContent).toBe('Waiting for the code'))
    expect(screen.getByTestId('pending-cad').textContent).toMatch(/deactivation code is entered/)
  })

  it('a code shown again on a later day says it was valid on that day only', async () => {
    const { user } = renderApp({ seeded: true })
    await user.click(await screen.findByRole('button', { name: 'History' }))
    await heading('History')
    await user.click(await screen.findByRole('button', { name: /^Show Code for Demo CAD/ }))
    await heading('Deactivation code')
    expect(screen.queryByRole('navigation', { name: 'Progress' })).toBeNull()
    expect(screen.getByTestId('dvc-valid-for').textContent).toMatch(/^Was valid on .+ only/)
  })

  it('an online deactivation is done at once: Method, Confirm, Result (the release is progress, not a step)', async () => {
    const { user } = renderApp({ seeded: true })
    await user.click(await screen.findByRole('button', { name: 'Deactivate Demo Studio' }))
    await heading('How do you want to deactivate Demo Studio?')
    expect(steps().labels).toEqual(['1Method', '2Confirm', '3Result'])
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await user.click(await screen.findByRole('button', { name: 'Deactivate' }))
    await heading('Demo Studio is deactivated')
    expect(steps().current).toBe('3Result')
  })
})

describe('steps are named by what they ask for', () => {
  it('"License key" for a key, "Account" for a user account (no Method step where there is no choice)', async () => {
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: 'Activate Demo Studio' }))
    await heading('How do you want to activate Demo Studio?')
    expect(steps().labels).toEqual(['1Method', '2License key', '3Done'])
    await user.click(screen.getByRole('button', { name: 'Overview' }))
    await user.click(await screen.findByRole('button', { name: 'Activate Demo Cloud' }))
    await heading('Activate Demo Cloud')
    expect(steps().labels).toEqual(['1Account', '2Done'])
    expect(steps().current).toBe('1Account')
  })
})

describe('errors lead with the reason', () => {
  function panel(error: ReturnType<typeof fakeError>, props: { onRetry?: () => void; onGoOffline?: () => void } = {}) {
    const api = createFakeApi()
    const info = { appName: 'License Desk', vendorName: 'V', supportEmail: 'support@example.com', supportUrl: '', version: '1', versions: {}, locale: 'en', demo: false }
    render(
      <ApiContext.Provider value={api}>
        <I18nContext.Provider value={{ locale: 'en', m: en }}>
          <EnvContext.Provider value={{ info, status: null }}>
            <AnnounceContext.Provider value={() => {}}>
              <ErrorPanel error={error} {...props} />
            </AnnounceContext.Provider>
          </EnvContext.Provider>
        </I18nContext.Provider>
      </ApiContext.Provider>
    )
    return within(screen.getByRole('region'))
  }

  it('a disabled license: the title says so, "declined" is the subtitle, and support (not a retry) is the way on', () => {
    const p = panel(fakeError('server_refused', { serverCode: 'license_not_enabled', nextStep: 'contact_support', retryable: false }), { onRetry: () => {} })
    expect(p.getByRole('heading', { level: 2 }).textContent).toBe('This license has been disabled by the vendor')
    expect(p.getByTestId('error-subtitle').textContent).toBe('The license server declined the request')
    expect(
      p
        .getAllByRole('button', { name: /./ })
        .filter((b) => b.tagName === 'BUTTON')
        .map((b) => b.textContent)
    ).toEqual(['E-mail support'])
  })

  it('an unreachable server: going offline comes first, then trying again', () => {
    const p = panel(fakeError('network_refused'), { onRetry: () => {}, onGoOffline: () => {} })
    expect(p.getAllByRole('button').map((b) => b.textContent)).toEqual(['Continue offline', 'Try again'])
  })

  it('a passing failure: trying again comes first', () => {
    const p = panel(fakeError('network_timeout'), { onRetry: () => {}, onGoOffline: () => {} })
    expect(p.getAllByRole('button').map((b) => b.textContent)).toEqual(['Try again', 'Continue offline'])
  })

  it('a wrong key offers no retry button (the form is the retry)', () => {
    const p = panel(fakeError('server_refused', { serverCode: 'license_not_found', nextStep: 'fix_input', retryable: false }), { onRetry: () => {} })
    expect(p.queryByRole('button', { name: 'Try again' })).toBeNull()
    expect(p.getByRole('heading', { level: 2 }).textContent).toBe('No license with this key exists')
  })

  it('no catalog talks about the UI ("the button below")', () => {
    const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : typeof o === 'object' && o ? Object.values(o).flatMap(strings) : [])
    for (const [lang, m] of Object.entries(catalogs)) {
      const bad = strings(m).filter((s) => /\b(below|above|button|click)\b|unten|oben|Schaltfläche|klicken|ci-dessous|ci-dessus|bouton|cliquez/i.test(s))
      expect(bad, lang).toEqual([])
    }
  })
})

describe('Home puts the customer first', () => {
  it('products first; the hardware id, its source and diagnostics in a collapsed "For support" section at the bottom', async () => {
    const { api, user } = renderApp({ seeded: true })
    await heading('Your licenses')
    const products = screen.getByRole('region', { name: 'Products' })
    const support = screen.getByTestId('support-section') as HTMLDetailsElement
    // document order: products before support
    expect(products.compareDocumentPosition(support) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(support.open).toBe(false)
    const summary = within(support).getByText('For support')
    expect(summary.tagName).toBe('SUMMARY')
    await user.click(summary)
    expect(support.open).toBe(true)
    expect((within(support).getByRole('textbox', { name: "This computer's hardware ID" }) as HTMLInputElement).value).toBe(DEMO.hardwareId)
    expect(within(support).getByText('Read from: linux:/etc/machine-id')).toBeTruthy()
    await user.click(within(support).getByRole('button', { name: 'Copy diagnostics for support' }))
    expect(api.control.calls.some((c) => c.method === 'getDiagnostics')).toBe(true)
  })

  it('names no provider the customer does not know, and says "Demo" once', async () => {
    renderApp({ seeded: true })
    await heading('Your licenses')
    const main = screen.getByRole('main')
    expect(main.textContent).not.toMatch(/LicenseSpring|QLM/)
    // app name "License Desk" (no "Demo" in it): the badge says it, once
    expect(screen.getAllByText('Demo')).toHaveLength(1)
  })

  it('"Demo" is not repeated as a badge when the app name already says it', async () => {
    const api = createFakeApi({ seeded: true })
    const real = api.getAppInfo.bind(api)
    api.getAppInfo = async () => {
      const r = await real()
      return r.ok ? { ok: true, value: { ...r.value, appName: 'License Desk Demo' } } : r
    }
    render(<App api={api} locale="en" messages={en} />)
    await heading('Your licenses')
    await waitFor(() => expect(screen.getByText('License Desk Demo')).toBeTruthy())
    expect(screen.queryByText('Demo')).toBeNull()
  })

  it('nor in French, where the badge says "Démo"', async () => {
    const api = createFakeApi({ seeded: true })
    const real = api.getAppInfo.bind(api)
    api.getAppInfo = async () => {
      const r = await real()
      return r.ok ? { ok: true, value: { ...r.value, appName: 'License Desk Demo' } } : r
    }
    render(<App api={api} locale="fr" messages={catalogs.fr} />)
    await heading('Vos licences')
    await waitFor(() => expect(screen.getByText('License Desk Demo')).toBeTruthy())
    expect(screen.queryByText('Démo')).toBeNull()
  })

  it('the navigation\'s "History" and the page heading agree', async () => {
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: 'History' }))
    await heading('History')
  })

  it('the hardware id error opens the support section by itself', async () => {
    const api = createFakeApi()
    const real = api.getStatus.bind(api)
    api.getStatus = async () => {
      const r = await real()
      return r.ok ? { ok: true, value: { ...r.value, hardware: null, hardwareError: fakeError('hwid_unavailable') } } : r
    }
    render(<App api={api} locale="en" messages={en} />)
    // the section is drawn before the status arrives: wait for the error, then it is open
    expect((await screen.findByTestId('error-title')).textContent).toBe('Hardware ID unavailable')
    await waitFor(() => expect((screen.getByTestId('support-section') as HTMLDetailsElement).open).toBe(true))
  })
})

describe('a third language and the pseudo-locale', () => {
  it('French: the wizard in French, dates through Intl', async () => {
    const { user } = renderApp({ locale: 'fr', seeded: true })
    await heading('Vos licences')
    expect(document.documentElement.lang).toBe('fr')
    await user.click(screen.getByRole('button', { name: 'Historique' }))
    await heading('Historique')
    const row = await screen.findByRole('button', { name: /^Afficher Code de Demo CAD du / })
    // "1 déc. 2026, 14:03"-style French date, from Intl
    expect(row.getAttribute('aria-label')).toMatch(/du \d{1,2} [a-zéû]+\.? \d{4}/)
  })

  it('the pseudo-locale makes every text about 40% longer and accented, placeholders kept', () => {
    const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : typeof o === 'object' && o ? Object.values(o).flatMap(strings) : [])
    const plain = strings({ ...en, lang: '' })
    const pseudo = strings({ ...catalogs['en-XA'], lang: '' })
    expect(pseudo).toHaveLength(plain.length)
    plain.forEach((s, i) => {
      if (!s.trim()) {
        expect(pseudo[i]).toBe(s)
        return
      }
      expect(pseudo[i].length, s).toBeGreaterThanOrEqual(Math.floor(s.length * 1.4))
      expect(pseudo[i].match(/\{\w+\}/g) ?? [], s).toEqual(s.match(/\{\w+\}/g) ?? [])
      if (/[a-z]/i.test(s.replace(/\{\w+\}/g, ''))) expect(pseudo[i], s).toMatch(/[à-žḀ-ỿ]/)
    })
  })

  it('every catalog has every key of English and says it in its own words', () => {
    const keys = (o: unknown, prefix = ''): string[] =>
      typeof o !== 'object' || o === null || Array.isArray(o) ? [prefix] : Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    for (const lang of ['de', 'fr'] as const) {
      expect(keys(catalogs[lang]).sort(), lang).toEqual(keys(en).sort())
      const same = Object.keys(en.errors).filter((c) => catalogs[lang].errors[c as keyof typeof en.errors].title === en.errors[c as keyof typeof en.errors].title)
      expect(same, lang).toEqual([])
    }
  })
})
