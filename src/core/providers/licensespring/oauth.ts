// OAuth client credentials for the License API (PROTOCOLS.md 1.1): a token from the vendor's token URL
// (grant_type=client_credentials), kept in this process's memory only — never stored, logged, returned
// or written — and renewed shortly before it expires, or at once when the License API calls it expired
// or malformed.
import { LicenseDeskError } from '../../errors'
import { httpRequest } from '../../http'
import type { OperationOptions } from '../../types'

export interface OAuthClientConfig {
  tokenUrl: string
  clientId: string
  clientSecret: string
}

export interface OAuthOptions {
  fetch?: typeof fetch
  now?: () => number
  timeoutMs?: number
  retryBaseMs?: number
}

/** License API codes that mean "get a new token and try once more". */
export const TOKEN_REFUSED = new Set(['oauth_token_expired', 'oauth_token_malformed'])

/** How long before expires_in runs out a token is renewed: a tenth of its life, at most a minute. */
export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.floor(lifetimeMs / 10))
}

export class OAuthTokens {
  private token: { value: string; renewAt: number } | undefined
  private pending: Promise<string> | undefined

  constructor(
    private readonly cfg: OAuthClientConfig,
    private readonly opts: OAuthOptions = {}
  ) {}

  private now(): number {
    return (this.opts.now ?? Date.now)()
  }

  /** A token that is not about to expire (fetched when there is none or it is due for renewal). */
  async get(op: OperationOptions = {}): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value
    // One request for concurrent callers.
    this.pending ??= this.fetchToken(op).finally(() => {
      this.pending = undefined
    })
    return this.pending
  }

  /** Forgets the token (the License API refused it); the next get() fetches a new one. */
  invalidate(): void {
    this.token = undefined
  }

  private async fetchToken(op: OperationOptions): Promise<string> {
    const res = await httpRequest({
      url: this.cfg.tokenUrl,
      method: 'POST',
      // Asking for a token changes nothing on the server: safe to retry.
      idempotent: true,
      headers: () => ({ 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }),
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret }).toString(),
      signal: op.signal,
      timeoutMs: this.opts.timeoutMs,
      retryBaseMs: this.opts.retryBaseMs,
      fetch: this.opts.fetch,
      onRetry: ({ attempt, delayMs }) => op.onProgress?.({ step: 'retrying', attempt, delayMs })
    })
    let body: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } | undefined
    try {
      body = JSON.parse(res.text) as typeof body
    } catch {
      body = undefined
    }
    if (res.status >= 400) {
      const code = typeof body?.error === 'string' ? body.error : undefined
      if (!code) throw new LicenseDeskError('http_status', `The vendor's sign-in service answered HTTP ${res.status} when asked for an access token.`, { httpStatus: res.status })
      const said = typeof body?.error_description === 'string' ? body.error_description : code
      throw new LicenseDeskError('server_refused', `The vendor's sign-in service refused License Desk's client credentials: ${said} (${code}).`, {
        serverCode: code,
        serverMessage: said,
        httpStatus: res.status
      })
    }
    if (typeof body?.access_token !== 'string' || body.access_token === '')
      throw new LicenseDeskError('bad_response', "The vendor's sign-in service sent an answer without an access token.")
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60) * 1000
    this.token = { value: body.access_token, renewAt: this.now() + lifetimeMs - renewalMarginMs(lifetimeMs) }
    return body.access_token
  }
}
