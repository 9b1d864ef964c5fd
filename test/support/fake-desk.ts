// A fake Desk (the core's use-case interface) for main-process tests: vi.fn methods with plausible
// answers, so handler tests never depend on the real core.
import { vi } from 'vitest'
import { LicenseDeskError } from '@core/errors'
import type { Desk } from '@core/types'
import type { AppInfo, HistoryRecord, ProductSummary, StatusSnapshot } from '@shared/contract'
import type { NativeAdapters } from '../../src/main/handlers'
import { OLD_RECEIPT } from './receipts'

export const lsProduct: ProductSummary = {
  id: 'studio',
  name: 'Demo Studio',
  provider: 'licensespring',
  authorization: 'license-key',
  state: 'active',
  canActivateOffline: true,
  canDeactivateOffline: true,
  offlineActivation: 'request-file',
  offlineDeactivation: 'request-file',
  portalUrl: 'https://portal.vendor.example/offline'
}
export const qlmProduct: ProductSummary = {
  id: 'cad',
  name: 'Demo CAD',
  provider: 'qlm',
  authorization: 'qlm-key',
  state: 'active',
  canActivateOffline: false,
  canDeactivateOffline: true,
  offlineActivation: null,
  offlineDeactivation: 'code'
}

type FileRecord = Extract<HistoryRecord, { kind: 'licensespring-file' }>
export const fileRecord: FileRecord = {
  id: 'rec-1',
  kind: 'licensespring-file',
  productId: 'studio',
  productName: 'Demo Studio',
  at: '2026-01-01T00:00:00.000Z',
  filePath: '/tmp/fake-home/Desktop/ls_deactivation.req',
  sha256: 'ab'.repeat(32),
  requestId: 'req-1'
}
export const dvcRecord: HistoryRecord = {
  id: 'rec-2',
  kind: 'qlm-dvc',
  productId: 'cad',
  productName: 'Demo CAD',
  at: '2026-01-01T00:00:00.000Z',
  code: 'abcdef12',
  validFor: '2026-01-01',
  computerId: 'PC-1',
  selfHelpUrl: 'https://qlm.vendor.example/QlmReleaseLicense.aspx'
}

export const RECEIPT = OLD_RECEIPT

export function fakeDesk() {
  const snapshot: StatusSnapshot = {
    products: [lsProduct, qlmProduct],
    hardware: { id: 'hw-1', source: 'linux:/etc/machine-id' },
    clockOffsetMs: null
  }
  const desk = {
    status: vi.fn<Desk['status']>(async () => snapshot),
    capabilities: vi.fn<Desk['capabilities']>((productId) => {
      const p = snapshot.products.find((x) => x.id === productId)
      if (!p) throw new LicenseDeskError('product_unknown', `There is no product "${productId}" in the vendor profile.`)
      return {
        authorization: p.authorization,
        offlineActivation: p.offlineActivation,
        offlineDeactivation: p.offlineDeactivation,
        canDeactivateOffline: p.canDeactivateOffline,
        ...(p.portalUrl ? { portalUrl: p.portalUrl } : {})
      }
    }),
    activateOnline: vi.fn<Desk['activateOnline']>(async (productId) => ({ product: { ...lsProduct, id: productId } })),
    createOfflineActivationRequest: vi.fn<Desk['createOfflineActivationRequest']>(async (_p, _i, outPath) => ({
      filePath: outPath,
      sha256: 'cd'.repeat(32),
      requestId: 'req-2',
      portalUrl: 'https://portal.vendor.example/offline'
    })),
    importOfflineActivation: vi.fn<Desk['importOfflineActivation']>(async () => ({ product: lsProduct })),
    qlmActivationUrl: vi.fn<Desk['qlmActivationUrl']>(async () => ({ computerId: 'PC-1', url: 'https://qlm.vendor.example/activate' })),
    activateQlmWithComputerKey: vi.fn<Desk['activateQlmWithComputerKey']>(async () => ({ product: qlmProduct })),
    listUserLicenses: vi.fn<Desk['listUserLicenses']>(async () => [
      { licenseId: 2002, licenseType: 'perpetual', isTrial: false, expiresAt: null, maxActivations: 3, timesActivated: 0, floating: false, note: 'Design office' }
    ]),
    borrowFloating: vi.fn<Desk['borrowFloating']>(async () => ({ product: lsProduct })),
    releaseFloating: vi.fn<Desk['releaseFloating']>(async () => ({ product: lsProduct })),
    deactivateOnline: vi.fn<Desk['deactivateOnline']>(async () => ({ product: { ...lsProduct, state: 'inactive' as const }, alreadyReleased: false })),
    deactivateOffline: vi.fn<Desk['deactivateOffline']>(async (productId, outPath) =>
      productId === 'cad' ? dvcRecord : { ...(fileRecord as FileRecord), filePath: outPath ?? (fileRecord as FileRecord).filePath }
    ),
    offlineFileName: vi.fn<Desk['offlineFileName']>((_p, kind) => (kind === 'activation' ? 'ls_activation.req' : 'ls_deactivation.req')),
    history: vi.fn<Desk['history']>(async () => [fileRecord, dvcRecord]),
    diagnostics: vi.fn<Desk['diagnostics']>(async () => 'diagnostics text'),
    releaseSeat: vi.fn<Desk['releaseSeat']>(async (productId) => ({
      mode: 'online' as const,
      productId,
      productName: 'Demo Studio',
      hardwareId: 'ab'.repeat(32),
      source: 'linux:/etc/machine-id',
      otherComputer: false,
      alreadyReleased: false
    })),
    check: vi.fn<Desk['check']>(async () => ({ product: lsProduct, verdict: 'ok' as const, offerRemove: false })),
    forget: vi.fn<Desk['forget']>(async () => ({ ...lsProduct, state: 'inactive' as const })),
    receipts: vi.fn<Desk['receipts']>(async () => [RECEIPT]),
    exportReceipt: vi.fn<Desk['exportReceipt']>(async (_id, outPath) => ({ filePath: outPath, sha256: 'ef'.repeat(32) })),
    computerIds: vi.fn<Desk['computerIds']>(async () => ({ candidates: [], products: [] }))
  } satisfies Desk
  return desk
}

export const appInfo: AppInfo = {
  appName: 'License Desk Demo',
  vendorName: 'Vendor Inc.',
  supportEmail: 'support@vendor.example',
  supportUrl: 'https://vendor.example/support',
  version: '0.1.0',
  versions: { electron: '45.5.0', chrome: '144', node: '20' },
  locale: 'en-US',
  demo: false
}

export function fakeNative() {
  return {
    showSaveDialog: vi.fn<NativeAdapters['showSaveDialog']>(async (name) => `/tmp/fake-home/Desktop/${name}`),
    showOpenDialog: vi.fn<NativeAdapters['showOpenDialog']>(async () => '/tmp/fake-home/license.lic'),
    readFile: vi.fn<NativeAdapters['readFile']>(async () => '{"license":"content"}'),
    showItemInFolder: vi.fn<NativeAdapters['showItemInFolder']>(),
    openExternal: vi.fn<NativeAdapters['openExternal']>(async () => undefined),
    writeClipboard: vi.fn<NativeAdapters['writeClipboard']>(),
    appInfo: vi.fn<NativeAdapters['appInfo']>(() => appInfo)
  } satisfies NativeAdapters
}

/** Every vi.fn of an object, for "nothing was called" assertions. */
export function allMocks(o: object): Array<{ name: string; fn: ReturnType<typeof vi.fn> }> {
  return Object.entries(o)
    .filter(([, v]) => vi.isMockFunction(v))
    .map(([name, fn]) => ({ name, fn: fn as ReturnType<typeof vi.fn> }))
}
