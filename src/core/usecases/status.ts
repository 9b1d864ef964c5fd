// status(): every product of the profile with its local state, this computer's id and the learnt clock.
import type { StatusSnapshot } from '@shared/contract'
import type { ErrorInfo } from '@shared/errors'
import type { DeskContext } from '../context'
import { toErrorInfo } from '../errors'
import type { Capabilities } from '../providers'

export async function status(ctx: DeskContext): Promise<StatusSnapshot> {
  const s = ctx.store.read()
  const last = ctx.lastRecords(s)
  let hardware: StatusSnapshot['hardware'] = null
  let hardwareError: ErrorInfo | undefined
  try {
    hardware = await ctx.deps.hardwareId.get()
  } catch (e) {
    hardwareError = toErrorInfo(e)
  }
  return {
    products: ctx.profile.products.map((p) => ctx.summary(ctx.provider(p.id), s, last)),
    hardware,
    ...(hardwareError ? { hardwareError } : {}),
    clockOffsetMs: s.clock?.offsetMs ?? null,
    ...(ctx.store.report.corruptMovedTo ? { stateMovedTo: ctx.store.report.corruptMovedTo } : {})
  }
}

/** What a product can do (which identity, which offline artifacts), for callers that must choose a path. */
export function capabilities(ctx: DeskContext, productId: string): Capabilities {
  const provider = ctx.provider(productId)
  return provider.capabilities(ctx.store.read().licenses[productId])
}
