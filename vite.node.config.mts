// Builds the plain-Node entry points to out/node: the CLI (`--mode cli`) and the local license server
// (`--mode server`), one bundle each, so neither loads the other. Modules loaded with import() (e.g.
// conf, needed only by commands that write) become separate chunks that load on demand.
import { resolve } from 'node:path'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

export default defineConfig(({ mode }) => {
  const entry = mode === 'server' ? 'server' : 'cli'
  return {
    resolve: {
      alias: { '@shared': resolve(import.meta.dirname, 'src/shared'), '@core': resolve(import.meta.dirname, 'src/core') }
    },
    build: {
      ssr: true,
      target: 'node20',
      outDir: 'out/node',
      emptyOutDir: false,
      minify: false,
      sourcemap: false,
      rollupOptions: {
        input: { [entry]: resolve(import.meta.dirname, entry === 'cli' ? 'src/cli/index.ts' : 'src/server/main.ts') },
        external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron'],
        output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: `chunks/${entry}-[name]-[hash].js` }
      }
    },
    ssr: { noExternal: true }
  }
})
