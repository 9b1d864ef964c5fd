import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@core': resolve(__dirname, 'src/core')
}

export default defineConfig({
  main: {
    // electron-store is ESM-only: bundle it (and conf) into main so the CommonJS main can load it.
    build: { externalizeDeps: { exclude: ['electron-store', 'conf'] } },
    resolve: { alias }
  },
  preload: {
    build: { rollupOptions: { output: { format: 'cjs' } } },
    resolve: { alias }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: { minify: true, cssMinify: true },
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared'), '@renderer': resolve(__dirname, 'src/renderer/src') } },
    plugins: [
      react(),
      {
        // The dev server injects an inline React Refresh preamble that the strict CSP meta tag would
        // block; in dev the main process sends the dev CSP as a header instead (src/main/security.ts).
        name: 'license-desk-dev-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>\s*/, '')
      }
    ]
  }
})
