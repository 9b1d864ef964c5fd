// Test fixtures: the local license server on a free loopback port, the demo profile pointed at it,
// a fresh data dir, and the built CLI run as a real child process.
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadProfile, profileWithOrigin, type Profile } from '@core/profile'
import { startServer, type LocalServer, type SeedData } from '../../src/server/index'

export const ROOT = resolve(__dirname, '..', '..')
export const DEMO_PROFILE = join(ROOT, 'resources', 'demo', 'profile.json')
export const CLI = join(ROOT, 'out', 'node', 'cli.js')

export const KEYS = {
  fresh: 'DEMO-STUD-IO00-0001',
  seatTaken: 'DEMO-STUD-IO00-0002',
  noTransfers: 'DEMO-STUD-IO00-0003',
  disabled: 'DEMO-STUD-IO00-0004',
  expired: 'DEMO-STUD-IO00-0005',
  subscription: 'DEMO-STUD-IO00-0006',
  user: 'demo@license-desk.example',
  password: 'demo-password-1',
  qlm: 'AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2',
  qlmNoReleases: 'BQM20-71S11-HKL4T-J973Z-2J2VS-BREW3'
} as const

export interface Demo {
  server: LocalServer
  dir: string
  dataDir: string
  profilePath: string
  profile: Profile
  close(): Promise<void>
}

/** Replacement values for the demo's secrets, in the profile and in the local server's copy alike. */
export interface DemoSecrets {
  apiKey?: string
  sharedKey?: string
  qlmCommunicationEncryptionKey?: string
  qlmPassword?: string
  /** The password of the demo's user-based license. */
  userPassword?: string
  /** The OAuth client secret (the server's client and the profile's OAuth products). */
  clientSecret?: string
}

export interface DemoOptions {
  /** Adjusts the profile after its URLs point at the server. */
  edit?: (p: Profile) => Profile
  secrets?: DemoSecrets
  /** Serve HTTPS with this certificate (see src/server/tls.ts). */
  tls?: { cert: string; key: string }
}

function withSecrets(seed: SeedData, profile: Profile, x: DemoSecrets): { seed: SeedData; profile: Profile } {
  const s = JSON.parse(JSON.stringify(seed)) as SeedData
  for (const k of s.licensespring.apiKeys) {
    if (x.apiKey) k.apiKey = x.apiKey
    if (x.sharedKey) k.sharedKey = x.sharedKey
  }
  if (x.userPassword) for (const l of s.licensespring.licenses) if (l.password) l.password = x.userPassword
  if (x.clientSecret) for (const c of s.licensespring.oauth?.clients ?? []) c.clientSecret = x.clientSecret
  if (x.qlmPassword) s.qlm.password = x.qlmPassword
  if (x.qlmCommunicationEncryptionKey) s.qlm.communicationEncryptionKey = x.qlmCommunicationEncryptionKey
  const p: Profile = {
    ...profile,
    products: profile.products.map((prod) =>
      prod.provider === 'licensespring'
        ? prod.licensespring.authentication === 'oauth'
          ? { ...prod, licensespring: { ...prod.licensespring, clientSecret: x.clientSecret ?? prod.licensespring.clientSecret } }
          : { ...prod, licensespring: { ...prod.licensespring, apiKey: x.apiKey ?? prod.licensespring.apiKey, sharedKey: x.sharedKey ?? prod.licensespring.sharedKey } }
        : {
            ...prod,
            qlm: {
              ...prod.qlm,
              password: x.qlmPassword ?? prod.qlm.password,
              communicationEncryptionKey: x.qlmCommunicationEncryptionKey ?? prod.qlm.communicationEncryptionKey
            }
          }
    )
  }
  return { seed: s, profile: p }
}

export async function startDemo(opts: DemoOptions | ((p: Profile) => Profile) = {}): Promise<Demo> {
  const o: DemoOptions = typeof opts === 'function' ? { edit: opts } : opts
  let seed = JSON.parse(readFileSync(join(ROOT, 'resources', 'demo', 'licenses.json'), 'utf8')) as SeedData
  let profile = loadProfile(DEMO_PROFILE)
  if (o.secrets) ({ seed, profile } = withSecrets(seed, profile, o.secrets))
  const server = await startServer({ port: 0, seed, ...(o.tls ? { tls: o.tls } : {}) })
  const dir = mkdtempSync(join(tmpdir(), 'ld-test-'))
  profile = profileWithOrigin(profile, server.url)
  if (o.edit) profile = o.edit(profile)
  const profilePath = join(dir, 'profile.json')
  writeFileSync(profilePath, JSON.stringify(profile, null, 2))
  return {
    server,
    dir,
    dataDir: join(dir, 'data'),
    profilePath,
    profile,
    async close() {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Builds out/node/cli.js when missing (npm test builds before running vitest). */
export function ensureCliBuilt(): void {
  if (existsSync(CLI)) return
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-node.mjs')], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) throw new Error('building the CLI failed')
}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
  json: any
}

/** Runs the built CLI; --json output is parsed when present. */
export function cli(demo: Pick<Demo, 'profilePath' | 'dataDir' | 'dir'> | null, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const base = demo ? ['--profile', demo.profilePath, '--data-dir', demo.dataDir] : []
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [CLI, ...base, ...args],
      { cwd: demo?.dir ?? ROOT, env: { ...process.env, LICENSE_DESK_RETRY_BASE_MS: '20', LICENSE_DESK_TIMEOUT_MS: '3000', ...env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        let json: unknown
        if (args.includes('--json')) {
          try {
            json = JSON.parse(stdout)
          } catch {
            json = undefined
          }
        }
        resolvePromise({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr, json })
      }
    )
  })
}

export function readState(dataDir: string): any {
  return JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8'))
}

/** Uploads a request file's text to the local server's offline portal, as the vendor's portal would receive it. */
export async function uploadToPortal(serverUrl: string, content: string): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(`${serverUrl}/offline/upload`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: content })
  return { status: res.status, body: await res.text(), headers: res.headers }
}

/**
 * Follows a QLM self-help link as a user does: opening it (GET) shows the prefilled form and releases
 * nothing; pressing "Release license" posts the form. Returns both pages.
 */
export async function releaseViaSelfHelp(link: string): Promise<{ form: { status: number; body: string }; result: { status: number; body: string } }> {
  const opened = await fetch(link)
  const form = { status: opened.status, body: await opened.text() }
  const u = new URL(link)
  const posted = await fetch(`${u.origin}${u.pathname}`, { method: 'POST', body: new URLSearchParams(u.searchParams) })
  return { form, result: { status: posted.status, body: await posted.text() } }
}

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net')
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}
