#!/usr/bin/env node
// Runs the built CLI (out/node/cli.js); builds it first when missing (e.g. right after npm install).
'use strict'
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const root = join(__dirname, '..')
const entry = join(root, 'out', 'node', 'cli.js')
if (!existsSync(entry)) {
  const { spawnSync } = require('node:child_process')
  process.stderr.write('license-desk: building the command-line tool once (npm run build)…\n')
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BUILD_LOG_LEVEL: 'error' } })
  if (r.status !== 0 || !existsSync(entry)) {
    process.stderr.write('license-desk: the build failed; run npm run build and try again.\n')
    process.exit(1)
  }
}
require(entry)
