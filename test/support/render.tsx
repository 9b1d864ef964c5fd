import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { App } from '@renderer/App'
import { createFakeApi, type FakeOptions } from './fake-api'
import type { Locale } from '@renderer/i18n'

export function renderApp(opts: FakeOptions & { locale?: Locale } = {}) {
  const api = createFakeApi(opts)
  const user = userEvent.setup()
  const utils = render(<App api={api} locale={opts.locale ?? 'en'} />)
  return { api, user, ...utils }
}
