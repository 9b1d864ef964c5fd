// The CLI's V8 code cache (bin/run-built.js): made on the first run, used on the next, and never
// trusted when anything differs (another app or Node version, another bundle, a damaged or foreign
// file): such a file is ignored and replaced, and the command works the same either way.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureCliBuilt } from '../support/demo'
import { removeTempDirs, ROOT, tempDir } from '../support/tools'

const cc = require(join(ROOT, 'bin', 'run-built.js')) as {
  cacheKey: (app: string, source: string) => Record<string, string>
  readCodeCache: (file: string, key: Record<string, string>) => Buffer | undefined
  writeCodeCache: (file: string, key: Record<string, string>, payload: Buffer) => boolean
  cacheFolder: (env: Record<string, string>, platform: string, home: string) => string
}
const BIN = join(ROOT, 'bin', 'license-desk.js')
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string

beforeAll(() => ensureCliBuilt())
afterAll(() => removeTempDirs())

function run(cacheDir: string, args = ['--json', 'dvc', '--key', 'AAAA', '--computer-id', 'pc', '--cek', 'k', '--date', '2026-01-02']) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LICENSE_DESK_CACHE_DIR: cacheDir, LICENSE_DESK_CODE_CACHE_TRACE: '1', LICENSE_DESK_CODE_CACHE: '' }
  })
  return { code: r.status, stdout: r.stdout, trace: r.stderr.split('\n').filter((l) => l.startsWith('code cache: ')) }
}
const cacheFile = (dir: string) => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.v8cache'))
  expect(files).toHaveLength(1)
  return join(dir, files[0]!)
}

describe('CLI code cache', () => {
  it('is written on the first run (atomically, no temp file left) and used on the next', () => {
    const dir = tempDir()
    const first = run(dir)
    expect(first.code).toBe(0)
    expect(first.trace[0]).toBe('code cache: none')
    expect(first.trace[1]).toMatch(/^code cache: written /)
    const file = cacheFile(dir)
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)])
    const bytes = readFileSync(file)
    const second = run(dir)
    expect(second.trace).toEqual(['code cache: used'])
    expect(second.stdout).toBe(first.stdout)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it.each([
    ['random bytes', () => Buffer.from('not a cache at all, just some bytes\n\u0000\u0001')],
    ['an empty file', () => Buffer.alloc(0)],
    ['another app version', (good: Buffer) => Buffer.from(good.toString('latin1').replace(`"app":"${VERSION}"`, '"app":"0.0.1"'), 'latin1')],
    ['another Node version', (good: Buffer) => Buffer.from(good.toString('latin1').replace(`"node":"${process.version}"`, '"node":"v99.0.0"'), 'latin1')],
    ['a damaged payload', (good: Buffer) => Buffer.concat([good.subarray(0, good.length - 100), Buffer.alloc(100, 0xff)])],
    ['a truncated file', (good: Buffer) => good.subarray(0, Math.floor(good.length / 2))]
  ])('%s is ignored (never given to V8) and replaced by a good cache', (_name, make) => {
    const dir = tempDir()
    run(dir)
    const file = cacheFile(dir)
    const good = readFileSync(file)
    writeFileSync(file, make(good))
    const r = run(dir)
    expect(r.code).toBe(0)
    expect(r.trace[0]).toBe('code cache: none')
    expect(r.trace[1]).toMatch(/^code cache: written /)
    expect(run(dir).trace).toEqual(['code cache: used'])
  })

  it('a foreign V8 cache under a matching header is rejected by V8 and replaced; the command still works', () => {
    const dir = tempDir()
    const ok = run(dir)
    const file = cacheFile(dir)
    const source = readFileSync(join(ROOT, 'out', 'node', 'cli.js'), 'utf8')
    const foreign = new vm.Script('(function () { return 42 })').createCachedData()
    expect(cc.writeCodeCache(file, cc.cacheKey(VERSION, source), foreign)).toBe(true)
    const r = run(dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(ok.stdout)
    expect(r.trace[0]).toBe('code cache: rejected by V8')
    expect(run(dir).trace).toEqual(['code cache: used'])
  })

  it('caches do not pile up: of older builds the two most recent stay, other entries are left alone', () => {
    const dir = tempDir()
    const old = ['cli-000000000000000a', 'cli-000000000000000b', 'cli-000000000000000c', 'cli-000000000000000d'].map((n) => join(dir, `${n}.v8cache`))
    old.forEach((f, i) => {
      writeFileSync(f, 'an older build')
      utimesSync(f, new Date(2020, 0, i + 1), new Date(2020, 0, i + 1))
    })
    writeFileSync(join(dir, 'server-0123456789abcdef.v8cache'), 'another entry')
    run(dir)
    const files = readdirSync(dir).sort()
    expect(files).toHaveLength(4)
    expect(files).toContain('server-0123456789abcdef.v8cache')
    expect(files).toContain('cli-000000000000000c.v8cache')
    expect(files).toContain('cli-000000000000000d.v8cache')
    expect(run(dir).trace).toEqual(['code cache: used'])
  })

  it('the key holds app, Node and V8 versions, the architecture and the bundle hash; any change misses', () => {
    const dir = tempDir()
    const key = cc.cacheKey('1.2.3', 'source A')
    expect(Object.keys(key).sort()).toEqual(['app', 'arch', 'bundle', 'node', 'v8'])
    const file = join(dir, 'x.v8cache')
    const payload = Buffer.from('payload')
    cc.writeCodeCache(file, key, payload)
    expect(cc.readCodeCache(file, key)?.equals(payload)).toBe(true)
    expect(cc.readCodeCache(file, cc.cacheKey('1.2.3', 'source B'))).toBeUndefined()
    expect(cc.readCodeCache(file, cc.cacheKey('1.2.4', 'source A'))).toBeUndefined()
    expect(cc.readCodeCache(file, { ...key, node: 'v18.0.0' })).toBeUndefined()
    expect(cc.readCodeCache(file, { ...key, v8: '1.0' })).toBeUndefined()
    expect(cc.readCodeCache(join(dir, 'missing'), key)).toBeUndefined()
  })

  it('an unwritable cache folder costs nothing but the cache (a file in the way of the folder)', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'blocked'), 'x')
    const r = run(join(dir, 'blocked'))
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).ok).toBe(true)
    expect(r.trace).toEqual(['code cache: none', 'code cache: not written'])
    expect(statSync(join(dir, 'blocked')).isFile()).toBe(true)
  })

  it('lives in the OS cache folder', () => {
    expect(cc.cacheFolder({}, 'linux', '/home/u')).toBe('/home/u/.cache/license-desk')
    expect(cc.cacheFolder({ XDG_CACHE_HOME: '/c' }, 'linux', '/home/u')).toBe('/c/license-desk')
    expect(cc.cacheFolder({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/license-desk')
    expect(cc.cacheFolder({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\U')).toMatch(/^C:\\L.license-desk.Cache$/)
    expect(cc.cacheFolder({ LICENSE_DESK_CACHE_DIR: '/x' }, 'linux', '/home/u')).toBe('/x')
  })
})
