// Identity helpers both providers use: cleaning what the user typed, and the key hint shown instead of a key.
import { fail } from '../errors'

/** DEMO-STUD-IO00-0001 -> DEMO-••••-••••-0001: enough to recognise a key, not enough to use it. */
export function keyHint(key: string): string {
  const parts = key.split('-')
  if (parts.length >= 3) return parts.map((p, i) => (i === 0 || i === parts.length - 1 ? p : '•'.repeat(p.length))).join('-')
  return key.length <= 6 ? '•'.repeat(key.length) : `${key.slice(0, 3)}${'•'.repeat(key.length - 6)}${key.slice(-3)}`
}

/** A key or user name as typed: surrounding spaces dropped (a pasted key often has some); empty refused. */
export function cleanIdentity<T extends { licenseKey: string } | { username: string; password?: string } | { sso: true }>(identity: T): T {
  if ('sso' in identity) return identity
  if ('licenseKey' in identity) {
    const licenseKey = typeof identity.licenseKey === 'string' ? identity.licenseKey.trim() : ''
    if (!licenseKey) fail('invalid_input', 'The license key is empty: type or paste the key.')
    return { ...identity, licenseKey }
  }
  const username = typeof identity.username === 'string' ? identity.username.trim() : ''
  if (!username) fail('invalid_input', 'The user name is empty: type your user name.')
  if ('password' in identity && !identity.password) fail('invalid_input', 'The password is empty: type your password.')
  return { ...identity, username }
}
