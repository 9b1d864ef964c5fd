// The provider registry: which implementation of the port serves a product of the vendor profile. This is
// the one place that maps a provider name to its code; the use cases only see ProviderPort.
import type { HistoryRecord } from '@shared/contract'
import { fail } from '../errors'
import type { ProfileProduct } from '../profile'
import type { StoredRecord } from '../state'
import { LicenseSpringProvider } from './licensespring/provider'
import type { ProviderEnv, ProviderPort } from './port'
import { QlmProvider } from './qlm/provider'
import { presentDvcRecord } from './qlm/records'

export type AnyProvider = LicenseSpringProvider | QlmProvider

const IMPLEMENTATIONS: { [K in ProfileProduct['provider']]: (p: Extract<ProfileProduct, { provider: K }>, env: ProviderEnv) => AnyProvider } = {
  licensespring: (p, env) => new LicenseSpringProvider(p, env),
  qlm: (p, env) => new QlmProvider(p, env)
}

export function createProvider(product: ProfileProduct, env: ProviderEnv): AnyProvider {
  return (IMPLEMENTATIONS[product.provider] as (p: ProfileProduct, env: ProviderEnv) => AnyProvider)(product, env)
}

/** The product as a LicenseSpring product, for LicenseSpring's own flows (offline request, .lic import). */
export function asLicenseSpring(provider: AnyProvider): LicenseSpringProvider {
  if (!(provider instanceof LicenseSpringProvider)) fail('offline_not_supported', `${provider.productName} is a QLM product: this needs a LicenseSpring product.`)
  return provider
}

/** The product as a QLM product, for QLM's own flow (web activation). */
export function asQlm(provider: AnyProvider): QlmProvider {
  if (!(provider instanceof QlmProvider)) fail('offline_not_supported', `${provider.productName} is not a QLM product.`)
  return provider
}

/**
 * A stored record as the user sees it: by its product's provider, or, when the product has left the
 * profile (or moved to another provider), as its kind alone allows.
 */
export function presentRecord(rec: StoredRecord, provider: ProviderPort | undefined, env: ProviderEnv): HistoryRecord {
  if (provider && provider.recordKind === rec.kind) return provider.presentRecord(rec)
  if (rec.kind === 'qlm-dvc') return presentDvcRecord(rec, env, undefined)
  return rec
}

export type { Capabilities, OfflineDeactivationArtifact, ProviderEnv, ProviderPort } from './port'
export { LicenseSpringProvider, QlmProvider }
