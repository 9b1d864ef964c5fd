// Test helpers for the local server suite: a hand-written LicenseSpring request signer and offline
// file builders (node:crypto only; nothing from src/core or src/server's crypto).
import { createHmac, createPublicKey, createVerify, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startServer, type FaultSpec, type LocalServer, type ScriptedReply, type SeedData, type StartServerOptions } from '../../src/server/index'
import { loadDemoSeed } from '../../src/server/store'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export const API_KEY = 'demo-api-key-3f1c9a7e'
export const SHARED_KEY = 'demo-shared-key-R8tq2VwLmN4pXs7K'
export const QLM_ENC_KEY = '{B6163D99-F46A-4580-BB42-BF276A507A14}'
export const PUBLIC_KEY = createPublicKey(readFileSync(resolve(__dirname, '../../resources/demo/server-public.pem'), 'utf8'))

export function hmac(key: string, msg: string | Buffer): string {
  return createHmac('sha256', key).update(msg).digest('base64')
}

export function authHeaders(opts: { date?: string; apiKey?: string; sharedKey?: string } = {}): Record<string, string> {
  const date = opts.date ?? new Date().toUTCString()
  const sig = hmac(opts.sharedKey ?? SHARED_KEY, `licenseSpring\ndate: ${date}`)
  return {
    Date: date,
    Authorization: `algorithm="hmac-sha256",headers="date",signature="${sig}",apikey="${opts.apiKey ?? API_KEY}"`,
    Accept: 'application/json'
  }
}

export interface CallResult {
  status: number
  text: string
  json: any
  headers: Headers
}

export async function call(base: string, method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult> {
  const isText = typeof body === 'string'
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(headers ?? authHeaders()),
      ...(body !== undefined ? { 'Content-Type': isText ? 'text/plain' : 'application/json' } : {})
    },
    body: body === undefined ? undefined : isText ? (body as string) : JSON.stringify(body)
  })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, text, json, headers: res.headers }
}

export function rsaVerify(data: string | Buffer, sigB64: string): boolean {
  return createVerify('RSA-SHA256').update(data).verify(PUBLIC_KEY, Buffer.from(sigB64, 'base64'))
}

export interface OfflineOpts {
  request: 'activation' | 'deactivation'
  product?: string
  hardwareId: string
  licenseKey?: string
  username?: string
  date?: string
  requestId?: string
  apiKey?: string
  sharedKey?: string
}

export function offlineFields(o: OfflineOpts): Record<string, unknown> {
  const date = o.date ?? new Date().toUTCString()
  const apiKey = o.apiKey ?? API_KEY
  const identity = (o.licenseKey ?? o.username) as string
  return {
    request: o.request,
    api_key: apiKey,
    date,
    request_id: o.requestId ?? randomUUID(),
    product: o.product ?? 'studio',
    hardware_id: o.hardwareId,
    ...(o.licenseKey ? { license_key: o.licenseKey } : { username: o.username }),
    signature: hmac(o.sharedKey ?? SHARED_KEY, `licenseSpring\ndate: ${date}\n${identity}\n${o.hardwareId}\n${apiKey}`)
  }
}

export function offlineV1(o: OfflineOpts): string {
  return Buffer.from(JSON.stringify(offlineFields(o)), 'utf8').toString('base64')
}

/** v2: the inner object serialized once; those bytes are signed and embedded verbatim. */
export function offlineV2(o: OfflineOpts, innerText?: (inner: Record<string, unknown>) => string): string {
  const inner = { ...offlineFields(o), schema_version: 2 }
  const bytes = innerText ? innerText(inner) : JSON.stringify(inner)
  const sig = hmac(o.sharedKey ?? SHARED_KEY, Buffer.from(bytes, 'utf8'))
  const file = `{"request":${bytes},"signature":${JSON.stringify(sig)}}`
  return Buffer.from(file, 'utf8').toString('base64')
}

/**
 * One local server for a test file (127.0.0.1, a free port), reset before each test (state, faults,
 * request log) and then adjusted by `reset`. The returned object stands for the server once it runs.
 */
export function useServer(reset?: () => void, start: StartServerOptions = {}): LocalServer {
  let server: LocalServer | undefined
  beforeAll(async () => {
    server = await startServer({ ...start, port: 0, admin: true })
  })
  afterAll(async () => {
    await server?.close()
  })
  beforeEach(() => {
    server!.state.reset()
    server!.faults.clear()
    server!.clearRequests()
    reset?.()
  })
  return new Proxy({} as LocalServer, {
    get(_target, key) {
      if (!server) throw new Error('the local server is not running yet (use it inside a test)')
      return Reflect.get(server, key)
    }
  })
}

/** A LicenseSpring request as the local server received it, with the signature checked by our own HMAC code. */
export interface LsCall {
  method: string
  path: string
  query: URLSearchParams
  body: string
  headers: Record<string, string | string[] | undefined>
  /** the Authorization header is the HMAC of the Date header with these keys */
  authOk: boolean
  /** the Date header minus the server clock when the request arrived */
  dateSkewMs: number
}

/** The LicenseSpring requests the server has logged (oldest first), checked against `keys`. */
export function lsCalls(server: LocalServer, keys: { apiKey: string; sharedKey: string } = { apiKey: API_KEY, sharedKey: SHARED_KEY }): LsCall[] {
  return server
    .requests()
    .filter((r) => r.path.startsWith('/api/v4/'))
    .map((r) => {
      if (!r.raw) throw new Error('the server keeps raw requests only when started for tests')
      const date = String(r.raw.headers.date ?? '')
      const m = /^algorithm="hmac-sha256",headers="date",signature="([^"]+)",apikey="([^"]+)"$/.exec(String(r.raw.headers.authorization ?? ''))
      const authOk = !!m && m[1] === hmac(keys.sharedKey, `licenseSpring\ndate: ${date}`) && m[2] === keys.apiKey
      return {
        method: r.method,
        path: r.path,
        query: new URLSearchParams(r.raw.query),
        body: r.raw.body,
        headers: r.raw.headers,
        authOk,
        dateSkewMs: Date.parse(date) - r.raw.at
      }
    })
}

/** A QLM web service request: its web method, the query exactly as sent, and the decoded query. */
export interface QlmCall {
  method: string
  rawQuery: string
  query: URLSearchParams
}

export function qlmCalls(server: LocalServer): QlmCall[] {
  return server
    .requests()
    .filter((r) => r.path.startsWith('/qlm/qlmservice.asmx/'))
    .map((r) => {
      if (!r.raw) throw new Error('the server keeps raw requests only when started for tests')
      return { method: r.path.split('/').pop() as string, rawQuery: r.raw.query, query: new URLSearchParams(r.raw.query) }
    })
}

/** A scripted LicenseSpring error answer (for the reply fault). */
export function lsErrorAnswer(status: number, code: string, message = `error ${code}`): ScriptedReply {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status, code, message }) }
}

/** A scripted QLM answer (for the reply fault): the XML text, or `!503 text` for that HTTP status. */
export function qlmAnswer(scripted: string): ScriptedReply {
  const m = /^!(\d{3}) ?([\s\S]*)$/.exec(scripted)
  return { status: m ? Number(m[1]) : 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: m ? m[2]! : scripted }
}

/** The demo seed, changed by `edit` (a fresh copy each call). */
export function demoSeed(edit: (seed: SeedData) => void = () => undefined): SeedData {
  const seed = loadDemoSeed()
  edit(seed)
  return seed
}

/** The next answers to requests whose path contains `path`, word for word, one each, in order (reply faults). */
export function scriptAnswers(server: LocalServer, path: string, ...answers: ScriptedReply[]): void {
  const chain = answers.reduceRight<FaultSpec | undefined>((next, reply) => ({ reply, times: 1, path, ...(next ? { next } : {}) }), undefined)
  if (chain) server.faults.set(chain)
}
