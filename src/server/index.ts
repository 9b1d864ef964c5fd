// The local license server: LicenseSpring License API v4 + QLM HTTP + offline portal and self-help
// pages, with fault injection for tests. Plain Node `http`; no Electron, nothing from src/core.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createPrivateKey, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AddressInfo, Socket } from 'node:net'
import { Faults, validateFaultSpec, type FaultControl, type FaultSpec } from './faults'
import { Store, findDemoDir, loadDemoSeed } from './store'
import type { SeedData, SeedLicense, SeedQlmActivation } from './types'
import {
  LsError,
  activateLicense,
  activateOffline,
  authorize,
  checkLicense,
  deactivateLicense,
  deactivateOffline,
  floatingBorrow,
  floatingRelease,
  parseOfflineRequest,
  userLicenses,
  type LsContext
} from './licensespring'
import { QlmError, qlmActivate, qlmRelease, releaseLicenseHttp, validateLicenseHttp, type QlmContext } from './qlm'
import { rsaSignBase64 } from './crypto'
import { OAuthIssuer, TOKEN_PATH } from './oauth'
import { SSO_AUTHORIZE_PATH, SsoIdp } from './sso'
import {
  PAGE_HEADERS,
  alreadyFreePage,
  deactivatedPage,
  errorPage,
  offlinePortalPage,
  qlmActivatedPage,
  qlmActivationForm,
  qlmReleaseForm,
  qlmReleasedPage,
  SSO_PAGE_HEADERS,
  ssoSignInPage
} from './pages'

export type { FaultControl, FaultSpec } from './faults'
export type { SeedData } from './types'

export interface StartServerOptions {
  /** default 0 (any free port); the CLI defaults to 4370 */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** persist state to this JSON file (loaded from it when it exists; written atomically after every change) */
  dataFile?: string
  /** seed data; default resources/demo/licenses.json */
  seed?: SeedData
  /** the server's base clock in ms; default Date.now (fault clockSkewMs is added on top) */
  now?: () => number
  /** PEM of the RSA signing key; default resources/demo/server-private.pem */
  privateKeyPem?: string
  /** log one line per request to this function */
  log?: (line: string) => void
}

export interface RequestRecord {
  method: string
  path: string
  status: number
  /** what a fault did to this request, if anything */
  fault?: string
}

export interface LsLicenseView {
  id: number
  product: string
  identity: string
  devices: string[]
  timesActivated: number
  transferCount: number
  enabled: boolean
  active: boolean
}

export interface QlmLicenseView {
  activationKey: string
  activations: SeedQlmActivation[]
  releases: number
}

/** Read and adjust the server's state (tests and e2e fixtures). */
export interface ServerState {
  /** hardware ids holding a seat of the license (by license key or username) */
  devices(keyOrUsername: string): string[]
  license(keyOrUsername: string): LsLicenseView | undefined
  /** direct access to a stored LicenseSpring license to adjust it (call persist() after) */
  rawLicense(keyOrUsername: string): SeedLicense | undefined
  /** QLM activations of a key (dashes optional) */
  qlmActivations(activationKey: string): SeedQlmActivation[]
  qlm(activationKey: string): QlmLicenseView | undefined
  /** deep copy of the whole state */
  snapshot(): SeedData
  /** back to the seed */
  reset(): void
  persist(): void
}

export interface QlmPolicy {
  releaseLicenseRequiresAuthentication?: boolean
  releaseLicenseRequiresVerificationCode?: boolean
  /** prepend a UTF-8 BOM to every QLM XML answer */
  bom?: boolean
}

export interface LocalServer {
  /** base URL without trailing slash, e.g. http://127.0.0.1:54321 */
  url: string
  port: number
  host: string
  close(): Promise<void>
  faults: FaultControl
  state: ServerState
  setMinOfflineSchemaVersion(n: number): void
  getMinOfflineSchemaVersion(): number
  setQlmPolicy(p: QlmPolicy): void
  /** the OAuth token endpoint's URL (client credentials grant) */
  tokenUrl: string
  /** lifetime of the OAuth tokens issued from now on (seconds) */
  setOAuthTokenLifetime(seconds: number): void
  /** make OAuth mandatory (or not) for a LicenseSpring product */
  setRequireOAuth(productShortCode: string, required: boolean): void
  /** requests handled since start (or since clearRequests) */
  requests(): RequestRecord[]
  clearRequests(): void
  /** the server clock in ms, including any clock skew fault */
  now(): number
}

const MAX_BODY = 1024 * 1024
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

interface Reply {
  status: number
  headers: Record<string, string>
  body: Buffer
}

function reply(status: number, headers: Record<string, string>, body: string | Buffer): Reply {
  return { status, headers, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body }
}

function jsonReply(status: number, obj: unknown): Reply {
  return reply(status, { 'Content-Type': 'application/json; charset=utf-8' }, JSON.stringify(obj))
}

function lsErrorReply(e: LsError): Reply {
  return jsonReply(e.status, { status: e.status, code: e.code, message: e.message })
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'request body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The file part (field "file", or the first part with a filename, or the first part) of a multipart body. */
export function multipartFile(body: Buffer, contentType: string): { name?: string; content: Buffer } | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) return undefined
  const boundary = Buffer.from(`--${(m[1] ?? m[2]).trim()}`)
  const parts: Array<{ headers: string; content: Buffer }> = []
  let pos = body.indexOf(boundary)
  while (pos >= 0) {
    const start = pos + boundary.length
    if (body.slice(start, start + 2).toString() === '--') break
    const next = body.indexOf(boundary, start)
    if (next < 0) break
    let part = body.slice(start, next)
    if (part.slice(0, 2).toString() === '\r\n') part = part.slice(2)
    if (part.slice(-2).toString() === '\r\n') part = part.slice(0, -2)
    const sep = part.indexOf('\r\n\r\n')
    if (sep >= 0) parts.push({ headers: part.slice(0, sep).toString('utf8'), content: part.slice(sep + 4) })
    pos = next
  }
  const named = (p: { headers: string }) => /name="([^"]*)"/i.exec(p.headers)?.[1]
  const filename = (p: { headers: string }) => /filename="([^"]*)"/i.exec(p.headers)?.[1]
  const pick = parts.find((p) => named(p) === 'file') ?? parts.find((p) => filename(p) !== undefined) ?? parts[0]
  return pick ? { name: filename(pick), content: pick.content } : undefined
}

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
  let log: RequestRecord[] = []
  const timers = new Set<NodeJS.Timeout>()
  const sockets = new Set<Socket>()

  const makeContexts = (skew: number) => {
    const now = () => baseNow() + skew
    const ls: LsContext = { store, now, privateKey, minOfflineSchemaVersion: () => minSchema, oauth, sso }
    const qlm: QlmContext = { store, now }
    return { now, ls, qlm }
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t)
        resolve()
      }, ms)
      timers.add(t)
    })

  async function route(req: IncomingMessage, url: URL, skew: number): Promise<Reply> {
    const { now, ls, qlm } = makeContexts(skew)
    const path = url.pathname
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET')
    const bom = store.data.qlm.bom === true

    if (path === '/health') return jsonReply(200, { ok: true })

    // ------------------------------------------------------------------ admin (loopback only)
    if (path.startsWith('/__admin/')) {
      if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) return jsonReply(403, { error: 'admin endpoints answer loopback clients only' })
      const body = method === 'GET' || method === 'DELETE' ? Buffer.alloc(0) : await readBody(req)
      const parse = (): unknown => (body.length === 0 ? {} : JSON.parse(body.toString('utf8')))
      try {
        if (path === '/__admin/faults') {
          if (method === 'GET') return jsonReply(200, { fault: faults.get() ?? null })
          if (method === 'DELETE') {
            faults.clear()
            return jsonReply(200, { fault: null })
          }
          if (method === 'POST') {
            const v = parse()
            if (v === null) faults.clear()
            else faults.set(validateFaultSpec(v))
            return jsonReply(200, { fault: faults.get() ?? null })
          }
        }
        if (path === '/__admin/settings' && method === 'POST') {
          const v = parse() as { minOfflineSchemaVersion?: number; oauthTokenLifetimeSeconds?: number; requireOAuth?: Record<string, boolean> } & QlmPolicy
          if (v.minOfflineSchemaVersion !== undefined) minSchema = Number(v.minOfflineSchemaVersion)
          if (v.oauthTokenLifetimeSeconds !== undefined) oauth.lifetimeS = Number(v.oauthTokenLifetimeSeconds)
          for (const [product, required] of Object.entries(v.requireOAuth ?? {})) setRequireOAuth(product, required === true)
          applyQlmPolicy(v)
          return jsonReply(200, { minOfflineSchemaVersion: minSchema, qlm: qlmPolicy() })
        }
        if (path === '/__admin/reset' && method === 'POST') {
          store.reset()
          faults.clear()
          return jsonReply(200, { ok: true })
        }
        if (path === '/__admin/state' && method === 'GET') return jsonReply(200, store.data)
      } catch (e) {
        return jsonReply(400, { error: (e as Error).message })
      }
      return jsonReply(404, { error: 'unknown admin endpoint' })
    }

    // ------------------------------------------------------------------ OAuth token endpoint
    if (path === TOKEN_PATH) {
      if (method !== 'POST') return reply(405, { 'Content-Type': 'application/json; charset=utf-8', Allow: 'POST' }, JSON.stringify({ error: 'invalid_request', error_description: 'Use POST' }))
      const body = await readBody(req)
      const t = oauth.tokenEndpoint(body.toString('utf8'), req.headers, now())
      const r = jsonReply(t.status, t.body)
      r.headers['Cache-Control'] = 'no-store'
      return r
    }

    // ------------------------------------------------------------------ LicenseSpring v4
    if (path.startsWith('/api/v4/')) {
      const endpoint = path.slice('/api/v4/'.length).replace(/\/$/, '')
      const methods: Record<string, string> = {
        activate_license: 'POST',
        check_license: 'GET',
        deactivate_license: 'POST',
        activate_offline: 'POST',
        deactivate_offline: 'POST',
        user_licenses: 'GET',
        'floating/borrow': 'POST',
        'floating/release': 'POST',
        sso_url: 'GET'
      }
      const expected = methods[endpoint]
      if (!expected) return jsonReply(404, { status: 404, code: 'not_found', message: `Unknown endpoint ${path}` })
      if (method !== expected) {
        return reply(405, { 'Content-Type': 'application/json; charset=utf-8', Allow: expected }, JSON.stringify({ status: 405, code: 'method_not_allowed', message: `Use ${expected}` }))
      }
      try {
        const body = expected === 'POST' ? await readBody(req) : Buffer.alloc(0)
        authorize(ls, req.headers)
        const jsonBody = (): Record<string, unknown> => {
          let v: unknown
          try {
            v = JSON.parse(body.toString('utf8'))
          } catch {
            throw new LsError(400, 'missing_parameters', 'The request body must be a JSON object')
          }
          if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new LsError(400, 'missing_parameters', 'The request body must be a JSON object')
          return v as Record<string, unknown>
        }
        let r: Reply
        switch (endpoint) {
          case 'activate_license':
            r = jsonReply(200, activateLicense(ls, jsonBody()))
            break
          case 'check_license':
            r = jsonReply(200, checkLicense(ls, Object.fromEntries(url.searchParams)))
            break
          case 'deactivate_license':
            deactivateLicense(ls, jsonBody())
            r = reply(200, { 'Content-Type': 'text/plain; charset=utf-8' }, 'license_deactivated')
            break
          case 'user_licenses':
            r = jsonReply(200, userLicenses(ls, Object.fromEntries(url.searchParams)))
            break
          case 'floating/borrow':
            r = jsonReply(200, floatingBorrow(ls, jsonBody()))
            break
          case 'floating/release':
            floatingRelease(ls, jsonBody())
            r = reply(200, { 'Content-Type': 'text/plain; charset=utf-8' }, '')
            break
          case 'sso_url':
            r = jsonReply(200, sso.ssoUrl(`http://${req.headers.host ?? `${urlHost}:${port}`}`, Object.fromEntries(url.searchParams)))
            break
          case 'activate_offline':
            // Called directly (as an SDK does) it answers the license object as JSON; the portal hands the .lic.
            r = jsonReply(200, activateOffline(ls, body.toString('utf8')).object)
            break
          default:
            deactivateOffline(ls, body.toString('utf8'))
            r = reply(200, { 'Content-Type': 'text/plain; charset=utf-8' }, 'license_deactivated')
        }
        r.headers.LicenseSignature = rsaSignBase64(privateKey, r.body)
        return r
      } catch (e) {
        if (e instanceof LsError) return lsErrorReply(e)
        if (e instanceof HttpError) return jsonReply(e.status, { status: e.status, code: 'missing_parameters', message: e.message })
        return jsonReply(500, { status: 500, code: 'internal_error', message: 'Internal server error' })
      }
    }

    // ------------------------------------------------------------------ QLM web service
    if (path.startsWith('/qlm/qlmservice.asmx/')) {
      const op = path.slice('/qlm/qlmservice.asmx/'.length)
      const params = new URLSearchParams(url.searchParams)
      if (method === 'POST') {
        const body = await readBody(req)
        for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v)
      }
      const xml = (s: string) => reply(200, { 'Content-Type': 'text/xml; charset=utf-8' }, s)
      if (op === 'ValidateLicenseHttp') return xml(validateLicenseHttp(qlm, params, bom))
      if (op === 'ReleaseLicenseHttp') return xml(releaseLicenseHttp(qlm, params, bom))
      return reply(404, { 'Content-Type': 'text/plain; charset=utf-8' }, `Unknown web method ${op}`)
    }

    // ------------------------------------------------------------------ QLM self-help pages
    if (path === '/qlm/QlmReleaseLicense.aspx' || path === '/qlm/QlmWebActivation.aspx') {
      const params = new URLSearchParams(url.searchParams)
      if (method === 'POST') {
        const body = await readBody(req)
        for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v)
      } else if (method !== 'GET') return reply(405, { ...PAGE_HEADERS, Allow: 'GET, POST' }, errorPage('Not allowed', 'method_not_allowed', 'Use GET or POST.', path))
      const avkey = params.get('is_avkey') ?? ''
      const pcid = params.get('is_pcid') ?? ''
      const productName = qlmProductName(avkey)
      if (path === '/qlm/QlmReleaseLicense.aspx') {
        const code = params.get('is_deactcode') ?? ''
        // Opening the link (GET) shows the prefilled form; only pressing its button (POST) releases, so a
        // mail scanner or prefetcher following the link cannot use up a release.
        if (method !== 'POST' || !avkey || !pcid || !code) return reply(200, PAGE_HEADERS, qlmReleaseForm(avkey, pcid, code, productName))
        try {
          qlmRelease(qlm, { avkey, pcid, dvc: code, requireAuth: false, requireDvc: true })
          return reply(200, PAGE_HEADERS, qlmReleasedPage(avkey, pcid, productName))
        } catch (e) {
          if (!(e instanceof QlmError)) throw e
          return reply(400, PAGE_HEADERS, errorPage('License not released', 'release_refused', e.message, `/qlm/QlmReleaseLicense.aspx?${new URLSearchParams({ is_avkey: avkey, is_pcid: pcid })}`))
        }
      }
      if (!avkey || !pcid) return reply(200, PAGE_HEADERS, qlmActivationForm(avkey, pcid))
      try {
        const r = qlmActivate(qlm, { avkey, pcid, computerName: params.get('is_computer_name') ?? 'web activation' })
        return reply(200, PAGE_HEADERS, qlmActivatedPage(r.license.activationKey, pcid, r.computerKey, productName))
      } catch (e) {
        if (!(e instanceof QlmError)) throw e
        return reply(400, PAGE_HEADERS, errorPage('License not activated', 'activation_refused', e.message, '/qlm/QlmWebActivation.aspx'))
      }
    }

    // ------------------------------------------------------------------ SSO: the customer's identity provider
    if (path === SSO_AUTHORIZE_PATH) {
      const params = new URLSearchParams(url.searchParams)
      if (method === 'POST') {
        const body = await readBody(req)
        for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v)
        const r = sso.signIn(params, now())
        if ('redirect' in r) return reply(303, { ...SSO_PAGE_HEADERS, Location: r.redirect }, '')
        return reply(r.status, SSO_PAGE_HEADERS, ssoSignInPage(params, sso.account(params.get('client_id') ?? undefined)?.name, r.error))
      }
      if (method !== 'GET') return reply(405, { ...SSO_PAGE_HEADERS, Allow: 'GET, POST' }, errorPage('Not allowed', 'method_not_allowed', 'Use GET or POST.', '/'))
      return reply(200, SSO_PAGE_HEADERS, ssoSignInPage(params, sso.account(params.get('client_id') ?? undefined)?.name))
    }

    // ------------------------------------------------------------------ LicenseSpring offline portal
    if (path === '/offline' || path === '/offline/') {
      if (method !== 'GET') return reply(405, { ...PAGE_HEADERS, Allow: 'GET' }, errorPage('Not allowed', 'method_not_allowed', 'Use GET.', '/offline'))
      return reply(200, PAGE_HEADERS, offlinePortalPage())
    }
    if (path === '/offline/upload') {
      if (method !== 'POST') return reply(405, { ...PAGE_HEADERS, Allow: 'POST' }, errorPage('Not allowed', 'method_not_allowed', 'Upload the file with the form.', '/offline'))
      const body = await readBody(req)
      const ct = (req.headers['content-type'] ?? '').toLowerCase()
      let text: string
      let fileName: string | undefined
      if (ct.startsWith('multipart/form-data')) {
        const f = multipartFile(body, req.headers['content-type'] as string)
        text = f ? f.content.toString('utf8') : ''
        fileName = f?.name || undefined
      } else if (ct.startsWith('application/x-www-form-urlencoded')) {
        const form = new URLSearchParams(body.toString('utf8'))
        text = form.get('content') ?? form.get('file') ?? ''
      } else text = body.toString('utf8')
      try {
        if (text.trim() === '') throw new LsError(400, 'missing_parameters', 'No request file was uploaded')
        const parsed = parseOfflineRequest(ls, text, { defaultKind: 'deactivation' })
        if (parsed.kind === 'deactivation') {
          const seat = {
            identity: parsed.identity,
            hardwareId: parsed.hardwareId,
            productName: store.product(String(parsed.fields.product))?.name ?? String(parsed.fields.product),
            requestId: parsed.requestId,
            file: fileName
          }
          try {
            deactivateOffline(ls, text, parsed)
          } catch (e) {
            // The seat is already free (the file was uploaded before, or the seat released another way):
            // that is what the user wanted, said plainly instead of the raw device_not_found.
            if (e instanceof LsError && e.code === 'device_not_found') return reply(200, PAGE_HEADERS, alreadyFreePage(seat))
            throw e
          }
          return reply(200, PAGE_HEADERS, deactivatedPage(seat))
        }
        const r = activateOffline(ls, text, parsed)
        return reply(
          200,
          {
            'Content-Type': 'application/octet-stream',
            'Content-Disposition': 'attachment; filename="ls_activation.lic"',
            'X-Content-Type-Options': 'nosniff',
            'Cache-Control': 'no-store'
          },
          r.lic
        )
      } catch (e) {
        if (e instanceof LsError) return reply(e.status, PAGE_HEADERS, errorPage('The request file was not accepted', e.code, e.message, '/offline', fileName))
        throw e
      }
    }

    if (path === '/' && method === 'GET') {
      return reply(200, PAGE_HEADERS, offlinePortalPage().replace('<h1>', '<p><a href="/qlm/QlmReleaseLicense.aspx">QLM license release</a> · <a href="/qlm/QlmWebActivation.aspx">QLM web activation</a></p>\n<h1>'))
    }
    void now
    return jsonReply(404, { status: 404, code: 'not_found', message: `Not found: ${path}` })
  }

  /** The display name of the QLM product an activation key belongs to (seed qlm.products), if known. */
  function qlmProductName(avkey: string): string | undefined {
    const lic = avkey ? store.qlmLicense(avkey) : undefined
    return lic ? store.data.qlm.products?.find((p) => p.productId === lic.productId)?.name : undefined
  }

  function setRequireOAuth(productShortCode: string, required: boolean): void {
    const p = store.product(productShortCode)
    if (!p) throw new Error(`unknown product ${productShortCode}`)
    p.requireOAuth = required
  }

  function qlmPolicy(): Required<QlmPolicy> {
    return {
      releaseLicenseRequiresAuthentication: store.data.qlm.releaseLicenseRequiresAuthentication,
      releaseLicenseRequiresVerificationCode: store.data.qlm.releaseLicenseRequiresVerificationCode,
      bom: store.data.qlm.bom === true
    }
  }

  function applyQlmPolicy(p: QlmPolicy): void {
    if (p.releaseLicenseRequiresAuthentication !== undefined) store.data.qlm.releaseLicenseRequiresAuthentication = p.releaseLicenseRequiresAuthentication
    if (p.releaseLicenseRequiresVerificationCode !== undefined) store.data.qlm.releaseLicenseRequiresVerificationCode = p.releaseLicenseRequiresVerificationCode
    if (p.bom !== undefined) store.data.qlm.bom = p.bom
  }

  function send(res: ServerResponse, r: Reply, skew: number): void {
    res.statusCode = r.status
    for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v)
    res.setHeader('Date', new Date(baseNow() + skew).toUTCString())
    res.setHeader('Content-Length', String(r.body.length))
    res.end(r.body)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = url.pathname
    const method = req.method ?? 'GET'
    const exempt = path.startsWith('/__admin/') || path === '/health'
    const fault = exempt ? undefined : faults.take(path)
    const skew = exempt ? faults.peekSkew() : (fault?.clockSkewMs ?? 0)
    const record = (status: number, what?: string) => {
      log.push({ method, path, status, ...(what ? { fault: what } : {}) })
      opts.log?.(`${method} ${path} ${status}${what ? ` [fault: ${what}]` : ''}`)
    }
    if (fault?.latencyMs) await sleep(fault.latencyMs)
    if (fault?.dropConnection) {
      record(0, 'dropConnection')
      req.socket.destroy()
      return
    }
    if (fault?.status) {
      record(fault.status, `status ${fault.status}`)
      const r =
        fault.status === 500
          ? jsonReply(500, { status: 500, code: 'internal_error', message: 'Internal server error' })
          : reply(fault.status, { 'Content-Type': 'text/html; charset=utf-8' }, `<html><body><h1>${fault.status} ${fault.status === 502 ? 'Bad Gateway' : 'Service Unavailable'}</h1></body></html>`)
      if (fault.status === 503) r.headers['Retry-After'] = '1'
      send(res, r, skew)
      return
    }
    if (fault?.rateLimit) {
      record(429, 'rateLimit')
      const r = jsonReply(429, { status: 429, code: 'too_many_requests', message: 'Rate limit exceeded' })
      r.headers['Retry-After'] = String(fault.rateLimit.retryAfterSeconds)
      send(res, r, skew)
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
    if (fault?.malformed) {
      if (fault.malformed === 'html') {
        r = reply(200, { 'Content-Type': 'text/html; charset=utf-8' }, '<!doctype html><html><head><title>Portal</title></head><body><p>Please sign in.</p></body></html>')
      } else if (fault.malformed === 'truncated') {
        r = { ...r, status: 200, body: r.body.subarray(0, Math.floor(r.body.length / 2)) }
      } else {
        r = { ...r, status: 200, body: Buffer.alloc(0) }
      }
      record(r.status, `malformed ${fault.malformed}`)
      send(res, r, skew)
      return
    }
    record(r.status, fault ? Object.keys(fault).filter((k) => k !== 'times' && k !== 'path').join(',') || undefined : undefined)
    send(res, r, skew)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      opts.log?.(`unhandled: ${(e as Error).stack ?? String(e)}`)
      if (!res.headersSent) {
        res.statusCode = 500
        res.end()
      } else res.destroy()
    })
  })
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
  const port = (server.address() as AddressInfo).port
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
    snapshot: () => JSON.parse(JSON.stringify(store.data)) as SeedData,
    reset: () => store.reset(),
    persist: () => store.persist()
  }

  return {
    url: `http://${urlHost}:${port}`,
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
    requests: () => log.slice(),
    clearRequests: () => {
      log = []
    },
    now: () => baseNow() + faults.peekSkew(),
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
