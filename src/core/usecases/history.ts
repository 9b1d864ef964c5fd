// history(): past offline deactivations, newest first, as the user sees them.
import type { HistoryRecord } from '@shared/contract'
import type { DeskContext } from '../context'

export async function history(ctx: DeskContext): Promise<HistoryRecord[]> {
  return [...ctx.store.read().history].reverse().map(ctx.presentRecord)
}
