// Test control over HTTP (/__admin/*): faults, settings, reset, state. These routes exist only when the
// server is started for tests (startServer({ admin: true })); even then a request must come from a
// loopback client, name the loopback address and port the server serves in Host (no DNS rebinding),
// carry no Origin but our own (no cross-site form or fetch), and carry the per-start random token.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { validateFaultSpec, type Faults } from '../faults'
import { jsonReply, readBody, type Reply } from '../http'
import type { Store } from '../store'
import type { QlmPolicy } from '../control'
import type { Route } from './context'

/** The header that carries the admin token. */
export const ADMIN_TOKEN_HEADER = 'x-license-desk-admin-token'

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

export interface AdminTarget {
  store: Store
  faults: Faults
  minOfflineSchemaVersion(): number
  setMinOfflineSchemaVersion(n: number): void
  qlmPolicy(): Required<QlmPolicy>
  applyQlmPolicy(p: QlmPolicy): void
  seedSeat(keyOrUsername: string, hardwareId: string): boolean
  setOAuthTokenLifetime(seconds: number): void
  setRequireOAuth(productShortCode: string, required: boolean): void
}

export function newAdminToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Why a request may not use the admin routes, or undefined when it may. */
export function adminRefusal(req: IncomingMessage, served: { host: string; port: number }, token: string): string | undefined {
  if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) return 'admin endpoints answer loopback clients only'
  const names = new Set(['127.0.0.1', 'localhost', '[::1]'])
  if (LOOPBACK.test(served.host)) names.add(served.host.includes(':') ? `[${served.host}]` : served.host)
  const allowed = new Set([...names].map((n) => `${n}:${served.port}`))
  const host = (req.headers.host ?? '').toLowerCase()
  if (!allowed.has(host)) return 'admin endpoints answer requests for this server’s loopback address and port only'
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${host}`) return 'admin endpoints refuse requests from other origins'
  const given = Buffer.from(String(req.headers[ADMIN_TOKEN_HEADER] ?? ''), 'utf8')
  const want = Buffer.from(token, 'utf8')
  if (given.length !== want.length || !timingSafeEqual(given, want)) return 'admin endpoints need the token of this server start'
  return undefined
}

export function adminRoutes(t: AdminTarget, served: () => { host: string; port: number }, token: string): Route {
  return async ({ req, path, method }): Promise<Reply | undefined> => {
    if (!path.startsWith('/__admin/')) return undefined
    const refused = adminRefusal(req, served(), token)
    if (refused) return jsonReply(403, { error: refused })
    const body = method === 'GET' || method === 'DELETE' ? Buffer.alloc(0) : await readBody(req)
    const parse = (): unknown => (body.length === 0 ? {} : JSON.parse(body.toString('utf8')))
    try {
      if (path === '/__admin/faults') {
        if (method === 'GET') return jsonReply(200, { fault: t.faults.get() ?? null })
        if (method === 'DELETE') {
          t.faults.clear()
          return jsonReply(200, { fault: null })
        }
        if (method === 'POST') {
          const v = parse()
          if (v === null) t.faults.clear()
          else t.faults.set(validateFaultSpec(v))
          return jsonReply(200, { fault: t.faults.get() ?? null })
        }
      }
      if (path === '/__admin/settings' && method === 'POST') {
        const v = parse() as { minOfflineSchemaVersion?: number; oauthTokenLifetimeSeconds?: number; requireOAuth?: Record<string, boolean> } & QlmPolicy
        if (v.minOfflineSchemaVersion !== undefined) t.setMinOfflineSchemaVersion(Number(v.minOfflineSchemaVersion))
        if (v.oauthTokenLifetimeSeconds !== undefined) t.setOAuthTokenLifetime(Number(v.oauthTokenLifetimeSeconds))
        for (const [product, required] of Object.entries(v.requireOAuth ?? {})) t.setRequireOAuth(product, required === true)
        t.applyQlmPolicy(v)
        return jsonReply(200, { minOfflineSchemaVersion: t.minOfflineSchemaVersion(), qlm: t.qlmPolicy() })
      }
      if (path === '/__admin/seats' && method === 'POST') {
        const v = parse() as { license?: unknown; hardwareId?: unknown }
        if (typeof v.license !== 'string' || typeof v.hardwareId !== 'string' || !v.license || !v.hardwareId)
          return jsonReply(400, { error: 'give { "license": key, username or QLM activation key, "hardwareId": the id the seat is held under }' })
        if (!t.seedSeat(v.license, v.hardwareId)) return jsonReply(404, { error: `no license "${v.license}"` })
        return jsonReply(200, { ok: true })
      }
      if (path === '/__admin/reset' && method === 'POST') {
        t.store.reset()
        t.faults.clear()
        return jsonReply(200, { ok: true })
      }
      if (path === '/__admin/state' && method === 'GET') return jsonReply(200, t.store.data)
    } catch (e) {
      return jsonReply(400, { error: (e as Error).message })
    }
    return jsonReply(404, { error: 'unknown admin endpoint' })
  }
}
