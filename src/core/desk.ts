// The use cases, one method each, called alike by the Electron main process and the CLI.
// Local state changes only after the server (or the offline artifact) confirms.
import { hostname, platform, release, arch } from 'node:os'
import { randomUUID } from 'node:crypto'
import type { HistoryRecord, ProductSummary, StatusSnapshot } from '@shared/contract'
import { LicenseDeskError, fail, toErrorInfo } from './errors'
import { writeFileAtomic } from './files'
import { LicenseSpringClient, type ClockState, type LsIdentity } from './licensespring/client'
import { buildOfflineRequest, verifyLic } from './licensespring/offline'
import type { LsProduct, ProfileProduct, QlmProduct } from './profile'
import { QlmClient } from './qlm/client'
import { computeDvc } from './qlm/dvc'
import { StateStore, type State, type StoredLicense, type StoredSecret } from './state'
import type { Desk, DeskDeps, Identity, OperationOptions } from './types'

export const OFFLINE_CAPABLE_TYPES = new Set(['perpetual', 'consumption'])

/** DEMO-STUD-IO00-0001 -> DEMO-••••-••••-0001: enough to recognise a key, not enough to use it. */
export function keyHint(key: string): string {
  const parts = key.split('-')
  if (parts.length >= 3) return parts.map((p, i) => (i === 0 || i === parts.length - 1 ? p : '•'.repeat(p.length))).join('-')
  return key.length <= 6 ? '•'.repeat(key.length) : `${key.slice(0, 3)}${'•'.repeat(key.length - 6)}${key.slice(-3)}`
}

export function qlmSelfHelpUrl(base: string, activationKey: string, computerId: string, code: string): string {
  const u = new URL(base)
  u.searchParams.set('is_avkey', activationKey)
  u.searchParams.set('is_pcid', computerId)
  u.searchParams.set('is_deactcode', code)
  return u.toString()
}

export function createDesk(deps: DeskDeps): Desk {
  const now = deps.now ?? Date.now
  const store = new StateStore(deps.statePath, deps.openBackend)
  const { profile } = deps

  // The server clock offset, persisted for diagnostics and later runs only when it moves by > 2 s.
  let persistedOffset: number | null = null
  const clock: ClockState = {
    offsetMs: null,
    onLearn(offsetMs) {
      if (persistedOffset !== null && Math.abs(persistedOffset - offsetMs) <= 2000) return
      persistedOffset = offsetMs
      store.update((s) => {
        s.clock = { offsetMs, learnedAt: new Date(now()).toISOString() }
      })
    }
  }
  let clockLoaded = false
  const loadClock = () => {
    if (!clockLoaded) {
      clock.offsetMs = persistedOffset = store.read().clock?.offsetMs ?? null
      clockLoaded = true
    }
  }

  function product(productId: string): ProfileProduct {
    const p = profile.products.find((x) => x.id === productId)
    if (!p)
      fail('product_unknown', `There is no product "${productId}" in the vendor profile. Known products: ${profile.products.map((x) => x.id).join(', ')}.`)
    return p
  }
  const lsProduct = (id: string): LsProduct => {
    const p = product(id)
    if (p.provider !== 'licensespring') fail('offline_not_supported', `${p.name} is a QLM product: this needs a LicenseSpring product.`)
    return p
  }
  const lsClient = (p: LsProduct) => {
    loadClock()
    return new LicenseSpringClient(p.licensespring, { fetch: deps.fetch, now, timeoutMs: deps.timeoutMs, clock, retryBaseMs: deps.retryBaseMs })
  }
  const qlmClient = (p: QlmProduct) => new QlmClient(p.qlm, { fetch: deps.fetch, timeoutMs: deps.timeoutMs, retryBaseMs: deps.retryBaseMs })

  const seal = (plain: string): StoredSecret => ({ scheme: deps.secrets.scheme, data: deps.secrets.encrypt(plain) })
  const open = (s: StoredSecret | undefined, what: string): string => {
    if (!s) fail('state_corrupt', `The stored license has no ${what}.`)
    return deps.secrets.decrypt(s.data, s.scheme)
  }

  function summary(p: ProfileProduct, s: State): ProductSummary {
    const lic = s.licenses[p.id]
    const pend = s.pending[p.id]
    const lastId = s.offlineDeactivated[p.id]
    const lastStored = [...s.history].reverse().find((h) => h.productId === p.id)
    const last = lastStored ? hydrate(lastStored) : undefined
    const state = lic ? 'active' : pend ? 'offline-activation-pending' : lastId ? 'offline-deactivated' : 'inactive'
    const isLs = p.provider === 'licensespring'
    return {
      id: p.id,
      name: p.name,
      provider: p.provider,
      authorization: isLs ? p.licensespring.authorization : 'qlm-key',
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
              activatedOffline: lic.activatedOffline
            }
          }
        : {}),
      canActivateOffline: isLs ? true : Boolean(p.qlm.webActivationUrl),
      canDeactivateOffline: isLs ? !lic?.licenseType || OFFLINE_CAPABLE_TYPES.has(lic.licenseType) || lic.licenseType === 'trial' : true,
      ...(isLs && p.licensespring.portalUrl ? { portalUrl: p.licensespring.portalUrl } : {}),
      ...(last ? { lastOffline: last } : {})
    }
  }

  function active(s: State, p: ProfileProduct): StoredLicense {
    const lic = s.licenses[p.id]
    if (!lic) fail('not_active', `${p.name} is not activated on this computer, so there is nothing to deactivate.`)
    return lic
  }

  function notActive(s: State, p: ProfileProduct): void {
    if (s.licenses[p.id])
      fail('already_active', `${p.name} is already activated on this computer. Deactivate it first to use another license.`)
  }

  /** Runs a use case; records the error code (never its text) for diagnostics, then rethrows. */
  async function tracked<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (e) {
      const info = toErrorInfo(e)
      // Bad input (a typo in a product id or an empty key) changes nothing, not even this record.
      if (!['cancelled', 'state_locked', 'state_corrupt', 'invalid_input', 'product_unknown'].includes(info.code)) {
        try {
          store.update((s) => {
            s.errors = [...s.errors, { code: info.code, ...(info.serverCode ? { serverCode: info.serverCode } : {}), at: new Date(now()).toISOString() }].slice(-20)
          })
        } catch {
          /* recording is best effort */
        }
      }
      throw e
    }
  }

  async function withProduct<T>(productId: string, fn: (p: ProfileProduct) => Promise<T>): Promise<T> {
    const p = product(productId)
    const release = store.lockProduct(p.id)
    try {
      return await fn(p)
    } finally {
      release()
    }
  }

  function identityOf(lic: StoredLicense): LsIdentity {
    if (lic.licenseKey) return { licenseKey: open(lic.licenseKey, 'license key') }
    if (lic.username) return { username: lic.username, ...(lic.password ? { password: open(lic.password, 'password') } : {}) }
    fail('state_corrupt', 'The stored license has neither a key nor a user.')
  }

  /** A key or user name as typed: surrounding spaces dropped (a pasted key often has some); empty refused. */
  function cleanIdentity<T extends { licenseKey: string } | { username: string; password?: string }>(identity: T): T {
    if ('licenseKey' in identity) {
      const licenseKey = typeof identity.licenseKey === 'string' ? identity.licenseKey.trim() : ''
      if (!licenseKey) fail('invalid_input', 'The license key is empty: type or paste the key.')
      return { ...identity, licenseKey }
    }
    const username = typeof identity.username === 'string' ? identity.username.trim() : ''
    if (!username) fail('invalid_input', 'The user name is empty: type your user name.')
    if ('password' in identity && !identity.password) fail('invalid_input', 'The password is empty: type your password.')
    return { ...identity, username }
  }

  /**
   * QLM activation keys are upper-case letters and digits; a key typed in lower case is the same key.
   * Store it as the server issued it, so the deactivation code (an MD5 over the key) matches the server's.
   */
  const qlmKey = (key: string) => key.toUpperCase()

  const osInfo = () => ({ os_ver: `${platform()} ${release()}`, hostname: hostname(), app_ver: deps.appVersion ?? '0.0.0' })

  const desk: Desk = {
    async status(): Promise<StatusSnapshot> {
      const s = store.read()
      let hardware: StatusSnapshot['hardware'] = null
      let hardwareError
      try {
        hardware = await deps.hardwareId.get()
      } catch (e) {
        hardwareError = toErrorInfo(e)
      }
      return {
        products: profile.products.map((p) => summary(p, s)),
        hardware,
        ...(hardwareError ? { hardwareError } : {}),
        clockOffsetMs: s.clock?.offsetMs ?? null,
        ...(store.report.corruptMovedTo ? { stateMovedTo: store.report.corruptMovedTo } : {})
      }
    },

    activateOnline: (productId, typed, opts = {}) =>
      tracked(() =>
        withProduct(productId, async (p) => {
          const identity = cleanIdentity(typed)
          notActive(store.read(), p)
          opts.onProgress?.({ step: 'preparing' })
          const hw = await deps.hardwareId.get()
          if (p.provider === 'licensespring') {
            if (p.licensespring.authorization === 'user' && !('username' in identity))
              fail('invalid_input', `${p.name} is activated with your account: give your username and password.`)
            if (p.licensespring.authorization === 'license-key' && !('licenseKey' in identity))
              fail('invalid_input', `${p.name} is activated with a license key.`)
            const r = await lsClient(p).activate(hw.id, identity, opts, osInfo())
            opts.onProgress?.({ step: 'saving' })
            store.update((s) => {
              s.licenses[p.id] = {
                provider: 'licensespring',
                activatedAt: new Date(now()).toISOString(),
                activatedOffline: false,
                hardwareId: hw.id,
                hardwareIdSource: hw.source,
                ...('licenseKey' in identity
                  ? { licenseKey: seal(identity.licenseKey), keyHint: keyHint(identity.licenseKey) }
                  : { username: identity.username, password: seal(identity.password) }),
                licenseType: r.license.is_trial ? 'trial' : r.license.license_type,
                expiresAt: r.license.validity_period ?? null
              }
              delete s.pending[p.id]
              delete s.offlineDeactivated[p.id]
            })
            opts.onProgress?.({ step: 'done' })
            return { product: summary(p, store.read()), ...(r.clockOffsetMs !== undefined ? { clockOffsetMs: r.clockOffsetMs } : {}) }
          }
          if (!('licenseKey' in identity)) fail('invalid_input', `${p.name} is activated with an activation key.`)
          const avkey = qlmKey(identity.licenseKey)
          const { computerKey } = await qlmClient(p).activate(avkey, hw.id, hostname(), opts)
          storeQlm(p, avkey, hw.id, computerKey, false, hw.source)
          opts.onProgress?.({ step: 'done' })
          return { product: summary(p, store.read()) }
        })
      ),

    createOfflineActivationRequest: (productId, typed, outPath) =>
      tracked(() =>
        withProduct(productId, async () => {
          const p = lsProduct(productId)
          const identity = cleanIdentity(typed)
          notActive(store.read(), p)
          const hw = await deps.hardwareId.get()
          const req = buildOfflineRequest({
            kind: 'activation',
            schemaVersion: p.licensespring.offlineSchemaVersion,
            apiKey: p.licensespring.apiKey,
            sharedKey: p.licensespring.sharedKey,
            product: p.licensespring.productCode,
            hardwareId: hw.id,
            identity,
            nowMs: now() + (store.read().clock?.offsetMs ?? 0),
            extra: osInfo()
          })
          const { sha256 } = await (deps.writeFile ?? writeFileAtomic)(outPath, req.content)
          store.update((s) => {
            s.pending[p.id] = {
              requestId: req.requestId,
              createdAt: new Date(now()).toISOString(),
              filePath: outPath,
              hardwareId: hw.id,
              ...('licenseKey' in identity
                ? { licenseKey: seal(identity.licenseKey), keyHint: keyHint(identity.licenseKey) }
                : { username: identity.username })
            }
          })
          return { filePath: outPath, sha256, requestId: req.requestId, ...(p.licensespring.portalUrl ? { portalUrl: p.licensespring.portalUrl } : {}) }
        })
      ),

    importOfflineActivation: (productId, licContent) =>
      tracked(() =>
        withProduct(productId, async () => {
          const p = lsProduct(productId)
          const s0 = store.read()
          notActive(s0, p)
          const pend = s0.pending[p.id]
          const lic = verifyLic(licContent, {
            publicKeyPem: p.licensespring.publicKeyPem,
            requireSignatureV2: p.licensespring.requireSignatureV2,
            sharedKey: p.licensespring.sharedKey,
            apiKey: p.licensespring.apiKey,
            hardwareId: pend?.hardwareId ?? (await deps.hardwareId.get()).id,
            product: p.licensespring.productCode,
            requestId: pend?.requestId,
            identity: pend ? (pend.licenseKey ? open(pend.licenseKey, 'license key') : pend.username) : undefined
          })
          store.update((s) => {
            s.licenses[p.id] = {
              provider: 'licensespring',
              activatedAt: new Date(now()).toISOString(),
              activatedOffline: true,
              hardwareId: pend!.hardwareId,
              ...(pend!.licenseKey ? { licenseKey: pend!.licenseKey, keyHint: pend!.keyHint } : { username: pend!.username }),
              licenseType: lic.is_trial ? 'trial' : lic.license_type,
              expiresAt: lic.validity_period ?? null
            }
            delete s.pending[p.id]
            delete s.offlineDeactivated[p.id]
          })
          return { product: summary(p, store.read()) }
        })
      ),

    qlmActivationUrl: (productId, activationKey) =>
      tracked(async () => {
        const p = product(productId)
        if (p.provider !== 'qlm') fail('offline_not_supported', `${p.name} is not a QLM product.`)
        if (!p.qlm.webActivationUrl) fail('offline_not_supported', `The vendor has not set up web activation for ${p.name}.`)
        const licenseKey = qlmKey(cleanIdentity({ licenseKey: activationKey }).licenseKey)
        const hw = await deps.hardwareId.get()
        const u = new URL(p.qlm.webActivationUrl)
        u.searchParams.set('is_avkey', licenseKey)
        u.searchParams.set('is_pcid', hw.id)
        return { computerId: hw.id, url: u.toString() }
      }),

    activateQlmWithComputerKey: (productId, activationKey, computerKey) =>
      tracked(() =>
        withProduct(productId, async (p) => {
          if (p.provider !== 'qlm') fail('offline_not_supported', `${p.name} is not a QLM product.`)
          notActive(store.read(), p)
          const { licenseKey: activationKeyClean } = cleanIdentity({ licenseKey: activationKey })
          const key = computerKey.trim()
          if (!/^[A-Za-z0-9-]{4,128}$/.test(key)) fail('invalid_input', 'That computer key does not look right: copy it exactly as the activation page shows it.')
          const hw = await deps.hardwareId.get()
          storeQlm(p, qlmKey(activationKeyClean), hw.id, key, true, hw.source)
          return { product: summary(p, store.read()) }
        })
      ),

    deactivateOnline: (productId, opts = {}) =>
      tracked(() =>
        withProduct(productId, async (p) => {
          opts.onProgress?.({ step: 'preparing' })
          const lic = active(store.read(), p)
          let alreadyReleased = false
          let clockOffsetMs: number | undefined
          if (p.provider === 'licensespring') {
            const identity = identityOf(lic)
            // The server releases a user's seat online only with the password, which an offline
            // activation never had: say so instead of sending a request it must refuse.
            if ('username' in identity && !identity.password)
              fail('offline_not_supported', `${p.name} was activated offline with your account, so License Desk has no password to release it online. Deactivate it offline.`, {
                nextStep: 'go_offline'
              })
            try {
              const r = await lsClient(p).deactivate(lic.hardwareId, identity, opts)
              alreadyReleased = r.alreadyReleased
              clockOffsetMs = r.clockOffsetMs
            } catch (e) {
              // The server holds no seat for the id this computer activated with: it was released
              // already (from the vendor's portal, by support, or by an answer we never received).
              if (!(e instanceof LicenseDeskError && e.info.serverCode === 'device_not_found')) throw e
              alreadyReleased = true
            }
          } else {
            const key = open(lic.licenseKey, 'activation key')
            const code = p.qlm.requireDeactivationCode
              ? computeDvc({ activationKey: key, computerId: lic.hardwareId, cek: p.qlm.communicationEncryptionKey, nowMs: now(), options: p.qlm.dvc }).code
              : undefined
            await qlmClient(p).release(key, lic.hardwareId, code, opts)
          }
          opts.onProgress?.({ step: 'saving' })
          const after = store.update((s) => {
            delete s.licenses[p.id]
            delete s.offlineDeactivated[p.id]
            return summary(p, s)
          })
          opts.onProgress?.({ step: 'done' })
          return { product: after, alreadyReleased, ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}) }
        })
      ),

    deactivateOffline: (productId, outPath, opts = {}) =>
      tracked(() =>
        withProduct(productId, async (p) => {
          opts.onProgress?.({ step: 'preparing' })
          const lic = active(store.read(), p)
          const at = new Date(now()).toISOString()
          let record: HistoryRecord
          if (p.provider === 'licensespring') {
            if (lic.licenseType && lic.licenseType !== 'trial' && !OFFLINE_CAPABLE_TYPES.has(lic.licenseType))
              fail('offline_not_supported', `${p.name} has a ${lic.licenseType} license, which can only be deactivated online.`)
            if (!outPath) fail('invalid_input', 'Choose where to save the deactivation request file.')
            const identity = identityOf(lic)
            const req = buildOfflineRequest({
              kind: 'deactivation',
              schemaVersion: p.licensespring.offlineSchemaVersion,
              apiKey: p.licensespring.apiKey,
              sharedKey: p.licensespring.sharedKey,
              product: p.licensespring.productCode,
              hardwareId: lic.hardwareId,
              identity: 'licenseKey' in identity ? { licenseKey: identity.licenseKey } : { username: identity.username },
              nowMs: now() + (store.read().clock?.offsetMs ?? 0),
              extra: osInfo()
            })
            opts.onProgress?.({ step: 'saving' })
            // The file IS the deactivation: state changes only once it is safely on disk.
            const { sha256 } = await (deps.writeFile ?? writeFileAtomic)(outPath, req.content)
            record = {
              id: randomUUID(),
              kind: 'licensespring-file',
              productId: p.id,
              productName: p.name,
              at,
              filePath: outPath,
              sha256,
              requestId: req.requestId,
              ...(p.licensespring.portalUrl ? { portalUrl: p.licensespring.portalUrl } : {})
            }
          } else {
            const key = open(lic.licenseKey, 'activation key')
            const { code, validFor } = computeDvc({
              activationKey: key,
              computerId: lic.hardwareId,
              cek: p.qlm.communicationEncryptionKey,
              nowMs: now(),
              options: p.qlm.dvc
            })
            // Stored with the key sealed; the self-help URL and e-mail (which carry the key) are built on read.
            record = {
              id: randomUUID(),
              kind: 'qlm-dvc',
              productId: p.id,
              productName: p.name,
              at,
              code,
              validFor,
              computerId: lic.hardwareId,
              activationKey: lic.licenseKey
            } as HistoryRecord
          }
          store.update((s) => {
            delete s.licenses[p.id]
            s.history.push(record)
            s.offlineDeactivated[p.id] = record.id
          })
          opts.onProgress?.({ step: 'done' })
          return hydrate(record)
        })
      ),

    offlineFileName(productId, kind) {
      const p = lsProduct(productId)
      return kind === 'activation' ? p.licensespring.offlineActivationFileName : p.licensespring.offlineRequestFileName
    },

    stateMovedTo: () => store.report.corruptMovedTo,

    async history() {
      return [...store.read().history].reverse().map(hydrate)
    },

    async diagnostics(extra = {}) {
      const s = store.read()
      let hw: { id?: string; source?: string; error?: string }
      try {
        const h = await deps.hardwareId.get()
        hw = { id: h.id, source: h.source }
      } catch (e) {
        hw = { error: toErrorInfo(e).code }
      }
      const products = profile.products.map((p) => {
        const lic = s.licenses[p.id]
        return {
          id: p.id,
          provider: p.provider,
          state: summary(p, s).state,
          ...(lic
            ? {
                activatedAt: lic.activatedAt,
                activatedOffline: lic.activatedOffline,
                storedHardwareId: lic.hardwareId,
                hardwareIdDrift: hw.id !== undefined && hw.id !== lic.hardwareId,
                licenseType: lic.licenseType
              }
            : {})
        }
      })
      const bundle = {
        generatedAt: new Date(now()).toISOString(),
        app: { name: profile.app.name, version: deps.appVersion ?? '0.0.0', ...extra },
        runtime: { node: process.versions.node, platform: platform(), release: release(), arch: arch() },
        hardwareId: hw,
        clock: s.clock,
        products,
        offlineDeactivations: s.history.length,
        recentErrors: s.errors,
        stateFile: { path: deps.statePath, ...(store.report.corruptMovedTo ? { corruptMovedTo: store.report.corruptMovedTo } : {}) }
      }
      return JSON.stringify(bundle, null, 2)
    }
  }

  function storeQlm(p: ProfileProduct, key: string, computerId: string, computerKey: string, offline: boolean, source?: string) {
    store.update((s) => {
      s.licenses[p.id] = {
        provider: 'qlm',
        activatedAt: new Date(now()).toISOString(),
        activatedOffline: offline,
        hardwareId: computerId,
        ...(source ? { hardwareIdSource: source } : {}),
        licenseKey: seal(key),
        keyHint: keyHint(key),
        computerKey: seal(computerKey)
      }
      delete s.offlineDeactivated[p.id]
    })
  }

  /** A stored history entry as the user sees it: QLM entries get the self-help URL and e-mail. */
  function hydrate(rec: HistoryRecord): HistoryRecord {
    const { activationKey, ...rest } = rec as HistoryRecord & { activationKey?: StoredSecret }
    if (rest.kind !== 'qlm-dvc') return rest
    const p = profile.products.find((x) => x.id === rest.productId)
    let key = ''
    try {
      key = activationKey ? open(activationKey, 'activation key') : ''
    } catch {
      key = ''
    }
    const selfHelpUrl = p?.provider === 'qlm' && p.qlm.selfHelpUrl && key ? qlmSelfHelpUrl(p.qlm.selfHelpUrl, key, rest.computerId, rest.code) : undefined
    return {
      ...rest,
      ...(selfHelpUrl ? { selfHelpUrl } : {}),
      ...(key ? { activationKey: key } : {}),
      supportMailto: supportMailto(rest.productName, key || '(see your order e-mail)', rest.computerId, rest.code, rest.validFor, selfHelpUrl)
    }
  }

  function supportMailto(productName: string, hint: string, computerId: string, code: string, validFor: string, selfHelpUrl?: string): string {
    const subject = `Deactivation code for ${productName}`
    const body = [
      `Please release my license of ${productName} from this computer.`,
      '',
      `Product: ${productName}`,
      `Activation key: ${hint}`,
      `Computer id: ${computerId}`,
      `Deactivation code: ${code}`,
      `Valid for: ${validFor}`,
      ...(selfHelpUrl ? ['', `Self-help release page: ${selfHelpUrl}`] : [])
    ].join('\n')
    return `mailto:${profile.app.supportEmail}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`
  }

  return desk
}

export { LicenseDeskError }
