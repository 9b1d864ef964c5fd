import { createContext, useContext } from 'react'
import type { HistoryRecord } from '@shared/contract'
import type { ErrorInfo } from '@shared/errors'

export type DeactivateMode = 'online' | 'offline'

export type Screen =
  | { name: 'home' }
  | { name: 'history' }
  | { name: 'activate-method'; productId: string }
  | { name: 'activate-online'; productId: string }
  | { name: 'activate-ls-offline'; productId: string; startAtImport?: boolean }
  | { name: 'activate-qlm-offline'; productId: string }
  | { name: 'activate-done'; productId: string; clockOffsetMs?: number }
  | { name: 'deactivate-method'; productId: string }
  | { name: 'deactivate-confirm'; productId: string; mode: DeactivateMode; error?: ErrorInfo; notice?: 'cancelled' | 'save-cancelled' }
  | { name: 'deactivate-progress'; productId: string; mode: DeactivateMode; operationId: string }
  | { name: 'deactivate-done'; productId: string; alreadyReleased: boolean; clockOffsetMs?: number }
  | { name: 'record'; record: HistoryRecord; fresh: boolean; byKey?: boolean }
  | { name: 'release-seat'; productId?: string; whose?: 'this' | 'other' }
  | { name: 'receipts' }

export interface Nav {
  screen: Screen
  canGoBack: boolean
  go(screen: Screen): void
  replace(screen: Screen): void
  back(): void
  /** Leaves the current screen and replaces the one below it (e.g. progress -> confirm with an error). */
  backWith(screen: Screen): void
  home(): void
  refresh(): Promise<void>
}

export const NavContext = createContext<Nav | null>(null)

export function useNav(): Nav {
  const nav = useContext(NavContext)
  if (!nav) throw new Error('NavContext missing')
  return nav
}

/** Which flow a screen belongs to and its position in that flow's step indicator. */
export function flowOf(screen: Screen): { flow: 'activate' | 'deactivate'; index: number } | null {
  switch (screen.name) {
    case 'activate-method':
      return { flow: 'activate', index: 0 }
    case 'activate-online':
    case 'activate-ls-offline':
    case 'activate-qlm-offline':
      return { flow: 'activate', index: 1 }
    case 'activate-done':
      return { flow: 'activate', index: 2 }
    case 'deactivate-method':
      return { flow: 'deactivate', index: 0 }
    case 'deactivate-confirm':
      return { flow: 'deactivate', index: 1 }
    case 'deactivate-progress':
      return { flow: 'deactivate', index: 2 }
    case 'deactivate-done':
      return { flow: 'deactivate', index: 3 }
    case 'record':
      return screen.fresh ? { flow: 'deactivate', index: 3 } : null
    default:
      return null
  }
}
