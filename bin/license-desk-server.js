#!/usr/bin/env node
// Starts the License Desk local license server (LicenseSpring v4 + QLM demo peer).
// Builds out/node/server.js first when it is missing.
'use strict'
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const { spawnSync } = require('node:child_process')

const root = join(__dirname, '..')
const entry = join(root, 'out', 'node', 'server.js')
if (!existsSync(entry)) {
  process.stderr.write('out/node/server.js is missing: building it (npm run build:node)...\n')
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], { cwd: root, stdio: ['ignore', 2, 2] })
  if (r.status !== 0 || !existsSync(entry)) {
    process.stderr.write('build failed; run `npm run build:node` to see why\n')
    process.exit(1)
  }
}
require(entry)
