// Two Playwright projects: 'browser' runs the built renderer in Debian's Chromium (test/e2e) against the
// shipped browser mode (`license-desk ui`: the same handlers over HTTP + Server-Sent Events); 'electron'
// launches the real app with Playwright's _electron (test/electron) and is skipped where no Electron
// binary is installed.
import { defineConfig } from '@playwright/test'

// Every demo server a test starts (npm start, browser mode) takes a free port, never 4370.
process.env.LICENSE_DESK_DEMO_PORT ??= '0'

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: 'test-results/playwright',
  projects: [
    {
      name: 'browser',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
        }
      }
    },
    {
      name: 'electron',
      testDir: 'test/electron'
    }
  ]
})
