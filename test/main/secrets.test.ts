import { describe, expect, it, vi } from 'vitest'
import type { SecretBox } from '@core/types'
import { createAppSecretBox, createSafeStorageSecretBox, safeStorageUsable } from '../../src/main/secrets'
import { createFakeElectron } from '../support/fake-electron'

function fakeLocal(): SecretBox {
  return {
    scheme: 'local-aes',
    encrypt: (p) => `L:${p}`,
    decrypt: (s, scheme) => {
      if (scheme !== 'local-aes') throw new Error('wrong scheme')
      return s.slice(2)
    }
  }
}
const combine = vi.fn(
  (primary: SecretBox, ...readers: SecretBox[]): SecretBox => ({
    scheme: primary.scheme,
    encrypt: (p) => primary.encrypt(p),
    decrypt: (s, scheme) => [primary, ...readers].find((b) => b.scheme === scheme)!.decrypt(s, scheme)
  })
)

describe('app secret box', () => {
  it('uses safeStorage when it is available with a real keyring', () => {
    const { safeStorage } = createFakeElectron()
    const { box, choice } = createAppSecretBox({ safeStorage, platform: 'linux', local: fakeLocal, combine })
    expect(choice).toBe('safeStorage')
    expect(box.scheme).toBe('safeStorage')
    const stored = box.encrypt('DEMO-KEY-0001')
    expect(stored).not.toContain('DEMO-KEY')
    expect(box.decrypt(stored, 'safeStorage')).toBe('DEMO-KEY-0001')
    // values written by the fallback stay readable
    expect(box.decrypt('L:old', 'local-aes')).toBe('old')
  })

  it('falls back to the local box when safeStorage is unavailable or basic_text on Linux', () => {
    const e1 = createFakeElectron()
    e1.safeStorage.available = false
    expect(createAppSecretBox({ safeStorage: e1.safeStorage, platform: 'linux', local: fakeLocal, combine }).choice).toBe('local')
    const e2 = createFakeElectron()
    e2.safeStorage.backend = 'basic_text'
    const { box, choice } = createAppSecretBox({ safeStorage: e2.safeStorage, platform: 'linux', local: fakeLocal, combine })
    expect(choice).toBe('local')
    expect(box.scheme).toBe('local-aes')
    // on Windows/macOS there is no backend choice
    expect(safeStorageUsable(e2.safeStorage, 'win32')).toBe(true)
  })

  it('a safeStorage value that cannot be decrypted is a secret_unavailable error', () => {
    const { safeStorage } = createFakeElectron()
    const box = createSafeStorageSecretBox(safeStorage)
    expect(() => box.decrypt('garbage', 'safeStorage')).toThrow(expect.objectContaining({ info: expect.objectContaining({ code: 'secret_unavailable' }) }))
    expect(() => box.decrypt('x', 'local-aes')).toThrow(expect.objectContaining({ info: expect.objectContaining({ code: 'secret_unavailable' }) }))
  })
})
