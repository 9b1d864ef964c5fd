// LicenseSpring's offline activation: a signed request file for the vendor's portal, then the .lic it
// answers with. Typed on the LicenseSpring provider: no other provider has this flow.
import type { ActivateResult } from '@shared/contract'
import type { DeskContext } from '../context'
import type { StoredLicense } from '../state'
import { asLicenseSpring } from '../providers'
import { verifyLic } from '../providers/licensespring/offline'
import { keyHint } from '../providers/identity'

export function createOfflineActivationRequest(
  ctx: DeskContext,
  productId: string,
  typed: ({ licenseKey: string } | { username: string }) & { licenseId?: number },
  outPath: string
): Promise<{ filePath: string; sha256: string; requestId: string; portalUrl?: string }> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      const ls = asLicenseSpring(provider)
      const identity = ls.normalizeIdentity(typed)
      ctx.notActive(ctx.store.read(), ls)
      // The key is sealed into the pending request: an unusable key file must fail before the file is written.
      ctx.deps.secrets.ready?.()
      const hw = await ctx.computerId(ls)
      const req = ls.offlineRequest('activation', hw.id, identity)
      const { sha256 } = await ctx.writeFile(outPath, req.content)
      await ctx.commitOrRemove(outPath, 'activation request', (s) => {
        s.pending[ls.productId] = {
          requestId: req.requestId,
          createdAt: new Date(ctx.now()).toISOString(),
          filePath: outPath,
          hardwareId: hw.id,
          hardwareIdSource: hw.source,
          ...('licenseKey' in identity ? { licenseKey: ctx.env.seal(identity.licenseKey), keyHint: keyHint(identity.licenseKey) } : { username: identity.username }),
          ...(identity.licenseId !== undefined ? { licenseId: identity.licenseId } : {})
        }
      })
      return { filePath: outPath, sha256, requestId: req.requestId, ...(ls.config.portalUrl ? { portalUrl: ls.config.portalUrl } : {}) }
    })
  )
}

/** Imports a .lic (text content); verifies signatures, hardware id, product and request_id. */
export function importOfflineActivation(ctx: DeskContext, productId: string, licContent: string): Promise<ActivateResult> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      const ls = asLicenseSpring(provider)
      const cfg = ls.config
      const s0 = ctx.store.read()
      ctx.notActive(s0, ls)
      const pend = s0.pending[ls.productId]
      const lic = verifyLic(licContent, {
        publicKeyPem: cfg.publicKeyPem,
        requireSignatureV2: cfg.requireSignatureV2,
        sharedKey: ls.offlineCredentials().key,
        apiKey: ls.offlineCredentials().id,
        hardwareId: pend?.hardwareId ?? (await ctx.computerId(ls)).id,
        product: cfg.productCode,
        requestId: pend?.requestId,
        identity: pend ? (pend.licenseKey ? ctx.env.open(pend.licenseKey, 'license key') : pend.username) : undefined
      })
      await ctx.store.updateAsync((s) => {
        const stored: StoredLicense = {
          provider: 'licensespring',
          activatedAt: new Date(ctx.now()).toISOString(),
          activatedOffline: true,
          hardwareId: pend!.hardwareId,
          ...(pend!.hardwareIdSource ? { hardwareIdSource: pend!.hardwareIdSource } : {}),
          ...(pend!.licenseKey ? { licenseKey: pend!.licenseKey, keyHint: pend!.keyHint } : { username: pend!.username }),
          licenseType: lic.is_trial ? 'trial' : lic.license_type,
          expiresAt: lic.validity_period ?? null,
          ...(pend!.licenseId !== undefined ? { licenseId: pend!.licenseId } : {})
        }
        s.licenses[ls.productId] = stored
        ctx.keepReceipt(s, ls, stored)
        delete s.pending[ls.productId]
        delete s.offlineDeactivated[ls.productId]
      })
      return { product: ctx.summary(ls, ctx.store.read()) }
    })
  )
}

/** Default file name for a LicenseSpring offline request (from the profile). */
export function offlineFileName(ctx: DeskContext, productId: string, kind: 'activation' | 'deactivation'): string {
  return asLicenseSpring(ctx.provider(productId)).offlineFileName(kind)
}
