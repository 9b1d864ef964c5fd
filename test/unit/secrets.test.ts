import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { combineSecretBoxes, createLocalSecretBox, LOCAL_SCHEME } from '@core/secrets'
import type { SecretBox } from '@core/types'
import { rejection, removeTempDirs, tempDir } from '../support/tools'

afterAll(() => removeTempDirs())

describe('local secret box', () => {
  it('round-trips, with a random IV each time, and never stores the plain text', () => {
    const dir = tempDir()
    const box = createLocalSecretBox(join(dir, 'nested'))
    expect(box.scheme).toBe(LOCAL_SCHEME)
    const a = box.encrypt('DEMO-STUD-IO00-0001 ü')
    const b = box.encrypt('DEMO-STUD-IO00-0001 ü')
    expect(a).not.toBe(b)
    expect(a).not.toContain('DEMO')
    expect(Buffer.from(a, 'base64').toString('latin1')).not.toContain('DEMO')
    expect(box.decrypt(a, LOCAL_SCHEME)).toBe('DEMO-STUD-IO00-0001 ü')
    // A second box over the same folder reads the same key file.
    expect(createLocalSecretBox(join(dir, 'nested')).decrypt(b, LOCAL_SCHEME)).toBe('DEMO-STUD-IO00-0001 ü')
  })

  it('writes the key file with mode 0600 and 32 random bytes', () => {
    const dir = tempDir()
    createLocalSecretBox(dir).encrypt('x')
    const st = statSync(join(dir, 'secret.key'))
    expect(st.mode & 0o777).toBe(0o600)
    expect(Buffer.from(readFileSync(join(dir, 'secret.key'), 'utf8'), 'base64')).toHaveLength(32)
  })

  it('a tampered value -> secret_unavailable', async () => {
    const box = createLocalSecretBox(tempDir())
    const c = Buffer.from(box.encrypt('secret-value'), 'base64')
    c[c.length - 1] ^= 1
    expect((await rejection(() => box.decrypt(c.toString('base64'), LOCAL_SCHEME))).code).toBe('secret_unavailable')
    expect((await rejection(() => box.decrypt('', LOCAL_SCHEME))).code).toBe('secret_unavailable')
  })

  it('another key file -> secret_unavailable', async () => {
    const enc = createLocalSecretBox(tempDir()).encrypt('v')
    expect((await rejection(() => createLocalSecretBox(tempDir()).decrypt(enc, LOCAL_SCHEME))).code).toBe('secret_unavailable')
  })

  it('another scheme -> secret_unavailable, with the app hint for safeStorage', async () => {
    const box = createLocalSecretBox(tempDir())
    const v = box.encrypt('v')
    const e = await rejection(() => box.decrypt(v, 'safeStorage'))
    expect(e.code).toBe('secret_unavailable')
    expect(e.message).toMatch(/app/)
    expect((await rejection(() => box.decrypt(v, 'rot13'))).message).toContain('rot13')
  })

  it('a damaged key file that sealed values depend on -> secret_unavailable, kept as it is, saying so', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'secret.key'), 'c2hvcnQ=')
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ schemaVersion: 1, licenses: { a: { licenseKey: { scheme: LOCAL_SCHEME, data: 'x' } } } }, null, 2))
    const e = await rejection(() => createLocalSecretBox(dir).encrypt('v'))
    expect(e.code).toBe('secret_unavailable')
    expect(e.message).toMatch(/damaged.*sealed with it/)
    expect(readFileSync(join(dir, 'secret.key'), 'utf8')).toBe('c2hvcnQ=')
  })

  for (const [what, content] of [
    ['empty (a crash of an older version)', ''],
    ['short', 'c2hvcnQ='],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x41])]
  ] as const)
    it(`a damaged key file no sealed value depends on (${what}) is set aside and replaced`, () => {
      const dir = tempDir()
      writeFileSync(join(dir, 'state.json'), JSON.stringify({ schemaVersion: 1, licenses: {} }))
      writeFileSync(join(dir, 'secret.key'), content)
      const box = createLocalSecretBox(dir)
      box.ready!()
      expect(Buffer.from(readFileSync(join(dir, 'secret.key'), 'utf8'), 'base64')).toHaveLength(32)
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600)
      expect(readdirSync(dir).filter((f) => f.startsWith('secret.key.damaged-'))).toHaveLength(1)
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
      expect(createLocalSecretBox(dir).decrypt(box.encrypt('v'), LOCAL_SCHEME)).toBe('v')
    })

  it('an unreadable key file or an unusable folder -> secret_unavailable, not an internal error', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'secret.key')) // a folder where the key file should be
    const e = await rejection(() => createLocalSecretBox(dir).encrypt('v'))
    expect(e.code).toBe('secret_unavailable')
    const blocker = join(tempDir(), 'file')
    writeFileSync(blocker, 'x') // a file where the data folder should be
    const e2 = await rejection(() => createLocalSecretBox(join(blocker, 'data')).encrypt('v'))
    expect(e2.code).toBe('secret_unavailable')
  })
})

describe('combineSecretBoxes', () => {
  const reverse: SecretBox = {
    scheme: 'reverse',
    encrypt: (p) => [...p].reverse().join(''),
    decrypt: (s) => [...s].reverse().join('')
  }

  it('encrypts with the primary and decrypts any known scheme', async () => {
    const local = createLocalSecretBox(tempDir())
    const both = combineSecretBoxes(reverse, local)
    expect(both.scheme).toBe('reverse')
    expect(both.encrypt('abc')).toBe('cba')
    expect(both.decrypt('cba', 'reverse')).toBe('abc')
    expect(both.decrypt(local.encrypt('xyz'), LOCAL_SCHEME)).toBe('xyz')
    expect((await rejection(() => both.decrypt('x', 'unknown'))).code).toBe('secret_unavailable')
    expect((await rejection(() => combineSecretBoxes(local).decrypt('cba', 'reverse'))).code).toBe('secret_unavailable')
  })
})
