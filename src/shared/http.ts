// Browser mode's HTTP transport for the same contract (src/shared/contract.ts): every preload method is
// one POST route derived from API_METHODS (never a second list), and progress events arrive on one
// Server-Sent Events stream. The page proves it was handed the URL by sending the per-launch token
// (from the URL fragment) in a header on every call. No runtime dependencies here.
import { API_METHODS, CHANNELS, type Channel } from './contract'

/** Prefix of every API route; the route of a channel is this prefix plus the channel name. */
export const API_PREFIX = '/api/'
/** The Server-Sent Events stream of ProgressEvents (GET). */
export const EVENTS_PATH = '/events'
/** The header that carries the per-launch token. */
export const TOKEN_HEADER = 'x-license-desk-token'
/** The URL fragment parameter that hands the token to the page: http://127.0.0.1:PORT/#token=... */
export const TOKEN_FRAGMENT = 'token'

/** The POST route of a channel, e.g. /api/status:get. */
export function routeOf(channel: Channel): string {
  return API_PREFIX + channel
}

/** The channel a request path names, or undefined when it names none. */
export function channelOf(pathname: string): Channel | undefined {
  if (!pathname.startsWith(API_PREFIX)) return undefined
  const name = pathname.slice(API_PREFIX.length)
  return (CHANNELS as string[]).includes(name) ? (name as Channel) : undefined
}

/** Every route, for tests and the server's table (derived from the contract). */
export const ROUTES: ReadonlyArray<{ method: keyof typeof API_METHODS; channel: Channel; path: string }> = (
  Object.entries(API_METHODS) as Array<[keyof typeof API_METHODS, Channel]>
).map(([method, channel]) => ({ method, channel, path: routeOf(channel) }))
