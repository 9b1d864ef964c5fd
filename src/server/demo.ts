// The built-in demo's local license server, shared by the desktop app and browser mode: ours on 4370, an
// already running one there, or ours on a free port (the profile then points at it).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_ORIGIN, profileWithOrigin, type Profile } from '@core/profile'
import { startServer, type SeedData } from './index'

export interface DemoServer {
  /** The profile to use (pointed at our server when it had to take another port). */
  profile: Profile
  /** Our server, or undefined when an already running one on 4370 is used. */
  server?: { url: string; close(): Promise<void> }
}

/**
 * `port` (LICENSE_DESK_DEMO_PORT, validated by readSettings) defaults to 4370; 0 always takes a free port
 * and never uses a server that is already running (tests run several demos at once).
 */
export async function startDemoServer(profile: Profile, options: { resourcesDir: string; dataDir: string; port?: number }): Promise<DemoServer> {
  const demoDir = join(options.resourcesDir, 'demo')
  const serverOptions = {
    host: '127.0.0.1',
    seed: JSON.parse(readFileSync(join(demoDir, 'licenses.json'), 'utf8')) as SeedData,
    privateKeyPem: readFileSync(join(demoDir, 'server-private.pem'), 'utf8'),
    // the demo server remembers its seats across restarts, like a real one
    dataFile: join(options.dataDir, 'demo-server.json')
  }
  const port = options.port ?? 4370
  if (port !== 0) {
    try {
      const server = await startServer({ ...serverOptions, port })
      return { profile: port === 4370 ? profile : profileWithOrigin(profile, server.url), server }
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code !== 'EADDRINUSE') throw e
    }
    if (port === 4370)
      try {
        const r = await fetch(`${DEMO_ORIGIN}/health`, { signal: AbortSignal.timeout(1500) })
        if (r.ok) return { profile }
      } catch {
        /* something else holds the port */
      }
  }
  const server = await startServer({ ...serverOptions, port: 0 })
  return { profile: profileWithOrigin(profile, server.url), server }
}
