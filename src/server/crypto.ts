// The server's own signature, HMAC and DVC code. Written independently of the client (src/core) on
// purpose: a recipe mistake on one side is caught by tests against the other. Do not share helpers.
import { createHash, createHmac, createSign, timingSafeEqual, type KeyObject } from 'node:crypto'

/** The License API request signing string: `licenseSpring\ndate: <Date>` (capital S, one space). */
export function lsRequestSigningString(date: string): string {
  return ['licenseSpring', `date: ${date}`].join('\n')
}

/** base64(HMAC-SHA256(sharedKey, message)) */
export function hmacBase64(sharedKey: string, message: string | Buffer): string {
  return createHmac('sha256', Buffer.from(sharedKey, 'utf8')).update(message).digest('base64')
}

/** Constant-time comparison of a received base64 signature with the expected one. */
export function base64SignatureEquals(received: string, expectedB64: string): boolean {
  if (received.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(received)) return false
  const a = Buffer.from(received, 'base64')
  const b = Buffer.from(expectedB64, 'base64')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Verifies the Authorization signature for a request Date. */
export function verifyLsRequestSignature(sharedKey: string, date: string, signature: string): boolean {
  return base64SignatureEquals(signature, hmacBase64(sharedKey, lsRequestSigningString(date)))
}

/**
 * The offline request/response signature:
 * `licenseSpring\ndate: <date>\n<license_key or username>\n<hardware_id>\n<api_key or client_id>`.
 */
export function lsOfflineSigningString(date: string, identity: string, hardwareId: string, apiKey: string): string {
  return `licenseSpring\ndate: ${date}\n${identity}\n${hardwareId}\n${apiKey}`
}

/** RSASSA-PKCS1-v1_5 with SHA-256, base64. */
export function rsaSignBase64(key: KeyObject, data: string | Buffer): string {
  return createSign('RSA-SHA256').update(data).sign(key).toString('base64')
}

/** The lowercase `license_signature` payload: `<hardware_id>#<key or username>#<validity ISO or empty>`. */
export function licenseSignaturePayload(hardwareId: string, identity: string, validityIso: string | null): string {
  return `${hardwareId}#${identity}#${validityIso ?? ''}`.toLowerCase()
}

/** QLM activation key normal form: no dashes/spaces, upper case. */
export function normalizeQlmKey(key: string): string {
  return key.replace(/[-\s]/g, '').toUpperCase()
}

/** QLM Deactivation Verification Code: MD5 hex of `<key w/o dashes>|<computer id>|<encryption key>|<yyyy-MM-dd>`. */
export function qlmDvc(activationKey: string, computerId: string, encryptionKey: string, day: string): string {
  const keyNoDashes = activationKey.replace(/-/g, '')
  return createHash('md5').update(`${keyNoDashes}|${computerId}|${encryptionKey}|${day}`, 'utf8').digest('hex')
}

/** yyyy-MM-dd of an instant, in UTC or in the server's local time zone; Gregorian ASCII digits. */
export function isoDay(ms: number, basis: 'utc' | 'local'): string {
  const d = new Date(ms)
  const y = basis === 'utc' ? d.getUTCFullYear() : d.getFullYear()
  const m = (basis === 'utc' ? d.getUTCMonth() : d.getMonth()) + 1
  const day = basis === 'utc' ? d.getUTCDate() : d.getDate()
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** A deterministic QLM computer key for (activation key, computer id): 5 groups of 5 characters. */
export function qlmComputerKey(secret: string, normalizedKey: string, computerId: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const digest = createHmac('sha256', secret).update(`${normalizedKey}|${computerId}`).digest()
  let out = ''
  for (let i = 0; i < 25; i++) {
    if (i > 0 && i % 5 === 0) out += '-'
    out += alphabet[digest[i] % alphabet.length]
  }
  return out
}
