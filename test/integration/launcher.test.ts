// `npm start`'s launcher (scripts/start.mjs), run as a child process the way npm runs it: with an Electron
// binary it starts the desktop app; without one, and without a way to download it, it explains in two
// lines and serves License Desk in the browser instead. ELECTRON_OVERRIDE_DIST_PATH (honoured by the
// electron package itself) points at a temp folder, so the result is the same where a real binary exists.
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { closedPort, ROOT, startDemo, type Demo } from '../support/demo'

const LAUNCHER = join(ROOT, 'scripts', 'start.mjs')
let demo: Demo
const children: ChildProcess[] = []
const dirs: string[] = []

beforeAll(async () => {
  for (const f of ['out/main/index.js', 'out/renderer/index.html', 'out/node/cli.js'])
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first (npm test does)`)
  demo = await startDemo()
  return () => demo.close()
})

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ld-launcher-'))
  dirs.push(d)
  return d
}

interface Run {
  child: ChildProcess
  out(): string
  err(): string
  exited: Promise<number | null>
}

function launch(env: Record<string, string>, args: string[] = []): Run {
  const base = { ...process.env }
  // CI sets it; each test decides it explicitly.
  delete base.ELECTRON_SKIP_BINARY_DOWNLOAD
  delete base.ELECTRON_MIRROR
  const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, env: { ...base, LICENSE_DESK_PROFILE: demo.profilePath, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let out = ''
  let err = ''
  child.stdout!.on('data', (c) => (out += c))
  child.stderr!.on('data', (c) => (err += c))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  return { child, out: () => out, err: () => err, exited }
}

async function waitFor(what: () => boolean, ms: number, label: string, run: Run): Promise<void> {
  const until = Date.now() + ms
  while (!what()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${label}\nstdout: ${run.out()}\nstderr: ${run.err()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const URL_LINE = /License Desk is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43})/

function browserEnv(): { ELECTRON_OVERRIDE_DIST_PATH: string; electron_config_cache: string; LICENSE_DESK_DATA_DIR: string; LICENSE_DESK_RECORD_OS_EFFECTS: string } {
  const dir = tempDir()
  mkdirSync(join(dir, 'empty'))
  mkdirSync(join(dir, 'cache'))
  return {
    ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'empty'),
    electron_config_cache: join(dir, 'cache'),
    LICENSE_DESK_DATA_DIR: join(dir, 'data'),
    LICENSE_DESK_RECORD_OS_EFFECTS: join(dir, 'os.jsonl')
  }
}

describe('npm start', () => {
  it('is the launcher', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; allowScripts: Record<string, boolean> }
    expect(pkg.scripts.start).toBe('node scripts/start.mjs')
    // npm install never runs Electron's download itself
    expect(pkg.allowScripts.electron).toBe(false)
  })

  it('starts the Electron binary where the electron package looks for it, with the built app (not the browser mode)', async () => {
    const dir = tempDir()
    const record = join(dir, 'electron-args.txt')
    const exe = join(dir, 'electron')
    writeFileSync(exe, `#!/bin/sh\nprintf '%s\\n' "$@" > "${record}"\npwd >> "${record}"\nexit 0\n`)
    chmodSync(exe, 0o755)
    const run = launch({ ELECTRON_OVERRIDE_DIST_PATH: dir, ...{ LICENSE_DESK_RECORD_OS_EFFECTS: join(dir, 'os.jsonl') } })
    expect(await run.exited).toBe(0)
    const [appDir, cwd] = readFileSync(record, 'utf8').trim().split('\n')
    expect(appDir).toBe(ROOT)
    expect(cwd).toBe(ROOT)
    // the app it starts is the built one: package.json main -> out/main/index.js
    expect((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main).toBe('./out/main/index.js')
    expect(run.out() + run.err()).not.toMatch(/running at|browser/)
    expect(existsSync(join(dir, 'os.jsonl'))).toBe(false)
  }, 60_000)

  it('with the download host unreachable (ELECTRON_MIRROR on a closed port) falls back to the browser within 30 s, in two plain lines', async () => {
    const env = { ...browserEnv(), ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/` }
    const started = Date.now()
    const run = launch(env)
    await waitFor(() => URL_LINE.test(run.out()), 30_000, 'the URL', run)
    expect(Date.now() - started).toBeLessThan(30_000)
    const lines = run.err().trim().split('\n')
    // the attempt is visible, then why and what to do
    expect(lines[0]).toMatch(/^Electron 45\.\d+\.\d+ is not installed yet: downloading it from 127\.0\.0\.1:\d+/)
    expect(lines[1]).toMatch(/^Electron 45\.\d+\.\d+ could not be downloaded: 127\.0\.0\.1:\d+ could not be reached or refused \(fetch failed\)\.$/)
    expect(lines[2]).toMatch(/^Opening License Desk in your browser instead; run npm start again where the download works/)
    expect(run.err()).not.toMatch(/^\s+at /m)
    expect(run.err()).not.toMatch(/Error:/)
    // browser opening is recorded, not performed, and without the token
    await waitFor(() => existsSync(env.LICENSE_DESK_RECORD_OS_EFFECTS), 5000, 'the browser opening', run)
    const opened = JSON.parse(readFileSync(env.LICENSE_DESK_RECORD_OS_EFFECTS, 'utf8').trim()) as { kind: string; url: string }
    const url = URL_LINE.exec(run.out())![1]
    expect(opened).toEqual({ kind: 'openUrl', url: url.replace(/#token=.*/, '#token=(hidden)') })
    // and it serves the app there
    const res = await fetch(url.replace(/#.*/, ''))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<div id="root">')
    // Ctrl-C stops it
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(0)
  }, 60_000)

  it('ELECTRON_SKIP_BINARY_DOWNLOAD=1 (as CI sets it): no download attempt, the browser mode at once, said in two lines', async () => {
    const run = launch({ ...browserEnv(), ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ELECTRON_MIRROR: 'http://127.0.0.1:9/' }, ['--no-open'])
    await waitFor(() => URL_LINE.test(run.out()), 30_000, 'the URL', run)
    const lines = run.err().trim().split('\n')
    expect(lines[0]).toMatch(/^Electron 45\.\d+\.\d+ is not installed, and ELECTRON_SKIP_BINARY_DOWNLOAD says not to download it\.$/)
    expect(lines[1]).toMatch(/^Opening License Desk in your browser instead; unset ELECTRON_SKIP_BINARY_DOWNLOAD/)
    expect(run.err()).not.toContain('downloading')
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(0)
  }, 60_000)
})
