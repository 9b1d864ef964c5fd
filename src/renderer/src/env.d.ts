/// <reference types="vite/client" />
import type { LicenseDeskApi } from '@shared/contract'

declare global {
  interface Window {
    /** Exposed by the preload through contextBridge. */
    licenseDesk: LicenseDeskApi
  }
}

export {}
