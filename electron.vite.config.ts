import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { APP_CSP } from './src/shared/csp'

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
        // The built page carries the app's one CSP (src/shared/csp.ts) right after its charset. The dev
        // server gets none: its inline React Refresh preamble would be blocked, and in dev the main process
        // sends the dev CSP as a header instead (src/main/security.ts).
        name: 'license-desk-csp',
        apply: 'build',
        transformIndexHtml: (html: string) => {
          const charset = '<meta charset="UTF-8" />'
          if (!html.includes(charset) || APP_CSP.includes('"')) throw new Error('index.html: no charset meta tag to put the CSP after')
          return html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${APP_CSP}" />`)
        }
      }
    ]
  }
})
