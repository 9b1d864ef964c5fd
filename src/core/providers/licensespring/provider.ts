// LicenseSpring behind the provider port: online activation and deactivation over License API v4, the
// signed offline request file as the deactivation proof. The offline activation flow (request file + .lic
// import) is LicenseSpring's alone: ../../usecases/offline-activation.ts, over this provider's extras.
import type { HistoryRecord } from '@shared/contract'
import { LicenseDeskError, fail } from '../../errors'
import type { LsProduct } from '../../profile'
import type { StoredLicense, StoredRecord } from '../../state'
import type { Identity, OperationOptions } from '../../types'
import { type IdRecipe, recipeFromSetting } from '../../recipes'
import { ProductProvider } from '../base'
import { cleanIdentity, keyHint } from '../identity'
import type { Activation, Capabilities, CheckOutcome, OfflineDeactivationArtifact, ProviderPort, Release, SeatOwner } from '../port'
import { LicenseSpringClient, type LsIdentity, type LsLicense } from './client'
import { buildOfflineRequest } from './offline'

/** The seat counts a license object carries (absent fields stay absent). */
function seatsOf(l: LsLicense, at: string): NonNullable<StoredLicense['seats']> {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
  const limit = num(l.max_transfers) ?? num(l.transfer_limit)
  return {
    ...(num(l.times_activated) !== undefined ? { inUse: num(l.times_activated) } : {}),
    ...(num(l.max_activations) !== undefined ? { max: num(l.max_activations) } : {}),
    ...(num(l.transfer_count) !== undefined ? { transfers: num(l.transfer_count) } : {}),
    ...(limit !== undefined ? { maxTransfers: limit } : {}),
    at
  }
}

/** Server codes that say the seat or license is no longer there, disabled or expired (check_license). */
const CHECK_VERDICTS: Record<string, CheckOutcome['verdict']> = {
  device_not_found: 'gone',
  license_not_found: 'gone',
  license_not_enabled: 'disabled',
  license_not_active: 'disabled',
  license_expired: 'expired',
  trial_expired: 'expired'
}

/** The hardware-id recipes a LicenseSpring product can use (README "Computer ids"). */
export const LICENSESPRING_RECIPES = ['node-machine-id', 'licensespring', 'command'] as const

/** License types a LicenseSpring offline deactivation file can release (a trial can too). */
export const OFFLINE_CAPABLE_TYPES = new Set(['perpetual', 'consumption'])

export class LicenseSpringProvider extends ProductProvider<LsProduct> implements ProviderPort {
  readonly recordKind = 'licensespring-file' as const
  readonly idRecipe: IdRecipe = recipeFromSetting(this.product.licensespring.hardwareId, true)
  protected readonly recipeNames = LICENSESPRING_RECIPES

  licenseForSeat({ identity, hardware }: SeatOwner): StoredLicense {
    return {
      provider: 'licensespring',
      activatedAt: new Date(this.env.now()).toISOString(),
      activatedOffline: false,
      hardwareId: hardware.id,
      hardwareIdSource: hardware.source,
      ...('licenseKey' in identity
        ? { licenseKey: this.env.seal(identity.licenseKey), keyHint: keyHint(identity.licenseKey) }
        : { username: identity.username, ...(identity.password ? { password: this.env.seal(identity.password) } : {}) })
    }
  }

  async check(lic: StoredLicense, opts: OperationOptions): Promise<CheckOutcome> {
    const identity = this.identityOf(lic)
    try {
      const r = await this.client().check(lic.hardwareId, 'licenseKey' in identity ? { licenseKey: identity.licenseKey } : { username: identity.username }, opts)
      const l = r.license
      const seats = seatsOf(l, new Date(this.env.now()).toISOString())
      const verdict = l.license_enabled === false || l.license_active === false ? 'disabled' : l.is_expired === true ? 'expired' : 'ok'
      return { verdict, seats }
    } catch (e) {
      const code = e instanceof LicenseDeskError ? e.info.serverCode : undefined
      const verdict = code ? CHECK_VERDICTS[code] : undefined
      if (!verdict) throw e
      return { verdict, ...((e as LicenseDeskError).info.serverMessage ? { serverMessage: (e as LicenseDeskError).info.serverMessage } : {}) }
    }
  }

  get config() {
    return this.product.licensespring
  }

  get serverUrl(): string {
    return this.config.apiBaseUrl
  }

  client(): LicenseSpringClient {
    const { env } = this
    return new LicenseSpringClient(this.config, { fetch: env.fetch, now: env.now, timeoutMs: env.timeoutMs, clock: env.clock(), retryBaseMs: env.retryBaseMs })
  }

  capabilities(lic?: StoredLicense): Capabilities {
    return {
      authorization: this.config.authorization,
      offlineActivation: 'request-file',
      offlineDeactivation: 'request-file',
      canDeactivateOffline: !lic?.licenseType || OFFLINE_CAPABLE_TYPES.has(lic.licenseType) || lic.licenseType === 'trial',
      ...(this.config.portalUrl ? { portalUrl: this.config.portalUrl } : {})
    }
  }

  normalizeIdentity<T extends Identity | { licenseKey: string } | { username: string }>(typed: T): T {
    return cleanIdentity(typed)
  }

  /** The identity a stored license was activated with (secrets unsealed). */
  identityOf(lic: Pick<StoredLicense, 'licenseKey' | 'username' | 'password'>): LsIdentity {
    if (lic.licenseKey) return { licenseKey: this.env.open(lic.licenseKey, 'license key') }
    if (lic.username) return { username: lic.username, ...(lic.password ? { password: this.env.open(lic.password, 'password') } : {}) }
    fail('state_corrupt', 'The stored license has neither a key nor a user.')
  }

  async activateOnline(hw: { id: string; source: string }, identity: Identity, opts: OperationOptions): Promise<Activation> {
    const p = this.product
    if (this.config.authorization === 'user' && !('username' in identity)) fail('invalid_input', `${p.name} is activated with your account: give your username and password.`)
    if (this.config.authorization === 'license-key' && !('licenseKey' in identity)) fail('invalid_input', `${p.name} is activated with a license key.`)
    const r = await this.client().activate(hw.id, identity, opts, this.env.osInfo())
    const license: StoredLicense = {
      ...this.licenseForSeat({ identity, hardware: hw }),
      licenseType: r.license.is_trial ? 'trial' : r.license.license_type,
      expiresAt: r.license.validity_period ?? null,
      seats: seatsOf(r.license, new Date(this.env.now()).toISOString())
    }
    return { license, ...(r.clockOffsetMs !== undefined ? { clockOffsetMs: r.clockOffsetMs } : {}) }
  }

  async deactivateOnline(lic: StoredLicense, opts: OperationOptions, mode: { byKey?: boolean } = {}): Promise<Release> {
    const identity = this.identityOf(lic)
    // The server releases a user's seat online only with the password, which an offline
    // activation never had: say so instead of sending a request it must refuse.
    if ('username' in identity && !identity.password)
      fail('offline_not_supported', `${this.product.name} was activated offline with your account, so License Desk has no password to release it online. Deactivate it offline.`, {
        nextStep: 'go_offline'
      })
    try {
      const r = await this.client().deactivate(lic.hardwareId, identity, opts)
      return { alreadyReleased: r.alreadyReleased, ...(r.clockOffsetMs !== undefined ? { clockOffsetMs: r.clockOffsetMs } : {}) }
    } catch (e) {
      // The server holds no seat for the id this computer activated with: it was released
      // already (from the vendor's portal, by support, or by an answer we never received).
      if (!(e instanceof LicenseDeskError && e.info.serverCode === 'device_not_found')) throw e
      // Released by key, License Desk never held this seat: the server holds none under the id sent.
      if (mode.byKey)
        fail('seat_not_found', `The license server holds no seat of ${this.product.name} for this key under the hardware id ${lic.hardwareId}.`, {
          serverCode: 'device_not_found',
          ...(e.info.serverMessage ? { serverMessage: e.info.serverMessage } : {}),
          ...(e.info.httpStatus ? { httpStatus: e.info.httpStatus } : {})
        })
      return { alreadyReleased: true }
    }
  }

  /** A signed offline request (activation or deactivation) for this product, dated by the server's clock. */
  offlineRequest(kind: 'activation' | 'deactivation', hardwareId: string, identity: { licenseKey: string } | { username: string }) {
    return buildOfflineRequest({
      kind,
      schemaVersion: this.config.offlineSchemaVersion,
      apiKey: this.config.apiKey,
      sharedKey: this.config.sharedKey,
      product: this.config.productCode,
      hardwareId,
      identity,
      nowMs: this.env.serverNow(),
      extra: this.env.osInfo()
    })
  }

  offlineDeactivation(lic: StoredLicense): OfflineDeactivationArtifact {
    if (lic.licenseType && lic.licenseType !== 'trial' && !OFFLINE_CAPABLE_TYPES.has(lic.licenseType))
      fail('offline_not_supported', `${this.product.name} has a ${lic.licenseType} license, which can only be deactivated online.`)
    const identity = this.identityOf(lic)
    const req = this.offlineRequest('deactivation', lic.hardwareId, 'licenseKey' in identity ? { licenseKey: identity.licenseKey } : { username: identity.username })
    const portalUrl = this.config.portalUrl
    return {
      file: req.content,
      record: (common, written) => {
        if (!written) fail('internal', 'The deactivation request file was not written.')
        return { ...common, kind: 'licensespring-file', filePath: written.filePath, sha256: written.sha256, requestId: req.requestId, ...(portalUrl ? { portalUrl } : {}) }
      }
    }
  }

  presentRecord(rec: StoredRecord): HistoryRecord {
    if (rec.kind === 'licensespring-file') return rec
    const { activationKey: _sealed, ...rest } = rec
    return rest
  }

  /** Default file names for the offline request files (from the profile). */
  offlineFileName(kind: 'activation' | 'deactivation'): string {
    return kind === 'activation' ? this.config.offlineActivationFileName : this.config.offlineRequestFileName
  }
}
