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

/** The product a screen is about, if any. */
export function productIdOf(screen: Screen): string | undefined {
  if (screen.name === 'record') return screen.record.productId
  return 'productId' in screen ? screen.productId : undefined
}
