// The small context every use case runs over: the vendor profile, the state store and its per-product
// lock, the provider of each product, and the bookkeeping all use cases share (error records, summaries).
import { hostname, platform, release } from 'node:os'
import type { HardwareIdInfo, ProductSummary } from '@shared/contract'
import { LicenseDeskError, fail, toErrorInfo } from './errors'
import { removeFileDurable, writeFileAtomic } from './files'
import type { Profile } from './profile'
import { type AnyProvider, type ProviderEnv, createProvider, presentRecord } from './providers'
import type { ClockState } from './providers/port'
import { type State, type StoredLicense, type StoredRecord, StateStore } from './state'
import { randomUUID } from 'node:crypto'
import type { DeskDeps, FileWriter } from './types'

export interface DeskContext {
  readonly deps: DeskDeps
  readonly profile: Profile
  readonly store: StateStore
  readonly now: () => number
  readonly writeFile: FileWriter
  readonly env: ProviderEnv
  /** The provider serving a product of the profile; product_unknown when there is none. */
  provider(productId: string): AnyProvider
  /** Runs fn holding the product's state lock. */
  withProduct<T>(productId: string, fn: (provider: AnyProvider) => Promise<T>): Promise<T>
  /** Runs a use case; records the error code (never its text) for diagnostics, then rethrows. */
  tracked<T>(fn: () => Promise<T>): Promise<T>
  /**
   * The product as the user sees it. `last` (from lastRecords) when summarising many products of one state:
   * no pass over the history per product.
   */
  summary(provider: AnyProvider, s: State, last?: Map<string, StoredRecord>): ProductSummary
  /** The latest history record per product, in one pass over the history. */
  lastRecords(s: State): Map<string, StoredRecord>
  /** The product's stored license, or not_active. */
  active(s: State, provider: AnyProvider): StoredLicense
  /** already_active when the product has a license here. */
  notActive(s: State, provider: AnyProvider): void
  presentRecord(rec: StoredRecord): ReturnType<typeof presentRecord>
  /** This computer's id for a product, by the recipe its profile names. */
  computerId(provider: AnyProvider): Promise<HardwareIdInfo>
  /** Keeps a seat receipt for a license just stored (inside a state update). */
  keepReceipt(s: State, provider: AnyProvider, license: StoredLicense): void
  /**
   * The local save after the server acted (took or released a seat). When it fails, the error
   * (state_not_saved) says what happened on the server (`done`) and what the next run will do (`next`),
   * never "nothing was changed".
   */
  saveAfterServer<T>(fn: (s: State) => T, done: string, next: string): Promise<T>
  /**
   * Commits the state change that goes with a request file just written. If the commit fails, the file
   * is removed again (a valid deactivation request left behind would free the seat while this computer
   * keeps the license); if even that fails, the error says the file is there and must not be used.
   */
  commitOrRemove(filePath: string, what: string, fn: (s: State) => void): Promise<void>
}

/** The first sentence of an error's message: its cause, without the advice that followed it. */
function causeOf(e: unknown): string {
  const [first = ''] = toErrorInfo(e).message.split(/\. (?=[A-Z])/)
  return first.replace(/\.$/, '')
}

/** Seat receipts kept in the state file (the oldest go first). */
export const RECEIPTS_KEPT = 50

/** Codes that say the input was bad or nothing could start: they change nothing, not even the error record. */
const NOT_RECORDED = new Set(['cancelled', 'state_locked', 'state_corrupt', 'invalid_input', 'product_unknown'])

function lastRecordOf(s: State, productId: string): StoredRecord | undefined {
  for (let i = s.history.length - 1; i >= 0; i--) if (s.history[i]!.productId === productId) return s.history[i]
  return undefined
}

export function createContext(deps: DeskDeps): DeskContext {
  const now = deps.now ?? Date.now
  const store = new StateStore(deps.statePath, deps.openBackend)
  const { profile } = deps

  // The server clock offset, persisted for diagnostics and later runs only when it moves by > 2 s.
  let persistedOffset: number | null = null
  let clockLoaded = false
  const clock: ClockState = {
    offsetMs: null,
    onLearn(offsetMs) {
      if (persistedOffset !== null && Math.abs(persistedOffset - offsetMs) <= 2000) return
      persistedOffset = offsetMs
      // Kept for diagnostics and later runs: best effort, and never a reason to block or fail the request.
      store
        .updateAsync((s) => {
          s.clock = { offsetMs, learnedAt: new Date(now()).toISOString() }
        })
        .catch(() => undefined)
    }
  }

  const env: ProviderEnv = {
    fetch: deps.fetch,
    now,
    timeoutMs: deps.timeoutMs,
    retryBaseMs: deps.retryBaseMs,
    clock() {
      if (!clockLoaded) {
        clock.offsetMs = persistedOffset = store.read().clock?.offsetMs ?? null
        clockLoaded = true
      }
      return clock
    },
    serverNow: () => now() + (store.read().clock?.offsetMs ?? 0),
    seal: (plain) => ({ scheme: deps.secrets.scheme, data: deps.secrets.encrypt(plain) }),
    open(s, what) {
      if (!s) fail('state_corrupt', `The stored license has no ${what}.`)
      return deps.secrets.decrypt(s.data, s.scheme)
    },
    osInfo: () => ({ os_ver: `${platform()} ${release()}`, hostname: hostname(), app_ver: deps.appVersion ?? '0.0.0' }),
    supportEmail: profile.app.supportEmail,
    ...(deps.openSignIn ? { openSignIn: deps.openSignIn } : {})
  }

  // By id: hydrating one history record per product must not search the whole profile each time.
  const productsById = new Map(profile.products.map((p) => [p.id, p]))
  const providers = new Map<string, AnyProvider>()
  function find(productId: string): AnyProvider | undefined {
    let p = providers.get(productId)
    if (!p) {
      const product = productsById.get(productId)
      if (!product) return undefined
      p = createProvider(product, env)
      providers.set(productId, p)
    }
    return p
  }

  const ctx: DeskContext = {
    deps,
    profile,
    store,
    now,
    writeFile: deps.writeFile ?? writeFileAtomic,
    env,
    provider(productId) {
      const p = find(productId)
      if (!p) fail('product_unknown', `There is no product "${productId}" in the vendor profile. Known products: ${profile.products.map((x) => x.id).join(', ')}.`)
      return p
    },
    async withProduct(productId, fn) {
      const p = ctx.provider(productId)
      const unlock = store.lockProduct(p.productId)
      try {
        return await fn(p)
      } finally {
        unlock()
      }
    },
    async tracked(fn) {
      try {
        return await fn()
      } catch (e) {
        const info = toErrorInfo(e)
        // Bad input (a typo in a product id or an empty key) changes nothing, not even this record.
        if (!NOT_RECORDED.has(info.code)) {
          try {
            const cause = e instanceof LicenseDeskError ? e.causeSummary : undefined
            await store.updateAsync((s) => {
              s.errors = [
                ...s.errors,
                { code: info.code, ...(info.serverCode ? { serverCode: info.serverCode } : {}), ...(cause ? { cause } : {}), at: new Date(now()).toISOString() }
              ].slice(-20)
            })
          } catch {
            /* recording is best effort */
          }
        }
        throw e
      }
    },
    summary(provider, s, last) {
      const id = provider.productId
      const lic = s.licenses[id]
      const pend = s.pending[id]
      const lastId = s.offlineDeactivated[id]
      const lastStored = last ? last.get(id) : lastRecordOf(s, id)
      const lastOffline = lastStored ? ctx.presentRecord(lastStored) : undefined
      const state = lic ? 'active' : pend ? 'offline-activation-pending' : lastId ? 'offline-deactivated' : 'inactive'
      const caps = provider.capabilities(lic)
      return {
        id,
        name: provider.productName,
        provider: provider.product.provider,
        authorization: caps.authorization,
        state,
        ...(lic
          ? {
              license: {
                keyHint: lic.keyHint,
                username: lic.username,
                licenseType: lic.licenseType,
                expiresAt: lic.expiresAt ?? null,
                activatedAt: lic.activatedAt,
                hardwareId: lic.hardwareId,
                activatedOffline: lic.activatedOffline,
                ...(lic.hardwareIdSource ? { hardwareIdSource: lic.hardwareIdSource } : {}),
                ...(lic.seats ? { seats: lic.seats } : {}),
                ...(lic.lastCheck ? { lastCheck: lic.lastCheck } : {}),
                ...(lic.licenseId !== undefined ? { licenseId: lic.licenseId } : {}),
                ...(lic.floating ? { floating: { ...lic.floating, ...(lic.borrowedUntil ? { borrowedUntil: lic.borrowedUntil } : {}) } } : {})
              }
            }
          : {}),
        canActivateOffline: caps.offlineActivation !== null,
        canDeactivateOffline: caps.canDeactivateOffline,
        offlineActivation: caps.offlineActivation,
        offlineDeactivation: caps.offlineDeactivation,
        ...(caps.portalUrl ? { portalUrl: caps.portalUrl } : {}),
        ...(lastOffline ? { lastOffline } : {})
      }
    },
    lastRecords(s) {
      const last = new Map<string, StoredRecord>()
      for (const h of s.history) last.set(h.productId, h)
      return last
    },
    active(s, provider) {
      const lic = s.licenses[provider.productId]
      if (!lic) fail('not_active', `${provider.productName} is not activated on this computer, so there is nothing to deactivate.`)
      return lic
    },
    notActive(s, provider) {
      if (s.licenses[provider.productId]) fail('already_active', `${provider.productName} is already activated on this computer. Deactivate it first to use another license.`)
    },
    presentRecord: (rec) => presentRecord(rec, find(rec.productId), env),
    computerId: (provider) => deps.hardwareId.get(provider.idRecipe),
    keepReceipt(s, provider, lic) {
      s.receipts = [
        ...s.receipts,
        {
          id: randomUUID(),
          productId: provider.productId,
          productName: provider.productName,
          provider: lic.provider,
          ...(lic.keyHint ? { keyHint: lic.keyHint } : {}),
          ...(lic.username ? { username: lic.username } : {}),
          hardwareId: lic.hardwareId,
          ...(lic.hardwareIdSource ? { hardwareIdSource: lic.hardwareIdSource } : {}),
          hostname: env.osInfo().hostname ?? '',
          at: lic.activatedAt
        }
      ].slice(-RECEIPTS_KEPT)
    },
    async saveAfterServer(fn, done, next) {
      try {
        return await store.updateAsync(fn)
      } catch (e) {
        const why = causeOf(e)
        const first = /disk is full/.test(why) ? 'Free some disk space, then' : 'Once that is fixed,'
        throw new LicenseDeskError('state_not_saved', `${done}, but saving that on this computer failed: ${why}. ${first} ${next}`)
      }
    },
    async commitOrRemove(filePath, what, fn) {
      try {
        await store.updateAsync(fn)
      } catch (e) {
        if (await removeFileDurable(filePath)) throw e
        throw new LicenseDeskError(
          'file_write',
          `The ${what} file ${filePath} was written, but the license state could not be saved (${causeOf(e)}) and the file could not be removed again. Delete it and do not upload it: the license is unchanged on this computer.`,
          { nextStep: 'contact_support' }
        )
      }
    }
  }
  return ctx
}
