// LicenseSpring License API v4 request authorization (PROTOCOLS.md 1.1 and 1.4).
import { createHmac } from 'node:crypto'

/** base64 HMAC-SHA256 with the vendor's shared key. */
export function hmacBase64(sharedKey: string, message: string | Buffer): string {
  return createHmac('sha256', Buffer.from(sharedKey, 'utf8')).update(message).digest('base64')
}

/** The byte-exact signing string: `licenseSpring\ndate: <date>` (capital S, no trailing newline). */
export function signingString(date: string): string {
  return `licenseSpring\ndate: ${date}`
}

export function signDate(sharedKey: string, date: string): string {
  return hmacBase64(sharedKey, signingString(date))
}

export function authorizationHeader(apiKey: string, signature: string): string {
  return `algorithm="hmac-sha256",headers="date",signature="${signature}",apikey="${apiKey}"`
}

/** RFC 7231 IMF-fixdate, computed once per request and used in both the header and the signature. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString()
}

export function signedHeaders(apiKey: string, sharedKey: string, nowMs: number): Record<string, string> {
  const date = httpDate(nowMs)
  return {
    Date: date,
    Authorization: authorizationHeader(apiKey, signDate(sharedKey, date)),
    Accept: 'application/json'
  }
}

/** OAuth: the bearer token plus the same Date header an HMAC-signed request carries. */
export function bearerHeaders(token: string, nowMs: number): Record<string, string> {
  return { Date: httpDate(nowMs), Authorization: `Bearer ${token}`, Accept: 'application/json' }
}

/** The offline request signature (schema v1, and the v1 signature kept inside v2). */
export function offlineSignature(sharedKey: string, f: { date: string; identity: string; hardwareId: string; apiKey: string }): string {
  return hmacBase64(sharedKey, `licenseSpring\ndate: ${f.date}\n${f.identity}\n${f.hardwareId}\n${f.apiKey}`)
}
