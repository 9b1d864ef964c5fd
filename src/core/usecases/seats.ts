// The seat use cases besides releasing: check with the server (without activating), remove a local record
// the server no longer confirms (only when the user asks, after a check), the seat receipts kept at every
// activation (list, export as a file, read an imported one), and every computer id this computer yields.
import type { CheckResult, ComputerIdCandidate, ProductSummary, SeatReceipt } from '@shared/contract'
import type { DeskContext } from '../context'
import { fail, toErrorInfo } from '../errors'
import type { OperationOptions } from '../types'

export function check(ctx: DeskContext, productId: string, opts: OperationOptions = {}): Promise<CheckResult> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      opts.onProgress?.({ step: 'preparing' })
      const lic = ctx.active(ctx.store.read(), provider)
      const outcome = await provider.check(lic, opts)
      opts.onProgress?.({ step: 'saving' })
      // What the server said is kept beside the license; the license itself stays until the user removes it.
      const product = await ctx.store.updateAsync((s) => {
        const held = s.licenses[provider.productId]
        if (held) {
          if (outcome.seats) held.seats = outcome.seats
          held.lastCheck = { verdict: outcome.verdict, at: new Date(ctx.now()).toISOString(), ...(outcome.serverMessage ? { serverMessage: outcome.serverMessage } : {}) }
        }
        return ctx.summary(provider, s)
      })
      opts.onProgress?.({ step: 'done' })
      return { product, verdict: outcome.verdict, ...(outcome.serverMessage ? { serverMessage: outcome.serverMessage } : {}), offerRemove: outcome.verdict !== 'ok' }
    })
  )
}

/** Removes the local record of a license the last server check did not confirm. */
export function forget(ctx: DeskContext, productId: string): Promise<ProductSummary> {
  return ctx.tracked(() =>
    ctx.withProduct(productId, async (provider) => {
      const lic = ctx.active(ctx.store.read(), provider)
      if (!lic.lastCheck || lic.lastCheck.verdict === 'ok')
        fail(
          'invalid_input',
          `License Desk removes the record of ${provider.productName} only after the server said its seat is gone, disabled or expired: check with the server first (license-desk check ${provider.productId}).`
        )
      return ctx.store.updateAsync((s) => {
        delete s.licenses[provider.productId]
        return ctx.summary(provider, s)
      })
    })
  )
}

export async function receipts(ctx: DeskContext): Promise<SeatReceipt[]> {
  return [...ctx.store.read().receipts].reverse()
}

export const RECEIPT_FORMAT = 'license-desk-seat-receipt'

/** A receipt as a file to keep elsewhere (JSON; no key, no secret). */
export function receiptFile(r: SeatReceipt): string {
  return `${JSON.stringify({ format: RECEIPT_FORMAT, version: 1, ...r }, null, 2)}\n`
}

export function exportReceipt(ctx: DeskContext, receiptId: string, outPath: string): Promise<{ filePath: string; sha256: string }> {
  return ctx.tracked(async () => {
    const r = ctx.store.read().receipts.find((x) => x.id === receiptId)
    if (!r) fail('invalid_input', 'There is no seat receipt with that id on this computer.')
    const { sha256 } = await ctx.writeFile(outPath, receiptFile(r))
    return { filePath: outPath, sha256 }
  })
}

/** Reads a receipt file; file_invalid when it is not one. */
export function parseReceipt(text: string): SeatReceipt {
  let v: Record<string, unknown>
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>
  } catch {
    fail('file_invalid', 'That file is not a License Desk seat receipt (it is not JSON).')
  }
  const str = (k: string) => (typeof v[k] === 'string' && (v[k] as string).length <= 512 ? (v[k] as string) : undefined)
  if (!v || v.format !== RECEIPT_FORMAT || v.version !== 1) fail('file_invalid', 'That file is not a License Desk seat receipt.')
  const provider = str('provider')
  const [id, productId, productName, hardwareId, at] = ['id', 'productId', 'productName', 'hardwareId', 'at'].map(str)
  if (!id || !productId || !productName || !hardwareId || !at || (provider !== 'licensespring' && provider !== 'qlm'))
    fail('file_invalid', 'That seat receipt is incomplete: it needs the product, the computer id and the date.')
  const opt = (k: 'keyHint' | 'username' | 'hardwareIdSource' | 'hostname') => (str(k) !== undefined ? { [k]: str(k) } : {})
  return { id, productId, productName, provider, hardwareId, at, ...opt('keyHint'), ...opt('username'), ...opt('hardwareIdSource'), ...opt('hostname') }
}

export interface ComputerIds {
  /** Every id this computer yields, with its recipe. */
  candidates: ComputerIdCandidate[]
  /** The recipe each product of the profile uses and the id it gives here. */
  products: Array<{ productId: string; recipe: string; id?: string; source?: string; error?: { code: string; message: string } }>
}

export async function computerIds(ctx: DeskContext): Promise<ComputerIds> {
  const providers = ctx.profile.products.map((p) => ctx.provider(p.id))
  const hw = ctx.deps.hardwareId
  const products: ComputerIds['products'] = []
  for (const p of providers) {
    try {
      const r = await ctx.computerId(p)
      products.push({ productId: p.productId, recipe: p.idRecipe.name, id: r.id, source: r.source })
    } catch (e) {
      const info = toErrorInfo(e)
      products.push({ productId: p.productId, recipe: p.idRecipe.name, error: { code: info.code, message: info.message } })
    }
  }
  const candidates = hw.candidates
    ? await hw.candidates(providers.map((p) => p.idRecipe))
    : products.map((p) => ({ recipe: p.recipe, ...(p.id ? { id: p.id, source: p.source } : {}), ...(p.error ? { error: p.error } : {}) }))
  return { candidates, products }
}
