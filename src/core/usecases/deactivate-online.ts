// deactivateOnline(product): lock -> active here -> the provider releases the seat -> remove the license.
import type { DeactivateOnlineResult } from '@shared/contract'
import type { DeskContext } from '../context'
import type { OperationOptions } from '../types'

export function deactivateOnline(ctx: DeskContext, productId: string, opts: OperationOptions = {}): Promise<DeactivateOnlineResult> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      opts.onProgress?.({ step: 'preparing' })
      const lic = ctx.active(ctx.store.read(), provider)
      const { alreadyReleased, clockOffsetMs } = await provider.deactivateOnline(lic, opts)
      opts.onProgress?.({ step: 'saving' })
      const after = await ctx.saveAfterServer(
        (s) => {
          delete s.licenses[provider.productId]
          delete s.offlineDeactivated[provider.productId]
          return ctx.summary(provider, s)
        },
        `The seat of ${provider.productName} is released on the license server`,
        'deactivate again: License Desk will find the seat already released and remove the license from this computer.'
      )
      opts.onProgress?.({ step: 'done' })
      return { product: after, alreadyReleased, ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}) }
    })
  )
}
