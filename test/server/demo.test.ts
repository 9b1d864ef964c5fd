// The built-in demo's server start (src/server/demo.ts), shared by the app and browser mode: with
// LICENSE_DESK_DEMO_PORT=0 every start takes a free port of its own and points the profile at it, so demos
// started side by side (tests, two users) never share or reuse one another's server.
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_ORIGIN, demoProfilePath, loadProfile } from '@core/profile'
import { startDemoServer } from '../../src/server/demo'
import { removeTempDirs, tempDir } from '../support/tools'

afterAll(removeTempDirs)

const resourcesDir = resolve(__dirname, '../../resources')

describe('startDemoServer', () => {
  it('port 0: two demos get two servers on free ports, and each profile points at its own', async () => {
    const profile = loadProfile(demoProfilePath(resourcesDir))
    const a = await startDemoServer(profile, { resourcesDir, dataDir: tempDir(), port: 0 })
    const b = await startDemoServer(profile, { resourcesDir, dataDir: tempDir(), port: 0 })
    try {
      expect(a.server).toBeDefined()
      expect(b.server).toBeDefined()
      expect(a.server!.url).not.toBe(b.server!.url)
      expect(a.server!.url).not.toBe(DEMO_ORIGIN)
      const text = JSON.stringify(a.profile)
      expect(text).toContain(a.server!.url)
      expect(text).not.toContain(DEMO_ORIGIN)
      expect((await fetch(`${a.server!.url}/health`)).ok).toBe(true)
    } finally {
      await a.server?.close()
      await b.server?.close()
    }
  })
})
