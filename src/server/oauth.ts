// OAuth client credentials for the local License API, in the shape of the vendor's Keycloak realm:
// a token endpoint (grant_type=client_credentials) issuing short-lived bearer tokens, and their check.
// Tokens are HS256 JWTs signed with a key made at server start, so a token is recognised as malformed
// (not ours, or altered) or expired without keeping a list.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { LsError } from './licensespring'
import type { Store } from './store'

/** Where the token endpoint listens (Keycloak's path for a realm named `licensespring`). */
export const TOKEN_PATH = '/auth/realms/licensespring/protocol/openid-connect/token'
/** The lifetime the vendor's realm gives tokens (PROTOCOLS.md 1.1: e.g. 480 s). */
export const DEFAULT_TOKEN_LIFETIME_S = 480

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url')

export interface TokenAnswer {
  status: number
  body: Record<string, unknown>
}

export class OAuthIssuer {
  private readonly key = randomBytes(32)
  lifetimeS: number
  /** the last tokens issued (tests look for them where they must never appear) */
  readonly issued: string[] = []

  constructor(
    private readonly store: Store,
    lifetimeS?: number
  ) {
    this.lifetimeS = lifetimeS ?? store.data.licensespring.oauth?.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_S
  }

  private sign(data: string): Buffer {
    return createHmac('sha256', this.key).update(data).digest()
  }

  /** A token for a client, valid for lifetimeS from nowMs. */
  issue(clientId: string, nowMs: number): { token: string; expiresIn: number } {
    const iat = Math.floor(nowMs / 1000)
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
    const payload = b64url(JSON.stringify({ iss: 'license-desk-local', azp: clientId, iat, exp: iat + this.lifetimeS, jti: randomUUID(), typ: 'Bearer' }))
    const token = `${head}.${payload}.${b64url(this.sign(`${head}.${payload}`))}`
    this.issued.push(token)
    if (this.issued.length > 100) this.issued.shift()
    return { token, expiresIn: this.lifetimeS }
  }

  /** The client a bearer token was issued to; LsError oauth_token_malformed / oauth_token_expired otherwise. */
  verify(token: string, nowMs: number): string {
    const malformed = () => new LsError(401, 'oauth_token_malformed', 'The OAuth access token is malformed or was not issued by this server')
    const parts = token.split('.')
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) throw malformed()
    const expected = this.sign(`${parts[0]}.${parts[1]}`)
    const got = Buffer.from(parts[2], 'base64url')
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw malformed()
    let claims: { azp?: unknown; exp?: unknown }
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as typeof claims
    } catch {
      throw malformed()
    }
    if (typeof claims.azp !== 'string' || typeof claims.exp !== 'number') throw malformed()
    if (claims.exp * 1000 <= nowMs) throw new LsError(401, 'oauth_token_expired', 'The OAuth access token has expired: get a new one')
    if (this.store.clientSecretFor(claims.azp) === undefined) throw malformed()
    return claims.azp
  }

  /** POST to the token endpoint: form body `grant_type=client_credentials` and the client's id and secret (form or Basic). */
  tokenEndpoint(body: string, headers: IncomingHttpHeaders, nowMs: number): TokenAnswer {
    const form = new URLSearchParams(body)
    let clientId = form.get('client_id') ?? undefined
    let clientSecret = form.get('client_secret') ?? undefined
    const auth = Array.isArray(headers.authorization) ? headers.authorization[0] : headers.authorization
    const basic = auth ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(auth.trim()) : null
    if (basic) {
      const text = Buffer.from(basic[1], 'base64').toString('utf8')
      const i = text.indexOf(':')
      if (i > 0) {
        clientId = decodeURIComponent(text.slice(0, i))
        clientSecret = decodeURIComponent(text.slice(i + 1))
      }
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Only grant_type=client_credentials is supported' } }
    }
    const known = clientId ? this.store.clientSecretFor(clientId) : undefined
    if (!clientId || known === undefined || clientSecret === undefined || !equal(known, clientSecret)) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' } }
    }
    const t = this.issue(clientId, nowMs)
    return {
      status: 200,
      body: { access_token: t.token, expires_in: t.expiresIn, refresh_expires_in: 0, token_type: 'Bearer', 'not-before-policy': 0, scope: 'profile email' }
    }
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}
