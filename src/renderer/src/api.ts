import type { LicenseDeskApi } from '@shared/contract'

/** The preload's API. Components take it from ApiContext so tests can pass a fake. */
export const api: LicenseDeskApi = window.licenseDesk
