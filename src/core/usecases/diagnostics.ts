// diagnostics(): the redacted support bundle (versions, OS, hardware id and drift, clock, states, recent
// error codes with their redacted causes, the network set-up). Never a key, password or secret.
import { arch, platform, release } from 'node:os'
import type { DeskContext } from '../context'
import { toErrorInfo } from '../errors'

export async function diagnostics(ctx: DeskContext, extra: Record<string, string> = {}): Promise<string> {
  const s = ctx.store.read()
  let hw: { id?: string; source?: string; error?: string }
  try {
    const h = await ctx.deps.hardwareId.get()
    hw = { id: h.id, source: h.source }
  } catch (e) {
    hw = { error: toErrorInfo(e).code }
  }
  const last = ctx.lastRecords(s)
  const products = ctx.profile.products.map((p) => {
    const lic = s.licenses[p.id]
    return {
      id: p.id,
      provider: p.provider,
      state: ctx.summary(ctx.provider(p.id), s, last).state,
      ...(lic
        ? {
            activatedAt: lic.activatedAt,
            activatedOffline: lic.activatedOffline,
            storedHardwareId: lic.hardwareId,
            hardwareIdDrift: hw.id !== undefined && hw.id !== lic.hardwareId,
            licenseType: lic.licenseType
          }
        : {})
    }
  })
  // Every id this computer yields, with its recipe: support sees which one the server holds.
  let computerIds: unknown
  try {
    computerIds = await ctx.deps.hardwareId.candidates?.(ctx.profile.products.map((p) => ctx.provider(p.id).idRecipe))
  } catch (e) {
    computerIds = { error: toErrorInfo(e).code }
  }
  const recipes = Object.fromEntries(ctx.profile.products.map((p) => [p.id, ctx.provider(p.id).idRecipe.name]))
  const report = ctx.store.report
  const bundle = {
    generatedAt: new Date(ctx.now()).toISOString(),
    app: { name: ctx.profile.app.name, version: ctx.deps.appVersion ?? '0.0.0', ...extra },
    runtime: { node: process.versions.node, platform: platform(), release: release(), arch: arch() },
    hardwareId: hw,
    ...(computerIds ? { computerIds } : {}),
    recipes,
    clock: s.clock,
    products,
    offlineDeactivations: s.history.length,
    recentErrors: s.errors,
    ...(ctx.deps.networkInfo ? { network: await ctx.deps.networkInfo(ctx.profile.products.map((p) => ctx.provider(p.id).serverUrl)) } : {}),
    stateFile: { path: ctx.deps.statePath, ...(report.corruptMovedTo ? { corruptMovedTo: report.corruptMovedTo } : {}) }
  }
  return JSON.stringify(bundle, null, 2)
}
