// QLM deactivation verification code (PROTOCOLS.md 2.2):
// MD5 hex of `<activation key without dashes>|<computer id>|<CommunicationEncryptionKey>|<yyyy-MM-dd>`.
import { createHash } from 'node:crypto'

export interface DvcOptions {
  case: 'lower' | 'upper'
  /** Which calendar date the code is made for: this computer's local date or UTC. */
  date: 'local' | 'utc'
}

/** yyyy-MM-dd with ASCII digits on the Gregorian calendar, whatever the user's locale. */
export function calendarDate(ms: number, basis: 'local' | 'utc'): string {
  const d = new Date(ms)
  const y = basis === 'utc' ? d.getUTCFullYear() : d.getFullYear()
  const m = (basis === 'utc' ? d.getUTCMonth() : d.getMonth()) + 1
  const day = basis === 'utc' ? d.getUTCDate() : d.getDate()
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function stripDashes(key: string): string {
  return key.replace(/-/g, '').trim()
}

export function dvcForDate(activationKey: string, computerId: string, cek: string, validFor: string, hexCase: 'lower' | 'upper'): string {
  const hex = createHash('md5')
    .update(`${stripDashes(activationKey)}|${computerId}|${cek}|${validFor}`, 'utf8')
    .digest('hex')
  return hexCase === 'upper' ? hex.toUpperCase() : hex
}

export function computeDvc(i: { activationKey: string; computerId: string; cek: string; nowMs: number; options: DvcOptions }) {
  const validFor = calendarDate(i.nowMs, i.options.date)
  return { code: dvcForDate(i.activationKey, i.computerId, i.cek, validFor, i.options.case), validFor }
}
