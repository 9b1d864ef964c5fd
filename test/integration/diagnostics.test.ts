// The support bundle: versions, OS, hardware id source and drift, the server clock offset, recent error
// codes with times — and nothing secret (the secrets audit checks that with marker strings).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, ensureCliBuilt, KEYS, startDemo, type Demo } from '../support/demo'
import { makeDesk, TEST_HWID } from '../support/desk'

let demo: Demo
beforeAll(async () => {
  demo = await startDemo()
})
afterAll(async () => demo.close())

describe('diagnostics', () => {
  it('reports versions, hardware id source and drift, clock offset and recent errors', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ld-diag-'))
    try {
      const desk = makeDesk(dataDir, demo.profile)
      demo.server.faults.set({ clockSkewMs: -20 * 60_000 })
      await desk.activateOnline('studio', { licenseKey: KEYS.fresh })
      demo.server.faults.clear()
      await expect(desk.activateOnline('cad', { licenseKey: 'NOPE-NOPE' })).rejects.toBeTruthy()
      // The same state seen from a computer whose id changed (e.g. a restored disk image).
      const moved = makeDesk(dataDir, demo.profile, { hardwareId: { get: async () => ({ id: 'c'.repeat(64), source: 'test:other' }) } })
      const d = JSON.parse(await moved.diagnostics({ electron: '41.0.0' }))
      expect(d.app).toMatchObject({ name: demo.profile.app.name, version: 'test', electron: '41.0.0' })
      expect(d.runtime.node).toBe(process.versions.node)
      expect(d.runtime.platform).toBe(process.platform)
      expect(d.hardwareId).toEqual({ id: 'c'.repeat(64), source: 'test:other' })
      const studio = d.products.find((p: { id: string }) => p.id === 'studio')
      expect(studio).toMatchObject({ state: 'active', storedHardwareId: TEST_HWID, hardwareIdDrift: true })
      expect(Math.abs(d.clock.offsetMs + 20 * 60_000)).toBeLessThan(5000)
      expect(d.recentErrors.at(-1)).toMatchObject({ code: 'server_refused' })
      expect(Date.parse(d.recentErrors.at(-1).at)).not.toBeNaN()
      const text = JSON.stringify(d)
      expect(text).not.toContain(KEYS.fresh)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('license-desk diagnostics --out writes the bundle atomically', async () => {
    ensureCliBuilt()
    await cli(demo, ['activate', 'studio', '--key', KEYS.fresh])
    const out = join(demo.dir, 'support.json')
    const r = await cli(demo, ['--json', 'diagnostics', '--out', out])
    expect(r.code).toBe(0)
    const d = JSON.parse(readFileSync(out, 'utf8'))
    expect(d.products.find((p: { id: string }) => p.id === 'studio').state).toBe('active')
    expect(d.hardwareId.source).toMatch(/:/)
    expect(r.json.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(readFileSync(out, 'utf8')).not.toContain(KEYS.fresh)
  })
})
