// A fake Desk (the core's use-case interface) for main-process tests: vi.fn methods with plausible
// answers, so handler tests never depend on the real core.
import { vi } from 'vitest'
import type { Desk } from '@core/types'
import type { AppInfo, HistoryRecord, ProductSummary, StatusSnapshot } from '@shared/contract'
import type { NativeAdapters } from '../../src/main/handlers'

export const lsProduct: ProductSummary = {
  id: 'studio',
  name: 'Demo Studio',
  provider: 'licensespring',
  authorization: 'license-key',
  state: 'active',
  canActivateOffline: true,
  canDeactivateOffline: true,
  portalUrl: 'https://portal.vendor.example/offline'
}
export const qlmProduct: ProductSummary = {
  id: 'cad',
  name: 'Demo CAD',
  provider: 'qlm',
  authorization: 'qlm-key',
  state: 'active',
  canActivateOffline: false,
  canDeactivateOffline: true
}

export const fileRecord: HistoryRecord = {
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

export function fakeDesk() {
  const snapshot: StatusSnapshot = {
    products: [lsProduct, qlmProduct],
    hardware: { id: 'hw-1', source: 'linux:/etc/machine-id' },
    clockOffsetMs: null
  }
  const desk = {
    status: vi.fn(async () => snapshot),
    activateOnline: vi.fn(async (productId: string) => ({ product: { ...lsProduct, id: productId } })),
    createOfflineActivationRequest: vi.fn(async (_p: string, _i: unknown, outPath: string) => ({
      filePath: outPath,
      sha256: 'cd'.repeat(32),
      requestId: 'req-2',
      portalUrl: 'https://portal.vendor.example/offline'
    })),
    importOfflineActivation: vi.fn(async () => ({ product: lsProduct })),
    qlmActivationUrl: vi.fn(async () => ({ computerId: 'PC-1', url: 'https://qlm.vendor.example/activate' })),
    activateQlmWithComputerKey: vi.fn(async () => ({ product: qlmProduct })),
    deactivateOnline: vi.fn(async () => ({ product: { ...lsProduct, state: 'inactive' as const }, alreadyReleased: false })),
    deactivateOffline: vi.fn(async (productId: string, outPath?: string) =>
      productId === 'cad' ? dvcRecord : { ...fileRecord, filePath: outPath ?? fileRecord.filePath }
    ),
    offlineFileName: vi.fn((_p: string, kind: 'activation' | 'deactivation') =>
      kind === 'activation' ? 'ls_activation.req' : 'ls_deactivation.req'
    ),
    history: vi.fn(async () => [fileRecord, dvcRecord]),
    diagnostics: vi.fn(async () => 'diagnostics text')
  } satisfies Desk
  return desk
}

export const appInfo: AppInfo = {
  appName: 'License Desk Demo',
  vendorName: 'Vendor Inc.',
  supportEmail: 'support@vendor.example',
  supportUrl: 'https://vendor.example/support',
  version: '0.1.0',
  versions: { electron: '41.0.0', chrome: '140', node: '20' },
  locale: 'en-US',
  demo: false
}

export function fakeNative() {
  return {
    showSaveDialog: vi.fn(async (name: string) => `/tmp/fake-home/Desktop/${name}`),
    showOpenDialog: vi.fn(async () => '/tmp/fake-home/license.lic'),
    readFile: vi.fn(async () => '{"license":"content"}'),
    showItemInFolder: vi.fn(),
    openExternal: vi.fn(async () => undefined),
    writeClipboard: vi.fn(),
    appInfo: vi.fn(() => appInfo)
  } satisfies NativeAdapters
}

/** Every vi.fn of an object, for "nothing was called" assertions. */
export function allMocks(o: Record<string, unknown>): Array<{ name: string; fn: ReturnType<typeof vi.fn> }> {
  return Object.entries(o)
    .filter(([, v]) => vi.isMockFunction(v))
    .map(([name, fn]) => ({ name, fn: fn as ReturnType<typeof vi.fn> }))
}
