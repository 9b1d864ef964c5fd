// `license-desk ui` as a command (the built CLI as a child process): --port, --no-open (the URL only),
// and the stop by itself a short time after the last tab (its event stream) closed.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CLI, closedPort, ensureCliBuilt, startDemo, type Demo } from '../support/demo'

let demo: Demo
beforeAll(async () => {
  ensureCliBuilt()
  demo = await startDemo()
})
afterAll(() => demo.close())

it('serves on the --port given, prints only the URL with --no-open, and stops after its last tab closed', async () => {
  const port = await closedPort()
  const saveDir = join(demo.dir, 'saves')
  mkdirSync(saveDir)
  const child = spawn(process.execPath, [CLI, '--profile', demo.profilePath, '--data-dir', demo.dataDir, 'ui', '--port', String(port), '--no-open', '--save-dir', saveDir], {
    env: { ...process.env, LICENSE_DESK_UI_IDLE_MS: '500', LICENSE_DESK_RECORD_OS_EFFECTS: join(demo.dir, 'os.jsonl') },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (err += c))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  try {
    for (let i = 0; i < 100 && !out.includes('running at'); i++) await new Promise((r) => setTimeout(r, 100))
    expect(out).toMatch(new RegExp(`^License Desk is running at http://127\\.0\\.0\\.1:${port}/#token=[\\w-]{43}\\n$`))
    expect(err).toContain(`Files are saved in ${saveDir}`)
    const url = new URL(out.trim().split(' ').pop()!)
    const token = url.hash.replace('#token=', '')
    // a tab: its event stream
    const tab = new AbortController()
    const res = await fetch(`${url.origin}/events`, { headers: { 'x-license-desk-token': token }, signal: tab.signal })
    expect(res.status).toBe(200)
    await res.body!.getReader().read()
    await new Promise((r) => setTimeout(r, 800))
    expect(child.exitCode, 'still running while a tab is open').toBeNull()
    tab.abort()
    expect(await exited).toBe(0)
    expect(err).toContain('License Desk stopped.')
    // --no-open: nothing was opened
    expect(existsSync(join(demo.dir, 'os.jsonl'))).toBe(false)
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
  }
}, 30_000)
