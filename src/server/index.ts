// The local license server: LicenseSpring License API v4 + QLM HTTP + offline portal and self-help
// pages, with fault injection and (only when started for tests) admin endpoints. Plain Node `http`; no
// Electron, nothing from src/core. This file wires the parts: ./http.ts (plumbing), ./routes/*
// (LicenseSpring, QLM, portal pages, admin), ./faults.ts (fault injection), ./control.ts (the API).
import { createPrivateKey, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { type LocalServer, type LsLicenseView, type QlmPolicy, type RawRequest, RequestLog, type ServerState, type StartServerOptions } from './control'
import { rsaSignBase64 } from './crypto'
import { Faults, faultReply, malformedBody, tamperedAnswer } from './faults'
import { HttpError, type Reply, jsonReply, readBody, reply, send } from './http'
import { join } from 'node:path'
import { type LsContext, seedSeat } from './licensespring'
import { type QlmContext, qlmSeedSeat } from './qlm'
import { adminRoutes, newAdminToken } from './routes/admin'
import type { Route } from './routes/context'
import { licenseSpringRoutes } from './routes/licensespring'
import { portalRoutes } from './routes/portal'
import { qlmRoutes } from './routes/qlm'
import { ssoRoutes } from './routes/sso'
import { OAuthIssuer, TOKEN_PATH } from './oauth'
import { SsoIdp } from './sso'
import { Store, findDemoDir, loadDemoSeed } from './store'
import type { SeedData, SeedLicense } from './types'

export type { LocalServer, LsLicenseView, QlmLicenseView, QlmPolicy, RawRequest, RequestRecord, ServerState, StartServerOptions } from './control'
export { REQUEST_LOG_MAX, REQUEST_PATH_MAX, REQUEST_RAW_MAX } from './control'
export type { FaultControl, FaultSpec, ScriptedReply, TamperKind } from './faults'
export { multipartFile } from './http'
export { ADMIN_TOKEN_HEADER } from './routes/admin'
export type { SeedData } from './types'

function loadPrivateKey(pem?: string): KeyObject {
  return createPrivateKey(pem ?? readFileSync(join(findDemoDir(), 'server-private.pem'), 'utf8'))
}

export async function startServer(opts: StartServerOptions = {}): Promise<LocalServer> {
  const host = opts.host ?? '127.0.0.1'
  const baseNow = opts.now ?? Date.now
  const store = new Store(opts.seed ?? loadDemoSeed(), opts.dataFile)
  const privateKey = loadPrivateKey(opts.privateKeyPem)
  const faults = new Faults()
  let minSchema = store.data.licensespring.minOfflineSchemaVersion ?? 1
  const oauth = new OAuthIssuer(store)
  const sso = new SsoIdp(store)
  const log = new RequestLog()
  const timers = new Set<NodeJS.Timeout>()
  const sockets = new Set<Socket>()
  let port = 0

  const qlmPolicy = (): Required<QlmPolicy> => ({
    releaseLicenseRequiresAuthentication: store.data.qlm.releaseLicenseRequiresAuthentication,
    releaseLicenseRequiresVerificationCode: store.data.qlm.releaseLicenseRequiresVerificationCode,
    bom: store.data.qlm.bom === true
  })
  const applyQlmPolicy = (p: QlmPolicy): void => {
    if (p.releaseLicenseRequiresAuthentication !== undefined) store.data.qlm.releaseLicenseRequiresAuthentication = p.releaseLicenseRequiresAuthentication
    if (p.releaseLicenseRequiresVerificationCode !== undefined) store.data.qlm.releaseLicenseRequiresVerificationCode = p.releaseLicenseRequiresVerificationCode
    if (p.bom !== undefined) store.data.qlm.bom = p.bom
  }

  const seedAnySeat = (k: string, id: string): boolean => {
    const l = store.lsLicense(k)
    if (l) {
      seedSeat(store, l, id, new Date(baseNow()).toISOString())
      return true
    }
    const q = store.qlmLicense(k)
    if (!q) return false
    qlmSeedSeat({ store, now: baseNow }, q, id)
    return true
  }
  for (const s of opts.seats ?? []) if (!seedAnySeat(s.license, s.hardwareId)) throw new Error(`seats: no license "${s.license}" to seed a seat on`)

  const setRequireOAuth = (productShortCode: string, required: boolean): void => {
    const p = store.product(productShortCode)
    if (!p) throw new Error(`unknown product ${productShortCode}`)
    p.requireOAuth = required
  }

  const adminToken = opts.admin ? newAdminToken() : undefined
  const routes: Route[] = [
    ...(adminToken
      ? [
          adminRoutes(
            {
              store,
              faults,
              minOfflineSchemaVersion: () => minSchema,
              setMinOfflineSchemaVersion: (n) => {
                minSchema = n
              },
              qlmPolicy,
              applyQlmPolicy,
              seedSeat: seedAnySeat,
              setOAuthTokenLifetime: (seconds) => {
                oauth.lifetimeS = seconds
              },
              setRequireOAuth
            },
            () => ({ host, port }),
            adminToken
          )
        ]
      : []),
    licenseSpringRoutes(privateKey),
    qlmRoutes,
    ssoRoutes,
    portalRoutes
  ]

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t)
        resolve()
      }, ms)
      timers.add(t)
    })

  async function route(req: IncomingMessage, url: URL, skew: number): Promise<Reply> {
    const now = () => baseNow() + skew
    const ls: LsContext = { store, now, privateKey, minOfflineSchemaVersion: () => minSchema, oauth, sso }
    const qlm: QlmContext = { store, now }
    const path = url.pathname
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET')
    if (path === '/health') return jsonReply(200, { ok: true })
    for (const r of routes) {
      const answer = await r({ req, url, path, method, ls, qlm, bom: store.data.qlm.bom === true })
      if (answer) return answer
    }
    return jsonReply(404, { status: 404, code: 'not_found', message: `Not found: ${path}` })
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = url.pathname
    const method = req.method ?? 'GET'
    const exempt = path.startsWith('/__admin/') || path === '/health'
    const fault = exempt ? undefined : faults.take(path)
    const skew = exempt ? faults.peekSkew() : (fault?.clockSkewMs ?? 0)
    // Started for tests: keep the request as it arrived (the routes read the same body afterwards).
    let raw: RawRequest | undefined
    if (adminToken && !exempt) {
      const at = baseNow() + skew
      const body = await readBody(req).catch(() => Buffer.alloc(0))
      raw = { query: url.search.slice(1), headers: { ...req.headers }, body: body.toString('utf8'), at }
    }
    const record = (status: number, what?: string) => {
      log.push({ method, path, status, ...(what ? { fault: what } : {}), ...(raw ? { raw } : {}) })
      opts.log?.(`${method} ${path} ${status}${what ? ` [fault: ${what}]` : ''}`)
    }
    if (fault?.latencyMs) await sleep(fault.latencyMs)
    if (fault?.dropConnection) {
      record(0, 'dropConnection')
      req.socket.destroy()
      return
    }
    const early = fault && faultReply(fault)
    if (early) {
      record(early.status, early.what)
      send(res, reply(early.status, early.headers, early.body), baseNow() + skew)
      return
    }
    let r: Reply
    try {
      r = await route(req, url, skew)
    } catch (e) {
      if (e instanceof HttpError) r = jsonReply(e.status, { status: e.status, code: 'request_error', message: e.message })
      else {
        opts.log?.(`internal error: ${(e as Error).stack ?? String(e)}`)
        r = jsonReply(500, { status: 500, code: 'internal_error', message: 'Internal server error' })
      }
    }
    if (fault?.dropAfterCommit) {
      record(r.status, 'dropAfterCommit')
      req.socket.destroy()
      return
    }
    if (fault?.tamper) {
      r = tamperedAnswer(fault.tamper, r, (data) => rsaSignBase64(privateKey, data))
      record(r.status, `tamper ${fault.tamper.join(',')}`)
      send(res, r, baseNow() + skew)
      return
    }
    if (fault?.malformed) {
      const m = malformedBody(fault.malformed, r.body)
      r = { status: 200, headers: m.headers ?? r.headers, body: m.body }
      record(r.status, `malformed ${fault.malformed}`)
      send(res, r, baseNow() + skew)
      return
    }
    record(
      r.status,
      fault
        ? Object.keys(fault)
            .filter((k) => k !== 'times' && k !== 'path')
            .join(',') || undefined
        : undefined
    )
    send(res, r, baseNow() + skew)
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e) => {
      opts.log?.(`unhandled: ${(e as Error).stack ?? String(e)}`)
      if (!res.headersSent) {
        res.statusCode = 500
        res.end()
      } else res.destroy()
    })
  }
  const server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest) : createServer(onRequest)
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host

  const view = (l: SeedLicense): LsLicenseView => ({
    id: l.id,
    product: l.product,
    identity: (l.licenseKey ?? l.username) as string,
    devices: (l.devices ?? []).map((d) => d.hardwareId),
    timesActivated: l.timesActivated ?? 0,
    transferCount: l.transferCount ?? 0,
    enabled: l.enabled,
    active: l.active
  })

  const state: ServerState = {
    devices: (k) => (store.lsLicense(k)?.devices ?? []).map((d) => d.hardwareId),
    license: (k) => {
      const l = store.lsLicense(k)
      return l ? view(l) : undefined
    },
    rawLicense: (k) => store.lsLicense(k),
    qlmActivations: (k) => (store.qlmLicense(k)?.activations ?? []).map((a) => ({ ...a })),
    qlm: (k) => {
      const q = store.qlmLicense(k)
      return q ? { activationKey: q.activationKey, activations: (q.activations ?? []).map((a) => ({ ...a })), releases: q.releases ?? 0 } : undefined
    },
    seedSeat: seedAnySeat,
    oauthTokens: () => oauth.issued.slice(),
    snapshot: () => JSON.parse(JSON.stringify(store.data)) as SeedData,
    reset: () => store.reset(),
    persist: () => store.persist()
  }

  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    host,
    faults,
    state,
    setMinOfflineSchemaVersion: (n) => {
      minSchema = n
    },
    getMinOfflineSchemaVersion: () => minSchema,
    setQlmPolicy: applyQlmPolicy,
    tokenUrl: `http://${urlHost}:${port}${TOKEN_PATH}`,
    setOAuthTokenLifetime: (seconds) => {
      oauth.lifetimeS = seconds
    },
    setRequireOAuth,
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    now: () => baseNow() + faults.peekSkew(),
    ...(adminToken ? { adminToken } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t)
        timers.clear()
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
        server.closeAllConnections?.()
      })
  }
}
