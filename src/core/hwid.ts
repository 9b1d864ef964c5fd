// The hardware id: sha256 of the OS machine id, as node-machine-id computes it, behind an async wrapper
// that records where the id came from and refuses the two silent failures of the library: an empty
// machine id (the same hash on every such computer) and the hostname fallback. On Linux the id is read
// from the machine-id files directly (node-machine-id starts a shell and four processes to read them);
// node-machine-id stays the source on Windows and macOS, loaded only there.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname as osHostname } from 'node:os'
import type { HardwareIdInfo } from '@shared/contract'
import { LicenseDeskError } from './errors'
import type { HardwareIdProvider } from './types'

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

export interface HwidDeps {
  /** node-machine-id's machineId(original): the raw OS id (true) or its sha256 hex (false). */
  machineId?: (original: boolean) => Promise<string>
  platform?: NodeJS.Platform
  hostname?: () => string
  readFile?: (path: string) => string | undefined
}

function tryRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** node-machine-id's Linux sources, in its order. */
export const LINUX_MACHINE_ID_FILES = ['/var/lib/dbus/machine-id', '/etc/machine-id'] as const

/**
 * The raw Linux machine id exactly as node-machine-id derives it: its command is
 * `( cat /var/lib/dbus/machine-id /etc/machine-id 2> /dev/null || hostname ) | head -n 1`, so the
 * first line of the two files' contents concatenated (plus the host name when a file is missing, as
 * cat then fails), lower-cased with all whitespace removed. undefined when neither file can be read
 * (node-machine-id would fall back to the host name, which is refused).
 */
export function linuxMachineId(readFile: (path: string) => string | undefined, hostname: () => string): string | undefined {
  const parts = LINUX_MACHINE_ID_FILES.map((p) => readFile(p))
  if (parts.every((x) => x === undefined)) return undefined
  let text = parts.map((x) => x ?? '').join('')
  if (parts.includes(undefined)) text += `${hostname()}\n`
  const nl = text.indexOf('\n')
  return (nl < 0 ? text : text.slice(0, nl)).replace(/\s+/g, '').toLowerCase()
}

const fallbackError = () =>
  new LicenseDeskError(
    'hwid_fallback',
    'This computer has no machine id file, and its host name is not a safe substitute. Ask your IT department to set a machine id (systemd-machine-id-setup).'
  )

// Loaded only where it is the source (require: lazy alike in the bundles and the test runners).
const nodeMachineId = (original: boolean): Promise<string> => (require('node-machine-id') as typeof import('node-machine-id')).machineId(original)

function sourceOf(platform: NodeJS.Platform, raw: string, readFile: (p: string) => string | undefined): string {
  switch (platform) {
    case 'win32':
      return 'windows:MachineGuid'
    case 'darwin':
      return 'macos:IOPlatformUUID'
    case 'linux':
      for (const p of LINUX_MACHINE_ID_FILES) {
        const v = readFile(p)?.replace(/\s+/g, '').toLowerCase()
        if (v && v === raw) return `linux:${p}`
      }
      return 'linux:machine-id'
    default:
      return `${platform}:machine-id`
  }
}

export function createHardwareIdProvider(deps: HwidDeps = {}): HardwareIdProvider {
  const platform = deps.platform ?? process.platform
  const host = deps.hostname ?? osHostname
  const readFile = deps.readFile ?? tryRead
  const getId =
    deps.machineId ??
    (platform === 'linux'
      ? async () => {
          const id = linuxMachineId(readFile, host)
          if (id === undefined) throw fallbackError()
          return id
        }
      : nodeMachineId)
  let cached: Promise<HardwareIdInfo> | undefined

  async function compute(): Promise<HardwareIdInfo> {
    let raw: string
    try {
      raw = (await getId(true)).trim()
    } catch (e) {
      if (e instanceof LicenseDeskError) throw e
      throw new LicenseDeskError(
        'hwid_unavailable',
        platform === 'win32'
          ? 'This computer’s id could not be read (REG.exe may be blocked by a policy).'
          : platform === 'darwin'
            ? 'This computer’s id could not be read (the ioreg tool was not found).'
            : 'This computer’s id could not be read.'
      )
    }
    const id = createHash('sha256').update(raw).digest('hex')
    if (!raw || id === EMPTY_SHA256)
      throw new LicenseDeskError(
        'hwid_empty',
        'This computer’s machine id is empty, so it cannot be told apart from other computers. Ask your IT department to set a machine id (on Linux: systemd-machine-id-setup).'
      )
    const h = host().trim().toLowerCase()
    if (platform === 'linux' && h && raw === h.replace(/\s+/g, '')) throw fallbackError()
    return { id, source: sourceOf(platform, raw, readFile) }
  }

  return {
    get() {
      cached ??= compute().catch((e) => {
        cached = undefined
        throw e
      })
      return cached
    }
  }
}
