import { createContext, useContext } from 'react'
import type { HistoryRecord, ProductSummary } from '@shared/contract'
import type { ErrorInfo } from '@shared/errors'
import type { Messages } from './i18n'

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

export interface FlowStep {
  label: string
  /** The step is the user's to do outside License Desk (upload the file, enter the code): shown as waiting. */
  waiting?: boolean
}

export interface FlowPosition {
  steps: FlowStep[]
  index: number
}

/**
 * The steps of the flow a screen belongs to, named by what each asks for, and where the screen is.
 * A step that lasts under a second (the release itself) is progress within "Confirm", not a step.
 * After an offline deactivation the last step is the user's: upload the file or enter the code.
 */
export function flowOf(screen: Screen, m: Messages, product: ProductSummary | undefined): FlowPosition | null {
  const f = m.flows
  const identity =
    product?.authorization === 'user' ? f.account : product?.authorization === 'sso' ? f.signIn : product?.authorization === 'qlm-key' ? f.activationKey : f.licenseKey
  const activate = (index: number): FlowPosition => {
    const steps = [identity, f.done].map((label) => ({ label }))
    return product?.canActivateOffline === false ? { steps, index: index - 1 } : { steps: [{ label: f.method }, ...steps], index }
  }
  const deactivate = (index: number, last: FlowStep): FlowPosition => {
    const steps = [{ label: f.confirm }, last]
    return product?.canDeactivateOffline === false ? { steps, index: index - 1 } : { steps: [{ label: f.method }, ...steps], index }
  }
  const offlineLast = (kind: HistoryRecord['kind'] | undefined): FlowStep =>
    kind === 'licensespring-file' ? { label: f.uploadFile, waiting: true } : { label: f.enterCode, waiting: true }
  const offlineKind = product?.offlineDeactivation === 'code' ? 'qlm-dvc' : 'licensespring-file'
  switch (screen.name) {
    case 'activate-method':
      return activate(0)
    case 'activate-online':
    case 'activate-ls-offline':
    case 'activate-qlm-offline':
      return activate(1)
    case 'activate-done':
      return activate(2)
    case 'deactivate-method':
      return deactivate(0, { label: f.result })
    case 'deactivate-confirm':
    case 'deactivate-progress':
      return deactivate(1, screen.mode === 'offline' ? offlineLast(offlineKind) : { label: f.result })
    case 'deactivate-done':
      return deactivate(2, { label: f.result })
    case 'record':
      return screen.fresh ? deactivate(2, offlineLast(screen.record.kind)) : null
    default:
      return null
  }
}

/** The product a screen is about, if any. */
export function productIdOf(screen: Screen): string | undefined {
  if (screen.name === 'record') return screen.record.productId
  return 'productId' in screen ? screen.productId : undefined
}
