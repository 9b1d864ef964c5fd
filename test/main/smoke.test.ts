// Smoke test of the BUILT main process: out/main/index.js is loaded in a child process where
// require('electron') returns the fake (Module._load hook). Catches bundling mistakes (ESM-only
// dependencies, missing files) that unit tests over the sources cannot see.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from 'vite'
import { CHANNELS } from '@shared/contract'
import { APP_CSP, APP_CSP_HEADER } from '@shared/csp'

const root = resolve(__dirname, '../..')
const mainJs = join(root, 'out/main/index.js')
const preloadJs = join(root, 'out/preload/index.js')
const rendererHtml = join(root, 'out/renderer/index.html')
let work: string
let report: any

function newestMtime(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return t
}

function buildIsStale(): boolean {
  if (!existsSync(mainJs) || !existsSync(preloadJs) || !existsSync(rendererHtml)) return true
  const built = Math.min(statSync(mainJs).mtimeMs, statSync(preloadJs).mtimeMs, statSync(rendererHtml).mtimeMs)
  if (statSync(join(root, 'electron.vite.config.ts')).mtimeMs > built) return true
  return ['src/main', 'src/preload', 'src/core', 'src/shared', 'src/server', 'src/renderer'].some((d) => existsSync(join(root, d)) && newestMtime(join(root, d)) > built)
}

beforeAll(async () => {
  if (buildIsStale()) {
    // main, preload and the renderer (its built index.html carries the CSP meta tag)
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' })
    if (r.status !== 0 && buildIsStale()) throw new Error(`electron-vite build failed:\n${r.stdout}\n${r.stderr}`)
  }
  work = mkdtempSync(join(tmpdir(), 'ld-smoke-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@shared': join(root, 'src/shared'), '@core': join(root, 'src/core') } },
    build: {
      ssr: join(__dirname, '../support/smoke-harness.ts'),
      outDir: join(work, 'harness'),
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'harness.cjs' } }
    }
  })
  const home = join(work, 'home')
  const r = spawnSync(process.execPath, [join(work, 'harness', 'harness.cjs')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60000,
    env: {
      ...process.env,
      SMOKE_ROOT: root,
      SMOKE_HOME: home,
      HOME: home,
      LICENSE_DESK_DATA_DIR: join(work, 'data'),
      LICENSE_DESK_PROFILE: '',
      ELECTRON_RENDERER_URL: ''
    }
  })
  const line = r.stdout.split('\n').find((l) => l.startsWith('SMOKE-REPORT '))
  if (!line) throw new Error(`no report from the built main (exit ${r.status}):\n${r.stdout}\n${r.stderr}`)
  report = JSON.parse(line.slice('SMOKE-REPORT '.length))
}, 180000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('built main process under the fake electron', () => {
  it('preload bundle is CommonJS and requires only electron', () => {
    const code = readFileSync(preloadJs, 'utf8')
    expect(code).not.toMatch(/^\s*(import|export)\s/m)
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
    expect(new Set(requires)).toEqual(new Set(['electron']))
  })

  it('main bundle is CommonJS and bundles electron-store/conf', () => {
    const code = readFileSync(mainJs, 'utf8')
    expect(code).not.toMatch(/^\s*(import|export)\s/m)
    expect(code).not.toMatch(/require\(["'](electron-store|conf)["']\)/)
  })

  it('main bundle carries no demo server or admin code: the server is a chunk loaded only for the demo', () => {
    const main = readFileSync(mainJs, 'utf8')
    expect(main).not.toContain('__admin')
    expect(main).not.toContain('QlmReleaseLicense.aspx')
    const chunks = readdirSync(join(root, 'out/main')).filter((f) => f !== 'index.js' && f.endsWith('.js'))
    expect(chunks.some((f) => readFileSync(join(root, 'out/main', f), 'utf8').includes('/__admin/'))).toBe(true)
  })

  it('starts without errors', () => {
    expect(report.errors).toEqual([])
    expect(report.singleInstanceLock).toBe(true)
    expect(report.userDataSetBeforeReady).toBe(true)
    expect(report.webContentsCreatedListener).toBe(true)
    expect(report.menuSet).toBe(true)
    expect(JSON.stringify(report.aboutPanel)).toMatch(/Electron .*Chrome .*Node/)
  })

  it('creates one window with the secure options, hidden until ready-to-show', () => {
    const win = report.windows[0]
    expect(win.options.show).toBe(false)
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false
    })
    expect(win.options.webPreferences.preload).toBe(preloadJs)
    expect(win.loaded).toEqual([{ kind: 'file', target: join(root, 'out/renderer/index.html') }])
    expect(win.visible).toBe(true)
  })

  it('registers every channel', () => {
    expect([...report.handlers].sort()).toEqual([...CHANNELS].sort())
  })

  it('answers its own window through the real core, refuses foreigners and bad input', () => {
    expect(report.ipc.appInfo, JSON.stringify([report.ipc.appInfo, report.windows[0].url])).toMatchObject({ ok: true, value: { demo: true } })
    expect(report.ipc.status.ok, JSON.stringify(report.ipc.status)).toBe(true)
    expect(report.ipc.status.value.products.length).toBeGreaterThan(0)
    expect(report.ipc.badInput).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(report.ipc.foreign).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(report.ipc.openEvil).toMatchObject({ ok: false })
    expect(report.ipc.activate, JSON.stringify(report.ipc.activate)).toMatchObject({ ok: true })
    expect(report.ipc.netFetchCalls).toBeGreaterThan(0)
    expect(report.ipc.deactivate).toMatchObject({ ok: true })
    expect(JSON.parse(report.ipc.diagnostics.value.text).network).toMatchObject({
      proxy: { source: 'system (Chromium)' },
      certificateAuthorities: [expect.stringMatching(/^system/)]
    })
  })

  it('applies the security rules', () => {
    expect(report.rules).toMatchObject({
      navigationBlocked: true,
      ownNavigationAllowed: true,
      windowOpen: { action: 'deny' },
      permissionRequest: false,
      permissionCheck: false,
      downloadPrevented: true,
      bluetoothChooserPrevented: true
    })
    expect(report.rules.csp[0]).toContain("script-src 'self'")
  })

  it('the page and the header carry the one CSP of src/shared/csp.ts', () => {
    const metas = [...readFileSync(rendererHtml, 'utf8').matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)]
    expect(metas.map((m) => m[1])).toEqual([APP_CSP])
    expect(report.rules.csp).toEqual([APP_CSP_HEADER])
    expect(APP_CSP_HEADER.startsWith(`${APP_CSP}; `)).toBe(true)
  })

  it('quits cleanly (its own demo server is closed first, then the app quits)', () => {
    // When port 4370 already had a local server (another test run), main reuses it and has nothing to close.
    if (report.quitPrevented) expect(report.quitCalls).toBeGreaterThanOrEqual(1)
    expect(report.errorsAfterQuit).toEqual([])
  })
})
