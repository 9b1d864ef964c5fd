// The vendor profile: loaded, validated with a schema, and refused with a message naming the bad field.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { zm } from '@shared/zod'
import { LicenseDeskError } from './errors'
import { badUtf8Line, decodeUtf8 } from './files'
import { pemCertificates } from './network'

const nonEmpty = zm.string().check(zm.minLength(1))
const int = zm.number().check(zm.int())
const url = zm.url().check(zm.refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'))
const productId = zm.string().check(zm.regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore (1 to 64)'))

/** A vendor program that prints the id its SDK uses: run without a shell, with a timeout. */
const idCommand = zm.strictObject({
  command: zm.array(nonEmpty).check(zm.minLength(1, 'give the program and its arguments, e.g. ["/opt/acme/bin/acme-id"]')),
  timeoutMs: zm._default(zm.number().check(zm.int(), zm.minimum(100), zm.maximum(60_000)), 5000)
})

const licensespring = zm
  .strictObject({
    apiBaseUrl: url,
    /** How requests are authorized: the API key's HMAC (default), or an OAuth client-credentials token. */
    authentication: zm._default(zm.enum(['api-key', 'oauth']), 'api-key'),
    apiKey: zm.optional(nonEmpty),
    sharedKey: zm.optional(nonEmpty),
    /** OAuth client credentials (authentication "oauth"): the token comes from tokenUrl. */
    clientId: zm.optional(nonEmpty),
    clientSecret: zm.optional(nonEmpty),
    tokenUrl: zm.optional(url),
    productCode: nonEmpty,
    /** license-key, user (username + password), or sso (the customer's identity provider, in the system browser). */
    authorization: zm._default(zm.enum(['license-key', 'user', 'sso']), 'license-key'),
    /** authorization "sso": the customer account whose identity provider signs users in. */
    customerAccountCode: zm.optional(nonEmpty),
    /** authorization "sso": bind the sign-in code with PKCE (S256), for vendors whose sign-in accepts it. */
    ssoPkce: zm._default(zm.boolean(), false),
    offlineSchemaVersion: zm._default(zm.union([zm.literal(1), zm.literal(2)]), 1),
    offlineRequestFileName: zm._default(nonEmpty, 'ls_deactivation.req'),
    offlineActivationFileName: zm._default(nonEmpty, 'ls_activation.req'),
    portalUrl: zm.optional(url),
    publicKeyPem: zm.optional(zm.string().check(zm.includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }))),
    requireSignatureV2: zm._default(zm.boolean(), false),
    /** How the hardware id is computed (PROTOCOLS.md 3): today's node-machine-id, the LicenseSpring SDK's default, or a vendor program. */
    hardwareId: zm._default(zm.union([zm.enum(['node-machine-id', 'licensespring']), idCommand]), 'node-machine-id')
  })
  .check(
    zm.superRefine((ls, ctx) => {
      const need = ls.authentication === 'oauth' ? (['clientId', 'clientSecret', 'tokenUrl'] as const) : (['apiKey', 'sharedKey'] as const)
      for (const k of need) if (ls[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `required when authentication is "${ls.authentication}"` })
      if (ls.authorization === 'sso' && ls.customerAccountCode === undefined)
        ctx.addIssue({ code: 'custom', path: ['customerAccountCode'], message: 'required when authorization is "sso"' })
    })
  )

const qlm = zm.strictObject({
  serviceUrl: url,
  communicationEncryptionKey: nonEmpty,
  vendor: zm.optional(zm.string()),
  user: zm.optional(zm.string()),
  password: zm.optional(zm.string()),
  selfHelpUrl: zm.optional(url),
  webActivationUrl: zm.optional(url),
  dvc: zm._default(zm.strictObject({ case: zm._default(zm.enum(['lower', 'upper']), 'lower'), date: zm._default(zm.enum(['local', 'utc']), 'local') }), {
    case: 'lower',
    date: 'local'
  }),
  requireDeactivationCode: zm._default(zm.boolean(), false),
  productId: zm.optional(int),
  majorVersion: zm.optional(int),
  minorVersion: zm.optional(int),
  /** How the computer id is computed: today's machine id, the OS computer name (QLM's ComputerName binding), or a vendor program. */
  computerId: zm._default(zm.union([zm.enum(['machine-id', 'computer-name']), idCommand]), 'machine-id')
})

const product = zm.discriminatedUnion('provider', [
  zm.strictObject({ id: productId, name: nonEmpty, provider: zm.literal('licensespring'), licensespring }),
  zm.strictObject({ id: productId, name: nonEmpty, provider: zm.literal('qlm'), qlm })
])

const proxySetting = zm.union([zm.enum(['system', 'none']), zm.url().check(zm.refine((u) => /^https?:\/\//i.test(u), 'must be system, none or an http(s) proxy URL'))])

/** How License Desk reaches the servers; `caCertificates` is PEM text or a file path next to the profile. */
const network = zm.strictObject({
  proxy: zm._default(proxySetting, 'system'),
  caCertificates: zm.optional(nonEmpty)
})

export const profileSchema = zm
  .strictObject({
    schemaVersion: zm.literal(1),
    app: zm.strictObject({ name: nonEmpty, supportEmail: zm.email(), supportUrl: zm.optional(url) }),
    network: zm.optional(network),
    products: zm.array(product).check(zm.minLength(1))
  })
  .check(
    zm.superRefine((p, ctx) => {
      const seen = new Set<string>()
      p.products.forEach((prod, i) => {
        if (seen.has(prod.id)) ctx.addIssue({ code: 'custom', path: ['products', i, 'id'], message: `duplicate product id "${prod.id}"` })
        seen.add(prod.id)
      })
    })
  )

export type Profile = zm.output<typeof profileSchema>
export type ProfileProduct = Profile['products'][number]
export type LsProduct = Extract<ProfileProduct, { provider: 'licensespring' }>
export type QlmProduct = Extract<ProfileProduct, { provider: 'qlm' }>

function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '')
}

/** Validates a parsed profile; the error names the first bad field, e.g. products[0].licensespring.apiKey. */
export function parseProfile(data: unknown, source = 'vendor profile'): Profile {
  const r = profileSchema.safeParse(data)
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  const where = fieldPath(issue.path) || '(top level)'
  throw new LicenseDeskError('profile_invalid', `The ${source} is invalid at ${where}: ${issue.message}.`)
}

/** The path of the first key or string value holding U+FFFD (where an invalid byte was decoded). */
function replacementAt(v: unknown, path: PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof v === 'string') return v.includes('\uFFFD') ? path : undefined
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = replacementAt(v[i], [...path, i])
      if (p) return p
    }
  } else if (v && typeof v === 'object')
    for (const [k, val] of Object.entries(v)) {
      if (k.includes('\uFFFD')) return [...path, k]
      const p = replacementAt(val, [...path, k])
      if (p) return p
    }
  return undefined
}

/** Strict UTF-8: a byte that is not UTF-8 is refused naming the field (or line) it is in, never read as U+FFFD. */
function decodeProfile(bytes: Buffer, path: string): string {
  const line = badUtf8Line(bytes)
  if (line === undefined) return decodeUtf8(bytes)
  let where = `line ${line}`
  try {
    const at = replacementAt(JSON.parse(new TextDecoder('utf-8').decode(bytes)))
    if (at) where = `${fieldPath(at.map((k) => (typeof k === 'string' ? k.replace(/\uFFFD/g, '?') : k))) || '(top level)'} (line ${line})`
  } catch {
    /* not JSON either: the line is all we can name */
  }
  throw new LicenseDeskError('profile_invalid', `The vendor profile ${path} is invalid at ${where}: it is not valid UTF-8 text. Ask the vendor for a corrected profile.`)
}

export function loadProfile(path: string): Profile {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch {
    throw new LicenseDeskError('profile_not_found', `The vendor profile ${path} could not be read (no such file, or access denied).`)
  }
  const text = decodeProfile(bytes, path)
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    // Only the position: the parser's own message quotes the text around it, which may be a secret.
    const pos = /position (\d+)/.exec((e as Error).message)
    const where = pos ? ` near line ${text.slice(0, Number(pos[1])).split('\n').length}` : ''
    throw new LicenseDeskError('profile_invalid', `The vendor profile ${path} is not valid JSON${where}. Ask the vendor for a corrected profile.`)
  }
  return withCaCertificates(parseProfile(data, `vendor profile ${path}`), path)
}

/** network.caCertificates as PEM text: a path is read next to the profile; either must hold PEM certificates. */
function withCaCertificates(profile: Profile, profilePath: string): Profile {
  const value = profile.network?.caCertificates
  if (!value) return profile
  const bad = (why: string): never => {
    throw new LicenseDeskError('profile_invalid', `The vendor profile ${profilePath} is invalid at network.caCertificates: ${why}.`)
  }
  let pem = value
  if (!value.includes('-----BEGIN')) {
    try {
      pem = readFileSync(resolve(dirname(profilePath), value), 'utf8')
    } catch {
      bad(`the file ${resolve(dirname(profilePath), value)} could not be read`)
    }
  }
  try {
    if (pemCertificates(pem).length === 0) bad('it holds no PEM certificate (-----BEGIN CERTIFICATE-----)')
  } catch (e) {
    if (e instanceof LicenseDeskError) throw e
    bad('a certificate in it is damaged')
  }
  return { ...profile, network: { ...profile.network!, caCertificates: pem } }
}

export const DEMO_ORIGIN = 'http://127.0.0.1:4370'

export function demoProfilePath(resourcesDir: string): string {
  return join(resourcesDir, 'demo', 'profile.json')
}

/**
 * Which profile to use: an explicit path (CLI --profile), else LICENSE_DESK_PROFILE, else a packaged
 * `profile.json` in the resources folder, else the demo profile pointing at the local server.
 */
export function resolveProfilePath(opts: { explicit?: string; env?: NodeJS.ProcessEnv; resourcesDir: string }): { path: string; demo: boolean } {
  const env = opts.env ?? process.env
  if (opts.explicit) return { path: resolve(opts.explicit), demo: false }
  if (env.LICENSE_DESK_PROFILE) return { path: resolve(env.LICENSE_DESK_PROFILE), demo: false }
  const packaged = join(opts.resourcesDir, 'profile.json')
  if (existsSync(packaged)) return { path: packaged, demo: false }
  return { path: demoProfilePath(opts.resourcesDir), demo: true }
}

/** A product's provider settings object (the `licensespring` or `qlm` member). */
function isSettings(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The same profile with every URL on `from` moved to `origin` (tests and a demo server on another port). */
export function profileWithOrigin(profile: Profile, origin: string, from = DEMO_ORIGIN): Profile {
  const base = from.replace(/\/+$/, '')
  // Only the origin itself: http://127.0.0.1:4370 must not match http://127.0.0.1:43701.
  const swap = (u: string | undefined) => (u?.startsWith(base) && /^(?:[/?#]|$)/.test(u.slice(base.length)) ? origin.replace(/\/+$/, '') + u.slice(base.length) : u)
  const swapAll = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? swap(v) : v])) as T
  return {
    ...profile,
    app: swapAll(profile.app),
    // Each product's provider settings are the one object inside it; its URLs move, nothing else.
    products: profile.products.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, isSettings(v) ? swapAll(v) : v])) as typeof p)
  }
}

/** Every host the profile names (for the openExternal allow-list). */
export function profileHosts(profile: Profile): string[] {
  const hosts = new Set<string>()
  const add = (u?: string) => {
    if (!u) return
    try {
      hosts.add(new URL(u).hostname.toLowerCase())
    } catch {
      /* validated already */
    }
  }
  add(profile.app.supportUrl)
  hosts.add(profile.app.supportEmail.split('@')[1]!.toLowerCase())
  // Every URL setting of every product's provider (apiBaseUrl, portalUrl, serviceUrl, selfHelpUrl, …).
  for (const p of profile.products) for (const v of Object.values(p)) if (isSettings(v)) for (const [k, u] of Object.entries(v)) if (/Url$/.test(k) && typeof u === 'string') add(u)
  return [...hosts]
}
