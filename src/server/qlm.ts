// Soraco QLM HTTP behaviour of the local server: ValidateLicenseHttp (activation / validation) and
// ReleaseLicenseHttp (deactivation), with the Deactivation Verification Code check.
//
// XML answers (HTTP 200, text/xml; charset=utf-8, optional leading UTF-8 BOM):
//   success: <?xml version="1.0" encoding="utf-8"?><QuickLicenseManager><result>message</result>...</QuickLicenseManager>
//   failure: <?xml version="1.0" encoding="utf-8"?><QuickLicenseManager><error>message</error></QuickLicenseManager>
// ValidateLicenseHttp success adds, as siblings of <result> under the root:
//   <avkey> (activation key as stored), <pcid> (computer id), <pckey> (the computer key),
//   <computer_name>, <status> ("activated" | "valid"), <activations> (seats in use), <max_activations>.
import type { Store } from './store'
import type { SeedQlmLicense } from './types'
import { isoDay, normalizeQlmKey, qlmComputerKey, qlmDvc } from './crypto'

export class QlmError extends Error {}

export interface QlmContext {
  store: Store
  now: () => number
}

export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string)
}

export function qlmXml(content: { result: string; extra?: Record<string, string | number> } | { error: string }, bom: boolean): string {
  const head = '<?xml version="1.0" encoding="utf-8"?>'
  let inner: string
  if ('error' in content) inner = `<error>${xmlEscape(content.error)}</error>`
  else {
    inner = `<result>${xmlEscape(content.result)}</result>`
    for (const [k, v] of Object.entries(content.extra ?? {})) inner += `<${k}>${xmlEscape(String(v))}</${k}>`
  }
  return `${bom ? '\uFEFF' : ''}${head}<QuickLicenseManager>${inner}</QuickLicenseManager>`
}

function findKey(ctx: QlmContext, avkey: string | undefined): SeedQlmLicense {
  if (!avkey || normalizeQlmKey(avkey) === '') throw new QlmError('The activation key is missing.')
  const lic = ctx.store.qlmLicense(avkey)
  if (!lic) throw new QlmError('The activation key is invalid.')
  return lic
}

export interface QlmActivationResult {
  license: SeedQlmLicense
  computerKey: string
  alreadyActivated: boolean
}

/** Activates (or re-confirms) the key on a computer; returns the computer key. */
export function qlmActivate(ctx: QlmContext, p: { avkey?: string; pcid?: string; computerName?: string; productId?: string; major?: string; minor?: string }): QlmActivationResult {
  const lic = findKey(ctx, p.avkey)
  if (!p.pcid || p.pcid.trim() === '') throw new QlmError('The computer identifier is missing.')
  if (p.productId !== undefined && p.productId !== '' && Number(p.productId) !== lic.productId) {
    throw new QlmError('The activation key is not valid for this product.')
  }
  if (p.major !== undefined && p.major !== '' && Number(p.major) !== lic.majorVersion) {
    throw new QlmError('The activation key is not valid for this version of the product.')
  }
  if (p.minor !== undefined && p.minor !== '' && Number(p.minor) !== lic.minorVersion) {
    throw new QlmError('The activation key is not valid for this version of the product.')
  }
  lic.activations ??= []
  const acts = lic.activations
  const existing = acts.find((a) => a.computerId === p.pcid)
  if (existing) return { license: lic, computerKey: existing.computerKey, alreadyActivated: true }
  if (acts.length >= lic.maxActivations) throw new QlmError('The maximum number of activations for this key has been reached.')
  const computerKey = qlmComputerKey(ctx.store.data.qlm.communicationEncryptionKey, normalizeQlmKey(lic.activationKey), p.pcid)
  acts.push({ computerId: p.pcid, computerName: p.computerName ?? '', computerKey, activatedAt: new Date(ctx.now()).toISOString() })
  ctx.store.persist()
  return { license: lic, computerKey, alreadyActivated: false }
}

/** A seat taken by another program on a computer id (a test or the demo seeds it). */
export function qlmSeedSeat(ctx: QlmContext, lic: SeedQlmLicense, computerId: string): void {
  lic.activations ??= []
  const acts = lic.activations
  if (acts.some((a) => a.computerId === computerId)) return
  const computerKey = qlmComputerKey(ctx.store.data.qlm.communicationEncryptionKey, normalizeQlmKey(lic.activationKey), computerId)
  acts.push({ computerId, computerName: 'seeded', computerKey, activatedAt: new Date(ctx.now()).toISOString() })
  ctx.store.persist()
}

/** ValidateLicenseHttp: query parameters in, XML out. */
export function validateLicenseHttp(ctx: QlmContext, q: URLSearchParams, bom: boolean): string {
  try {
    const activate = (q.get('is_activate') ?? '').toLowerCase() === 'true'
    if (activate) {
      const r = qlmActivate(ctx, {
        avkey: q.get('is_avkey') ?? undefined,
        pcid: q.get('is_pcid') ?? undefined,
        computerName: q.get('is_computer_name') ?? undefined,
        productId: q.get('is_productid') ?? undefined,
        major: q.get('is_majorversion') ?? undefined,
        minor: q.get('is_minorversion') ?? undefined
      })
      return qlmXml(
        {
          result: r.alreadyActivated ? 'The license is already activated on this computer.' : 'The license was activated successfully.',
          extra: details(r.license, q.get('is_pcid') as string, r.computerKey, 'activated')
        },
        bom
      )
    }
    const lic = findKey(ctx, q.get('is_avkey') ?? undefined)
    const pcid = q.get('is_pcid') ?? ''
    const act = lic.activations?.find((a) => a.computerId === pcid)
    if (!act) throw new QlmError('The license is not activated on this computer.')
    const pckey = q.get('is_pckey')
    if (pckey !== null && pckey.replace(/-/g, '').toUpperCase() !== act.computerKey.replace(/-/g, '').toUpperCase()) {
      throw new QlmError('The computer key is invalid.')
    }
    return qlmXml({ result: 'The license is valid.', extra: details(lic, pcid, act.computerKey, 'valid') }, bom)
  } catch (e) {
    if (e instanceof QlmError) return qlmXml({ error: e.message }, bom)
    throw e
  }
}

function details(lic: SeedQlmLicense, pcid: string, pckey: string, status: string): Record<string, string | number> {
  const act = lic.activations?.find((a) => a.computerId === pcid)
  return {
    avkey: lic.activationKey,
    pcid,
    pckey,
    computer_name: act?.computerName ?? '',
    status,
    activations: lic.activations?.length ?? 0,
    max_activations: lic.maxActivations
  }
}

/**
 * The dates a DVC may have been made for: the server's UTC and local "today" and "yesterday", plus UTC
 * "tomorrow" so a client east of UTC (whose local date is already the next day) is not refused.
 */
export function acceptedDvcDays(nowMs: number): string[] {
  const day = 24 * 3600 * 1000
  const days = new Set<string>()
  for (const basis of ['utc', 'local'] as const) {
    days.add(isoDay(nowMs, basis))
    days.add(isoDay(nowMs - day, basis))
  }
  days.add(isoDay(nowMs + day, 'utc'))
  return [...days]
}

export function dvcMatches(ctx: QlmContext, lic: SeedQlmLicense, pcid: string, code: string): boolean {
  const c = code.trim().toLowerCase()
  if (!/^[0-9a-f]{32}$/.test(c)) return false
  const keyNoDashes = normalizeQlmKey(lic.activationKey)
  // Keys are matched without dashes and case-insensitively; the DVC is computed over the key as the
  // client stored it, which is the vendor's upper-case form.
  return acceptedDvcDays(ctx.now()).some((d) => qlmDvc(keyNoDashes, pcid, ctx.store.data.qlm.communicationEncryptionKey, d) === c)
}

export interface ReleaseParams {
  avkey?: string
  pcid?: string
  vendor?: string
  user?: string
  pwd?: string
  dvc?: string
  /** check the credentials (ReleaseLicenseHttp with releaseLicenseRequiresAuthentication) */
  requireAuth: boolean
  /** require and check the DVC */
  requireDvc: boolean
}

/** Releases a seat; throws QlmError with the user-facing text on refusal. */
export function qlmRelease(ctx: QlmContext, p: ReleaseParams): SeedQlmLicense {
  const cfg = ctx.store.data.qlm
  if (p.requireAuth && (p.vendor !== cfg.vendor || p.user !== cfg.user || p.pwd !== cfg.password)) {
    throw new QlmError('Authentication error: the vendor, user or password is not valid.')
  }
  const lic = findKey(ctx, p.avkey)
  const pcid = p.pcid ?? ''
  lic.activations ??= []
  const acts = lic.activations
  const i = acts.findIndex((a) => a.computerId === pcid)
  if (pcid === '' || i < 0) throw new QlmError('The license is not activated on this computer.')
  if (p.requireDvc) {
    if (!p.dvc || p.dvc.trim() === '') throw new QlmError('A deactivation verification code is required.')
    if (!dvcMatches(ctx, lic, pcid, p.dvc)) throw new QlmError('The deactivation verification code is not valid.')
  }
  if (lic.maxReleases !== undefined && (lic.releases ?? 0) >= lic.maxReleases) {
    throw new QlmError('The license has been released too many times.')
  }
  acts.splice(i, 1)
  lic.releases = (lic.releases ?? 0) + 1
  ctx.store.persist()
  return lic
}

/** ReleaseLicenseHttp: query parameters in, XML out. */
export function releaseLicenseHttp(ctx: QlmContext, q: URLSearchParams, bom: boolean): string {
  const cfg = ctx.store.data.qlm
  try {
    qlmRelease(ctx, {
      avkey: q.get('is_avkey') ?? undefined,
      pcid: q.get('is_pcid') ?? undefined,
      vendor: q.get('is_vendor') ?? undefined,
      user: q.get('is_user') ?? undefined,
      pwd: q.get('is_pwd') ?? undefined,
      dvc: q.get('is_deactivation_code') || q.get('is_deacivation_code') || undefined,
      requireAuth: cfg.releaseLicenseRequiresAuthentication,
      requireDvc: cfg.releaseLicenseRequiresVerificationCode
    })
    return qlmXml({ result: 'The license was released successfully.' }, bom)
  } catch (e) {
    if (e instanceof QlmError) return qlmXml({ error: e.message }, bom)
    throw e
  }
}
