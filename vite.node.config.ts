// Builds the plain-Node entry points (the CLI and the local license server) to out/cli and out/server.
import { resolve } from 'node:path'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

export default defineConfig({
  resolve: {
    alias: { '@shared': resolve(__dirname, 'src/shared'), '@core': resolve(__dirname, 'src/core') }
  },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'out/node',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { cli: resolve(__dirname, 'src/cli/index.ts'), server: resolve(__dirname, 'src/server/main.ts') },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron'],
      output: {
        format: 'cjs',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Shared code goes to chunks, so the server entry never loads (and runs) the CLI entry.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] }
      }
    }
  },
  ssr: { noExternal: true }
})
