// `license-desk ui`: browser mode. The same desk the other commands build (makeDesk in src/cli/main.ts),
// the same handlers as the desktop app over the browser NativeAdapters, served by ./server.ts. Prints the
// URL, opens the default browser unless --no-open, and runs until Ctrl-C or until a short time after the
// last tab closed.
import { readSettings } from '@core/settings'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { AppInfo } from '@shared/contract'
import { LicenseDeskError } from '@core/errors'
import type { Desk } from '@core/types'
import type { Profile } from '@core/profile'
import { createHandlers } from '../main/handlers'
import { externalPolicyFromProfile } from '../main/external'
import type { DemoServer } from '../server/demo'
import type { CliIo, Values } from '../cli/main'
import { createBrowserNative, defaultSaveDir } from './native'
import { osEffectsFromEnv } from './os'
import { startUiServer } from './server'

export interface UiDeps {
  makeDesk(
    v: Values,
    io: CliIo,
    prepare?: (profile: Profile, demo: boolean, dataDir: string) => Promise<Profile>,
    openSignIn?: (url: string) => Promise<void> | void
  ): Promise<{ desk: Desk; dataDir: string; profile: Profile; demo: boolean }>
  resourcesDir: string
  version: string
}

/** How long the server waits after the last tab closed before it stops (LICENSE_DESK_UI_IDLE_MS overrides). */
export const IDLE_STOP_MS = 10_000

export async function runUi(v: Values, io: CliIo, json: boolean, deps: UiDeps): Promise<void> {
  const port = v.port === undefined ? 0 : Number(v.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LicenseDeskError('invalid_input', '--port is a number from 0 to 65535 (0: any free port).')
  // out/renderer of this checkout (resources/ and out/ sit side by side)
  const rendererDir = io.rendererDir ?? resolve(deps.resourcesDir, '..', 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new LicenseDeskError('file_read', `The app's pages are not built (${rendererDir} is missing). Run npm run build, then try again.`)
  const saveDir = resolve(io.cwd, v['save-dir'] ?? defaultSaveDir(io.env))
  const os = io.os ?? osEffectsFromEnv(io.env)

  let demoServer: DemoServer['server']
  const { desk, profile, demo } = await deps.makeDesk(
    v,
    io,
    async (loaded, isDemo, dataDir) => {
      if (!isDemo) return loaded
      // Loaded only for the demo (as in the desktop app): a vendor profile never loads the server.
      const { startDemoServer } = await import('../server/demo')
      const started = await startDemoServer(loaded, { resourcesDir: deps.resourcesDir, dataDir, port: readSettings(io.env).demoPort })
      demoServer = started.server
      return started.profile
    },
    // SSO: the identity provider's page opens in the default browser (RFC 8252), like the app itself.
    async (url) => {
      if (!(await os.openUrl(url))) io.stderr(`No browser could be opened here: open this address in a browser on this computer to sign in:\n  ${url}\n`)
    }
  )
  try {
    const appInfo = (): AppInfo => ({
      appName: profile.app.name,
      vendorName: profile.app.name,
      supportEmail: profile.app.supportEmail,
      supportUrl: profile.app.supportUrl ?? '',
      version: deps.version,
      versions: { node: process.versions.node, mode: 'browser', secrets: 'local' },
      locale: Intl.DateTimeFormat().resolvedOptions().locale,
      demo
    })
    const handlers = createHandlers(desk, createBrowserNative({ saveDir, os, appInfo }), { external: externalPolicyFromProfile(profile, demo) })

    let stopped!: () => void
    const done = new Promise<void>((r) => (stopped = r))
    const idleEnv = Number(io.env.LICENSE_DESK_UI_IDLE_MS)
    const server = await startUiServer({
      handlers,
      rendererDir,
      port,
      idleStopMs: Number.isFinite(idleEnv) && idleEnv > 0 ? idleEnv : IDLE_STOP_MS,
      onIdleStop: stopped,
      log: (line) => io.stderr(line + '\n')
    })
    const onAbort = (): void => void server.close().then(stopped)
    if (io.signal?.aborted) onAbort()
    io.signal?.addEventListener('abort', onAbort, { once: true })

    if (json) io.stdout(JSON.stringify({ ok: true, url: server.url, saveDir }) + '\n')
    else io.stdout(`License Desk is running at ${server.url}\n`)
    io.stderr(`Files are saved in ${saveDir} (choose another folder with --save-dir). Press Ctrl-C to stop.\n`)
    if (!v['no-open']) {
      const opened = await os.openUrl(server.url)
      if (!opened) io.stderr('No browser could be opened here: open the address above in a browser on this computer.\n')
    }
    await done
    io.signal?.removeEventListener('abort', onAbort)
    await server.close()
    if (!json) io.stderr('License Desk stopped.\n')
  } finally {
    await demoServer?.close()
  }
}
