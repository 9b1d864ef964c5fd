// Shared helpers for the unit tests: independent tools (python3, openssl, coreutils), temp dirs and
// small HTTP servers on 127.0.0.1 port 0.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')
export const DEMO_PRIVATE_KEY = join(ROOT, 'resources/demo/server-private.pem')
export const DEMO_PUBLIC_KEY = join(ROOT, 'resources/demo/server-public.pem')

/** Runs a python3 snippet; argv after the code are sys.argv[1:]. */
export function py(code: string, args: string[] = [], input?: string | Buffer): string {
  return execFileSync('python3', ['-c', code, ...args], { input, encoding: 'utf8' }).trim()
}

export function run(cmd: string, args: string[], input?: string | Buffer): Buffer {
  return execFileSync(cmd, args, { input, stdio: ['pipe', 'pipe', 'pipe'] })
}

/** base64 HMAC-SHA256 computed by openssl. */
export function opensslHmacB64(key: string, message: string | Buffer): string {
  return run('openssl', ['dgst', '-sha256', '-hmac', key, '-binary'], message).toString('base64')
}

/** base64 HMAC-SHA256 computed by python's hmac module (key and message passed as hex to stay byte-exact). */
export function pythonHmacB64(key: string, message: string | Buffer): string {
  return py('import sys,hmac,hashlib,base64;print(base64.b64encode(hmac.new(bytes.fromhex(sys.argv[1]),bytes.fromhex(sys.argv[2]),hashlib.sha256).digest()).decode())', [
    Buffer.from(key, 'utf8').toString('hex'),
    Buffer.from(message).toString('hex')
  ])
}

/** RSA-SHA256 PKCS#1 v1.5 signature by openssl, base64. */
export function opensslSignB64(privateKeyPath: string, message: string | Buffer): string {
  return run('openssl', ['dgst', '-sha256', '-sign', privateKeyPath], message).toString('base64')
}

const dirs: string[] = []
export function tempDir(prefix = 'ld-unit-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(d)
  return d
}
export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

export interface TestServer {
  server: Server
  url: string
  port: number
  close(): Promise<void>
}

export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): Promise<TestServer> {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((e) => {
      res.statusCode = 599
      res.end(String(e))
    })
  })
  return listen(server)
}

export async function listen(server: Server): Promise<TestServer> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.()
        server.close(() => r())
      })
  }
}

/** A port on 127.0.0.1 where nothing listens (a server was bound there and closed). */
export async function closedPort(): Promise<number> {
  const s = await startServer(() => undefined)
  const port = s.port
  await s.close()
  return port
}

/** Catches the LicenseDeskError (or anything) a promise rejects with. */
export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<any> {
  try {
    if (typeof p === 'function') await p()
    else await p
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection, got success')
}
