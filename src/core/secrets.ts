// Secrets at rest (license keys, passwords, QLM computer keys). The app prefers Electron safeStorage
// (src/main/secrets.ts); where it is not real encryption, and in the CLI, this local box is used:
// AES-256-GCM with a random key in a file only this user may read, beside the state file. It keeps
// the state file alone from revealing a key (a copied or backed-up state.json), not a local attacker.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { LicenseDeskError } from './errors'
import { decodeUtf8, fsReason, writeFileDurableSync } from './files'
import { stateFilePath } from './paths'
import type { SecretBox } from './types'

export const LOCAL_SCHEME = 'local-aes'
export const KEY_FILE_NAME = 'secret.key'

/** The key in the file, 'missing', or 'damaged' (empty, short, not base64, not UTF-8). Throws on other read errors. */
function readKey(file: string): Buffer | 'missing' | 'damaged' {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw new LicenseDeskError('secret_unavailable', `The key file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'unknown error'}).`)
  }
  try {
    const text = decodeUtf8(bytes).trim()
    const k = Buffer.from(text, 'base64')
    if (k.length === 32 && /^[A-Za-z0-9+/]{43}=$/.test(text)) return k
  } catch {
    /* not UTF-8 */
  }
  return 'damaged'
}

/** Whether a value sealed with the local key is stored in the state file beside it. */
function sealedValuesExist(dataDir: string): boolean {
  let text: string
  try {
    text = readFileSync(stateFilePath(dataDir), 'latin1')
  } catch (e) {
    // No state file: nothing sealed. An unreadable one may hold sealed values: keep the key file.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT'
  }
  return new RegExp(`"scheme"\\s*:\\s*"${LOCAL_SCHEME}"`).test(text)
}

/**
 * The key, read or created. Created durably (temp file, fsync, link, fsync of the folder), so a crash or
 * a full disk never leaves an empty key file. A damaged key file that no stored value depends on (one a
 * crash of an older version left empty) is set aside and replaced; one that values depend on is refused.
 */
function loadOrCreateKey(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE_NAME)
  const found = readKey(file)
  if (Buffer.isBuffer(found)) return found
  if (found === 'damaged') {
    if (sealedValuesExist(dataDir))
      throw new LicenseDeskError(
        'secret_unavailable',
        `The key file ${file} is damaged, and the license keys stored on this computer were sealed with it, so they cannot be read. Restore ${KEY_FILE_NAME} from a backup, or contact support to release the seats.`
      )
    try {
      renameSync(file, `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new LicenseDeskError('secret_unavailable', `The damaged key file ${file} could not be replaced: ${fsReason(e)}.`)
    }
  }
  const key = randomBytes(32)
  try {
    mkdirSync(dataDir, { recursive: true })
    writeFileDurableSync(file, key.toString('base64'), { mode: 0o600, exclusive: true })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new LicenseDeskError('secret_unavailable', `The key file ${file} could not be created: ${fsReason(e)}. Nothing was changed.`, {
        nextStep: (e as NodeJS.ErrnoException).code === 'ENOSPC' ? 'retry_later' : 'contact_support'
      })
    // Another process created it first: use theirs.
    const theirs = readKey(file)
    if (Buffer.isBuffer(theirs)) return theirs
    throw new LicenseDeskError('secret_unavailable', `The key file ${file} is damaged.`)
  }
  try {
    chmodSync(file, 0o600)
  } catch {
    /* best effort on filesystems without modes */
  }
  return key
}

export function createLocalSecretBox(dataDir: string): SecretBox {
  let key: Buffer | undefined
  const k = () => (key ??= loadOrCreateKey(dataDir))
  return {
    scheme: LOCAL_SCHEME,
    ready() {
      k()
    },
    encrypt(plain) {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', k(), iv)
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')
    },
    decrypt(stored, scheme) {
      if (scheme !== LOCAL_SCHEME) throw unavailable(scheme)
      try {
        const b = Buffer.from(stored, 'base64')
        const d = createDecipheriv('aes-256-gcm', k(), b.subarray(0, 12))
        d.setAuthTag(b.subarray(12, 28))
        return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8')
      } catch {
        throw new LicenseDeskError('secret_unavailable', 'A stored license key could not be decrypted (the key file secret.key was replaced or damaged).')
      }
    }
  }
}

function unavailable(scheme: string): LicenseDeskError {
  return new LicenseDeskError(
    'secret_unavailable',
    scheme === 'safeStorage'
      ? 'This license was activated in the License Desk app, which keeps its key in the system keychain. Use the app for this product.'
      : `A stored license key uses an encryption this program cannot read (${scheme}).`
  )
}

/** Encrypts with `primary`; decrypts a value of any scheme one of the boxes knows. */
export function combineSecretBoxes(primary: SecretBox, ...readers: SecretBox[]): SecretBox {
  const all = [primary, ...readers]
  return {
    scheme: primary.scheme,
    ready: () => primary.ready?.(),
    encrypt: (plain) => primary.encrypt(plain),
    decrypt(stored, scheme) {
      const box = all.find((b) => b.scheme === scheme)
      if (!box) throw unavailable(scheme)
      return box.decrypt(stored, scheme)
    }
  }
}
