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
import type { UserLicenseChoice } from '@shared/contract'
import { LicenseSpringClient, type LsIdentity, type LsLicense, type RequestAuth, type SsoCode } from './client'
import { signInWithBrowser } from './sso'
import { OAuthTokens } from './oauth'
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
      // The check carries the license_id of a license picked among several (the client never sends the password).
      const r = await this.client().check(lic.hardwareId, identity, opts)
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

  /** The OAuth token of this product's client: in this process's memory only, for as long as it lives. */
  private tokens: OAuthTokens | undefined

  get config() {
    return this.product.licensespring
  }

  /** How requests are authorized (profile `authentication`). */
  private auth(): RequestAuth {
    const c = this.config
    if (c.authentication === 'oauth') {
      const { env } = this
      this.tokens ??= new OAuthTokens(
        { tokenUrl: c.tokenUrl as string, clientId: c.clientId as string, clientSecret: c.clientSecret as string },
        { fetch: env.fetch, now: env.now, timeoutMs: env.timeoutMs, retryBaseMs: env.retryBaseMs }
      )
      return { kind: 'oauth', tokens: this.tokens }
    }
    return { kind: 'api-key', apiKey: c.apiKey as string, sharedKey: c.sharedKey as string }
  }

  /**
   * Who signs offline files and checks .lic files: the API key and shared key, or with OAuth the client id
   * (written as client_id) and the client secret.
   */
  offlineCredentials(): { id: string; key: string; field: 'api_key' | 'client_id' } {
    const c = this.config
    return c.authentication === 'oauth'
      ? { id: c.clientId as string, key: c.clientSecret as string, field: 'client_id' }
      : { id: c.apiKey as string, key: c.sharedKey as string, field: 'api_key' }
  }

  get serverUrl(): string {
    return this.config.apiBaseUrl
  }

  client(): LicenseSpringClient {
    const { env } = this
    const c = this.config
    return new LicenseSpringClient(
      { apiBaseUrl: c.apiBaseUrl, productCode: c.productCode, publicKeyPem: c.publicKeyPem, requireSignatureV2: c.requireSignatureV2, auth: this.auth() },
      { fetch: env.fetch, now: env.now, timeoutMs: env.timeoutMs, clock: env.clock(), retryBaseMs: env.retryBaseMs }
    )
  }

  capabilities(lic?: StoredLicense): Capabilities {
    return {
      authorization: this.config.authorization,
      // An SSO user signs in in the browser, which an offline computer cannot do.
      offlineActivation: this.config.authorization === 'sso' ? null : 'request-file',
      offlineDeactivation: 'request-file',
      // A floating license is returned online (release); the server refuses offline files for it.
      canDeactivateOffline: !lic?.floating && (!lic?.licenseType || OFFLINE_CAPABLE_TYPES.has(lic.licenseType) || lic.licenseType === 'trial'),
      ...(this.config.portalUrl ? { portalUrl: this.config.portalUrl } : {})
    }
  }

  normalizeIdentity<T extends Identity | { licenseKey: string } | { username: string }>(typed: T): T {
    return cleanIdentity(typed)
  }

  /** The identity a stored license was activated with (secrets unsealed). */
  identityOf(lic: Pick<StoredLicense, 'licenseKey' | 'username' | 'password' | 'licenseId'>): StoredIdentity {
    const id = lic.licenseId !== undefined ? { licenseId: lic.licenseId } : {}
    if (lic.licenseKey) return { licenseKey: this.env.open(lic.licenseKey, 'license key'), ...id }
    if (lic.username) return { username: lic.username, ...(lic.password ? { password: this.env.open(lic.password, 'password') } : {}), ...id }
    fail('state_corrupt', 'The stored license has neither a key nor a user.')
  }

  async activateOnline(hw: { id: string; source: string }, identity: Identity, opts: OperationOptions): Promise<Activation> {
    const p = this.product
    const auth = this.config.authorization
    if (auth === 'user' && !('username' in identity)) fail('invalid_input', `${p.name} is activated with your account: give your username and password.`)
    if (auth === 'license-key' && !('licenseKey' in identity)) fail('invalid_input', `${p.name} is activated with a license key.`)
    if (auth === 'sso' && !('sso' in identity)) fail('invalid_input', `${p.name} is activated by signing in with your company account.`)
    const sent: LsIdentity = 'sso' in identity ? { sso: await this.signIn(opts), ...pickId(identity) } : identity
    const r = await this.client().activate(hw.id, sent, opts, this.env.osInfo())
    // An SSO user is known by the e-mail the server answers with (PROTOCOLS.md 1.4).
    const ssoUser = 'sso' in identity ? String(r.license.user?.email ?? r.license.username ?? '') : undefined
    if (ssoUser === '') fail('bad_response', 'The license server did not say which user signed in.')
    const license: StoredLicense = {
      // An SSO user is recorded by the e-mail the server answered with; releasing signs in again.
      ...('sso' in identity ? { ...this.licenseForSeat({ identity: { username: ssoUser as string }, hardware: hw }), sso: true } : this.licenseForSeat({ identity, hardware: hw })),
      licenseType: r.license.is_trial ? 'trial' : r.license.license_type,
      expiresAt: r.license.validity_period ?? null,
      ...(identity.licenseId !== undefined ? { licenseId: identity.licenseId } : {}),
      ...floatingOf(r.license),
      seats: seatsOf(r.license, new Date(this.env.now()).toISOString())
    }
    return { license, ...(r.clockOffsetMs !== undefined ? { clockOffsetMs: r.clockOffsetMs } : {}) }
  }

  /** One SSO sign-in in the system browser (RFC 8252 loopback redirect); the code for one License API call. */
  private async signIn(opts: OperationOptions): Promise<SsoCode> {
    const open = this.env.openSignIn
    if (!open) fail('offline_not_supported', `${this.product.name} is signed in to with your company account in a web browser, which is not available here.`)
    const account = this.config.customerAccountCode as string
    opts.onProgress?.({ step: 'contacting' })
    const r = await signInWithBrowser({
      signInUrl: (redirectUri) => this.client().ssoUrl(account, redirectUri, opts),
      open,
      pkce: this.config.ssoPkce,
      signal: opts.signal
    })
    return { code: r.code, customerAccountCode: account, redirectUri: r.redirectUri, ...(r.codeVerifier ? { codeVerifier: r.codeVerifier } : {}) }
  }

  async deactivateOnline(lic: StoredLicense, opts: OperationOptions, mode: { byKey?: boolean } = {}): Promise<Release> {
    // An SSO user signs in again: the code of that sign-in is the identity the release needs.
    const identity: LsIdentity = lic.sso ? { sso: await this.signIn(opts), ...pickId(lic) } : this.identityOf(lic)
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

  /** The account's licenses of this product (user_licenses), as the user picks one. */
  async userLicenses(identity: { username: string; password: string }, opts: OperationOptions = {}): Promise<UserLicenseChoice[]> {
    const list = await this.client().userLicenses(identity, opts)
    return list.map(({ license: l }) => ({
      licenseId: l.id,
      licenseType: l.license_type ?? 'unknown',
      isTrial: l.is_trial === true,
      expiresAt: l.validity_period ?? null,
      maxActivations: l.max_activations ?? 0,
      timesActivated: l.times_activated ?? 0,
      floating: l.is_floating_cloud === true,
      ...(typeof l.note === 'string' && l.note !== '' ? { note: l.note } : {})
    }))
  }

  /** Borrows the floating license until `until` (ISO) or the longest allowed (null); the server's answer to store. */
  async borrow(lic: StoredLicense, until: string | null, opts: OperationOptions): Promise<Pick<StoredLicense, 'floating' | 'borrowedUntil'>> {
    if (!lic.floating) fail('offline_not_supported', `${this.product.name} has no floating license, so there is nothing to borrow.`)
    if (!lic.floating.canBorrow) fail('offline_not_supported', `${this.product.name}'s floating license cannot be borrowed: the vendor does not allow it.`)
    const r = await this.client().borrow(lic.hardwareId, this.identityOf(lic), until, opts)
    if (typeof r.license.borrowed_until !== 'string') fail('bad_response', 'The license server confirmed the borrowing without saying until when.')
    return { ...floatingOf(r.license), borrowedUntil: r.license.borrowed_until }
  }

  /** Returns the floating license's seat early (borrowed or not) so a colleague can take it. */
  async release(lic: StoredLicense, opts: OperationOptions): Promise<void> {
    if (!lic.floating) fail('offline_not_supported', `${this.product.name} has no floating license to return.`)
    try {
      await this.client().release(lic.hardwareId, this.identityOf(lic), opts)
    } catch (e) {
      // This computer holds no seat any more (it ran out, or was returned before): that is what was asked.
      if (!(e instanceof LicenseDeskError && e.info.serverCode === 'device_not_found')) throw e
    }
  }

  /** A signed offline request (activation or deactivation) for this product, dated by the server's clock. */
  offlineRequest(kind: 'activation' | 'deactivation', hardwareId: string, identity: ({ licenseKey: string } | { username: string }) & { licenseId?: number }) {
    const cred = this.offlineCredentials()
    return buildOfflineRequest({
      kind,
      schemaVersion: this.config.offlineSchemaVersion,
      apiKey: cred.id,
      sharedKey: cred.key,
      idField: cred.field,
      product: this.config.productCode,
      hardwareId,
      identity,
      nowMs: this.env.serverNow(),
      extra: { ...(identity.licenseId !== undefined ? { license_id: identity.licenseId } : {}), ...this.env.osInfo() }
    })
  }

  offlineDeactivation(lic: StoredLicense): OfflineDeactivationArtifact {
    if (lic.licenseType && lic.licenseType !== 'trial' && !OFFLINE_CAPABLE_TYPES.has(lic.licenseType))
      fail('offline_not_supported', `${this.product.name} has a ${lic.licenseType} license, which can only be deactivated online.`)
    const identity = this.identityOf(lic)
    const id = identity.licenseId !== undefined ? { licenseId: identity.licenseId } : {}
    const req = this.offlineRequest('deactivation', lic.hardwareId, 'licenseKey' in identity ? { licenseKey: identity.licenseKey, ...id } : { username: identity.username, ...id })
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

/** What a license object says about floating (nothing for a license that is not floating). */
function floatingOf(l: LsLicense): Pick<StoredLicense, 'floating'> {
  if (l.is_floating_cloud !== true) return {}
  return { floating: { users: l.floating_users ?? 1, canBorrow: l.can_borrow === true, maxBorrowHours: l.max_borrow_time ?? 0 } }
}

/** A stored license's identity: a key or a user (an SSO user releases after signing in again). */
type StoredIdentity = ({ licenseKey: string } | { username: string; password?: string }) & { licenseId?: number }

function pickId(x: { licenseId?: number }): { licenseId?: number } {
  return x.licenseId !== undefined ? { licenseId: x.licenseId } : {}
}
