// The browser e2e suite's harness: the shipped browser mode, started in this process as
// `license-desk --profile P --data-dir D ui --no-open --save-dir S` runs it (runUi from src/ui/command.ts with
// the CLI's own makeDesk; the command line itself is covered by test/e2e/start.spec.ts and the CLI tests),
// against the local license server with the demo profile. What is not shipped code: the fixed hardware id
// (CliIo.hardwareId), and the OS effects (opening a browser or the file manager), which go through the one
// seam src/ui/os.ts (CliIo.os) into a recorder. The page talks to the product's own HTTP + SSE transport.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { ProgressEvent } from '@shared/contract'
import type { Desk } from '@core/types'
import { makeDesk as cliDesk, VERSION } from '../../src/cli/main'
import { runUi } from '../../src/ui/command'
import type { OsEffect, OsEffects } from '../../src/ui/os'
import { ROOT, startDemo, type Demo } from './demo'
import { makeDesk, TEST_HWID } from './desk'

export const RENDERER_DIR = join(ROOT, 'out', 'renderer')
export { TEST_HWID }

/** One API call as the page made it and exactly what the product answered. */
export interface InvokeRecord {
  kind: 'invoke'
  seq: number
  channel: string
  input: unknown
  /** The Result as sent to the page (the JSON text parsed back). */
  response: unknown
  responseText: string
}

export interface ProgressRecord {
  kind: 'progress'
  seq: number
  event: ProgressEvent
  /** The raw `data:` payload sent on the event stream. */
  text: string
}

export type TrafficRecord = InvokeRecord | ProgressRecord

/**
 * Unique marker strings that replace every secret of the demo profile (and the local server's copy of
 * them), so an audit can search any output for them.
 */
export const SECRET_MARKERS = {
  sharedKey: 'ld-marker-SHARED-KEY-5b7e1c93d04f',
  qlmCommunicationEncryptionKey: '{ld-marker-QLM-ENC-KEY-8a41f2c6e7d9}',
  qlmPassword: 'ld-marker-QLM-PASSWORD-c3d82e5f1a07',
  /** The demo user's password (typed by tests; must never come back out). */
  userPassword: 'demo-password-1'
} as const

export interface Ui {
  /** The page URL as printed, token in the fragment. */
  url: string
  origin: string
  token: string
  demo: Demo
  /** The local license server (state, faults, requests). */
  server: Demo['server']
  /** A second desk over the same data folder and state file, to change state behind the app's back (as the CLI would). */
  desk: Desk
  /** Where browser mode saves files (--save-dir). */
  saveDir: string
  /** A scratch folder for the test's own files. */
  filesDir: string
  /** Every OS effect the app asked for, in order. */
  os: OsEffect[]
  /** Everything the command printed. */
  output(): { stdout: string; stderr: string }
  /** API calls (recorded by the page fixture) and progress events (from an event stream of our own), in order. */
  traffic(): TrafficRecord[]
  invokes(channel?: string): InvokeRecord[]
  /** Used by the page fixture to record a call. */
  recordInvoke(r: Omit<InvokeRecord, 'kind' | 'seq'>): void
  dumpTraffic(file: string): void
  close(): Promise<void>
}

export async function startUi(options: { secretMarkers?: boolean } = {}): Promise<Ui> {
  const demo = await startDemo(
    options.secretMarkers === false
      ? {}
      : {
          secrets: {
            sharedKey: SECRET_MARKERS.sharedKey,
            qlmCommunicationEncryptionKey: SECRET_MARKERS.qlmCommunicationEncryptionKey,
            qlmPassword: SECRET_MARKERS.qlmPassword
          }
        }
  )
  const filesDir = mkdtempSync(join(tmpdir(), 'ld-e2e-files-'))
  const saveDir = join(filesDir, 'Downloads')
  mkdirSync(saveDir)
  const effects: OsEffect[] = []
  const os: OsEffects = {
    openUrl: async (url) => (effects.push({ kind: 'openUrl', url }), true),
    showInFolder: async (path) => (effects.push({ kind: 'showInFolder', path }), true)
  }
  let stdout = ''
  let stderr = ''
  let printed!: (url: string) => void
  const urlPrinted = new Promise<string>((r) => (printed = r))
  const stop = new AbortController()
  const values = { profile: demo.profilePath, 'data-dir': demo.dataDir, 'no-open': true, 'save-dir': saveDir }
  const running = runUi(
    values,
    {
      stdout: (s) => {
        stdout += s
        const m = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(stdout)
        if (m) printed(m[1])
      },
      stderr: (s) => void (stderr += s),
      env: { LICENSE_DESK_TIMEOUT_MS: '8000', LICENSE_DESK_RETRY_BASE_MS: '20' },
      cwd: demo.dir,
      hardwareId: { get: async () => ({ id: TEST_HWID, source: 'test:fixed' }) },
      signal: stop.signal,
      os,
      rendererDir: RENDERER_DIR
    },
    false,
    { makeDesk: cliDesk, resourcesDir: join(ROOT, 'resources'), version: VERSION }
  )
  const url = await Promise.race([
    urlPrinted,
    running.then(
      () => {
        throw new Error(`license-desk ui ended before printing its URL: ${stderr}`)
      },
      (e: unknown) => {
        throw new Error(`license-desk ui failed before printing its URL: ${String(e)} ${stderr}`)
      }
    )
  ])
  const origin = new URL(url).origin
  const token = new URL(url).hash.replace(/^#token=/, '')

  const records: TrafficRecord[] = []
  let seq = 0
  // Our own listener on the event stream (like a second tab): records every progress event sent.
  const events = new AbortController()
  void (async () => {
    try {
      const res = await fetch(`${origin}/events`, { headers: { 'x-license-desk-token': token }, signal: events.signal })
      const decoder = new TextDecoder()
      let buffer = ''
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const message = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (!message.startsWith('data: ')) continue
          const text = message.slice(6)
          records.push({ kind: 'progress', seq: ++seq, event: JSON.parse(text) as ProgressEvent, text })
        }
      }
    } catch {
      /* closed */
    }
  })()

  const desk = makeDesk(demo.dataDir, demo.profile, { timeoutMs: 8000, retryBaseMs: 20, appVersion: 'e2e' })
  let closed = false
  return {
    url,
    origin,
    token,
    demo,
    server: demo.server,
    desk,
    saveDir,
    filesDir,
    os: effects,
    output: () => ({ stdout, stderr }),
    traffic: () => records.map((r) => ({ ...r })),
    invokes: (channel) => records.filter((r): r is InvokeRecord => r.kind === 'invoke' && (!channel || r.channel === channel)),
    recordInvoke: (r) => void records.push({ kind: 'invoke', seq: ++seq, ...r }),
    dumpTraffic(file) {
      mkdirSync(dirname(resolve(file)), { recursive: true })
      writeFileSync(file, JSON.stringify(records, null, 2) + '\n')
    },
    async close() {
      if (closed) return
      closed = true
      events.abort()
      stop.abort()
      await running
      // The license server may already have been closed by a test (server down).
      await demo.close().catch(() => rmSync(demo.dir, { recursive: true, force: true }))
      rmSync(filesDir, { recursive: true, force: true })
    }
  }
}
