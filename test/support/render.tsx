import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { App } from '@renderer/App'
import { createFakeApi, type FakeOptions } from './fake-api'
import type { Locale } from '@renderer/i18n'
import { catalogs } from '@renderer/i18n/catalogs'

export function renderApp(opts: FakeOptions & { locale?: Locale } = {}) {
  const api = createFakeApi(opts)
  const user = userEvent.setup()
  const locale = opts.locale ?? 'en'
  const utils = render(<App api={api} locale={locale} messages={catalogs[locale]} />)
  return { api, user, ...utils }
}
