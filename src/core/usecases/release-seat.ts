// releaseSeat(product, { identity, oldHardwareId?, offline? }): releases a seat License Desk holds no record
// of — one the vendor's own product took on this computer (by key, under the profile's recipe), or the
// seat of another computer that is lost (its id typed, pasted or from an imported seat receipt). Online:
// the provider's signed release with that id. Offline: the request file or code built from key and id.
// Nothing local changes but the history record an offline release keeps.
import { randomUUID } from 'node:crypto'
import type { HardwareIdInfo, ReleaseSeatResult, SeatReceipt } from '@shared/contract'
import type { DeskContext } from '../context'
import { LicenseDeskError, fail } from '../errors'
import type { AnyProvider } from '../providers'
import { keyHint } from '../providers/identity'
import { checkIdText } from '../recipes'
import type { OperationOptions } from '../types'

export interface ReleaseSeatRequest {
  identity: { licenseKey: string } | { username: string; password?: string }
  /** The other computer's id (typed or pasted); absent: this computer's id under the profile's recipe. */
  oldHardwareId?: string
  /** The imported seat receipt the old id comes from (checked against the product and key). */
  receipt?: SeatReceipt
  offline?: boolean
  /** Where the LicenseSpring request file goes (offline). */
  outPath?: string
}

/** The seat's id: the other computer's (checked as text) or this computer's under the profile's recipe. */
async function seatId(ctx: DeskContext, provider: AnyProvider, req: ReleaseSeatRequest): Promise<HardwareIdInfo & { other: boolean }> {
  const old = req.receipt?.hardwareId ?? req.oldHardwareId
  if (old === undefined) return { ...(await ctx.computerId(provider)), other: false }
  const id = checkIdText(old, 'The other computer’s id', { allowSpaces: false, hostname: '' })
  return { id, source: req.receipt ? `receipt:${req.receipt.hardwareIdSource ?? 'unknown'}` : 'typed', other: true }
}

function checkReceipt(provider: AnyProvider, identity: ReleaseSeatRequest['identity'], receipt: SeatReceipt | undefined): void {
  if (!receipt) return
  if (receipt.productId !== provider.productId) fail('invalid_input', `That seat receipt is for the product "${receipt.productId}", not for ${provider.productName}.`)
  if ('licenseKey' in identity && receipt.keyHint && keyHint(identity.licenseKey) !== receipt.keyHint)
    fail('invalid_input', `That seat receipt is for the key ${receipt.keyHint}; the key given is ${keyHint(identity.licenseKey)}.`)
  if ('username' in identity && receipt.username && receipt.username.toLowerCase() !== identity.username.toLowerCase())
    fail('invalid_input', `That seat receipt is for the user ${receipt.username}, not ${identity.username}.`)
}

/** The server holds no seat under the id sent: say which id and recipe, and what else to try. */
function explainMissingSeat(e: LicenseDeskError, provider: AnyProvider, hw: HardwareIdInfo & { other: boolean }): LicenseDeskError {
  const tail = hw.other
    ? ` License Desk sent the other computer’s id ${hw.id}: check it against the seat receipt or the vendor’s portal.`
    : ` License Desk sent this computer’s id ${hw.id} (recipe ${provider.idRecipe.name}, ${hw.source}). If the vendor’s product took the seat with another id, try another recipe: ${provider.otherRecipes().join(', ')} (license-desk hwid lists this computer’s ids).`
  return new LicenseDeskError(e.code, e.message + tail, { ...e.info, nextStep: e.info.nextStep }, { cause: e })
}

export function releaseSeat(ctx: DeskContext, productId: string, req: ReleaseSeatRequest, opts: OperationOptions = {}): Promise<ReleaseSeatResult> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      const identity = provider.normalizeIdentity(req.identity)
      if (!req.offline && 'username' in identity && !identity.password)
        fail('invalid_input', `Releasing a seat of ${provider.productName} online needs the account’s password too (or release it offline).`)
      checkReceipt(provider, identity, req.receipt)
      opts.onProgress?.({ step: 'preparing' })
      const hw = await seatId(ctx, provider, req)
      const held = ctx.store.read().licenses[provider.productId]
      if (held && held.hardwareId === hw.id)
        fail('invalid_input', `License Desk holds this seat of ${provider.productName} itself: deactivate the product instead of releasing it by key.`)
      const lic = provider.licenseForSeat({ identity, hardware: hw })
      const computer = { hardwareId: hw.id, source: hw.source, otherComputer: hw.other }
      if (!req.offline) {
        let r: Awaited<ReturnType<AnyProvider['deactivateOnline']>>
        try {
          r = await provider.deactivateOnline(lic, opts, { byKey: true })
        } catch (e) {
          if (e instanceof LicenseDeskError && (e.code === 'seat_not_found' || e.code === 'server_refused')) throw explainMissingSeat(e, provider, hw)
          throw e
        }
        opts.onProgress?.({ step: 'done' })
        return { mode: 'online', productId: provider.productId, productName: provider.productName, ...computer, alreadyReleased: r.alreadyReleased }
      }
      const common = { id: randomUUID(), productId: provider.productId, productName: provider.productName, at: new Date(ctx.now()).toISOString() }
      const artifact = provider.offlineDeactivation(lic)
      let written: { filePath: string; sha256: string } | undefined
      if (artifact.file !== undefined) {
        if (!req.outPath) fail('invalid_input', 'Choose where to save the deactivation request file.')
        opts.onProgress?.({ step: 'saving' })
        const { sha256 } = await ctx.writeFile(req.outPath, artifact.file)
        written = { filePath: req.outPath, sha256 }
      }
      const record = artifact.record(common, written)
      const commit = (s: { history: unknown[] }) => {
        s.history.push(record)
      }
      if (written) await ctx.commitOrRemove(written.filePath, 'deactivation request', commit)
      else await ctx.store.updateAsync(commit)
      opts.onProgress?.({ step: 'done' })
      return { mode: 'offline', productId: provider.productId, productName: provider.productName, ...computer, record: ctx.presentRecord(record) }
    })
  )
}
