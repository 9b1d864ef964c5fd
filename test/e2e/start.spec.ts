// `npm start` on a machine where Electron's download host is unreachable (this one): started the way a
// user starts it, with the browser opening recorded instead of performed (LICENSE_DESK_RECORD_OS_EFFECTS,
// the one OS seam). The test reads the printed URL, opens it in Chromium and walks an online activation
// and deactivation of the demo key. ELECTRON_OVERRIDE_DIST_PATH (an empty folder) and ELECTRON_MIRROR (a
// closed port) make that so on any machine, and whatever ELECTRON_SKIP_BINARY_DOWNLOAD says.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { closedPort, KEYS, ROOT, startDemo, type Demo } from '../support/demo'

let demo: Demo | undefined
let child: ChildProcess | undefined
let dir: string | undefined

test.afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    // Ctrl-C in a terminal: SIGINT to the whole process group (npm, the launcher, license-desk ui)
    const exited = new Promise((r) => child!.once('exit', r))
    process.kill(-child.pid!, 'SIGINT')
    await exited
  }
  await demo?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('npm start without Electron serves License Desk on 127.0.0.1, and the demo key activates and deactivates there', async ({ page }) => {
  test.setTimeout(120_000)
  demo = await startDemo()
  dir = mkdtempSync(join(tmpdir(), 'ld-npm-start-'))
  for (const d of ['empty', 'cache', 'Downloads']) mkdirSync(join(dir, d))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'empty'),
    ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
    electron_config_cache: join(dir, 'cache'),
    LICENSE_DESK_PROFILE: demo.profilePath,
    LICENSE_DESK_DATA_DIR: join(dir, 'data'),
    LICENSE_DESK_RECORD_OS_EFFECTS: join(dir, 'os.jsonl'),
    XDG_CONFIG_HOME: join(dir, 'config')
  }
  child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let out = ''
  let err = ''
  child.stdout!.on('data', (c) => (out += c))
  child.stderr!.on('data', (c) => (err += c))
  await expect.poll(() => /running at http/.test(out), { timeout: 60_000, message: `stderr: ${err}` }).toBe(true)
  const url = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out)![1]
  // the why and what-to-do lines, no stack trace
  expect(err).toMatch(/could not be downloaded|ELECTRON_SKIP_BINARY_DOWNLOAD says not to download/)
  expect(err).toMatch(/Opening License Desk in your browser instead/)
  expect(err).not.toMatch(/^\s+at /m)
  expect(readFileSync(env.LICENSE_DESK_RECORD_OS_EFFECTS!, 'utf8')).toContain('"kind":"openUrl"')

  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1, name: 'Your licenses' })).toBeVisible()
  await page.getByRole('button', { name: 'Activate Demo Studio', exact: true }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByLabel('License key').fill(KEYS.fresh)
  await page.getByRole('button', { name: 'Activate', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeFocused()
  expect(demo.server.state.devices(KEYS.fresh)).toHaveLength(1)

  await page.getByRole('button', { name: 'Back to overview' }).click()
  await page.getByRole('button', { name: 'Deactivate Demo Studio', exact: true }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('button', { name: 'Deactivate', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Demo Studio is deactivated' })).toBeFocused()
  expect(demo.server.state.devices(KEYS.fresh)).toEqual([])

  // the same state file the CLI uses
  const state = JSON.parse(readFileSync(join(dir, 'data', 'state.json'), 'utf8')) as { products?: Record<string, unknown> }
  expect(JSON.stringify(state)).not.toContain(KEYS.fresh)

  // Ctrl-C stops it, cleanly (npm itself then ends by the same signal, as it does for any script)
  const exited = new Promise<string>((r) => child!.once('exit', (code, signal) => r(String(signal ?? code))))
  process.kill(-child.pid!, 'SIGINT')
  expect(['0', 'SIGINT']).toContain(await exited)
  await expect.poll(() => err).toContain('License Desk stopped.')
})
