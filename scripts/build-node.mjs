#!/usr/bin/env node
// Builds out/node/cli.js and out/node/server.js (plain Node bundles) with vite.node.config.mts.
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '..')
rmSync(resolve(root, 'out', 'node'), { recursive: true, force: true })
for (const mode of ['cli', 'server']) {
  await build({ root, configFile: resolve(root, 'vite.node.config.mts'), mode, logLevel: /** @type {import('vite').LogLevel} */ (process.env.BUILD_LOG_LEVEL ?? 'warn') })
}
