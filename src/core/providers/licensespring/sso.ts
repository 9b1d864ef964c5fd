// Signing in through the customer's identity provider for SSO user licenses, the way RFC 8252 (OAuth
// 2.0 for native apps) asks: the sign-in page opens in the system browser (never an app window), and
// the answer comes back to a loopback redirect on 127.0.0.1 and a random port, for this sign-in only.
// `state` is checked (a request without the right one ends nothing), and PKCE (S256) binds the code
// to this sign-in where the profile enables it.
import { createHash, randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { LicenseDeskError, fail } from '../../errors'

/** How long the sign-in may take before License Desk stops waiting. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000
export const CALLBACK_PATH = '/callback'

/** Opens the sign-in address in the system browser (the app), or shows it (the CLI prints it and waits). */
export type SignInOpener = (url: string) => Promise<void> | void

export interface SignInResult {
  code: string
  redirectUri: string
  /** Set when PKCE was used: sent with the code so the server can check it. */
  codeVerifier?: string
}

export interface SignInOptions {
  /** Asks the License API for the sign-in address, given our loopback redirect_uri. */
  signInUrl(redirectUri: string): Promise<string>
  open: SignInOpener
  pkce: boolean
  signal?: AbortSignal
  timeoutMs?: number
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`

const b64url = (b: Buffer) => b.toString('base64url')

/** The address the browser must open: the sign-in URL with our state and PKCE challenge added. */
export function withAuthParams(url: string, state: string, challenge?: string): string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    fail('bad_response', 'The license server sent a sign-in address that is not a URL.')
  }
  const loopback = u.hostname === '127.0.0.1' || u.hostname === '[::1]' || u.hostname === 'localhost'
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
    fail('bad_response', 'The license server sent a sign-in address that is not https: License Desk does not open it.')
  u.searchParams.set('state', state)
  if (challenge) {
    u.searchParams.set('code_challenge', challenge)
    u.searchParams.set('code_challenge_method', 'S256')
  }
  return u.toString()
}

/** Runs one sign-in: loopback listener, browser, callback with the right state; resolves with the code. */
export async function signInWithBrowser(o: SignInOptions): Promise<SignInResult> {
  if (o.signal?.aborted) fail('cancelled', 'The sign-in was cancelled.')
  const state = b64url(randomBytes(24))
  const verifier = o.pkce ? b64url(randomBytes(32)) : undefined
  const challenge = verifier ? b64url(createHash('sha256').update(verifier).digest()) : undefined
  let settle!: { resolve: (code: string) => void; reject: (e: unknown) => void }
  const done = new Promise<string>((resolve, reject) => (settle = { resolve, reject }))
  // node:http is loaded here, on the first sign-in: every other command starts without it.
  const { createServer } = await import('node:http')
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1')
    const reply = (status: number, title: string, text: string) => {
      res.writeHead(status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'Referrer-Policy': 'no-referrer'
      })
      res.end(page(title, text))
    }
    if (req.method !== 'GET' || u.pathname !== CALLBACK_PATH) return reply(404, 'Not found', 'This address only receives the sign-in answer for License Desk.')
    // Anything without this sign-in's state (another site, an old tab) is refused and ends nothing.
    if (u.searchParams.get('state') !== state)
      return reply(400, 'Sign-in not accepted', 'This answer does not belong to the sign-in License Desk started. Return to License Desk and try again.')
    const error = u.searchParams.get('error')
    const code = u.searchParams.get('code')
    if (error || !code) {
      reply(400, 'Sign-in failed', 'The identity provider did not sign you in. Return to License Desk.')
      settle.reject(new LicenseDeskError('server_refused', `The identity provider did not sign you in (${error ?? 'no code'}).`, { serverCode: error ?? 'no_code' }))
      return
    }
    reply(200, 'Signed in', 'You are signed in. You can close this window and return to License Desk.')
    settle.resolve(code)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${CALLBACK_PATH}`
  const timer = setTimeout(() => settle.reject(new LicenseDeskError('network_timeout', 'The sign-in was not finished in time. Start it again.')), o.timeoutMs ?? SIGN_IN_TIMEOUT_MS)
  const onAbort = () => settle.reject(new LicenseDeskError('cancelled', 'The sign-in was cancelled.'))
  o.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const url = withAuthParams(await o.signInUrl(redirectUri), state, challenge)
    await o.open(url)
    const code = await done
    return { code, redirectUri, ...(verifier ? { codeVerifier: verifier } : {}) }
  } finally {
    clearTimeout(timer)
    o.signal?.removeEventListener('abort', onAbort)
    server.closeAllConnections?.()
    server.close()
  }
}
