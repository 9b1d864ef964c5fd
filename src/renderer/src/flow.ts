// Where a screen stands in its flow (activate, deactivate), for the step indicator: loaded with the screens.
import type { HistoryRecord, ProductSummary } from '@shared/contract'
import type { Messages } from './i18n'
import type { Screen } from './nav'

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
