import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Two projects: `unit` (npm run test:unit, the fast loop: core, main-process logic, renderer, server,
// browser mode's transport in test/ui) and `integration` (the built CLI and main bundle, real processes,
// crash and fault matrices, the npm start launcher and `license-desk ui`).
const slow = ['test/integration/**', 'test/main/smoke.test.ts', 'test/main/electronegativity.test.ts', 'test/server/persistence.test.ts']

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@shared': resolve(__dirname, 'src/shared'),
      '@core': resolve(__dirname, 'src/core'),
      '@renderer': resolve(__dirname, 'src/renderer/src')
    }
  },
  test: {
    environment: 'node',
    // Every demo server a test starts (the app's, browser mode's) takes a free port: several run at once.
    env: { LICENSE_DESK_DEMO_PORT: '0' },
    testTimeout: 30000,
    hookTimeout: 30000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: [...slow, 'test/e2e/**', 'node_modules/**'] } },
      { extends: true, test: { name: 'integration', include: slow, exclude: ['test/e2e/**', 'node_modules/**'] } }
    ]
  }
})
