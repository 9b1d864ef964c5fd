// What the CLI loads: through the bin a user runs, `status` starts no process (the Linux machine id is
// read from its files) and loads no chunk, and no command loads conf/ajv (the state is written by the
// core's own writer, as compact JSON).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, ensureCliBuilt } from '../support/demo'
import { removeTempDirs, ROOT, tempDir } from '../support/tools'

beforeAll(() => ensureCliBuilt())
afterAll(() => removeTempDirs())

const PROFILE = join(ROOT, 'resources/demo/profile.json')

/** Runs the bin with a hook that lists, at exit, the built-in and the project modules it loaded. */
function loaded(args: string[], dir: string) {
  const hook = join(dir, 'hook.cjs')
  const out = join(dir, 'loaded.json')
  writeFileSync(
    hook,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ builtins: process.moduleLoadList, files: Object.keys(require.cache) })))`
  )
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'license-desk.js'), '--profile', PROFILE, '--data-dir', join(dir, 'data'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--require ${hook}`, LICENSE_DESK_CACHE_DIR: join(dir, 'cache') }
  })
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  return { ...(JSON.parse(readFileSync(out, 'utf8')) as { builtins: string[]; files: string[] }), stdout: r.stdout }
}

describe('CLI start-up', () => {
  it('the CLI bundle contains neither conf nor ajv', () => {
    const dir = join(ROOT, 'out', 'node')
    const chunks = existsSync(join(dir, 'chunks')) ? readdirSync(join(dir, 'chunks')).filter((f) => f.startsWith('cli-')) : []
    const files = [join(dir, 'cli.js'), ...chunks.map((f) => join(dir, 'chunks', f))]
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toMatch(/node_modules\/(conf|ajv|atomically)\//)
  })

  it.runIf(process.platform === 'linux')('status --json starts no process and loads no chunk', () => {
    const dir = tempDir()
    const r = loaded(['status', '--json'], dir)
    expect(JSON.parse(r.stdout).hardware.source).toMatch(/^linux:/)
    expect(r.builtins).not.toContain('NativeModule child_process')
    // node:http serves only the SSO loopback listener and browser mode; it is loaded when one starts.
    expect(r.builtins).not.toContain('NativeModule http')
    // The bundler's own runtime helpers (1 kB, shared with the lazy chunks) are the one chunk allowed.
    expect(r.files.filter((f) => f.includes(`${join('out', 'node', 'chunks')}`) && !/cli-rolldown-runtime-/.test(f))).toEqual([])
  })

  it('a command that writes state (offline activation request) writes compact JSON', () => {
    const dir = tempDir()
    const r = loaded(['--json', 'offline-request', 'studio', '--key', 'DEMO-STUD-IO00-0001', '--out', join(dir, 'req.req')], dir)
    expect(JSON.parse(r.stdout).ok).toBe(true)
    const text = readFileSync(join(dir, 'data', 'state.json'), 'utf8')
    expect(text).toBe(JSON.stringify(JSON.parse(text)))
    expect(JSON.parse(text).pending.studio.requestId).toBeTruthy()
  })
})

describe('start-up cost of the network set-up', () => {
  // Three CLI runs, two of which try to reach a closed port with retries: allow for a loaded machine.
  it('the CLI loads undici only when a proxy or a CA is configured', { timeout: 60_000 }, () => {
    ensureCliBuilt()
    const dir = tempDir()
    const hook = join(dir, 'hook.js')
    writeFileSync(
      hook,
      "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (/undici/.test(r)) process.stderr.write('UNDICI-LOADED\\n'); return load.call(this, r, ...a) }"
    )
    const stderrOf = (env: Record<string, string>, args: string[]) =>
      spawnSync(process.execPath, ['--require', hook, CLI, '--data-dir', join(dir, 'data'), ...args], {
        env: { ...process.env, HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', LICENSE_DESK_RETRY_BASE_MS: '1', ...env },
        encoding: 'utf8'
      }).stderr
    expect(stderrOf({}, ['activate', 'studio', '--key', 'DEMO-STUD-IO00-0001'])).not.toContain('UNDICI-LOADED')
    expect(stderrOf({ HTTPS_PROXY: 'http://127.0.0.1:9' }, ['status'])).not.toContain('UNDICI-LOADED')
    expect(stderrOf({ HTTP_PROXY: 'http://127.0.0.1:9' }, ['activate', 'studio', '--key', 'DEMO-STUD-IO00-0001'])).toContain('UNDICI-LOADED')
  })
})
