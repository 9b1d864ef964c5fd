// License keys and passwords at rest: Electron safeStorage (OS keychain / DPAPI / libsecret) when it is
// really available, otherwise the core's local AES-GCM box (key file in the data directory). Values of
// either scheme stay readable: the chosen box encrypts, the other one is kept as a reader.
import type { SecretBox } from '@core/types'
import { LicenseDeskError } from '@core/errors'

export const SAFE_STORAGE_SCHEME = 'safeStorage'

/** The part of Electron's safeStorage we use (typed structurally so tests can pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

export function createSafeStorageSecretBox(safeStorage: SafeStorageLike): SecretBox {
  return {
    scheme: SAFE_STORAGE_SCHEME,
    encrypt(plain: string): string {
      return safeStorage.encryptString(plain).toString('base64')
    },
    decrypt(stored: string, scheme: string): string {
      if (scheme !== SAFE_STORAGE_SCHEME) {
        throw new LicenseDeskError('secret_unavailable', `Cannot read a secret stored with scheme "${scheme}".`)
      }
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'))
      } catch {
        throw new LicenseDeskError('secret_unavailable', "A stored license secret cannot be decrypted with this user account's keychain.")
      }
    }
  }
}

export type SecretChoice = 'safeStorage' | 'local'

/**
 * Whether safeStorage really protects secrets here: encryption available and, on Linux, a real keyring
 * (not the "basic_text" backend, which only obfuscates with a hard-coded key).
 */
export function safeStorageUsable(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  try {
    if (!safeStorage.isEncryptionAvailable()) return false
    if (platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function') {
      const backend = safeStorage.getSelectedStorageBackend()
      if (backend === 'basic_text' || backend === 'unknown') return false
    }
    return true
  } catch {
    return false
  }
}

export interface AppSecretBoxDeps {
  safeStorage: SafeStorageLike
  platform?: NodeJS.Platform
  /** The core's local box (createLocalSecretBox(dataDir)). */
  local: () => SecretBox
  /** The core's combineSecretBoxes. */
  combine: (primary: SecretBox, ...readers: SecretBox[]) => SecretBox
}

export function createAppSecretBox(deps: AppSecretBoxDeps): { box: SecretBox; choice: SecretChoice } {
  const safe = createSafeStorageSecretBox(deps.safeStorage)
  if (safeStorageUsable(deps.safeStorage, deps.platform)) {
    return { box: deps.combine(safe, deps.local()), choice: 'safeStorage' }
  }
  // Fallback: the local box encrypts; safeStorage (when it can decrypt at all) still reads older values.
  return { box: deps.combine(deps.local(), safe), choice: 'local' }
}
