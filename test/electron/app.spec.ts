// The real app under Playwright's _electron: launches out/main/index.js with the Electron binary (demo
// profile, embedded local license server, a throwaway data directory) and walks one online and one offline
// deactivation through the wizard, as a user would. Where npm did not download the Electron binary (these build
// machines), every test is skipped with "skipped: Electron binary not installed".
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { activateOnlineViaUi, KEYS, openDeactivation, productState } from '../e2e/fixtures'

const root = resolve(__dirname, '../..')
const SKIP_REASON = 'skipped: Electron binary not installed'

function electronBinary(): string | undefined {
  try {
    // The electron package exports the binary's path; it throws when the download was skipped.
    const path = createRequire(join(root, 'package.json'))('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

const binary = electronBinary()
// A window needs a display: on Linux without one, say so instead of failing (run under xvfb-run).
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
const skipReason = !binary ? SKIP_REASON : noDisplay ? 'skipped: no display (run under xvfb-run)' : undefined
if (skipReason) console.log(skipReason)

test.describe('Electron app', () => {
  test.skip(skipReason !== undefined, skipReason ?? '')
  test.describe.configure({ mode: 'serial' })

  let app: ElectronApplication
  let page: Page
  let dataDir: string

  test.beforeAll(async () => {
    if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('run `npm run build` first')
    dataDir = mkdtempSync(join(tmpdir(), 'ld-electron-e2e-'))
    app = await electron.launch({
      executablePath: binary,
      args: [join(root, 'out/main/index.js'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: root,
      env: { ...process.env, LICENSE_DESK_DATA_DIR: dataDir, LICENSE_DESK_PROFILE: '', ELECTRON_RENDERER_URL: '' }
    })
    page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
  })

  test.afterAll(async () => {
    await app?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  test('the window is secure and shows the wizard', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]
      const wc = w.webContents as unknown as { getLastWebPreferences?(): Record<string, unknown> }
      const p = wc.getLastWebPreferences?.() ?? {}
      return { sandbox: p.sandbox, contextIsolation: p.contextIsolation, nodeIntegration: p.nodeIntegration }
    })
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false })
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { licenseDesk: object }).licenseDesk).length)).toBe(16)
    await expect(page.getByRole('heading').first()).toBeVisible()
    // navigation away from the app is blocked
    await page.evaluate(() => {
      ;(globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'
    })
    await page.waitForTimeout(300)
    expect(page.url()).toMatch(/^file:.*index\.html/)
  })

  test('online deactivation through the wizard (LicenseSpring demo key)', async () => {
    await activateOnlineViaUi(page, 'Demo Studio', KEYS.fresh)
    await expect(page.getByRole('heading', { level: 1, name: 'Demo Studio is activated' })).toBeFocused()
    await page.getByRole('button', { name: 'Back to overview' }).click()
    await expect(productState(page, 'studio')).toHaveAttribute('data-state', 'active')
    await openDeactivation(page, 'Demo Studio', 'Online')
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Demo Studio is deactivated' })).toBeFocused()
    await page.getByRole('button', { name: 'Back to overview' }).click()
    await expect(productState(page, 'studio')).toHaveAttribute('data-state', 'inactive')
  })

  test('offline deactivation through the wizard writes the request file where the user chose', async () => {
    const target = join(dataDir, 'ls_deactivation.req')
    // Answer the native save dialog in the main process.
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog
    }, target)
    await activateOnlineViaUi(page, 'Demo Studio', KEYS.fresh)
    await page.getByRole('button', { name: 'Back to overview' }).click()
    await openDeactivation(page, 'Demo Studio', 'Offline')
    await page.getByRole('button', { name: 'Deactivate and save the file…' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'One step left: upload the deactivation file' })).toBeFocused()
    await expect(page.getByTestId('saved-file-path')).toHaveValue(target)
    expect(existsSync(target)).toBe(true)
    expect(readFileSync(target, 'utf8')).not.toContain('demo-shared-key')
  })
})
