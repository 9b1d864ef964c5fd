// Dev-only: exposes the in-memory fake API as window.licenseDesk for screenshots in a plain browser.
import { createFakeApi, fakeError, type FakeOptions } from '../../test/support/fake-api'

const w = window as unknown as {
  licenseDesk: unknown
  __fake: unknown
  __fakeError: typeof fakeError
  __fakeOptions?: FakeOptions
}
const api = createFakeApi({ stepDelayMs: 250, locale: navigator.language, ...(w.__fakeOptions ?? {}) })
w.licenseDesk = api
w.__fake = api.control
w.__fakeError = fakeError
