// Soraco QLM behind the provider port: online activation (a computer key) and release over QLM HTTP, the
// deactivation verification code (DVC) as the offline proof. Web activation (a page that gives the
// computer key) is QLM's alone: ../../usecases/web-activation.ts, over this provider's extras.
import { hostname } from 'node:os'
import type { HistoryRecord } from '@shared/contract'
import { LicenseDeskError, fail } from '../../errors'
import type { QlmProduct } from '../../profile'
import type { StoredLicense, StoredRecord } from '../../state'
import type { Identity, OperationOptions } from '../../types'
import { type IdRecipe, recipeFromSetting } from '../../recipes'
import { ProductProvider } from '../base'
import { cleanIdentity, keyHint } from '../identity'
import type { Activation, Capabilities, CheckOutcome, OfflineDeactivationArtifact, ProviderPort, Release, SeatOwner } from '../port'
import { QlmClient } from './client'
import { computeDvc } from './dvc'
import { presentDvcRecord } from './records'

/** The computer-id recipes a QLM product can use (README "Computer ids"). */
export const QLM_RECIPES = ['machine-id', 'computer-name', 'command'] as const

export class QlmProvider extends ProductProvider<QlmProduct> implements ProviderPort {
  readonly recordKind = 'qlm-dvc' as const
  // QLM accepts 1-255 characters without spaces in a computer id.
  readonly idRecipe: IdRecipe = recipeFromSetting(this.product.qlm.computerId, false)
  protected readonly recipeNames = QLM_RECIPES

  licenseForSeat({ identity, hardware }: SeatOwner): StoredLicense {
    if (!('licenseKey' in identity)) fail('invalid_input', `${this.product.name} is released with its activation key: give --key.`)
    return this.licenseFor(identity.licenseKey, hardware.id, undefined, false, hardware.source)
  }

  async check(lic: StoredLicense, opts: OperationOptions): Promise<CheckOutcome> {
    const key = this.env.open(lic.licenseKey, 'activation key')
    const computerKey = lic.computerKey ? this.env.open(lic.computerKey, 'computer key') : undefined
    try {
      const { seats } = await this.client().validate(key, lic.hardwareId, computerKey, opts)
      return { verdict: 'ok', seats: { ...seats, at: new Date(this.env.now()).toISOString() } }
    } catch (e) {
      // An <error> answer: the server does not confirm this computer's seat. Its text is the vendor's, shown verbatim.
      if (!(e instanceof LicenseDeskError && e.code === 'server_refused')) throw e
      return { verdict: 'not_confirmed', ...(e.info.serverMessage ? { serverMessage: e.info.serverMessage } : {}) }
    }
  }

  get config() {
    return this.product.qlm
  }

  get serverUrl(): string {
    return this.config.serviceUrl
  }

  private client(): QlmClient {
    return new QlmClient(this.config, { fetch: this.env.fetch, timeoutMs: this.env.timeoutMs, retryBaseMs: this.env.retryBaseMs })
  }

  capabilities(): Capabilities {
    return {
      authorization: 'qlm-key',
      offlineActivation: this.config.webActivationUrl ? 'web-page' : null,
      offlineDeactivation: 'code',
      canDeactivateOffline: true
    }
  }

  /**
   * QLM activation keys are upper-case letters and digits; a key typed in lower case is the same key.
   * Keep it as the server issued it, so the deactivation code (an MD5 over the key) matches the server's.
   */
  normalizeIdentity<T extends Identity | { licenseKey: string } | { username: string }>(typed: T): T {
    const clean = cleanIdentity(typed)
    return 'licenseKey' in clean ? { ...clean, licenseKey: clean.licenseKey.toUpperCase() } : clean
  }

  /** The license to store for an activation key and the computer key the server (or the web page) issued. */
  licenseFor(key: string, computerId: string, computerKey: string | undefined, offline: boolean, source?: string): StoredLicense {
    return {
      provider: 'qlm',
      activatedAt: new Date(this.env.now()).toISOString(),
      activatedOffline: offline,
      hardwareId: computerId,
      ...(source ? { hardwareIdSource: source } : {}),
      licenseKey: this.env.seal(key),
      keyHint: keyHint(key),
      ...(computerKey ? { computerKey: this.env.seal(computerKey) } : {})
    }
  }

  async activateOnline(hw: { id: string; source: string }, identity: Identity, opts: OperationOptions): Promise<Activation> {
    if (!('licenseKey' in identity)) fail('invalid_input', `${this.product.name} is activated with an activation key.`)
    const { computerKey, seats } = await this.client().activate(identity.licenseKey, hw.id, hostname(), opts)
    const license = this.licenseFor(identity.licenseKey, hw.id, computerKey, false, hw.source)
    return { license: Object.keys(seats).length ? { ...license, seats: { ...seats, at: license.activatedAt } } : license }
  }

  private dvc(lic: StoredLicense) {
    return computeDvc({
      activationKey: this.env.open(lic.licenseKey, 'activation key'),
      computerId: lic.hardwareId,
      cek: this.config.communicationEncryptionKey,
      nowMs: this.env.now(),
      options: this.config.dvc
    })
  }

  async deactivateOnline(lic: StoredLicense, opts: OperationOptions): Promise<Release> {
    const key = this.env.open(lic.licenseKey, 'activation key')
    const code = this.config.requireDeactivationCode ? this.dvc(lic).code : undefined
    // Released already (an answer lost, or released elsewhere) when the server holds no seat for this computer.
    const { alreadyReleased } = await this.client().release(key, lic.hardwareId, code, opts)
    return { alreadyReleased }
  }

  offlineDeactivation(lic: StoredLicense): OfflineDeactivationArtifact {
    const { code, validFor } = this.dvc(lic)
    // Stored with the key sealed; the self-help URL and e-mail (which carry the key) are built on read.
    return { record: (common) => ({ ...common, kind: 'qlm-dvc', code, validFor, computerId: lic.hardwareId, ...(lic.licenseKey ? { activationKey: lic.licenseKey } : {}) }) }
  }

  presentRecord(rec: StoredRecord): HistoryRecord {
    return rec.kind === 'qlm-dvc' ? presentDvcRecord(rec, this.env, this.config.selfHelpUrl) : rec
  }

  /** The vendor's activation page for this key and computer (web activation; the profile names the page). */
  webActivationUrl(activationKey: string, computerId: string): string {
    const u = new URL(this.config.webActivationUrl ?? '')
    u.searchParams.set('is_avkey', activationKey)
    u.searchParams.set('is_pcid', computerId)
    return u.toString()
  }
}
