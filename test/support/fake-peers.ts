// In-test LicenseSpring and QLM peers. The LicenseSpring one checks the request signature with its own
// HMAC code (it does not import the signer under test) and signs its answers with the demo RSA key.
import { createHmac, createSign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { DEMO_PRIVATE_KEY, readBody, startServer, type TestServer } from './tools'

export const PRIVATE_PEM = readFileSync(DEMO_PRIVATE_KEY, 'utf8')

export function rsaSignB64(data: string): string {
  return createSign('RSA-SHA256').update(data).sign(PRIVATE_PEM, 'base64')
}

export interface LsCall {
  method: string
  path: string
  query: URLSearchParams
  body: string
  headers: IncomingMessage['headers']
  authOk: boolean
  dateSkewMs: number
}

export interface FakeLsOptions {
  apiKey: string
  sharedKey: string
  /** Keys the server knows; identity -> product short code. */
  keys?: Record<string, string>
}

/**
 * A LicenseSpring v4 peer. `script` lets a test take over the next answers: a function returning true
 * has handled the request.
 */
export class FakeLicenseSpring {
  calls: LsCall[] = []
  /** Server clock minus real clock. */
  serverOffsetMs = 0
  active = new Map<string, Set<string>>()
  script: Array<(c: LsCall, res: ServerResponse) => boolean | void> = []
  tamperLicenseSignature = false
  tamperHeaderSignature = false
  validity: string | null = '2030-01-01T00:00:00.000Z'
  licenseType = 'perpetual'
  srv!: TestServer

  constructor(readonly o: FakeLsOptions) {}

  async start(): Promise<this> {
    this.srv = await startServer((q, r) => this.handle(q, r))
    return this
  }
  get url(): string {
    return this.srv.url
  }
  close(): Promise<void> {
    return this.srv.close()
  }

  /** Independent check of `Authorization` and `Date`. */
  private checkAuth(h: IncomingMessage['headers']): { ok: boolean; skew: number } {
    const date = String(h.date ?? '')
    const m = /^algorithm="hmac-sha256",headers="date",signature="([^"]+)",apikey="([^"]+)"$/.exec(String(h.authorization ?? ''))
    const expect = createHmac('sha256', this.o.sharedKey).update(`licenseSpring\ndate: ${date}`).digest('base64')
    const skew = Date.parse(date) - (Date.now() + this.serverOffsetMs)
    return { ok: !!m && m[1] === expect && m[2] === this.o.apiKey, skew }
  }

  private send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { Date: new Date(Date.now() + this.serverOffsetMs).toUTCString(), 'Content-Type': 'application/json', ...headers })
    res.end(body)
  }

  error(res: ServerResponse, status: number, code: string, message = `error ${code}`): void {
    this.send(res, status, JSON.stringify({ status, code, message }))
  }

  licenseFor(hardwareId: string, identity: string, product: string): Record<string, unknown> {
    const validity = this.validity
    const sigMsg = `${hardwareId}#${identity}#${validity ?? ''}`.toLowerCase()
    let license_signature = rsaSignB64(sigMsg)
    if (this.tamperLicenseSignature) license_signature = rsaSignB64(sigMsg + 'x')
    return {
      license_key: identity,
      license_type: this.licenseType,
      is_trial: false,
      validity_period: validity,
      max_activations: 3,
      times_activated: 1,
      transfer_count: 0,
      hardware_id: hardwareId,
      product_details: { product_name: 'Prod', short_code: product, authorization_method: 'license-key' },
      product_features: [],
      custom_fields: [],
      license_signature
    }
  }

  private sendLicense(res: ServerResponse, lic: Record<string, unknown>): void {
    const body = JSON.stringify(lic)
    const sig = this.tamperHeaderSignature ? rsaSignB64(body + ' ') : rsaSignB64(body)
    this.send(res, 200, body, { LicenseSignature: sig })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url!, 'http://x')
    const body = await readBody(req)
    const auth = this.checkAuth(req.headers)
    const call: LsCall = { method: req.method!, path: u.pathname, query: u.searchParams, body, headers: req.headers, authOk: auth.ok, dateSkewMs: auth.skew }
    this.calls.push(call)
    const step = this.script.shift()
    if (step?.(call, res)) return
    if (!auth.ok) return this.error(res, 401, 'signature_mismatch')
    if (Math.abs(auth.skew) > 15 * 60_000) return this.error(res, 400, 'date_header_diff', 'Date header is too far off')
    const p = req.method === 'GET' ? Object.fromEntries(u.searchParams) : (JSON.parse(body || '{}') as Record<string, string>)
    const identity = p.license_key ?? p.username
    const known = this.o.keys ?? {}
    if (!p.hardware_id || !p.product || !identity) return this.error(res, 400, 'missing_parameters')
    if (known[identity] === undefined) return this.error(res, 400, 'license_not_found')
    if (known[identity] !== p.product) return this.error(res, 400, 'unknown_product')
    const devices = this.active.get(identity) ?? new Set<string>()
    this.active.set(identity, devices)
    switch (u.pathname) {
      case '/api/v4/activate_license':
        devices.add(p.hardware_id)
        return this.sendLicense(res, this.licenseFor(p.hardware_id, identity, p.product))
      case '/api/v4/check_license':
        if (!devices.has(p.hardware_id)) return this.error(res, 400, 'license_not_active')
        return this.sendLicense(res, { ...this.licenseFor(p.hardware_id, identity, p.product), license_active: true, license_enabled: true, is_expired: false })
      case '/api/v4/deactivate_license':
        if (!devices.delete(p.hardware_id)) return this.error(res, 400, 'device_not_found')
        res.writeHead(200, { Date: new Date(Date.now() + this.serverOffsetMs).toUTCString(), 'Content-Type': 'text/plain' })
        res.end('license_deactivated')
        return
      default:
        return this.error(res, 404, 'not_found')
    }
  }
}

export interface QlmCall {
  method: string
  rawQuery: string
  query: URLSearchParams
}

/** A QLM peer: ValidateLicenseHttp and ReleaseLicenseHttp. */
export class FakeQlm {
  calls: QlmCall[] = []
  activated = new Set<string>()
  /** Next answers (raw XML), taken before the default behaviour. */
  script: string[] = []
  computerKey = 'PCKEY-0001-ABCD'
  srv!: TestServer

  async start(): Promise<this> {
    this.srv = await startServer((req, res) => {
      const u = new URL(req.url!, 'http://x')
      const call = { method: u.pathname.split('/').pop()!, rawQuery: u.search.slice(1), query: u.searchParams }
      this.calls.push(call)
      res.setHeader('Content-Type', 'text/xml; charset=utf-8')
      const scripted = this.script.shift()
      if (scripted !== undefined) {
        // "!503 body" answers with that HTTP status.
        const m = /^!(\d{3}) ?([\s\S]*)$/.exec(scripted)
        if (m) res.statusCode = Number(m[1])
        return void res.end(m ? m[2] : scripted)
      }
      const key = u.searchParams.get('is_avkey') ?? ''
      const pc = u.searchParams.get('is_pcid') ?? ''
      if (call.method === 'ValidateLicenseHttp') {
        this.activated.add(`${key.replace(/-/g, '')}|${pc}`)
        return void res.end(`\uFEFF<?xml version="1.0"?><QuickLicenseManager><result>License activated</result><pckey>${this.computerKey}</pckey></QuickLicenseManager>`)
      }
      if (call.method === 'ReleaseLicenseHttp') {
        if (!this.activated.delete(`${key}|${pc}`)) return void res.end('<QuickLicenseManager><error>The license is not activated on this computer.</error></QuickLicenseManager>')
        return void res.end('<QuickLicenseManager><result>License released</result></QuickLicenseManager>')
      }
      res.statusCode = 404
      res.end('<html>not found</html>')
    })
    return this
  }
  get url(): string {
    return this.srv.url
  }
  close(): Promise<void> {
    return this.srv.close()
  }
}
