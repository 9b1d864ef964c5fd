// Computer-id recipes (PROTOCOLS.md section 3): how the id a product's server knows this computer by is
// computed. The vendor profile chooses one per product (licensespring.hardwareId, qlm.computerId), so
// License Desk can release a seat the vendor's own product took through its SDK. Every recipe refuses
// the silent failures: an empty id (the same on every such computer) and the host-name fallback.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname as osHostname } from 'node:os'
import type { ComputerIdCandidate, HardwareIdInfo } from '@shared/contract'
import { LicenseDeskError, toErrorInfo } from './errors'
import { createHardwareIdProvider, EMPTY_SHA256, type HwidDeps } from './hwid'
import type { HardwareIdProvider } from './types'

/** A recipe as a product's provider asks for it; `name` is the profile's word for it. */
export type IdRecipe =
  | { kind: 'node-machine-id'; name: string }
  | { kind: 'licensespring'; name: string }
  | { kind: 'computer-name'; name: string }
  | { kind: 'command'; name: string; command: string[]; timeoutMs: number; allowSpaces: boolean }

/** Today's id: sha256 of node-machine-id's raw id (the default of both providers). */
export const DEFAULT_RECIPE: IdRecipe = { kind: 'node-machine-id', name: 'node-machine-id' }

/** The protocols' limits on an id given as text: QLM accepts 1-255 characters without spaces. */
export const ID_MAX_LENGTH = 255

/** The Linux files the LicenseSpring SDKs read, in their order (the reverse of node-machine-id's). */
export const LICENSESPRING_LINUX_FILES = ['/etc/machine-id', '/var/lib/dbus/machine-id'] as const

export interface RecipeDeps extends HwidDeps {
  /** Runs a program without a shell; resolves with its standard output, rejects on failure or timeout. */
  run?: (file: string, args: string[], timeoutMs: number) => Promise<string>
  /** An id IT staff gave (--hardware-id / LICENSE_DESK_HARDWARE_ID): used for every recipe. */
  override?: { id: string; from: string }
  env?: NodeJS.ProcessEnv
}

function tryRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

function emptyError(what: string): LicenseDeskError {
  return new LicenseDeskError(
    'hwid_empty',
    `${what} is empty, so it cannot be told apart from other computers. Ask your IT department to set a machine id (on Linux: systemd-machine-id-setup).`
  )
}

function fallbackError(what: string): LicenseDeskError {
  return new LicenseDeskError(
    'hwid_fallback',
    `${what} is this computer's host name, which is not a safe substitute for a machine id. Ask your IT department to set a machine id (systemd-machine-id-setup).`
  )
}

/**
 * An id given as text (a vendor program's output, --hardware-id): one line of printable text within the
 * protocols' limits; no spaces where the server refuses them; never empty, never the host name.
 */
export function checkIdText(text: string, what: string, opts: { allowSpaces: boolean; hostname: string }): string {
  const line = text.replace(/\r?\n$/, '')
  if (/[\r\n]/.test(line)) throw new LicenseDeskError('hwid_invalid', `${what} is more than one line; it must be exactly one line with the id.`)
  const id = line.trim()
  if (!id) throw emptyError(what)
  if (id.length > ID_MAX_LENGTH) throw new LicenseDeskError('hwid_invalid', `${what} is ${id.length} characters long; an id is at most ${ID_MAX_LENGTH}.`)
  // Printable: no control characters (C0, DEL, C1) and no unpaired surrogates.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id) || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(id))
    throw new LicenseDeskError('hwid_invalid', `${what} contains characters that are not printable text.`)
  if (!opts.allowSpaces && /\s/.test(id)) throw new LicenseDeskError('hwid_invalid', `${what} contains spaces, which this license server refuses in an id.`)
  if (id === EMPTY_SHA256) throw emptyError(what)
  const h = opts.hostname.trim()
  if (h && id.toLowerCase() === h.toLowerCase())
    throw new LicenseDeskError(
      'hwid_fallback',
      `${what} is this computer's host name, which is not a safe substitute for a machine id. If the vendor's product really uses the computer name, the profile's recipe is computer-name.`
    )
  return id
}

function defaultRun(file: string, args: string[], timeoutMs: number): Promise<string> {
  // Loaded only for a command recipe: a CLI command that runs no program loads no child_process.
  const { execFile } = require('node:child_process') as typeof import('node:child_process')
  return new Promise((resolve, reject) => {
    execFile(file, args, { shell: false, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, windowsHide: true, encoding: 'utf8' }, (err, stdout) => {
      if (err) reject(err)
      else resolve(stdout)
    })
  })
}

/** Where a failed command went wrong, as a user can act on it (never the program's output). */
function commandError(program: string, timeoutMs: number, e: unknown): LicenseDeskError {
  const err = e as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number }
  const why =
    err?.code === 'ENOENT'
      ? 'was not found'
      : err?.code === 'EACCES'
        ? 'may not be run (no execute permission)'
        : err?.killed || err?.signal === 'SIGKILL'
          ? `did not answer within ${Math.round(timeoutMs / 100) / 10} s`
          : err?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
            ? 'printed far more than one id'
            : typeof err?.code === 'number'
              ? `failed (exit code ${err.code})`
              : 'failed'
  return new LicenseDeskError(
    'hwid_unavailable',
    `The vendor's id program ${program} ${why}, so this computer's id for the product is unknown. Reinstall the vendor's product, or ask its support.`,
    {},
    { cause: e }
  )
}

/**
 * This computer's ids by recipe. get(recipe) is cached per recipe; candidates(recipes) computes each of
 * the given recipes (and the built-in ones) and reports every id, or why there is none, with its recipe.
 */
export function createComputerIds(deps: RecipeDeps = {}): HardwareIdProvider & { candidates(recipes?: IdRecipe[]): Promise<ComputerIdCandidate[]> } {
  const platform = deps.platform ?? process.platform
  const host = deps.hostname ?? osHostname
  const readFile = deps.readFile ?? tryRead
  const env = deps.env ?? process.env
  const run = deps.run ?? defaultRun
  const base = createHardwareIdProvider(deps)
  // Loaded only where it is the source (require, as in ./hwid.ts: lazy alike in the bundles and the test runners).
  const machineId = deps.machineId ?? ((original: boolean) => (require('node-machine-id') as typeof import('node-machine-id')).machineId(original))
  const cache = new Map<string, Promise<HardwareIdInfo>>()

  async function rawOsId(): Promise<string> {
    try {
      return (await machineId(true)).trim()
    } catch (e) {
      throw new LicenseDeskError(
        'hwid_unavailable',
        platform === 'win32'
          ? 'This computer’s MachineGuid could not be read (REG.exe may be blocked by a policy).'
          : 'This computer’s hardware UUID could not be read (the ioreg tool was not found).',
        {},
        { cause: e }
      )
    }
  }

  async function licenseSpring(): Promise<HardwareIdInfo> {
    if (platform === 'linux') {
      for (const path of LICENSESPRING_LINUX_FILES) {
        const text = readFile(path)
        if (text === undefined) continue
        // Exactly as the file holds it, case kept: only the line end goes.
        const raw = (text.split('\n')[0] ?? '').trim()
        if (!raw) throw emptyError(`The machine id in ${path}`)
        if (raw.toLowerCase() === host().trim().toLowerCase()) throw fallbackError(`The machine id in ${path}`)
        return { id: sha256(raw), source: `licensespring:linux:${path}` }
      }
      throw new LicenseDeskError(
        'hwid_fallback',
        'This computer has no machine id file (/etc/machine-id), and its host name is not a safe substitute. Ask your IT department to set a machine id (systemd-machine-id-setup).'
      )
    }
    const raw = await rawOsId()
    if (!raw) throw emptyError('This computer’s machine id')
    // macOS: the hardware UUID in upper case, as ioreg prints it. Windows: the SDK's default (a WMI
    // fingerprint) cannot be reproduced; this is its MachineGuid algorithm.
    if (platform === 'darwin') return { id: sha256(raw.toUpperCase()), source: 'licensespring:macos:IOPlatformUUID' }
    if (platform === 'win32') return { id: sha256(raw), source: 'licensespring:windows:MachineGuid' }
    return { id: sha256(raw), source: `licensespring:${platform}:machine-id` }
  }

  function computerName(): HardwareIdInfo {
    // QLM's ComputerName binding reads .NET's Environment.MachineName: the NetBIOS name on Windows,
    // the host name up to its first dot elsewhere.
    const name = platform === 'win32' ? (env.COMPUTERNAME ?? host().split('.')[0]!.toUpperCase()) : host().split('.')[0]!
    const id = name.trim()
    if (!id) throw emptyError('This computer’s name')
    if (/\s/.test(id) || id.length > ID_MAX_LENGTH) throw new LicenseDeskError('hwid_invalid', 'This computer’s name contains spaces or is too long to be a QLM computer id.')
    return { id, source: platform === 'win32' ? 'computer-name:COMPUTERNAME' : 'computer-name:hostname' }
  }

  async function command(r: Extract<IdRecipe, { kind: 'command' }>): Promise<HardwareIdInfo> {
    const [program, ...args] = r.command
    let out: string
    try {
      out = await run(program!, args, r.timeoutMs)
    } catch (e) {
      throw commandError(program!, r.timeoutMs, e)
    }
    const id = checkIdText(out, `The output of the vendor's id program ${program}`, { allowSpaces: r.allowSpaces, hostname: host() })
    return { id, source: `command:${program}` }
  }

  async function compute(r: IdRecipe): Promise<HardwareIdInfo> {
    if (deps.override) {
      const id = checkIdText(deps.override.id, `The hardware id given with ${deps.override.from}`, {
        allowSpaces: r.kind !== 'command' || r.allowSpaces,
        hostname: host()
      })
      return { id, source: `override:${deps.override.from}` }
    }
    switch (r.kind) {
      case 'node-machine-id':
        return base.get()
      case 'licensespring':
        return licenseSpring()
      case 'computer-name':
        return computerName()
      case 'command':
        return command(r)
    }
  }

  const keyOf = (r: IdRecipe) => (r.kind === 'command' ? `command:${JSON.stringify(r.command)}` : r.kind)

  function get(recipe: IdRecipe = DEFAULT_RECIPE): Promise<HardwareIdInfo> {
    const k = keyOf(recipe)
    let p = cache.get(k)
    if (!p) {
      p = compute(recipe).catch((e) => {
        cache.delete(k)
        throw e
      })
      cache.set(k, p)
    }
    return p
  }

  return {
    get,
    async candidates(recipes = []) {
      const all: IdRecipe[] = [DEFAULT_RECIPE, { kind: 'licensespring', name: 'licensespring' }, { kind: 'computer-name', name: 'computer-name' }, ...recipes]
      const seen = new Set<string>()
      const out: ComputerIdCandidate[] = []
      for (const r of all) {
        const k = keyOf(r)
        if (seen.has(k)) continue
        seen.add(k)
        const label = r.kind === 'command' ? `command (${r.command[0]})` : r.kind
        try {
          const hw = await get(r)
          out.push({ recipe: label, id: hw.id, source: hw.source })
        } catch (e) {
          const info = toErrorInfo(e)
          out.push({ recipe: label, error: { code: info.code, message: info.message } })
        }
      }
      return out
    }
  }
}

/** A profile's recipe setting as the recipe to compute; `allowSpaces` is false where the server refuses spaces in an id. */
export function recipeFromSetting(setting: string | { command: string[]; timeoutMs: number }, allowSpaces: boolean): IdRecipe {
  if (typeof setting !== 'string') return { kind: 'command', name: 'command', command: setting.command, timeoutMs: setting.timeoutMs, allowSpaces }
  if (setting === 'licensespring') return { kind: 'licensespring', name: setting }
  if (setting === 'computer-name') return { kind: 'computer-name', name: setting }
  return { kind: 'node-machine-id', name: setting }
}

/** The other recipe names a provider offers, and the override, to suggest when the server holds no seat under the id sent. */
export function otherRecipeNames(all: readonly string[], current: IdRecipe): string[] {
  return [...all.filter((n) => n !== current.name), '--hardware-id']
}
