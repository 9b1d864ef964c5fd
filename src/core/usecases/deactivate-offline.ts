// deactivateOffline(product, outPath?): lock -> active here -> the provider builds the proof -> write the
// request file atomically where the user chose (when the proof is a file) -> remove the license and keep a record.
import { randomUUID } from 'node:crypto'
import type { HistoryRecord } from '@shared/contract'
import type { DeskContext } from '../context'
import { fail } from '../errors'
import type { State } from '../state'
import type { OperationOptions } from '../types'

export function deactivateOffline(ctx: DeskContext, productId: string, outPath?: string, opts: OperationOptions = {}): Promise<HistoryRecord> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      opts.onProgress?.({ step: 'preparing' })
      const lic = ctx.active(ctx.store.read(), provider)
      const common = { id: randomUUID(), productId: provider.productId, productName: provider.productName, at: new Date(ctx.now()).toISOString() }
      const artifact = provider.offlineDeactivation(lic)
      let written: { filePath: string; sha256: string } | undefined
      if (artifact.file !== undefined) {
        if (!outPath) fail('invalid_input', 'Choose where to save the deactivation request file.')
        opts.onProgress?.({ step: 'saving' })
        // The file IS the deactivation: state changes only once it is safely on disk.
        const { sha256 } = await ctx.writeFile(outPath, artifact.file)
        written = { filePath: outPath, sha256 }
      }
      const record = artifact.record(common, written)
      const commit = (s: State) => {
        delete s.licenses[provider.productId]
        s.history.push(record)
        s.offlineDeactivated[provider.productId] = record.id
      }
      // A request file exists only together with its committed state change.
      if (written) await ctx.commitOrRemove(written.filePath, 'deactivation request', commit)
      else await ctx.store.updateAsync(commit)
      opts.onProgress?.({ step: 'done' })
      return ctx.presentRecord(record)
    })
  )
}
