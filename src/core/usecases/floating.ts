// Floating cloud licenses (LicenseSpring): borrow the seat for offline use until a date the license
// allows, and return it early so a colleague can take it. Local state changes after the server confirms.
import type { ProductResult } from '@shared/contract'
import type { DeskContext } from '../context'
import { fail } from '../errors'
import { asLicenseSpring } from '../providers'
import type { OperationOptions } from '../types'

/** Borrows until `until` (ISO date-time) or, with null, the longest the license allows. */
export function borrowFloating(ctx: DeskContext, productId: string, until: string | null, opts: OperationOptions = {}): Promise<ProductResult> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      const ls = asLicenseSpring(provider)
      opts.onProgress?.({ step: 'preparing' })
      const lic = ctx.active(ctx.store.read(), ls)
      if (until !== null) {
        const t = Date.parse(until)
        if (Number.isNaN(t)) fail('invalid_input', 'The end of the borrowing is not a date.')
        if (t <= ctx.now()) fail('invalid_input', 'The end of the borrowing must be in the future.')
        if (lic.floating && t > ctx.env.serverNow() + lic.floating.maxBorrowHours * 3_600_000 + 60_000)
          fail('invalid_input', `${ls.productName} can be borrowed for at most ${lic.floating.maxBorrowHours} hours.`)
        until = new Date(t).toISOString()
      }
      const r = await ls.borrow(lic, until, opts)
      opts.onProgress?.({ step: 'saving' })
      const product = await ctx.saveAfterServer(
        (s) => {
          const cur = s.licenses[ls.productId]
          if (cur) s.licenses[ls.productId] = { ...cur, ...r }
          return ctx.summary(ls, s)
        },
        `The license server lent ${ls.productName}'s floating seat to this computer`,
        'borrow again: the server knows this computer, so no second seat is taken.'
      )
      opts.onProgress?.({ step: 'done' })
      return { product }
    })
  )
}

/** Returns the floating seat early; the license stays activated here, without a borrowed seat. */
export function releaseFloating(ctx: DeskContext, productId: string, opts: OperationOptions = {}): Promise<ProductResult> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      const ls = asLicenseSpring(provider)
      opts.onProgress?.({ step: 'preparing' })
      const lic = ctx.active(ctx.store.read(), ls)
      await ls.release(lic, opts)
      opts.onProgress?.({ step: 'saving' })
      const product = await ctx.saveAfterServer(
        (s) => {
          const cur = s.licenses[ls.productId]
          if (cur) {
            const { borrowedUntil: _gone, ...rest } = cur
            s.licenses[ls.productId] = rest
          }
          return ctx.summary(ls, s)
        },
        `The license server took ${ls.productName}'s floating seat back`,
        'return it again: a seat that is already free counts as returned.'
      )
      opts.onProgress?.({ step: 'done' })
      return { product }
    })
  )
}
