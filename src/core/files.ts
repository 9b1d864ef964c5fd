// Files written for the user: temp file in the same folder, fsync, rename. Never half-written.
import { createHash, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { LicenseDeskError } from './errors'

export function sha256Hex(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

export async function writeFileAtomic(path: string, content: string): Promise<{ sha256: string }> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(tmp, 'wx', 0o644)
    await handle.writeFile(content, 'utf8')
    await handle.sync()
    await handle.close()
    handle = undefined
    await fs.rename(tmp, path)
  } catch (e) {
    await handle?.close().catch(() => undefined)
    await fs.rm(tmp, { force: true }).catch(() => undefined)
    const code = (e as NodeJS.ErrnoException).code
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the folder is read-only or you may not write there'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'ENOENT'
            ? 'the folder does not exist'
            : 'the file could not be written'
    throw new LicenseDeskError('file_write', `Could not save ${basename(path)} in ${dirname(path)}: ${why}. Nothing was changed; choose another folder.`)
  }
  return { sha256: sha256Hex(content) }
}

export async function readTextFile(path: string, maxBytes = 1_000_000): Promise<string> {
  try {
    const st = await fs.stat(path)
    if (st.size > maxBytes) throw new LicenseDeskError('file_invalid', `${basename(path)} is too large to be a license file.`)
    return await fs.readFile(path, 'utf8')
  } catch (e) {
    if (e instanceof LicenseDeskError) throw e
    throw new LicenseDeskError('file_read', `Could not read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'access denied or unreadable'}.`)
  }
}
