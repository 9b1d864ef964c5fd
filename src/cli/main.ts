// license-desk: the headless CLI over the same core and the same state file as the app.
import { parseArgs } from 'node:util'
import { join, resolve } from 'node:path'
import { EXIT, exitCodeFor, NEXT_STEP_HINT } from '@shared/error-policy'
import type { ComputerIdCandidate, HistoryRecord, ProductSummary, SeatCounts } from '@shared/contract'
import { createDesk, parseReceipt, receiptFile } from '@core/desk'
import { LicenseDeskError, toErrorInfo } from '@core/errors'
import { readTextFile, writeFileAtomic } from '@core/files'
import { createComputerIds } from '@core/recipes'
import { decodeBase64Json, decodeOfflineRequest } from '@core/providers/licensespring/offline'
import { defaultDataDir, stateFilePath } from '@core/paths'
import { createNodeNetwork, type NodeNetwork, validateProxyUrl } from '@core/network'
import { type Profile, loadProfile, resolveProfilePath } from '@core/profile'
import { calendarDate, dvcForDate } from '@core/providers/qlm/dvc'
import { createLocalSecretBox } from '@core/secrets'
import { readSettings } from '@core/settings'
import type { Desk, HardwareIdProvider, Identity } from '@core/types'
import type { OsEffects } from '../ui/os'

export const VERSION = '0.1.0'

export const USAGE = `Usage: license-desk [--profile FILE] [--data-dir DIR] [--proxy URL|none] [--json] COMMAND

Options for every command: --hardware-id ID (or LICENSE_DESK_HARDWARE_ID) uses ID as this computer's id.

Commands:
  hwid                                      every id this computer yields, with its recipe, and each product's
  status [PRODUCT]                          local license state per product (with the seat counts)
  activate PRODUCT --key KEY                online activation with a license key
  activate PRODUCT --sso                    sign in with the company account: prints the address to open
                                            in a browser (on this computer) and waits for the sign-in
  activate PRODUCT --user U [--password P] [--license-id N]
                                            online activation with an account (or LICENSE_DESK_PASSWORD);
                                            --license-id picks one of the account's licenses
  licenses PRODUCT --user U [--password P]  the licenses the account holds of the product (pick by id)
  borrow PRODUCT [--until ISO | --hours N]  floating license: borrow it for offline use (default: the longest allowed)
  release PRODUCT                           floating license: return it early so a colleague can take it
  deactivate PRODUCT                        online deactivation
  deactivate PRODUCT --offline [--out FILE] LicenseSpring: writes the request file; QLM: prints the code
  deactivate PRODUCT (--key KEY | --user U [--password P]) [--old-id ID | --receipt FILE] [--offline [--out FILE]]
                                            release a seat License Desk holds no record of: this computer's
                                            (under the profile's recipe) or another computer's
  deactivate --all [--offline [--out DIR]]  every active product; one result each; exits with the worst code
  check [PRODUCT]                           ask the server about this computer's seat (does not activate)
  forget PRODUCT                            remove the local record after a check found the seat gone
  receipts [PRODUCT] [--out FILE]           seat receipts of activations here; --out saves PRODUCT's newest
  offline-request PRODUCT (--key KEY | --user U [--license-id N]) [--out FILE]
                                            LicenseSpring offline activation request file
  import PRODUCT FILE                       import an offline activation response (.lic)
  history                                   past offline deactivations
  diagnostics [--out FILE]                  redacted support information
  dvc --key KEY --computer-id ID --cek CEK [--date YYYY-MM-DD] [--case lower|upper]
                                            compute a QLM deactivation code (for support staff)
  inspect FILE [--shared-key KEY]           decode a request/.lic file (checks a request's signatures)
  ui [--port N] [--no-open] [--save-dir DIR]
                                            the app in the browser (127.0.0.1 only; stops on Ctrl-C or
                                            a short time after its last tab closes)

Network: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or lower case) choose the proxy as curl does, --proxy
overrides them; NODE_EXTRA_CA_CERTS adds certificate authorities (a PEM file).

Exit codes: 0 ok, 2 usage, 3 profile, 4 network or server unavailable, 5 refused by the server,
6 local state or file problem, 130 cancelled, 1 unexpected.`

export { EXIT, exitCodeFor }

export interface CliIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Injected in tests; the real one reads the OS machine id (see @core/hwid). */
  hardwareId?: HardwareIdProvider
  fetch?: typeof fetch
  signal?: AbortSignal
  resourcesDir?: string
  /** Run after the command, whatever its outcome (set by main). */
  after?: Array<() => void>
  /** `ui`: the OS effects (open a browser, show a file in its folder); default from LICENSE_DESK_RECORD_OS_EFFECTS, else real. */
  os?: OsEffects
  /** `ui`: the built renderer; default out/renderer. */
  rendererDir?: string
}

function usage(message: string): never {
  throw new LicenseDeskError('invalid_input', message)
}

const OPTIONS = {
  profile: { type: 'string' },
  'data-dir': { type: 'string' },
  proxy: { type: 'string' },
  json: { type: 'boolean', default: false },
  key: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  offline: { type: 'boolean', default: false },
  out: { type: 'string' },
  'computer-id': { type: 'string' },
  cek: { type: 'string' },
  date: { type: 'string' },
  case: { type: 'string' },
  'shared-key': { type: 'string' },
  'hardware-id': { type: 'string' },
  'old-id': { type: 'string' },
  receipt: { type: 'string' },
  all: { type: 'boolean', default: false },
  'license-id': { type: 'string' },
  sso: { type: 'boolean', default: false },
  until: { type: 'string' },
  hours: { type: 'string' },
  port: { type: 'string' },
  'no-open': { type: 'boolean', default: false },
  'save-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false }
} as const

export type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }

export async function main(argv: string[], ioIn: CliIo): Promise<number> {
  const io: CliIo = { ...ioIn, after: [] }
  let json = argv.includes('--json')
  try {
    let parsed: { values: unknown; positionals: string[] }
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
    } catch (e) {
      usage(`${(e as Error).message.replace(/\. To specify.*$/s, '')}. Run license-desk --help.`)
    }
    const v = parsed.values as Values
    json = Boolean(v.json)
    // `--profile "$UNSET"` must not quietly fall back to another profile, nor `--out ""` to the folder.
    for (const [name, value] of Object.entries(v)) if (value === '') usage(`--${name} needs a value; it was given an empty one.`)
    const [command, ...args] = parsed.positionals
    if (v.help || command === 'help') {
      out(io, json, { usage: USAGE }, USAGE)
      return EXIT.ok
    }
    if (v.version) {
      out(io, json, { version: VERSION }, VERSION)
      return EXIT.ok
    }
    if (!command) usage('Give a command. Run license-desk --help for the list.')
    return (await run(command, args, v, io, json)) ?? EXIT.ok
  } catch (e) {
    const info = toErrorInfo(e)
    if (json) io.stdout(JSON.stringify({ ok: false, error: info }) + '\n')
    else {
      const hint = NEXT_STEP_HINT[info.nextStep]
      io.stderr(`license-desk: ${info.message}${hint ? ` Next: ${hint}.` : ''} [${info.code}${info.serverCode ? `/${info.serverCode}` : ''}]\n`)
    }
    return exitCodeFor(info)
  } finally {
    for (const fn of io.after!) fn()
  }
}

function out(io: CliIo, json: boolean, value: Record<string, unknown>, human: string): void {
  io.stdout(json ? JSON.stringify({ ok: true, ...value }) + '\n' : human.endsWith('\n') ? human : human + '\n')
}

function need(args: string[], n: number, what: string): string[] {
  if (args.length < n) usage(`Missing ${what}. Run license-desk --help.`)
  if (args.length > n) usage(`Unexpected argument "${args[n]}". Run license-desk --help.`)
  return args
}

function resourcesDir(io: CliIo): string {
  return io.resourcesDir ?? resolve(__dirname, '..', '..', 'resources')
}

/**
 * The core over the CLI's adapters; the state file is written by the core's own atomic writer. Every
 * command builds its desk here, the browser mode (`ui`) included, so the settings and the network set-up
 * apply alike.
 */
export async function makeDesk(
  v: Values,
  io: CliIo,
  /** Adjusts the loaded profile before the desk uses it (`ui` points the demo profile at its local server). */
  prepare?: (profile: Profile, demo: boolean, dataDir: string) => Promise<Profile>,
  /** Opens the SSO sign-in page (`ui`: in the default browser); by default the address is printed. */
  openSignIn?: (url: string) => Promise<void> | void
): Promise<{ desk: Desk; dataDir: string; profile: Profile; demo: boolean }> {
  const settings = readSettings(io.env)
  const dataDir = resolve(io.cwd, v['data-dir'] ?? defaultDataDir(io.env))
  const { path, demo } = resolveProfilePath({ explicit: v.profile && resolve(io.cwd, v.profile), env: io.env, resourcesDir: resourcesDir(io) })
  let profile = loadProfile(path)
  if (prepare) profile = await prepare(profile, demo, dataDir)
  const network = cliNetwork(v, io, profile)
  const statePath = stateFilePath(dataDir)
  const desk = createDesk({
    profile,
    statePath,
    secrets: createLocalSecretBox(dataDir),
    hardwareId: computerIds(v, io),
    fetch: io.fetch ?? network.fetch,
    networkInfo: network.info,
    appVersion: VERSION,
    // SSO: the identity provider's page opens in a browser (`ui`: the default browser; other commands print the
    // address); the core's loopback listener waits for the answer.
    openSignIn:
      openSignIn ?? ((url) => io.stderr(`Open this address in a web browser on this computer to sign in:\n  ${url}\nWaiting for the sign-in to finish (Ctrl-C to stop)…\n`)),
    ...settings
  })
  // A damaged state file is moved aside when first read: say so once the command has run.
  io.after?.push(() => {
    const moved = desk.stateMovedTo?.()
    if (moved)
      io.stderr(`license-desk: warning: the state file was damaged; it was moved to ${moved} and a fresh one was started. Keep that file for support if a license is missing.\n`)
  })
  return { desk, dataDir, profile, demo }
}

/**
 * The network set-up of every CLI command that talks to a server (and of the browser mode, which builds
 * its desk here too): --proxy, the profile's network section, HTTPS_PROXY / HTTP_PROXY / NO_PROXY and
 * NODE_EXTRA_CA_CERTS.
 */
export function cliNetwork(v: Pick<Values, 'proxy'>, io: Pick<CliIo, 'env'>, profile: Profile): NodeNetwork {
  if (v.proxy !== undefined) {
    const why = validateProxyUrl(v.proxy)
    if (why) usage(`--proxy: ${why}.`)
  }
  return createNodeNetwork({ env: io.env, proxyOption: v.proxy, profile: profile.network })
}

/** This computer's ids by recipe; --hardware-id / LICENSE_DESK_HARDWARE_ID (IT staff who know the id) wins. */
function computerIds(v: Values, io: CliIo) {
  if (io.hardwareId) return io.hardwareId
  const given = v['hardware-id'] ?? io.env.LICENSE_DESK_HARDWARE_ID
  const from = v['hardware-id'] !== undefined ? '--hardware-id' : 'LICENSE_DESK_HARDWARE_ID'
  return createComputerIds({ ...(given !== undefined ? { override: { id: given, from } } : {}), env: io.env })
}

/** "2 of 3 seats in use, 9 transfers left" from what the server last said. */
export function seatsLine(s: SeatCounts | undefined): string | undefined {
  if (!s) return undefined
  const parts: string[] = []
  if (s.inUse !== undefined && s.max !== undefined) parts.push(`${s.inUse} of ${s.max} seats in use`)
  else if (s.inUse !== undefined) parts.push(`${s.inUse} seats in use`)
  if (s.maxTransfers !== undefined && s.transfers !== undefined) parts.push(`${Math.max(0, s.maxTransfers - s.transfers)} transfers left`)
  else if (s.transfers !== undefined) parts.push(`${s.transfers} transfers so far`)
  return parts.length ? `${parts.join(', ')} (server, ${s.at})` : undefined
}

const VERDICT_TEXT = {
  ok: 'the server confirms this computer’s seat.',
  gone: 'the server no longer holds this computer’s seat (it was released elsewhere, or the license was removed).',
  disabled: 'the server says the license is disabled.',
  expired: 'the server says the license has expired.',
  not_confirmed: 'the server does not confirm this computer’s seat.'
} as const

function describeCandidates(c: ComputerIdCandidate[]): string {
  return c.map((x) => `  ${x.recipe.padEnd(20)} ${x.id ? `${x.id}  (${x.source})` : `none: ${x.error?.message} [${x.error?.code}]`}`).join('\n')
}

function describeProduct(p: ProductSummary): string {
  const state = {
    active: 'active',
    inactive: 'not activated',
    'offline-deactivated': 'deactivated offline (waiting for the vendor to receive the proof)',
    'offline-activation-pending': 'offline activation requested (import the .lic file)'
  }[p.state]
  const lines = [`${p.id}  ${p.name} [${p.provider}]: ${state}`]
  if (p.state === 'offline-deactivated') lines.push(...pendingProof(p.lastOffline))
  if (p.license) {
    if (p.license.keyHint) lines.push(`    key ${p.license.keyHint}`)
    if (p.license.username) lines.push(`    user ${p.license.username}`)
    if (p.license.licenseType) lines.push(`    type ${p.license.licenseType}${p.license.expiresAt ? `, valid until ${p.license.expiresAt}` : ''}`)
    if (p.license.licenseId !== undefined) lines.push(`    license id ${p.license.licenseId}`)
    const f = p.license.floating
    if (f)
      lines.push(
        `    floating: ${f.users} computer${f.users === 1 ? '' : 's'} at a time${f.canBorrow ? `, can be borrowed for up to ${f.maxBorrowHours} hours` : ', cannot be borrowed'}`,
        ...(f.borrowedUntil ? [`    borrowed until ${f.borrowedUntil} (${countdown(Date.parse(f.borrowedUntil) - Date.now())} left)`] : [])
      )
    lines.push(`    activated ${p.license.activatedAt}${p.license.activatedOffline ? ' (offline)' : ''}`)
    lines.push(`    computer id ${p.license.hardwareId}${p.license.hardwareIdSource ? ` (${p.license.hardwareIdSource})` : ''}`)
    const seats = seatsLine(p.license.seats)
    if (seats) lines.push(`    ${seats}`)
    if (p.license.lastCheck) lines.push(`    last check ${p.license.lastCheck.at}: ${VERDICT_TEXT[p.license.lastCheck.verdict]}`)
  }
  return lines.join('\n')
}

/** After an offline deactivation: what the vendor still needs, and how to tell it has it. */
function pendingProof(r: HistoryRecord | undefined): string[] {
  const blind = "    License Desk cannot see the vendor's side:"
  if (r?.kind === 'licensespring-file')
    return [
      `    next: upload ${r.filePath} at ${r.portalUrl ?? 'the vendor’s offline portal'}`,
      `${blind} the portal's answer to the upload (request ${r.requestId}) tells you the seat is free.`
    ]
  if (r?.kind === 'qlm-dvc')
    return [
      `    next: enter the code ${groupCode(r.code)} (valid ${r.validFor} only) on the vendor's release page, or send it to support (license-desk history)`,
      `${blind} the release page's answer, or support's, tells you the seat is free.`
    ]
  return [`${blind} the vendor's portal or support tells you whether the seat is free.`]
}

function describeRecord(r: HistoryRecord): string {
  if (r.kind === 'licensespring-file')
    return [
      `Offline deactivation of ${r.productName} saved ${r.at}`,
      `  file     ${r.filePath}`,
      `  sha256   ${r.sha256}`,
      `  request  ${r.requestId}`,
      ...(r.portalUrl ? [`  portal   ${r.portalUrl}`] : [])
    ].join('\n')
  return [
    `Deactivation code for ${r.productName} (${r.at})`,
    `  code       ${groupCode(r.code)}`,
    `  valid for  ${r.validFor} (one day)`,
    `  computer   ${r.computerId}`,
    ...(r.selfHelpUrl ? [`  self-help  ${r.selfHelpUrl}`] : [])
  ].join('\n')
}

/** "2 d 3 h", "5 h 12 min", "4 min": how long until a borrowed license goes back. */
export function countdown(ms: number): string {
  if (ms <= 0) return 'no time'
  const min = Math.floor(ms / 60_000)
  const d = Math.floor(min / 1440)
  const h = Math.floor((min % 1440) / 60)
  const m = min % 60
  if (d > 0) return `${d} d ${h} h`
  if (h > 0) return `${h} h ${m} min`
  return `${Math.max(m, 1)} min`
}

function licenseId(v: Values): { licenseId?: number } {
  if (v['license-id'] === undefined) return {}
  const n = Number(v['license-id'])
  if (!Number.isInteger(n) || n <= 0) usage('--license-id is a license id number (see license-desk licenses PRODUCT --user U).')
  return { licenseId: n }
}

function password(v: Values, io: CliIo): string {
  const p = v.password ?? io.env.LICENSE_DESK_PASSWORD
  if (!p) usage('Give the password with --password or the LICENSE_DESK_PASSWORD environment variable.')
  return p
}

export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}

function progress(io: CliIo, json: boolean) {
  return (e: { step: string; attempt?: number; delayMs?: number }) => {
    if (json) return
    if (e.step === 'contacting') io.stderr('Contacting the license server…\n')
    if (e.step === 'retrying') io.stderr(`Retrying (attempt ${e.attempt}) in ${((e.delayMs ?? 0) / 1000).toFixed(1)} s…\n`)
  }
}

function clockNote(offset: number | undefined): string {
  if (offset === undefined) return ''
  const min = Math.round(Math.abs(offset) / 60000)
  return `\nNote: this computer's clock is ${min} minute${min === 1 ? '' : 's'} ${offset > 0 ? 'behind' : 'ahead of'} the license server's; set the correct time.`
}

async function run(command: string, args: string[], v: Values, io: CliIo, json: boolean): Promise<number | void> {
  const opts = { signal: io.signal, onProgress: progress(io, json) }
  switch (command) {
    case 'hwid': {
      need(args, 0, '')
      // Every id this computer yields, with its recipe, and the one each product of the profile uses.
      let ids: Awaited<ReturnType<Desk['computerIds']>>
      try {
        ids = await (await makeDesk(v, io)).desk.computerIds()
      } catch (e) {
        // Without a usable profile the built-in recipes still show.
        if (!['profile_invalid', 'profile_not_found'].includes(toErrorInfo(e).code)) throw e
        const hw = computerIds(v, io)
        ids = { candidates: (await hw.candidates?.()) ?? [], products: [] }
      }
      const hw = await computerIds(v, io).get()
      const products = ids.products.map((p) => `  ${p.productId.padEnd(20)} ${p.recipe}: ${p.id ?? `none (${p.error?.code})`}`).join('\n')
      return out(
        io,
        json,
        { hardwareId: hw.id, source: hw.source, candidates: ids.candidates, products: ids.products },
        `${hw.id}\nsource: ${hw.source}\n\nEvery id this computer yields, by recipe:\n${describeCandidates(ids.candidates)}${products ? `\n\nEach product's recipe and id:\n${products}` : ''}`
      )
    }
    case 'status': {
      if (args.length > 1) usage(`Unexpected argument "${args[1]}".`)
      const { desk } = await makeDesk(v, io)
      const s = await desk.status()
      const products = args[0] ? s.products.filter((p) => p.id === args[0]) : s.products
      if (args[0] && products.length === 0) usage(`There is no product "${args[0]}" in the vendor profile. Known: ${s.products.map((p) => p.id).join(', ')}.`)
      const hw = s.hardware ? `Hardware id: ${s.hardware.id} (${s.hardware.source})` : `Hardware id: unavailable (${s.hardwareError?.message})`
      return out(io, json, { ...s, products }, [hw, '', ...products.map(describeProduct)].join('\n'))
    }
    case 'activate': {
      const [productId] = need(args, 1, 'PRODUCT')
      const { desk } = await makeDesk(v, io)
      let identity: Identity
      if (v.sso) {
        if (v.key !== undefined || v.user !== undefined) usage('--sso signs in with the company account: give no --key or --user.')
        identity = { sso: true as const, ...licenseId(v) }
      } else if (v.key !== undefined && v.user === undefined) identity = { licenseKey: v.key, ...licenseId(v) }
      else if (v.user !== undefined && v.key === undefined) identity = { username: v.user, password: password(v, io), ...licenseId(v) }
      else usage('Give either --key KEY, or --user U with a password.')
      const r = await desk.activateOnline(productId!, identity, opts)
      return out(
        io,
        json,
        { product: r.product, ...(r.clockOffsetMs !== undefined ? { clockOffsetMs: r.clockOffsetMs } : {}) },
        `Activated ${r.product.name} on this computer.${clockNote(r.clockOffsetMs)}`
      )
    }
    case 'deactivate': {
      if (v.all) {
        need(args, 0, '')
        if (v.key !== undefined || v.user !== undefined || v['old-id'] || v.receipt) usage('--all releases the licenses License Desk holds; it takes no key or id.')
        return deactivateAll(v, io, json, opts)
      }
      const [productId] = need(args, 1, 'PRODUCT')
      const { desk } = await makeDesk(v, io)
      if (v.key !== undefined || v.user !== undefined) return releaseByKey(desk, productId!, v, io, json, opts)
      if (v['old-id'] || v.receipt) usage('--old-id and --receipt go with --key KEY (or --user U): the key of the seat to release.')
      if (!v.offline) {
        const held = (await desk.status()).products.find((p) => p.id === productId)
        const seats = seatsLine(held?.license?.seats)
        if (seats && !json) io.stderr(`${held!.name}: ${seats}.\n`)
        if (v.out) usage('--out goes with --offline.')
        const r = await desk.deactivateOnline(productId!, opts)
        return out(
          io,
          json,
          { product: r.product, alreadyReleased: r.alreadyReleased },
          (r.alreadyReleased
            ? `${r.product.name} was already released on the license server (an earlier answer was lost); removed it from this computer.`
            : `Deactivated ${r.product.name}: the seat is free for another computer.`) + clockNote(r.clockOffsetMs)
        )
      }
      // A request file is written (to --out or the profile's file name); a code is printed.
      const writesFile = desk.capabilities(productId!).offlineDeactivation === 'request-file'
      if (!writesFile && v.out) usage('--out is for LicenseSpring products; a QLM product gets a code.')
      const outPath = writesFile ? resolve(io.cwd, v.out ?? desk.offlineFileName(productId!, 'deactivation')) : undefined
      const record = await desk.deactivateOffline(productId!, outPath, opts)
      const steps =
        record.kind === 'licensespring-file'
          ? `\n\nThis computer's license is removed. On a computer with internet:\n  1. Open ${record.portalUrl ?? 'the vendor’s offline portal'}\n  2. Upload ${record.filePath}\n  3. The portal confirms the seat is released.`
          : `\n\nThis computer's license is removed. Send the code to the vendor today${record.selfHelpUrl ? ', or open the self-help link' : ''}.`
      return out(io, json, { record }, describeRecord(record) + steps)
    }
    case 'check': {
      if (args.length > 1) usage(`Unexpected argument "${args[1]}".`)
      const { desk } = await makeDesk(v, io)
      const ids = args[0] ? [args[0]] : (await desk.status()).products.filter((p) => p.state === 'active').map((p) => p.id)
      if (!args[0] && ids.length === 0) return out(io, json, { results: [] }, 'No product is active on this computer: there is nothing to check.')
      const results = await eachProduct(ids, async (id) => {
        const r = await desk.check(id, opts)
        const seats = seatsLine(r.product.license?.seats)
        const lines = [
          `${r.product.name}: ${VERDICT_TEXT[r.verdict]}`,
          ...(r.serverMessage ? [`  The server said: ${r.serverMessage}`] : []),
          ...(seats ? [`  ${seats}`] : []),
          ...(r.offerRemove ? [`  The local record is kept. To remove it from this computer: license-desk forget ${id}`] : [])
        ]
        return { value: { ...r }, human: lines.join('\n') }
      })
      return report(io, json, results, args[0] !== undefined)
    }
    case 'forget': {
      const [productId] = need(args, 1, 'PRODUCT')
      const { desk } = await makeDesk(v, io)
      const product = await desk.forget(productId!)
      return out(io, json, { product }, `Removed the local record of ${product.name} from this computer (the server no longer holds its seat).`)
    }
    case 'receipts': {
      if (args.length > 1) usage(`Unexpected argument "${args[1]}".`)
      const { desk } = await makeDesk(v, io)
      const all = (await desk.receipts()).filter((r) => !args[0] || r.productId === args[0])
      if (v.out) {
        if (!args[0]) usage('Name the product whose newest receipt to save: license-desk receipts PRODUCT --out FILE.')
        const newest = all[0]
        if (!newest) throw new LicenseDeskError('not_active', `There is no seat receipt of ${args[0]} on this computer: one is kept at every activation.`)
        const path = resolve(io.cwd, v.out)
        const { sha256 } = await writeFileAtomic(path, receiptFile(newest))
        return out(
          io,
          json,
          { receipt: newest, file: path, sha256 },
          `Saved the seat receipt of ${newest.productName} (computer id ${newest.hardwareId}) to ${path}. Keep it off this computer.`
        )
      }
      const human = all.length
        ? all
            .map(
              (r) =>
                `${r.productName} (${r.productId}) activated ${r.at}\n  key ${r.keyHint ?? r.username ?? '?'}\n  computer id ${r.hardwareId}${r.hardwareIdSource ? ` (${r.hardwareIdSource})` : ''}${r.hostname ? `\n  host ${r.hostname}` : ''}`
            )
            .join('\n\n')
        : 'No seat receipts yet: one is kept at every activation.'
      return out(io, json, { receipts: all }, human)
    }
    case 'offline-request': {
      const [productId] = need(args, 1, 'PRODUCT')
      const { desk } = await makeDesk(v, io)
      const identity =
        v.key !== undefined && v.user === undefined
          ? { licenseKey: v.key, ...licenseId(v) }
          : v.user !== undefined && v.key === undefined
            ? { username: v.user, ...licenseId(v) }
            : usage('Give either --key KEY or --user U.')
      const outPath = resolve(io.cwd, v.out ?? desk.offlineFileName(productId!, 'activation'))
      const r = await desk.createOfflineActivationRequest(productId!, identity, outPath)
      return out(
        io,
        json,
        { ...r },
        `Saved the activation request ${r.filePath}\n  sha256   ${r.sha256}\n  request  ${r.requestId}\n\nOn a computer with internet, upload it at ${r.portalUrl ?? 'the vendor’s offline portal'}, then run:\n  license-desk import ${productId} ls_activation.lic`
      )
    }
    case 'licenses': {
      const [productId] = need(args, 1, 'PRODUCT')
      if (v.user === undefined) usage('Give the account with --user U (and its password).')
      // writes: the server's clock offset it learns is kept in the state file
      const { desk } = await makeDesk(v, io)
      const list = await desk.listUserLicenses(productId!, { username: v.user, password: password(v, io) }, opts)
      const human = list.length
        ? list
            .map(
              (l) =>
                `${String(l.licenseId).padEnd(8)} ${l.isTrial ? 'trial' : l.licenseType}${l.expiresAt ? `, valid until ${l.expiresAt.slice(0, 10)}` : ''}, ${l.timesActivated} of ${l.maxActivations} seats used${l.floating ? ', floating' : ''}${l.note ? ` — ${l.note}` : ''}`
            )
            .join('\n') + `\n\nActivate one with: license-desk activate ${productId} --user ${v.user} --license-id ID`
        : 'The account holds no license of this product.'
      return out(io, json, { licenses: list }, human)
    }
    case 'borrow': {
      const [productId] = need(args, 1, 'PRODUCT')
      if (v.until !== undefined && v.hours !== undefined) usage('Give --until or --hours, not both.')
      let until: string | null = null
      if (v.until !== undefined) {
        if (Number.isNaN(Date.parse(v.until))) usage('--until is a date and time, e.g. 2026-12-24T18:00:00Z.')
        until = new Date(Date.parse(v.until)).toISOString()
      } else if (v.hours !== undefined) {
        const h = Number(v.hours)
        if (!(h > 0)) usage('--hours is a number of hours greater than 0.')
        until = new Date(Date.now() + h * 3_600_000).toISOString()
      }
      const { desk } = await makeDesk(v, io)
      const r = await desk.borrowFloating(productId!, until, opts)
      const end = r.product.license?.floating?.borrowedUntil
      return out(
        io,
        json,
        { product: r.product },
        `Borrowed ${r.product.name} until ${end} (${end ? countdown(Date.parse(end) - Date.now()) : '?'} from now): it works offline until then. Return it early with: license-desk release ${productId}`
      )
    }
    case 'release': {
      const [productId] = need(args, 1, 'PRODUCT')
      const { desk } = await makeDesk(v, io)
      const r = await desk.releaseFloating(productId!, opts)
      return out(io, json, { product: r.product }, `Returned ${r.product.name}'s floating seat: a colleague can take it now.`)
    }
    case 'import': {
      const [productId, file] = need(args, 2, 'PRODUCT and FILE')
      const { desk } = await makeDesk(v, io)
      const content = await readTextFile(resolve(io.cwd, file!))
      const r = await desk.importOfflineActivation(productId!, content)
      return out(io, json, { product: r.product }, `Activated ${r.product.name} on this computer from ${file}.`)
    }
    case 'history': {
      need(args, 0, '')
      const { desk } = await makeDesk(v, io)
      const h = await desk.history()
      return out(io, json, { history: h }, h.length ? h.map(describeRecord).join('\n\n') : 'No offline deactivations yet.')
    }
    case 'diagnostics': {
      need(args, 0, '')
      const { desk } = await makeDesk(v, io)
      const text = await desk.diagnostics({ cli: VERSION })
      if (v.out) {
        const path = resolve(io.cwd, v.out)
        const { sha256 } = await writeFileAtomic(path, text + '\n')
        return out(io, json, { file: path, sha256 }, `Saved support information to ${path}. It contains no license keys or passwords.`)
      }
      return out(io, json, { diagnostics: JSON.parse(text) as unknown }, text)
    }
    case 'dvc': {
      need(args, 0, '')
      if (!v.key || !v['computer-id'] || !v.cek) usage('dvc needs --key, --computer-id and --cek.')
      const hexCase = v.case ?? 'lower'
      if (hexCase !== 'lower' && hexCase !== 'upper') usage('--case is lower or upper.')
      const date = v.date ?? calendarDate(Date.now(), 'local')
      // Date.parse takes 2024-02-30 as 1 March: only a real calendar date gives a code the server accepts.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date)
        usage('--date is a calendar date YYYY-MM-DD.')
      const code = dvcForDate(v.key, v['computer-id'], v.cek, date, hexCase)
      return out(io, json, { code, validFor: date }, `${code}\nvalid for ${date}`)
    }
    case 'ui': {
      need(args, 0, '')
      // Loaded only for this command, so the other commands start as fast as before.
      const { runUi } = await import('../ui/command')
      return runUi(v, io, json, { makeDesk, resourcesDir: resourcesDir(io), version: VERSION })
    }
    case 'inspect': {
      const [file] = need(args, 1, 'FILE')
      const content = await readTextFile(resolve(io.cwd, file!))
      return out(io, json, ...inspect(content, v['shared-key']))
    }
    default:
      usage(`Unknown command "${command}". Run license-desk --help.`)
  }
}

type Ops = { signal?: AbortSignal; onProgress: ReturnType<typeof progress> }
type Outcome =
  | { productId: string; ok: true; value: Record<string, unknown>; human: string }
  | { productId: string; ok: false; error: ReturnType<typeof toErrorInfo>; exitCode: number }

/** Runs fn for each product, carrying on past a failure (a cancel stops the run). */
async function eachProduct(ids: string[], fn: (id: string) => Promise<{ value: Record<string, unknown>; human: string }>): Promise<Outcome[]> {
  const results: Outcome[] = []
  for (const productId of ids) {
    try {
      results.push({ productId, ok: true, ...(await fn(productId)) })
    } catch (e) {
      const error = toErrorInfo(e)
      results.push({ productId, ok: false, error, exitCode: exitCodeFor(error) })
      if (error.code === 'cancelled') break
    }
  }
  return results
}

/** One result per product (one JSON object with --json); the exit code is the worst of them. */
function report(io: CliIo, json: boolean, results: Outcome[], single: boolean): number {
  const worst = Math.max(EXIT.ok, ...results.map((r) => (r.ok ? EXIT.ok : r.exitCode)))
  const only = results[0]
  if (single && only) {
    if (!only.ok) throw Object.assign(new LicenseDeskError(only.error.code, only.error.message, only.error), {})
    out(io, json, only.value, only.human)
    return EXIT.ok
  }
  if (json) {
    io.stdout(`${JSON.stringify({ ok: worst === EXIT.ok, exitCode: worst, results: results.map((r) => (r.ok ? { productId: r.productId, ok: true, ...r.value } : r)) })}\n`)
    return worst
  }
  for (const r of results) {
    if (r.ok) io.stdout(`${r.human}\n`)
    else {
      const hint = NEXT_STEP_HINT[r.error.nextStep]
      io.stderr(`license-desk: ${r.productId}: ${r.error.message}${hint ? ` Next: ${hint}.` : ''} [${r.error.code}${r.error.serverCode ? `/${r.error.serverCode}` : ''}]\n`)
    }
  }
  return worst
}

/** deactivate --all: every active product, online or offline to a folder; one result each. */
async function deactivateAll(v: Values, io: CliIo, json: boolean, opts: Ops): Promise<number> {
  const { desk } = await makeDesk(v, io)
  if (v.out && !v.offline) usage('--out goes with --offline.')
  const dir = resolve(io.cwd, v.out ?? '.')
  const active = (await desk.status()).products.filter((p) => p.state === 'active')
  if (active.length === 0) {
    out(io, json, { exitCode: EXIT.ok, results: [] }, 'No product is active on this computer: there is nothing to deactivate.')
    return EXIT.ok
  }
  const used = new Set<string>()
  const results = await eachProduct(
    active.map((p) => p.id),
    async (id) => {
      if (!v.offline) {
        const r = await desk.deactivateOnline(id, opts)
        return {
          value: { mode: 'online', product: r.product, alreadyReleased: r.alreadyReleased },
          human: r.alreadyReleased
            ? `${r.product.name}: was already released on the license server; removed from this computer.`
            : `${r.product.name}: deactivated, the seat is free.`
        }
      }
      let outPath: string | undefined
      if (desk.capabilities(id).offlineDeactivation === 'request-file') {
        // Two products may name the same request file: the second gets its product id in front.
        const name = desk.offlineFileName(id, 'deactivation')
        outPath = join(dir, used.has(name) ? `${id}-${name}` : name)
        used.add(name)
      }
      const record = await desk.deactivateOffline(id, outPath, opts)
      return { value: { mode: 'offline', record }, human: describeRecord(record) }
    }
  )
  return report(io, json, results, false)
}

/** deactivate PRODUCT --key KEY: a seat License Desk holds no record of, this computer's or another's. */
async function releaseByKey(desk: Desk, productId: string, v: Values, io: CliIo, json: boolean, opts: Ops): Promise<void> {
  let identity: { licenseKey: string } | { username: string; password?: string }
  if (v.key !== undefined && v.user === undefined) identity = { licenseKey: v.key }
  else if (v.user !== undefined && v.key === undefined) {
    const password = v.password ?? io.env.LICENSE_DESK_PASSWORD
    identity = { username: v.user, ...(password ? { password } : {}) }
  } else usage('Give either --key KEY, or --user U.')
  if (v['old-id'] && v.receipt) usage('Give either --old-id ID or --receipt FILE, not both.')
  const receipt = v.receipt ? parseReceipt(await readTextFile(resolve(io.cwd, v.receipt))) : undefined
  const old = receipt?.hardwareId ?? v['old-id']
  // Which computer loses its seat is said before the call.
  if (old && !json)
    io.stderr(
      `Releasing the seat of another computer, id ${old}${receipt ? ` (${receipt.hostname ? `host ${receipt.hostname}, ` : ''}activated ${receipt.at})` : ''}: that computer loses its license.\n`
    )
  const writesFile = v.offline && desk.capabilities(productId).offlineDeactivation === 'request-file'
  if (!writesFile && v.out) usage(v.offline ? '--out is for LicenseSpring products; a QLM product gets a code.' : '--out goes with --offline.')
  const outPath = writesFile ? resolve(io.cwd, v.out ?? desk.offlineFileName(productId, 'deactivation')) : undefined
  const r = await desk.releaseSeat(
    productId,
    { identity, ...(receipt ? { receipt } : v['old-id'] ? { oldHardwareId: v['old-id'] } : {}), offline: v.offline, ...(outPath ? { outPath } : {}) },
    opts
  )
  const whose = r.otherComputer ? `the other computer (id ${r.hardwareId})` : `this computer (id ${r.hardwareId}, ${r.source})`
  if (r.mode === 'online')
    return out(
      io,
      json,
      { ...r },
      r.alreadyReleased ? `The seat of ${r.productName} on ${whose} was already released.` : `Released the seat of ${r.productName} on ${whose}: it is free for another computer.`
    )
  const steps =
    r.record.kind === 'licensespring-file'
      ? `\n\nOn a computer with internet:\n  1. Open ${r.record.portalUrl ?? 'the vendor’s offline portal'}\n  2. Upload ${r.record.filePath}\n  3. The portal confirms the seat of ${whose} is released.`
      : `\n\nSend the code to the vendor today${r.record.selfHelpUrl ? ', or open the self-help link' : ''}: it releases the seat of ${whose}.`
  return out(io, json, { ...r }, describeRecord(r.record) + steps)
}

function inspect(content: string, sharedKey?: string): [Record<string, unknown>, string] {
  // activate_offline called directly answers the license as plain JSON; files are base64 of JSON.
  const plain = content.trim().startsWith('{')
  const value = plain ? plainJsonObject(content) : decodeBase64Json(content, 'LicenseSpring request or license file').value
  const inner = typeof value.request === 'object' && value.request !== null ? (value.request as Record<string, unknown>) : value
  const looksLikeRequest =
    !plain &&
    (typeof value.request === 'string' || inner !== value || (value.license_signature === undefined && (typeof value.api_key === 'string' || typeof value.client_id === 'string')))
  if (looksLikeRequest) {
    const d = decodeOfflineRequest(content, sharedKey)
    const r = d.request
    const kind = typeof r.request === 'string' ? d.kind : `${d.kind} (the file names no request: taken as a deactivation)`
    const status = (s: string) => (s === 'invalid' ? 'INVALID' : s)
    const lines = [
      `LicenseSpring offline ${kind} request, schema v${d.schemaVersion}`,
      ...['product', 'hardware_id', 'license_key', 'username', 'license_id', 'request_id', 'date', 'api_key', 'client_id', 'sdk_ver']
        .filter((k) => r[k] !== undefined)
        .map((k) => `  ${k.padEnd(12)} ${String(r[k])}`),
      sharedKey === undefined && d.signature !== 'absent' && d.outerSignature !== 'absent'
        ? '  signatures   not checked (give --shared-key)'
        : [
            `  signature    ${status(d.signature)}${d.signature === 'not checked' ? ' (give --shared-key)' : ''}`,
            ...(d.outerSignature !== undefined ? [`  v2 signature ${status(d.outerSignature)}${d.outerSignature === 'not checked' ? ' (give --shared-key)' : ''}`] : [])
          ].join('\n')
    ]
    return [
      {
        type: 'request',
        schemaVersion: d.schemaVersion,
        kind: d.kind,
        request: r,
        signature: d.signature,
        ...(d.outerSignature !== undefined ? { outerSignature: d.outerSignature } : {}),
        signatureValid: d.signatureValid,
        outerSignatureValid: d.outerSignatureValid
      },
      lines.join('\n')
    ]
  }
  const user = typeof value.user === 'object' && value.user !== null ? (value.user as Record<string, unknown>) : undefined
  const fields = ['license_key', 'username', 'hardware_id', 'license_type', 'validity_period', 'request_id', 'date']
  const lines = [
    plain ? 'LicenseSpring license (JSON answer of activate_offline)' : 'LicenseSpring offline license (.lic)',
    ...fields.filter((k) => value[k] !== undefined).map((k) => `  ${k.padEnd(15)} ${String(value[k])}`),
    ...(user?.email !== undefined ? [`  ${'user'.padEnd(15)} ${String(user.email)}`] : []),
    '  signatures      not checked here (import checks them against the vendor profile)'
  ]
  return [{ type: 'license', license: value }, lines.join('\n')]
}

function plainJsonObject(content: string): Record<string, unknown> {
  let v: unknown
  try {
    v = JSON.parse(content)
  } catch {
    throw new LicenseDeskError('file_invalid', 'This is not a LicenseSpring request or license file: its content is not JSON.')
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new LicenseDeskError('file_invalid', 'This is not a LicenseSpring request or license file: its content is not a JSON object.')
  return v as Record<string, unknown>
}
