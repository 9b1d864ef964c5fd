// activateOnline(product, identity): lock -> not active yet -> the provider takes the seat -> store the license.
import type { ActivateResult } from '@shared/contract'
import type { DeskContext } from '../context'
import type { Identity, OperationOptions } from '../types'

export function activateOnline(ctx: DeskContext, productId: string, typed: Identity, opts: OperationOptions = {}): Promise<ActivateResult> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      const identity = provider.normalizeIdentity(typed)
      ctx.notActive(ctx.store.read(), provider)
      opts.onProgress?.({ step: 'preparing' })
      // The key will be sealed once the server answers: an unusable key file must fail now, before a seat is taken.
      ctx.deps.secrets.ready?.()
      const hw = await ctx.computerId(provider)
      const r = await provider.activateOnline(hw, identity, opts)
      opts.onProgress?.({ step: 'saving' })
      await ctx.saveAfterServer(
        (s) => {
          s.licenses[provider.productId] = r.license
          ctx.keepReceipt(s, provider, r.license)
          delete s.pending[provider.productId]
          delete s.offlineDeactivated[provider.productId]
        },
        `The license server activated ${provider.productName} for this computer`,
        'activate again with the same key: the server knows this computer, so no second seat is taken.'
      )
      opts.onProgress?.({ step: 'done' })
      return { product: ctx.summary(provider, ctx.store.read()), ...(r.clockOffsetMs !== undefined ? { clockOffsetMs: r.clockOffsetMs } : {}) }
    })
  )
}
