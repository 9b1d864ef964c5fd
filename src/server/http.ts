// HTTP plumbing of the local license server: replies, bounded request bodies, the multipart parser.
import type { IncomingMessage, ServerResponse } from 'node:http'

export const MAX_BODY = 1024 * 1024

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

export interface Reply {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export function reply(status: number, headers: Record<string, string>, body: string | Buffer): Reply {
  return { status, headers, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body }
}

export function jsonReply(status: number, obj: unknown): Reply {
  return reply(status, { 'Content-Type': 'application/json; charset=utf-8' }, JSON.stringify(obj))
}

const bodies = new WeakMap<IncomingMessage, Promise<Buffer>>()

/** The request body (read once: a second call gets the same bytes). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  let body = bodies.get(req)
  if (!body) {
    body = readOnce(req)
    bodies.set(req, body)
  }
  return body
}

function readOnce(req: IncomingMessage): Promise<Buffer> {
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

/** GET query parameters, with a POSTed form body's fields on top. */
export async function formParams(req: IncomingMessage, url: URL, method: string): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams)
  if (method === 'POST') {
    const body = await readBody(req)
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v)
  }
  return params
}

/** Writes a reply with the server's Date header. */
export function send(res: ServerResponse, r: Reply, dateMs: number): void {
  res.statusCode = r.status
  for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v)
  res.setHeader('Date', new Date(dateMs).toUTCString())
  res.setHeader('Content-Length', String(r.body.length))
  res.end(r.body)
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
