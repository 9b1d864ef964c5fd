// An in-memory LicenseDeskApi for component tests without the main process.
// Lives with the test support, out of src/: the renderer tests use it.
import type { ActivateOnlineRequest, AppInfo, HistoryRecord, LicenseDeskApi, ProductSummary, ProgressEvent, StatusSnapshot } from '@shared/contract'
import { makeErrorInfo } from '@shared/error-policy'
import type { ErrorCode, ErrorInfo, Result } from '@shared/errors'

export interface FakeOptions {
  /** Delay of each progress step in ms (0 in tests, a few hundred for demos). */
  stepDelayMs?: number
  locale?: string
  /** Start with some history and a mix of states (for screenshots). */
  seeded?: boolean
  now?: () => Date
}

export interface FakeControl {
  /** The next call of `method` fails with this error. */
  failNext(method: keyof LicenseDeskApi, error: ErrorInfo): void
  /** The next save/open dialog is dismissed by the user. */
  cancelNextDialog(): void
  /** Hold operations until cancelled (to test Cancel). */
  hold(on: boolean): void
  calls: { method: string; req: unknown }[]
  state: Map<string, ProductSummary>
  history: HistoryRecord[]
}

export const DEMO = {
  studioKey: 'DEMO-STUD-IO00-0001',
  cloudUser: 'demo@license-desk.example',
  cloudPassword: 'demo-password-1',
  cadKey: 'AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2',
  hardwareId: '8f3c2a91d04b4e6fa7b1c9e02d5f6a13',
  qlmComputerId: 'LDSK-7F3A-91C2',
  portalUrl: 'https://portal.license-desk.example/offline'
}

/** An error as the core would raise it: next step and retryability from the one error policy. */
export function fakeError(code: ErrorCode, extra: Partial<ErrorInfo> = {}): ErrorInfo {
  return { ...makeErrorInfo(code, `${code} (simulated)`), ...extra }
}

function mask(key: string): string {
  const parts = key.split('-')
  if (parts.length < 3) return `${key.slice(0, 4)}••••`
  return parts.map((p, i) => (i === 0 || i === parts.length - 1 ? p : '••••')).join('-')
}

function hex(n: number, seed: number): string {
  let x = seed >>> 0
  let s = ''
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    s += ((x >>> 16) & 15).toString(16)
  }
  return s
}

export function createFakeApi(opts: FakeOptions = {}): LicenseDeskApi & { control: FakeControl } {
  const delay = opts.stepDelayMs ?? 0
  const now = opts.now ?? (() => new Date())
  const listeners = new Set<(e: ProgressEvent) => void>()
  const failures = new Map<string, ErrorInfo>()
  const cancelled = new Set<string>()
  const waiters = new Map<string, () => void>()
  let holding = false
  let dismissDialog = false
  let seq = 1
  const calls: { method: string; req: unknown }[] = []

  const info: AppInfo = {
    appName: 'License Desk',
    vendorName: 'Demo Vendor',
    supportEmail: 'support@license-desk.example',
    supportUrl: 'https://license-desk.example/support',
    version: '0.1.0',
    versions: { electron: '41', chrome: '146', node: '24' },
    locale: opts.locale ?? 'en-US',
    demo: true
  }

  const state = new Map<string, ProductSummary>()
  const base: ProductSummary[] = [
    {
      id: 'studio',
      name: 'Demo Studio',
      provider: 'licensespring',
      authorization: 'license-key',
      state: 'inactive',
      canActivateOffline: true,
      canDeactivateOffline: true,
      offlineActivation: 'request-file',
      offlineDeactivation: 'request-file',
      portalUrl: DEMO.portalUrl
    },
    {
      id: 'cloud',
      name: 'Demo Cloud',
      provider: 'licensespring',
      authorization: 'user',
      state: 'inactive',
      canActivateOffline: false,
      canDeactivateOffline: false,
      offlineActivation: 'request-file',
      offlineDeactivation: 'request-file'
    },
    {
      id: 'cad',
      name: 'Demo CAD',
      provider: 'qlm',
      authorization: 'qlm-key',
      state: 'inactive',
      canActivateOffline: true,
      canDeactivateOffline: true,
      offlineActivation: 'web-page',
      offlineDeactivation: 'code'
    }
  ]
  for (const p of base) state.set(p.id, p)
  const history: HistoryRecord[] = []
  const pending = new Set<string>()

  function activated(id: string, lic: Partial<ProductSummary['license']> & object, offline = false): void {
    const p = state.get(id)!
    state.set(id, {
      ...p,
      state: 'active',
      license: {
        activatedAt: now().toISOString(),
        hardwareId: p.provider === 'qlm' ? DEMO.qlmComputerId : DEMO.hardwareId,
        activatedOffline: offline,
        ...lic
      }
    })
  }

  if (opts.seeded) {
    activated('studio', { keyHint: mask(DEMO.studioKey), licenseType: 'perpetual', expiresAt: null })
    activated('cad', { keyHint: mask(DEMO.cadKey) })
    const rec: HistoryRecord = {
      id: 'rec-seed-1',
      kind: 'qlm-dvc',
      productId: 'cad',
      productName: 'Demo CAD',
      at: new Date(now().getTime() - 6 * 86400000).toISOString(),
      code: 'e4a91c07b2d35f68',
      validFor: new Date(now().getTime() - 6 * 86400000).toISOString().slice(0, 10),
      computerId: 'LDSK-OLD0-0001',
      activationKey: DEMO.cadKey,
      selfHelpUrl: 'https://license-desk.example/qlm/release?code=e4a91c07b2d35f68',
      supportMailto: 'mailto:support@license-desk.example?subject=Release'
    }
    history.push(rec)
  }

  const emit = (e: ProgressEvent) => {
    for (const l of listeners) l(e)
  }

  function wait(ms: number, operationId?: string): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t)
        if (operationId) waiters.delete(operationId)
        resolve()
      }
      const t = holding ? undefined : setTimeout(done, ms)
      if (operationId) waiters.set(operationId, done)
    })
  }

  async function steps(operationId: string, list: ProgressEvent['step'][]): Promise<ErrorInfo | null> {
    for (const step of list) {
      if (cancelled.has(operationId)) return fakeError('cancelled')
      emit({ operationId, step })
      await wait(delay, operationId)
      if (cancelled.has(operationId)) return fakeError('cancelled')
    }
    return null
  }

  function record(method: string, req: unknown): ErrorInfo | undefined {
    calls.push({ method, req })
    const f = failures.get(method)
    failures.delete(method)
    return f
  }

  /** The active floating product a borrow or release is for, after its progress steps (or the error to answer). */
  type License = NonNullable<ProductSummary['license']>
  type Floating = ProductSummary & { license: License & { floating: NonNullable<License['floating']> } }
  async function floatingOperation(method: string, req: { productId: string; operationId: string }): Promise<Floating | ErrorInfo> {
    const f = record(method, req)
    const p = product(req.productId)
    if (isErr(p)) return p
    if (p.state !== 'active' || !p.license?.floating) return fakeError('offline_not_supported')
    const stop = await steps(req.operationId, ['preparing', 'contacting'])
    return stop ?? f ?? (p as Floating)
  }

  const ok = <T>(value: T): Result<T> => ({ ok: true, value: structuredClone(value) })
  const err = <T>(error: ErrorInfo): Result<T> => ({ ok: false, error })

  function snapshot(): StatusSnapshot {
    return {
      products: [...state.values()].map((p) => ({ ...p, lastOffline: [...history].reverse().find((h) => h.productId === p.id) })),
      hardware: { id: DEMO.hardwareId, source: 'linux:/etc/machine-id' },
      clockOffsetMs: 1200
    }
  }

  function product(id: string): ProductSummary | ErrorInfo {
    return state.get(id) ?? fakeError('product_unknown')
  }
  const isErr = (x: ProductSummary | ErrorInfo): x is ErrorInfo => 'code' in x

  function checkOnline(req: ActivateOnlineRequest, p: ProductSummary): ErrorInfo | null {
    if (p.state === 'active') return fakeError('already_active')
    if (p.authorization === 'sso') return req.sso ? null : fakeError('invalid_input')
    if (p.authorization === 'user') {
      if (req.username !== DEMO.cloudUser || req.password !== DEMO.cloudPassword)
        return fakeError('server_refused', { serverCode: 'invalid_credentials', httpStatus: 401, nextStep: 'fix_input' })
      return null
    }
    const key = (req.licenseKey ?? '').toUpperCase()
    const valid = p.provider === 'qlm' ? DEMO.cadKey : DEMO.studioKey
    if (key !== valid) {
      if (p.provider === 'qlm') return fakeError('server_refused', { serverMessage: 'The activation key is not valid.', nextStep: 'fix_input' })
      return fakeError('server_refused', { serverCode: 'license_not_found', httpStatus: 400, nextStep: 'fix_input' })
    }
    return null
  }

  const api: LicenseDeskApi & { control: FakeControl } = {
    async getAppInfo() {
      const f = record('getAppInfo', undefined)
      return f ? err(f) : ok(info)
    },
    async getStatus() {
      const f = record('getStatus', undefined)
      return f ? err(f) : ok(snapshot())
    },
    async activateOnline(req) {
      const f = record('activateOnline', { ...req, password: req.password ? '***' : undefined })
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      const stop = await steps(req.operationId, ['preparing', 'contacting', 'verifying'])
      if (stop) return err(stop)
      if (f) return err(f)
      const bad = checkOnline(req, p)
      if (bad) return err(bad)
      activated(
        p.id,
        p.authorization === 'sso'
          ? { username: 'sso.user@acme.example', licenseType: 'perpetual' }
          : p.authorization === 'user'
            ? { username: req.username, licenseType: 'perpetual' }
            : { keyHint: mask(req.licenseKey ?? ''), licenseType: 'perpetual', expiresAt: null }
      )
      emit({ operationId: req.operationId, step: 'done' })
      return ok({ product: state.get(p.id)! })
    },
    async createOfflineActivationRequest(req) {
      const f = record('createOfflineActivationRequest', req)
      if (f) return err(f)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      if (!p.canActivateOffline) return err(fakeError('offline_not_supported'))
      if (dismissDialog) {
        dismissDialog = false
        return ok({ cancelled: true as const })
      }
      pending.add(p.id)
      state.set(p.id, { ...p, state: 'offline-activation-pending' })
      return ok({ cancelled: false as const, filePath: '/home/demo/Documents/ls_activation.req', sha256: hex(64, 7), portalUrl: p.portalUrl })
    },
    async importOfflineActivation(req) {
      const f = record('importOfflineActivation', { productId: req.productId, hasContent: req.content !== undefined })
      if (f) return err(f)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      if (req.content === undefined && dismissDialog) {
        dismissDialog = false
        return ok({ cancelled: true as const })
      }
      if (!pending.has(p.id)) return err(fakeError('no_pending_request'))
      if (req.content !== undefined && !req.content.trim()) return err(fakeError('file_invalid'))
      pending.delete(p.id)
      activated(p.id, { keyHint: mask(DEMO.studioKey), licenseType: 'perpetual', expiresAt: null }, true)
      return ok({ cancelled: false as const, product: state.get(p.id)! })
    },
    async getQlmActivationUrl(req) {
      const f = record('getQlmActivationUrl', req)
      if (f) return err(f)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      if (p.provider !== 'qlm') return err(fakeError('offline_not_supported'))
      return ok({
        computerId: DEMO.qlmComputerId,
        url: `https://license-desk.example/qlm/activate?is_avkey=${encodeURIComponent(req.activationKey)}&is_pcid=${DEMO.qlmComputerId}`
      })
    },
    async activateQlmWithComputerKey(req) {
      const f = record('activateQlmWithComputerKey', req)
      if (f) return err(f)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      if (req.activationKey.toUpperCase() !== DEMO.cadKey) return err(fakeError('server_refused', { serverMessage: 'The activation key is not valid.', nextStep: 'fix_input' }))
      if (req.computerKey.length < 8) return err(fakeError('invalid_input', { message: 'computer key is too short' }))
      activated(p.id, { keyHint: mask(req.activationKey) }, true)
      return ok({ product: state.get(p.id)! })
    },
    async listUserLicenses(req) {
      const f = record('listUserLicenses', { productId: req.productId, username: req.username })
      if (f) return err(f)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      if (req.password !== DEMO.cloudPassword && req.password !== 'team-password-1')
        return err(fakeError('server_refused', { serverCode: 'license_not_found', nextStep: 'fix_input' }))
      return ok([
        { licenseId: 2002, licenseType: 'perpetual', isTrial: false, expiresAt: null, maxActivations: 3, timesActivated: 1, floating: false, note: 'Design office, 3 seats' },
        {
          licenseId: 2003,
          licenseType: 'subscription',
          isTrial: false,
          expiresAt: '2030-01-01T00:00:00.000Z',
          maxActivations: 1,
          timesActivated: 0,
          floating: false,
          note: 'Home office subscription, 1 seat'
        }
      ])
    },
    async borrowFloating(req) {
      const p = await floatingOperation('borrowFloating', req)
      if (isErr(p)) return err(p)
      const until = req.until ?? new Date(now().getTime() + p.license.floating.maxBorrowHours * 3_600_000).toISOString()
      state.set(p.id, { ...p, license: { ...p.license, floating: { ...p.license.floating, borrowedUntil: until } } })
      emit({ operationId: req.operationId, step: 'done' })
      return ok({ product: state.get(p.id)! })
    },
    async releaseFloating(req) {
      const p = await floatingOperation('releaseFloating', req)
      if (isErr(p)) return err(p)
      const { borrowedUntil: _b, ...floating } = p.license.floating
      state.set(p.id, { ...p, license: { ...p.license, floating } })
      emit({ operationId: req.operationId, step: 'done' })
      return ok({ product: state.get(p.id)! })
    },
    async deactivateOnline(req) {
      const f = record('deactivateOnline', req)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      if (p.state !== 'active') return err(fakeError('not_active'))
      const stop = await steps(req.operationId, ['preparing', 'contacting', 'verifying'])
      if (stop) return err(stop)
      if (f) return err(f)
      state.set(p.id, { ...p, state: 'inactive', license: undefined })
      emit({ operationId: req.operationId, step: 'done' })
      return ok({ product: state.get(p.id)!, alreadyReleased: false })
    },
    async deactivateOffline(req) {
      const f = record('deactivateOffline', req)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      if (p.state !== 'active') return err(fakeError('not_active'))
      if (!p.canDeactivateOffline) return err(fakeError('offline_not_supported'))
      const stop = await steps(req.operationId, ['preparing', 'saving'])
      if (stop) return err(stop)
      if (f) return err(f)
      if (dismissDialog && p.provider === 'licensespring') {
        dismissDialog = false
        return ok({ cancelled: true as const })
      }
      const at = now()
      const id = `rec-${seq++}`
      let rec: HistoryRecord
      if (p.provider === 'licensespring') {
        rec = {
          id,
          kind: 'licensespring-file',
          productId: p.id,
          productName: p.name,
          at: at.toISOString(),
          filePath: '/home/demo/Documents/ls_deactivation.req',
          sha256: hex(64, seq * 31),
          requestId: `req-${hex(12, seq)}`,
          portalUrl: p.portalUrl
        }
      } else {
        const code = hex(16, seq * 97)
        // the demo codes are made for this computer's calendar day (QLM's 'local' date basis)
        const validFor = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`
        const selfHelpUrl = `https://license-desk.example/qlm/release?is_avkey=${encodeURIComponent(DEMO.cadKey)}&is_pcid=${DEMO.qlmComputerId}&is_dvc=${code}`
        const body = `Product: ${p.name}\nKey: ${p.license?.keyHint ?? ''}\nComputer ID: ${DEMO.qlmComputerId}\nCode: ${code}\nValid for: ${validFor}`
        rec = {
          id,
          kind: 'qlm-dvc',
          productId: p.id,
          productName: p.name,
          at: at.toISOString(),
          code,
          validFor,
          computerId: DEMO.qlmComputerId,
          activationKey: DEMO.cadKey,
          selfHelpUrl,
          supportMailto: `mailto:${info.supportEmail}?subject=${encodeURIComponent(`Release ${p.name}`)}&body=${encodeURIComponent(body)}`
        }
      }
      history.push(rec)
      state.set(p.id, { ...p, state: 'offline-deactivated', license: undefined })
      emit({ operationId: req.operationId, step: 'done' })
      return ok({ cancelled: false as const, record: rec })
    },
    async cancel(req) {
      record('cancel', req)
      cancelled.add(req.operationId)
      const w = waiters.get(req.operationId)
      if (w) w()
      return ok({ cancelled: true })
    },
    async listHistory() {
      const f = record('listHistory', undefined)
      return f ? err(f) : ok(history)
    },
    async showInFolder(req) {
      record('showInFolder', req)
      return ok(null)
    },
    async openExternal(req) {
      record('openExternal', req)
      return ok(null)
    },
    async copyText(req) {
      record('copyText', req)
      return ok(null)
    },
    async releaseSeat(req) {
      const f = record('releaseSeat', req)
      if (f) return err(f)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      const other = req.receipt?.hardwareId ?? req.oldHardwareId
      const common = { productId: p.id, productName: p.name, hardwareId: other ?? DEMO.qlmComputerId, source: other ? 'typed' : 'test:fixed', otherComputer: other !== undefined }
      emit({ operationId: req.operationId, step: 'done' })
      return ok({ cancelled: false as const, mode: 'online' as const, alreadyReleased: false, ...common })
    },
    async checkLicense(req) {
      const f = record('checkLicense', req)
      if (f) return err(f)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      if (p.state !== 'active') return err(fakeError('not_active'))
      return ok({ product: p, verdict: 'ok' as const, offerRemove: false })
    },
    async forgetLicense(req) {
      const f = record('forgetLicense', req)
      if (f) return err(f)
      const p = product(req.productId)
      if (isErr(p)) return err(p)
      const after = { ...p, state: 'inactive' as const, license: undefined }
      state.set(p.id, after)
      return ok(after)
    },
    async listReceipts() {
      const f = record('listReceipts', undefined)
      return f ? err(f) : ok([])
    },
    async exportReceipt(req) {
      const f = record('exportReceipt', req)
      return f ? err(f) : ok({ cancelled: false as const, filePath: '/home/demo/Documents/studio-seat-receipt.json', sha256: hex(64, 7) })
    },
    async importReceipt(req) {
      const f = record('importReceipt', req)
      return f ? err(f) : ok({ cancelled: true as const })
    },
    async getComputerIds() {
      const f = record('getComputerIds', undefined)
      return f ? err(f) : ok({ candidates: [], products: [] })
    },
    async getDiagnostics() {
      record('getDiagnostics', undefined)
      return ok({ text: `License Desk ${info.version}\nhwid source: linux:/etc/machine-id` })
    },
    onProgress(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    control: {
      failNext: (method, error) => void failures.set(method, error),
      cancelNextDialog: () => {
        dismissDialog = true
      },
      hold: (on) => {
        holding = on
      },
      calls,
      state,
      history
    }
  }
  return api
}
