// license-desk-server --seed FILE: the server process starts from the given licenses, not the demo ones.
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, ensureCliBuilt, ROOT } from '../support/demo'
import { removeTempDirs, tempDir } from '../support/tools'

beforeAll(() => ensureCliBuilt())
afterAll(() => removeTempDirs())

function startServerProcess(args: string[]) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'license-desk-server.js'), '--port', '0', '--quiet', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  const url = new Promise<string>((res, rej) => {
    let buf = ''
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString()
      if (buf.includes('\n')) res(buf.split('\n')[0]!.trim())
    })
    child.on('exit', (code) => rej(new Error(`exited ${code}: ${err}`)))
  })
  return { child, url, stop: () => child.exitCode === null && child.kill('SIGTERM') }
}

describe('server --seed', () => {
  it('serves the seeded licenses: a key only the seed has activates', async () => {
    const dir = tempDir()
    const seed = JSON.parse(readFileSync(join(ROOT, 'resources/demo/licenses.json'), 'utf8'))
    seed.licensespring.licenses.push({ ...seed.licensespring.licenses[0], id: 9999, licenseKey: 'SEED-ONLY-KEY0-0001', maxTransfers: undefined })
    writeFileSync(join(dir, 'seed.json'), JSON.stringify(seed))
    const srv = startServerProcess(['--seed', join(dir, 'seed.json')])
    try {
      const url = await srv.url
      const profile = JSON.parse(readFileSync(join(ROOT, 'resources/demo/profile.json'), 'utf8').replaceAll('http://127.0.0.1:4370', url))
      writeFileSync(join(dir, 'profile.json'), JSON.stringify(profile))
      const demo = { profilePath: join(dir, 'profile.json'), dataDir: join(dir, 'data'), dir }
      const a = await cli(demo, ['--json', 'activate', 'studio', '--key', 'SEED-ONLY-KEY0-0001'])
      expect(a.json?.ok).toBe(true)
    } finally {
      srv.stop()
    }
  })

  it('a seed that is not a license list stops the server with the reason', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'seed.json'), JSON.stringify({ licensespring: {} }))
    const srv = startServerProcess(['--seed', join(dir, 'seed.json')])
    await expect(srv.url).rejects.toThrow(/exited 1: error: seed: /)
  })
})
