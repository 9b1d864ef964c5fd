// The core's public surface: createDesk wires the use cases (./usecases, one module each) over one shared
// context (./context.ts) and the provider port (./providers). The Electron main process and the CLI both
// build a Desk and call only its methods. Local state changes only after the server (or the offline
// artifact) confirms.
import { createContext } from './context'
import { LicenseDeskError } from './errors'
import { activateOnline } from './usecases/activate-online'
import { deactivateOffline } from './usecases/deactivate-offline'
import { deactivateOnline } from './usecases/deactivate-online'
import { diagnostics } from './usecases/diagnostics'
import { history } from './usecases/history'
import { releaseSeat } from './usecases/release-seat'
import { check, computerIds, exportReceipt, forget, receipts } from './usecases/seats'
import { createOfflineActivationRequest, importOfflineActivation, offlineFileName } from './usecases/offline-activation'
import { capabilities, status } from './usecases/status'
import { borrowFloating, releaseFloating } from './usecases/floating'
import { listUserLicenses } from './usecases/user-licenses'
import { activateQlmWithComputerKey, qlmActivationUrl } from './usecases/web-activation'
import type { Desk, DeskDeps } from './types'

export function createDesk(deps: DeskDeps): Desk {
  const ctx = createContext(deps)
  return {
    status: () => status(ctx),
    capabilities: (productId) => capabilities(ctx, productId),
    activateOnline: (productId, identity, opts) => activateOnline(ctx, productId, identity, opts),
    createOfflineActivationRequest: (productId, identity, outPath) => createOfflineActivationRequest(ctx, productId, identity, outPath),
    importOfflineActivation: (productId, licContent) => importOfflineActivation(ctx, productId, licContent),
    qlmActivationUrl: (productId, activationKey) => qlmActivationUrl(ctx, productId, activationKey),
    activateQlmWithComputerKey: (productId, activationKey, computerKey) => activateQlmWithComputerKey(ctx, productId, activationKey, computerKey),
    listUserLicenses: (productId, account, opts) => listUserLicenses(ctx, productId, account, opts),
    borrowFloating: (productId, until, opts) => borrowFloating(ctx, productId, until, opts),
    releaseFloating: (productId, opts) => releaseFloating(ctx, productId, opts),
    deactivateOnline: (productId, opts) => deactivateOnline(ctx, productId, opts),
    deactivateOffline: (productId, outPath, opts) => deactivateOffline(ctx, productId, outPath, opts),
    offlineFileName: (productId, kind) => offlineFileName(ctx, productId, kind),
    stateMovedTo: () => ctx.store.report.corruptMovedTo,
    history: () => history(ctx),
    releaseSeat: (productId, req, opts) => releaseSeat(ctx, productId, req, opts),
    check: (productId, opts) => check(ctx, productId, opts),
    forget: (productId) => forget(ctx, productId),
    receipts: () => receipts(ctx),
    computerIds: () => computerIds(ctx),
    exportReceipt: (receiptId, outPath) => exportReceipt(ctx, receiptId, outPath),
    diagnostics: (extra) => diagnostics(ctx, extra)
  }
}

export { keyHint } from './providers/identity'
export { OFFLINE_CAPABLE_TYPES } from './providers/licensespring/provider'
export { qlmSelfHelpUrl } from './providers/qlm/records'
export { parseReceipt, receiptFile } from './usecases/seats'
export { LicenseDeskError }
