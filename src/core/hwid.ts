// The hardware id: node-machine-id behind an async wrapper that records where the id came from and
// refuses the two silent failures of the library: an empty machine id (the same hash on every such
// computer) and the hostname fallback.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname as osHostname } from 'node:os'
import { machineId } from 'node-machine-id'
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

function sourceOf(platform: NodeJS.Platform, raw: string, readFile: (p: string) => string | undefined): string {
  switch (platform) {
    case 'win32':
      return 'windows:MachineGuid'
    case 'darwin':
      return 'macos:IOPlatformUUID'
    case 'linux':
      for (const p of ['/var/lib/dbus/machine-id', '/etc/machine-id']) {
        const v = readFile(p)?.replace(/\s+/g, '').toLowerCase()
        if (v && v === raw) return `linux:${p}`
      }
      return 'linux:machine-id'
    default:
      return `${platform}:machine-id`
  }
}

export function createHardwareIdProvider(deps: HwidDeps = {}): HardwareIdProvider {
  const getId = deps.machineId ?? machineId
  const platform = deps.platform ?? process.platform
  const host = deps.hostname ?? osHostname
  const readFile = deps.readFile ?? tryRead
  let cached: Promise<HardwareIdInfo> | undefined

  async function compute(): Promise<HardwareIdInfo> {
    let raw: string
    try {
      raw = (await getId(true)).trim()
    } catch {
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
    if (platform === 'linux' && h && raw === h.replace(/\s+/g, ''))
      throw new LicenseDeskError(
        'hwid_fallback',
        'This computer has no machine id file, and its host name is not a safe substitute. Ask your IT department to set a machine id (systemd-machine-id-setup).'
      )
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
