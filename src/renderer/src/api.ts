import type { LicenseDeskApi } from '@shared/contract'

/**
 * The API: the preload's in the desktop app; in browser mode (`license-desk ui`, no preload) the same
 * contract over HTTP, loaded on demand so the desktop bundle does not carry it. Components take it from
 * ApiContext so tests can pass a fake.
 */
export async function loadApi(): Promise<LicenseDeskApi> {
  if (window.licenseDesk) return window.licenseDesk
  const { createHttpApi } = await import('./http-api')
  return createHttpApi(window)
}
