// The preload's one global, typed from the IPC contract, for the renderer.
import type { LicenseDeskApi } from '../shared/contract'

declare global {
  interface Window {
    licenseDesk: LicenseDeskApi
  }
}
