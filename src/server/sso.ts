// The local server plays a customer's identity provider for SSO user licenses (PROTOCOLS.md 1.2:
// `id_token` or `code` plus `customer_account_code`). `GET /api/v4/sso_url` answers the sign-in
// address; the sign-in page checks the account's user and redirects to the client's redirect_uri with
// `code` (authorization code grant, single use, 5 minutes; PKCE S256 checked when a challenge was
// sent) or, with response_type=token, `#id_token=…` (implicit grant). The License API then takes the
// code or id_token as the user's identity. Redirects go only to loopback addresses (RFC 8252 7.3, any
// port) or to the account's registered redirect URIs.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { LsError } from './licensespring'
import type { Store } from './store'
import type { SeedCustomerAccount } from './types'

export const SSO_AUTHORIZE_PATH = '/sso/authorize'
const CODE_LIFETIME_MS = 5 * 60_000
const ID_TOKEN_LIFETIME_S = 3600

interface IssuedCode {
  account: string
  email: string
  redirectUri: string
  challenge?: string
  expiresAt: number
}

/** A redirect_uri is acceptable when it is a loopback http address (any port) or registered for the account. */
export function acceptableRedirect(uri: string, account: SeedCustomerAccount): boolean {
  let u: URL
  try {
    u = new URL(uri)
  } catch {
    return false
  }
  if (u.hash !== '' || u.username !== '' || u.password !== '') return false
  if (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === '[::1]')) return true
  return (account.redirectUris ?? []).includes(uri)
}

export class SsoIdp {
  private readonly key = randomBytes(32)
  private readonly codes = new Map<string, IssuedCode>()

  constructor(private readonly store: Store) {}

  account(code: string | undefined): SeedCustomerAccount | undefined {
    return code ? this.store.data.licensespring.customerAccounts?.find((a) => a.code === code) : undefined
  }

  /** `GET /api/v4/sso_url`: the sign-in address for a product and customer account. */
  ssoUrl(base: string, q: Record<string, string>): { url: string } {
    const missing = ['product', 'customer_account_code'].filter((k) => !q[k])
    if (missing.length > 0) throw new LsError(400, 'missing_parameters', `Missing parameters: ${missing.join(', ')}`)
    if (!this.store.product(q.product)) throw new LsError(400, 'unknown_product', `Unknown product: ${q.product}`)
    if (!this.account(q.customer_account_code)) throw new LsError(400, 'customer_account_not_found', `Unknown customer account: ${q.customer_account_code}`)
    const responseType = q.response_type ?? 'code'
    if (responseType !== 'code' && responseType !== 'token') throw new LsError(400, 'missing_parameters', 'response_type is code or token')
    const u = new URL(SSO_AUTHORIZE_PATH, base)
    u.searchParams.set('client_id', q.customer_account_code)
    u.searchParams.set('response_type', responseType)
    u.searchParams.set('scope', 'openid email')
    if (q.redirect_uri) u.searchParams.set('redirect_uri', q.redirect_uri)
    return { url: u.toString() }
  }

  /**
   * The sign-in form's POST (or its parameters checked for the GET page). Returns where to redirect,
   * or an error text to show on the page.
   */
  signIn(p: URLSearchParams, nowMs: number): { redirect: string } | { error: string; status: number } {
    const account = this.account(p.get('client_id') ?? undefined)
    const redirectUri = p.get('redirect_uri') ?? ''
    if (!account) return { error: 'Unknown customer account.', status: 400 }
    if (!redirectUri || !acceptableRedirect(redirectUri, account)) return { error: 'The redirect address is not allowed for this customer account.', status: 400 }
    const email = (p.get('email') ?? '').trim().toLowerCase()
    const user = account.users.find((u) => u.email.toLowerCase() === email)
    if (!user || user.password !== (p.get('password') ?? '')) return { error: 'The e-mail address or password is wrong.', status: 401 }
    const state = p.get('state')
    const target = new URL(redirectUri)
    if (p.get('response_type') === 'token') {
      const frag = new URLSearchParams({ id_token: this.idToken(account.code, user.email, nowMs), token_type: 'Bearer', expires_in: String(ID_TOKEN_LIFETIME_S) })
      if (state !== null) frag.set('state', state)
      target.hash = frag.toString()
      return { redirect: target.toString() }
    }
    const challenge = p.get('code_challenge') ?? undefined
    if (challenge !== undefined && (p.get('code_challenge_method') ?? 'plain') !== 'S256') return { error: 'Only the S256 code challenge method is supported.', status: 400 }
    const code = randomBytes(24).toString('base64url')
    this.codes.set(code, { account: account.code, email: user.email, redirectUri, challenge, expiresAt: nowMs + CODE_LIFETIME_MS })
    target.searchParams.set('code', code)
    if (state !== null) target.searchParams.set('state', state)
    return { redirect: target.toString() }
  }

  private idToken(account: string, email: string, nowMs: number): string {
    const iat = Math.floor(nowMs / 1000)
    const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')
    const body = Buffer.from(JSON.stringify({ iss: 'license-desk-local-idp', aud: account, email, iat, exp: iat + ID_TOKEN_LIFETIME_S })).toString('base64url')
    return `${head}.${body}.${createHmac('sha256', this.key).update(`${head}.${body}`).digest('base64url')}`
  }

  /** The e-mail an identity (`code` or `id_token` with `customer_account_code`) proves. A code is used up. */
  identify(body: Record<string, unknown>, nowMs: number): string {
    const account = typeof body.customer_account_code === 'string' ? body.customer_account_code : ''
    if (!account) throw new LsError(400, 'missing_parameters', 'Missing parameters: customer_account_code')
    if (!this.account(account)) throw new LsError(400, 'customer_account_not_found', `Unknown customer account: ${account}`)
    if (typeof body.code === 'string' && body.code !== '') {
      const c = this.codes.get(body.code)
      if (!c) throw new LsError(400, 'sso_token_invalid', 'The sign-in code is unknown or was already used: sign in again')
      this.codes.delete(body.code)
      if (c.expiresAt <= nowMs) throw new LsError(400, 'sso_token_invalid', 'The sign-in code has expired: sign in again')
      if (c.account !== account) throw new LsError(400, 'sso_token_invalid', 'The sign-in code belongs to another customer account')
      if (typeof body.redirect_uri === 'string' && body.redirect_uri !== c.redirectUri)
        throw new LsError(400, 'sso_token_invalid', 'redirect_uri differs from the one the code was issued for')
      if (c.challenge !== undefined) {
        const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : ''
        const hashed = createHash('sha256').update(verifier).digest('base64url')
        if (!verifier || !safeEqual(hashed, c.challenge)) throw new LsError(400, 'sso_token_invalid', 'The PKCE code_verifier does not match the code challenge')
      }
      return c.email
    }
    const token = typeof body.id_token === 'string' ? body.id_token : ''
    const parts = token.split('.')
    if (parts.length !== 3) throw new LsError(400, 'sso_token_invalid', 'The id_token is malformed')
    const expected = createHmac('sha256', this.key).update(`${parts[0]}.${parts[1]}`).digest('base64url')
    if (!safeEqual(parts[2], expected)) throw new LsError(400, 'sso_token_invalid', 'The id_token was not issued by this identity provider')
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { aud?: string; email?: string; exp?: number }
    if (claims.aud !== account) throw new LsError(400, 'sso_token_invalid', 'The id_token belongs to another customer account')
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) throw new LsError(400, 'sso_token_invalid', 'The id_token has expired: sign in again')
    return String(claims.email)
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
