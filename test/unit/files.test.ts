import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readTextFile, sha256Hex, writeFileAtomic, writeFileDurable, writeFileDurableSync } from '@core/files'
import { rejection, removeTempDirs, run, tempDir } from '../support/tools'

afterAll(() => removeTempDirs())

describe('writeFileAtomic', () => {
  it('writes the content, returns its sha256 (as sha256sum computes it) and leaves no temp file', async () => {
    const dir = tempDir()
    const path = join(dir, 'ls_deactivation.req')
    const content = 'eyJyZXF1ZXN0IjoiZGVhY3RpdmF0aW9uIn0=ü'
    const { sha256 } = await writeFileAtomic(path, content)
    expect(readFileSync(path, 'utf8')).toBe(content)
    expect(sha256).toBe(run('sha256sum', [path]).toString().split(' ')[0])
    expect(sha256Hex(content)).toBe(sha256)
    expect(readdirSync(dir)).toEqual(['ls_deactivation.req'])
  })

  it('replaces an existing file whole', async () => {
    const dir = tempDir()
    const path = join(dir, 'f.req')
    writeFileSync(path, 'old content that is longer than the new one')
    await writeFileAtomic(path, 'new')
    expect(readFileSync(path, 'utf8')).toBe('new')
    expect(readdirSync(dir)).toEqual(['f.req'])
  })

  it('a missing folder -> file_write, nothing written', async () => {
    const dir = tempDir()
    const e = await rejection(writeFileAtomic(join(dir, 'no', 'such', 'f.req'), 'x'))
    expect(e.code).toBe('file_write')
    expect(e.message).toContain('does not exist')
    expect(readdirSync(dir)).toEqual([])
  })

  it('a file where the folder should be -> file_write, no partial file', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'blocker'), 'i am a file')
    const e = await rejection(writeFileAtomic(join(dir, 'blocker', 'f.req'), 'x'))
    expect(e.code).toBe('file_write')
    expect(e.info.nextStep).toBe('choose_other_folder')
    expect(readdirSync(dir)).toEqual(['blocker'])
  })

  it('a target that is a directory -> file_write, temp file cleaned up', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'target'))
    writeFileSync(join(dir, 'target', 'inside'), 'x')
    const e = await rejection(writeFileAtomic(join(dir, 'target'), 'content'))
    expect(e.code).toBe('file_write')
    expect(readdirSync(dir)).toEqual(['target'])
  })

  it('a read-only folder -> file_write (skipped when running as root, where modes do not stop writes)', async () => {
    const dir = tempDir()
    const ro = join(dir, 'ro')
    mkdirSync(ro)
    chmodSync(ro, 0o500)
    try {
      let writable = true
      try {
        writeFileSync(join(ro, 'probe'), 'x')
      } catch {
        writable = false
      }
      if (writable) return // root: covered by the two cases above
      const e = await rejection(writeFileAtomic(join(ro, 'f.req'), 'x'))
      expect(e.code).toBe('file_write')
      expect(e.message).toContain('read-only')
      expect(readdirSync(ro)).toEqual([])
    } finally {
      chmodSync(ro, 0o700)
    }
  })
})

describe('readTextFile', () => {
  it('reads, and names missing and oversized files', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'a.lic'), 'abc')
    expect(await readTextFile(join(dir, 'a.lic'))).toBe('abc')
    expect((await rejection(readTextFile(join(dir, 'none.lic')))).code).toBe('file_read')
    writeFileSync(join(dir, 'big.lic'), 'x'.repeat(101))
    expect((await rejection(readTextFile(join(dir, 'big.lic'), 100))).code).toBe('file_invalid')
    expect(existsSync(join(dir, 'big.lic'))).toBe(true)
    expect((await rejection(readTextFile(dir))).code).toBe('file_read')
  })
})

describe('writeFileDurableSync / writeFileDurable', () => {
  it('exclusive: creates a new file whole, refuses (EEXIST) to replace one, and leaves no temp file', async () => {
    const dir = tempDir()
    const path = join(dir, 'secret.key')
    writeFileDurableSync(path, 'first', { exclusive: true, mode: 0o600 })
    expect(readFileSync(path, 'utf8')).toBe('first')
    expect(() => writeFileDurableSync(path, 'second', { exclusive: true })).toThrow(expect.objectContaining({ code: 'EEXIST' }))
    await expect(writeFileDurable(path, 'third', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' })
    expect(readFileSync(path, 'utf8')).toBe('first')
    expect(readdirSync(dir)).toEqual(['secret.key'])
  })
})

describe('readTextFile: strict UTF-8', () => {
  it('a file with a byte that is not UTF-8 -> file_invalid naming the file and line, never U+FFFD', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'bad.lic'), Buffer.concat([Buffer.from('line one\nline two \u00fc\n'), Buffer.from([0x61, 0xff, 0x62])]))
    const e = await rejection(readTextFile(join(dir, 'bad.lic')))
    expect(e.code).toBe('file_invalid')
    expect(e.message).toContain('bad.lic')
    expect(e.message).toContain('line 3')
    writeFileSync(join(dir, 'bom.lic'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ok ü')]))
    expect(await readTextFile(join(dir, 'bom.lic'))).toBe('ok ü')
  })
})
