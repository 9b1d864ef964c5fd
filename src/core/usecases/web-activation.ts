// QLM's web activation: the vendor's page takes the activation key and computer id and gives a computer
// key, which the user types back. Typed on the QLM provider: no other provider has this flow.
import type { ActivateResult, QlmActivationUrl } from '@shared/contract'
import type { DeskContext } from '../context'
import { fail } from '../errors'
import { asQlm } from '../providers'

export function qlmActivationUrl(ctx: DeskContext, productId: string, activationKey: string): Promise<QlmActivationUrl> {
  return ctx.tracked(async () => {
    const qlm = asQlm(ctx.provider(productId))
    if (!qlm.config.webActivationUrl) fail('offline_not_supported', `The vendor has not set up web activation for ${qlm.productName}.`)
    const { licenseKey } = qlm.normalizeIdentity({ licenseKey: activationKey })
    const hw = await ctx.computerId(qlm)
    return { computerId: hw.id, url: qlm.webActivationUrl(licenseKey, hw.id) }
  })
}

export function activateQlmWithComputerKey(ctx: DeskContext, productId: string, activationKey: string, computerKey: string): Promise<ActivateResult> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      const qlm = asQlm(provider)
      ctx.notActive(ctx.store.read(), qlm)
      const { licenseKey } = qlm.normalizeIdentity({ licenseKey: activationKey })
      const key = computerKey.trim()
      if (!/^[A-Za-z0-9-]{4,128}$/.test(key)) fail('invalid_input', 'That computer key does not look right: copy it exactly as the activation page shows it.')
      const hw = await ctx.computerId(qlm)
      await ctx.store.updateAsync((s) => {
        const stored = qlm.licenseFor(licenseKey, hw.id, key, true, hw.source)
        s.licenses[qlm.productId] = stored
        ctx.keepReceipt(s, qlm, stored)
        delete s.offlineDeactivated[qlm.productId]
      })
      return { product: ctx.summary(qlm, ctx.store.read()) }
    })
  )
}
