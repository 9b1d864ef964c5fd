// Settings from the environment, validated once: a value that is not a number in range is a named error
// (setting_invalid naming the variable), never a NaN that makes every request time out at once.
import { LicenseDeskError } from './errors'

export interface Settings {
  /** LICENSE_DESK_TIMEOUT_MS: the time limit of one request attempt. */
  timeoutMs?: number
  /** LICENSE_DESK_RETRY_BASE_MS: the base of the retry back-off. */
  retryBaseMs?: number
  /** LICENSE_DESK_DEMO_PORT: the built-in demo server's port (default 4370; 0 takes a free one). */
  demoPort?: number
}

const INTEGER_SETTINGS = [
  { name: 'LICENSE_DESK_TIMEOUT_MS', key: 'timeoutMs', min: 1, max: 3_600_000, what: 'a whole number of milliseconds' },
  { name: 'LICENSE_DESK_RETRY_BASE_MS', key: 'retryBaseMs', min: 0, max: 600_000, what: 'a whole number of milliseconds' },
  { name: 'LICENSE_DESK_DEMO_PORT', key: 'demoPort', min: 0, max: 65_535, what: 'a port number' }
] as const

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const out: Settings = {}
  for (const s of INTEGER_SETTINGS) {
    const raw = env[s.name]
    if (raw === undefined || raw === '') continue // set but empty: unset, as shells mean it
    const text = raw.trim()
    const n = /^\d+$/.test(text) ? Number(text) : NaN
    if (!Number.isSafeInteger(n) || n < s.min || n > s.max)
      throw new LicenseDeskError(
        'setting_invalid',
        `The setting ${s.name} is ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)}: it must be ${s.what} from ${s.min} to ${s.max}. Correct it, or unset it to use the default.`
      )
    out[s.key] = n
  }
  return out
}
