// Secrets at rest (license keys, passwords, QLM computer keys). The app prefers Electron safeStorage
// (src/main/secrets.ts); where it is not real encryption, and in the CLI, this local box is used:
// AES-256-GCM with a random key in a file only this user may read, beside the state file. It keeps
// the state file alone from revealing a key (a copied or backed-up state.json), not a local attacker.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LicenseDeskError } from './errors'
import type { SecretBox } from './types'

export const LOCAL_SCHEME = 'local-aes'

function loadOrCreateKey(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key')
  try {
    const k = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
    if (k.length === 32) return k
  } catch {
    /* created below */
  }
  const key = randomBytes(32)
  try {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new LicenseDeskError('secret_unavailable', `The key file ${file} could not be created (the folder is read-only or not accessible).`)
    // Another process created it first: use theirs.
    let k: Buffer
    try {
      k = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
    } catch {
      throw new LicenseDeskError('secret_unavailable', `The key file ${file} cannot be read.`)
    }
    if (k.length === 32) return k
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
    encrypt: (plain) => primary.encrypt(plain),
    decrypt(stored, scheme) {
      const box = all.find((b) => b.scheme === scheme)
      if (!box) throw unavailable(scheme)
      return box.decrypt(stored, scheme)
    }
  }
}
