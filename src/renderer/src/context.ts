import { createContext, useContext } from 'react'
import type { AppInfo, LicenseDeskApi, ProgressEvent, StatusSnapshot } from '@shared/contract'

export const ApiContext = createContext<LicenseDeskApi | null>(null)

export function useApi(): LicenseDeskApi {
  const api = useContext(ApiContext)
  if (!api) throw new Error('ApiContext missing')
  return api
}

/** One polite live region for the whole app; announce() puts a message in it. */
export const AnnounceContext = createContext<(message: string) => void>(() => {})

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext)
}

export interface Env {
  info: AppInfo | null
  status: StatusSnapshot | null
}

export const EnvContext = createContext<Env>({ info: null, status: null })

export function useEnv(): Env {
  return useContext(EnvContext)
}

/** The latest progress event from the main process (any operation). */
export const ProgressContext = createContext<ProgressEvent | null>(null)

export function useLastProgress(): ProgressEvent | null {
  return useContext(ProgressContext)
}
