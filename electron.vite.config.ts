import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { APP_CSP } from './src/shared/csp'

const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@core': resolve(__dirname, 'src/core')
}

// The renderer's boot script (src/renderer/src/boot.ts) and the modules it is made of.
const BOOT = 'src/renderer/src/boot.ts'
const BOOT_MODULES = /src[\\/]renderer[\\/]src[\\/](boot|api|i18n[\\/]load)\.ts$|preload-helper/

/**
 * Puts the boot chunk in index.html as its own module script ahead of the entry. It is small and imports
 * nothing, so the browser runs it as soon as it arrives, while the entry is still loading and compiling:
 * the catalog and the status requests then start before React is even evaluated.
 */
function bootFirst(): Plugin {
  let base = './'
  return {
    name: 'license-desk-boot-first',
    apply: 'build',
    configResolved: (config) => {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => {
        const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot')
        const at = html.indexOf('<script type="module"')
        if (boot?.type !== 'chunk' || at < 0) throw new Error('index.html: no boot chunk, or no module script to put it before')
        if (boot.imports.length > 0) throw new Error(`the boot chunk imports ${boot.imports.join(', ')}: it must wait for nothing (BOOT_MODULES)`)
        return `${html.slice(0, at)}<script type="module" crossorigin src="${base}${boot.fileName}"></script>\n    ${html.slice(at)}`
      }
    }
  }
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
    build: {
      minify: true,
      cssMinify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html'), boot: resolve(__dirname, BOOT) },
        // Everything the page loads before its first render, in one file with the entry (React and
        // Home included): one gzip stream instead of an entry plus shared chunks the lazy screens also
        // import. The boot script's own modules stay out of it, so the boot chunk waits for nothing.
        output: {
          codeSplitting: {
            groups: [{ name: 'index', tags: ['$initial'], includeDependenciesRecursively: false, test: (id: string) => !BOOT_MODULES.test(id) }]
          }
        }
      }
    },
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared'), '@renderer': resolve(__dirname, 'src/renderer/src') } },
    plugins: [
      react(),
      bootFirst(),
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
