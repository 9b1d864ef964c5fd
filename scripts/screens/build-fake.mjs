// Bundles scripts/screens/fake-entry.ts into out/screens/fake-api.js (an IIFE for page.addInitScript).
import { resolve } from 'node:path'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '../..')
await build({
  configFile: false,
  logLevel: 'warn',
  resolve: { alias: { '@shared': resolve(root, 'src/shared'), '@renderer': resolve(root, 'src/renderer/src') } },
  build: {
    outDir: resolve(root, 'out/screens'),
    emptyOutDir: true,
    minify: false,
    lib: { entry: resolve(import.meta.dirname, 'fake-entry.ts'), formats: ['iife'], name: 'LicenseDeskFake', fileName: () => 'fake-api.js' }
  }
})
console.log('built out/screens/fake-api.js')
