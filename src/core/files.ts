// Every file License Desk creates (the state, the key file, request files, receipts) is written by one
// durable-write helper: a temp file in the same folder, fsync, rename (or link, to create only if absent),
// then fsync of the folder, so after a crash or power loss the file is either the old one or the new one,
// whole. Every file we read is decoded as strict UTF-8: a stray byte is an error, never a silent U+FFFD.
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, linkSync, openSync, promises as fs, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { LicenseDeskError } from './errors'

export function sha256Hex(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

/** Why a file system call failed, in words a user can act on. */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
    ? 'the folder is read-only or you may not write there'
    : code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'ENOENT'
        ? 'the folder does not exist'
        : code === 'ENOTDIR'
          ? 'a file is in the way of the folder'
          : 'the file could not be written'
}

/** Folders cannot be opened for fsync on Windows, and some file systems refuse it: durability there is the OS's. */
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'ENOTSUP', 'EPERM', 'EACCES', 'EBADF'])

/** Makes a rename or unlink in `dir` durable (the folder's entry list reaches the disk). */
export function fsyncDirSync(dir: string): void {
  if (process.platform === 'win32') return
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch (e) {
    if (!DIR_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) throw e
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(dir, 'r')
    await handle.sync()
  } catch (e) {
    if (!DIR_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) throw e
  } finally {
    await handle?.close()
  }
}

export interface DurableWriteOptions {
  /** File mode of a new file (default 0o644; the key file uses 0o600). */
  mode?: number
  /** Create only: fail with EEXIST (as a plain errno error) when the file exists, never replace it. */
  exclusive?: boolean
  /** Skip the fsyncs (lock files, which need to be atomic but not durable). */
  durable?: boolean
}

const tempPath = (path: string) => join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)

/** Links tmp to path (fails with EEXIST when path exists); falls back to rename where links do not exist. */
function placeExclusive(tmp: string, path: string): void {
  try {
    linkSync(tmp, path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e
    if (existsSync(path)) throw Object.assign(new Error(`EEXIST: file already exists, ${path}`), { code: 'EEXIST' })
    renameSync(tmp, path)
    return
  }
  rmSync(tmp, { force: true })
}

/**
 * The durable write, synchronous: throws the errno error as it is (callers name it in their own terms).
 * The temp file is removed on failure.
 */
export function writeFileDurableSync(path: string, content: string | Buffer, opts: DurableWriteOptions = {}): void {
  const tmp = tempPath(path)
  const durable = opts.durable ?? true
  let fd: number | undefined
  try {
    fd = openSync(tmp, 'wx', opts.mode ?? 0o644)
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    let off = 0
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
    if (durable) fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    if (opts.exclusive) placeExclusive(tmp, path)
    else renameSync(tmp, path)
  } catch (e) {
    if (fd !== undefined) closeSync(fd)
    rmSync(tmp, { force: true })
    throw e
  }
  if (durable) fsyncDirSync(dirname(path))
}

/** The durable write, asynchronous; same contract as writeFileDurableSync. */
export async function writeFileDurable(path: string, content: string | Buffer, opts: DurableWriteOptions = {}): Promise<void> {
  const tmp = tempPath(path)
  const durable = opts.durable ?? true
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(tmp, 'wx', opts.mode ?? 0o644)
    await handle.writeFile(content)
    if (durable) await handle.sync()
    await handle.close()
    handle = undefined
    if (opts.exclusive) placeExclusive(tmp, path)
    else await fs.rename(tmp, path)
  } catch (e) {
    await handle?.close().catch(() => undefined)
    await fs.rm(tmp, { force: true }).catch(() => undefined)
    throw e
  }
  if (durable) await fsyncDir(dirname(path))
}

/**
 * A file for the user (request file, receipt, diagnostics): durable, or a file_write error and no file.
 * Temp files an interrupted earlier write of the same file left beside it are removed (the use cases
 * write a product's file under that product's lock, so none of them is another writer's).
 */
export async function writeFileAtomic(path: string, content: string): Promise<{ sha256: string }> {
  try {
    await writeFileDurable(path, content)
  } catch (e) {
    throw new LicenseDeskError('file_write', `Could not save ${basename(path)} in ${dirname(path)}: ${fsReason(e)}. Nothing was changed; choose another folder.`)
  }
  await removeLeftoverTemps(path)
  return { sha256: sha256Hex(content) }
}

async function removeLeftoverTemps(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`
  try {
    for (const f of await fs.readdir(dirname(path)))
      if (f.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(f.slice(prefix.length))) await fs.rm(join(dirname(path), f), { force: true })
  } catch {
    /* best effort: a leftover temp file is litter, never read */
  }
}

/**
 * Removes a file we wrote (a request file whose state change failed), durably. Resolves false when it
 * could not be removed: the caller must then say that the file is still there.
 */
export async function removeFileDurable(path: string): Promise<boolean> {
  try {
    await fs.rm(path, { force: true })
    await fsyncDir(dirname(path)).catch(() => undefined)
    return true
  } catch {
    return false
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Strict UTF-8 (a leading BOM dropped); throws a TypeError on any invalid byte sequence. */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes)
}

/** The line (1-based) of the first byte that is not valid UTF-8, or undefined when all is valid. */
export function badUtf8Line(bytes: Uint8Array): number | undefined {
  try {
    utf8.decode(bytes)
    return undefined
  } catch {
    let i = 0
    let line = 1
    while (i < bytes.length) {
      const b = bytes[i]!
      const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
      if (n === 0 || i + n > bytes.length) return line
      try {
        utf8.decode(bytes.subarray(i, i + n))
      } catch {
        return line
      }
      if (b === 0x0a) line++
      i += n
    }
    return line
  }
}

export async function readTextFile(path: string, maxBytes = 1_000_000): Promise<string> {
  let bytes: Buffer
  try {
    const st = await fs.stat(path)
    if (st.size > maxBytes) throw new LicenseDeskError('file_invalid', `${basename(path)} is too large to be a license file.`)
    bytes = await fs.readFile(path)
  } catch (e) {
    if (e instanceof LicenseDeskError) throw e
    throw new LicenseDeskError('file_read', `Could not read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'access denied or unreadable'}.`)
  }
  const line = badUtf8Line(bytes)
  if (line !== undefined) throw new LicenseDeskError('file_invalid', `${basename(path)} is not a text file License Desk wrote or can read: line ${line} is not valid UTF-8.`)
  return decodeUtf8(bytes)
}
