// The IPC handler logic, free of Electron: one async function per contract channel that validates its
// input with the channel's schema, calls the core (Desk) and native adapters, and always resolves to a
// Result (never throws). src/main/ipc.ts registers these on ipcMain behind a sender check; browser mode
// (src/ui) serves the same handlers over HTTP with its own native adapters (src/ui/native.ts).
import type { AppInfo, Channel, Contract, HistoryRecord, ProgressEvent } from '@shared/contract'
import { CHANNELS } from '@shared/contract'
import type { ErrorCode, ErrorInfo, NextStep, Result } from '@shared/errors'
import { makeErrorInfo, toErrorInfo } from '@shared/error-policy'
import { inputSchemas } from '@shared/schemas'
import type { Desk, Identity, OperationOptions } from '@core/types'
import { parseReceipt } from '@core/desk'
import { isAllowedExternalUrl, type ExternalPolicy, profileExternalHosts } from './external'

/** The native side effects the handlers need: Electron's in the app, browser mode's in src/ui, fakes in tests. */
export interface NativeAdapters {
  /** Save dialog; default folder Desktop, else Documents. Resolves to the chosen path, or undefined if cancelled. */
  showSaveDialog(defaultName: string): Promise<string | undefined>
  /** Open dialog for a .lic file; resolves to the chosen path, or undefined if cancelled. */
  showOpenDialog(): Promise<string | undefined>
  /** Reads a (small) text file chosen by the user. */
  readFile(path: string): Promise<string>
  showItemInFolder(path: string): void
  openExternal(url: string): Promise<void>
  /** Electron 45's clipboard.writeText is asynchronous. */
  writeClipboard(text: string): Promise<void> | void
  appInfo(): AppInfo
}

export interface HandlerContext {
  sendProgress(event: ProgressEvent): void
}

export type Handler<C extends Channel> = (input: unknown, ctx: HandlerContext) => Promise<Result<Contract[C]['res']>>
export type Handlers = { [C in Channel]: Handler<C> }

export interface HandlerOptions {
  /**
   * Who shell:open-external may open. Default: derived per call from the app info (support URL and
   * e-mail, demo flag), the products' portal URLs and the history's self-help/portal URLs.
   * The app passes externalPolicyFromProfile(profile, demo).
   */
  external?: ExternalPolicy
}

/** An error raised inside a handler with a ready ErrorInfo. */
class HandlerError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message)
  }
}

/** An ErrorInfo with the policy's next step (and retryability) unless one is given. */
export function errorInfo(code: ErrorCode, message: string, nextStep?: NextStep): ErrorInfo {
  return makeErrorInfo(code, message, nextStep ? { nextStep } : {})
}

function fail(code: ErrorCode, message: string, nextStep?: NextStep): never {
  throw new HandlerError(errorInfo(code, message, nextStep))
}

/** Maps anything thrown to an ErrorInfo that is safe to send to the renderer (see toErrorInfo in the error policy). */
export const toErrorInfoSafe = toErrorInfo

function describeIssues(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  const first = error.issues.slice(0, 3).map((i) => {
    const where =
      i.path.length > 0
        ? i.path
            .map((p) => String(p))
            .join('.')
            .slice(0, 64)
        : 'input'
    return `${where}: ${i.message.slice(0, 200)}`
  })
  return `Invalid request (${first.join('; ')})`
}

/** Builds the handlers. Each validates before doing anything, and resolves to a Result. */
export function createHandlers(desk: Desk, native: NativeAdapters, options: HandlerOptions = {}): Handlers {
  const operations = new Map<string, AbortController>()

  async function externalPolicy(): Promise<ExternalPolicy> {
    if (options.external) return options.external
    const info = native.appInfo()
    const sources: unknown[] = [{ supportUrl: info.supportUrl, supportEmail: info.supportEmail }]
    try {
      const snap = await desk.status()
      sources.push(snap.products.map((p) => ({ portalUrl: p.portalUrl })))
    } catch {
      /* status unavailable: fall back to the app's own hosts */
    }
    try {
      sources.push(await desk.history())
    } catch {
      /* ignore */
    }
    return { hosts: profileExternalHosts(sources), allowLoopbackHttp: info.demo }
  }

  /** Runs a long operation with an AbortController keyed by its operationId and progress forwarding. */
  async function withOperation<T>(operationId: string, ctx: HandlerContext, run: (opts: OperationOptions) => Promise<T>): Promise<T> {
    if (operations.has(operationId)) fail('invalid_input', `Operation ${operationId} is already running.`, 'fix_input')
    const controller = new AbortController()
    operations.set(operationId, controller)
    const opts: OperationOptions = {
      signal: controller.signal,
      onProgress: (event) => {
        try {
          ctx.sendProgress({ ...event, operationId })
        } catch {
          /* the window may be gone; progress is best effort */
        }
      }
    }
    try {
      return await run(opts)
    } catch (e) {
      if (controller.signal.aborted && toErrorInfoSafe(e).code === 'internal') {
        fail('cancelled', 'The operation was cancelled.')
      }
      throw e
    } finally {
      operations.delete(operationId)
    }
  }

  type Impl = { [C in Channel]: (req: Contract[C]['req'], ctx: HandlerContext) => Promise<Contract[C]['res']> }

  const impl: Impl = {
    'app:info': async () => native.appInfo(),
    'status:get': async () => desk.status(),
    'activate:online': async (req, ctx) => {
      const chosen = req.licenseId !== undefined ? { licenseId: req.licenseId } : {}
      // sso: nothing typed; the core opens the identity provider's page in the browser and waits for the answer.
      const identity: Identity = req.sso
        ? { sso: true, ...chosen }
        : req.licenseKey !== undefined
          ? { licenseKey: req.licenseKey, ...chosen }
          : { username: req.username as string, password: req.password as string, ...chosen }
      return withOperation(req.operationId, ctx, (opts) => desk.activateOnline(req.productId, identity, opts))
    },
    'activate:offline:request': async (req) => {
      const chosen = req.licenseId !== undefined ? { licenseId: req.licenseId } : {}
      const identity = req.licenseKey !== undefined ? { licenseKey: req.licenseKey, ...chosen } : { username: req.username as string, ...chosen }
      const path = await native.showSaveDialog(desk.offlineFileName(req.productId, 'activation'))
      if (!path) return { cancelled: true }
      const saved = await desk.createOfflineActivationRequest(req.productId, identity, path)
      const out: Contract['activate:offline:request']['res'] = {
        cancelled: false,
        filePath: saved.filePath,
        sha256: saved.sha256
      }
      if (saved.portalUrl !== undefined) out.portalUrl = saved.portalUrl
      return out
    },
    'activate:offline:import': async (req) => {
      let content = req.content
      if (content === undefined) {
        const path = await native.showOpenDialog()
        if (!path) return { cancelled: true }
        content = await native.readFile(path)
      }
      const result = await desk.importOfflineActivation(req.productId, content)
      return { cancelled: false, product: result.product }
    },
    'activate:qlm:url': async (req) => desk.qlmActivationUrl(req.productId, req.activationKey),
    'activate:qlm:computer-key': async (req) => desk.activateQlmWithComputerKey(req.productId, req.activationKey, req.computerKey),
    'licenses:list': async (req) => desk.listUserLicenses(req.productId, { username: req.username, password: req.password }),
    'floating:borrow': async (req, ctx) => withOperation(req.operationId, ctx, (opts) => desk.borrowFloating(req.productId, req.until, opts)),
    'floating:release': async (req, ctx) => withOperation(req.operationId, ctx, (opts) => desk.releaseFloating(req.productId, opts)),
    'deactivate:online': async (req, ctx) => withOperation(req.operationId, ctx, (opts) => desk.deactivateOnline(req.productId, opts)),
    'deactivate:offline': async (req, ctx) => {
      // A request file is saved where the user chooses; a code needs no dialog.
      let path: string | undefined
      if (desk.capabilities(req.productId).offlineDeactivation === 'request-file') {
        path = await native.showSaveDialog(desk.offlineFileName(req.productId, 'deactivation'))
        if (!path) return { cancelled: true }
      }
      const record = await withOperation(req.operationId, ctx, (opts) => desk.deactivateOffline(req.productId, path, opts))
      return { cancelled: false, record }
    },
    'operation:cancel': async (req) => {
      const controller = operations.get(req.operationId)
      if (!controller) return { cancelled: false }
      controller.abort()
      return { cancelled: true }
    },
    'history:list': async () => desk.history(),
    'shell:show-in-folder': async (req) => {
      const records: HistoryRecord[] = await desk.history()
      const record = records.find((r) => r.id === req.recordId)
      if (record?.kind !== 'licensespring-file') {
        fail('invalid_input', 'No saved file with that record id.', 'none')
      }
      native.showItemInFolder(record.filePath)
      return null
    },
    'shell:open-external': async (req) => {
      if (!isAllowedExternalUrl(req.url, await externalPolicy())) {
        fail('invalid_input', "Only the vendor's own https: and mailto: links can be opened.", 'none')
      }
      await native.openExternal(new URL(req.url).href)
      return null
    },
    'clipboard:write': async (req) => {
      await native.writeClipboard(req.text)
      return null
    },
    'diagnostics:get': async () => {
      const info = native.appInfo()
      const extra: Record<string, string> = { app: `${info.appName} ${info.version}` }
      for (const [k, v] of Object.entries(info.versions)) extra[`version.${k}`] = v
      return { text: await desk.diagnostics(extra) }
    },
    'seat:release': async (req, ctx) => {
      const identity = req.licenseKey !== undefined ? { licenseKey: req.licenseKey } : { username: req.username as string, ...(req.password ? { password: req.password } : {}) }
      // An offline release of a LicenseSpring seat is a request file saved where the user chooses.
      let outPath: string | undefined
      if (req.offline && desk.capabilities(req.productId).offlineDeactivation === 'request-file') {
        outPath = await native.showSaveDialog(desk.offlineFileName(req.productId, 'deactivation'))
        if (!outPath) return { cancelled: true }
      }
      const r = await withOperation(req.operationId, ctx, (opts) =>
        desk.releaseSeat(
          req.productId,
          {
            identity,
            ...(req.receipt ? { receipt: req.receipt } : req.oldHardwareId ? { oldHardwareId: req.oldHardwareId } : {}),
            offline: req.offline,
            ...(outPath ? { outPath } : {})
          },
          opts
        )
      )
      return { cancelled: false, ...r }
    },
    'seat:check': async (req, ctx) => withOperation(req.operationId, ctx, (opts) => desk.check(req.productId, opts)),
    'seat:forget': async (req) => desk.forget(req.productId),
    'seat:receipts': async () => desk.receipts(),
    'seat:receipt:export': async (req) => {
      const r = (await desk.receipts()).find((x) => x.id === req.receiptId)
      if (!r) fail('invalid_input', 'There is no seat receipt with that id on this computer.', 'none')
      const path = await native.showSaveDialog(`${r.productId}-seat-receipt.json`)
      if (!path) return { cancelled: true }
      const saved = await desk.exportReceipt(req.receiptId, path)
      return { cancelled: false, filePath: saved.filePath, sha256: saved.sha256 }
    },
    'seat:receipt:import': async (req) => {
      let content: string
      if ('content' in req) content = req.content
      else {
        const path = await native.showOpenDialog()
        if (!path) return { cancelled: true }
        content = await native.readFile(path)
      }
      return { cancelled: false, receipt: parseReceipt(content) }
    },
    'hwid:candidates': async () => desk.computerIds()
  }

  const handlers = {} as Record<Channel, Handler<Channel>>
  for (const channel of CHANNELS) {
    const schema = inputSchemas[channel]
    const run = impl[channel] as (req: unknown, ctx: HandlerContext) => Promise<unknown>
    handlers[channel] = async (input, ctx) => {
      let parsed: { success: true; data: unknown } | { success: false; error: Parameters<typeof describeIssues>[0] }
      try {
        parsed = schema.safeParse(input) as typeof parsed
      } catch {
        // e.g. a getter or proxy that throws while being inspected
        return { ok: false, error: errorInfo('invalid_input', 'Invalid request.', 'fix_input') }
      }
      if (!parsed.success) {
        return { ok: false, error: errorInfo('invalid_input', describeIssues(parsed.error), 'fix_input') }
      }
      try {
        const value = await run(parsed.data, ctx)
        return { ok: true, value } as Result<never>
      } catch (e) {
        return { ok: false, error: e instanceof HandlerError ? e.info : toErrorInfoSafe(e) }
      }
    }
  }
  return handlers as Handlers
}
