// Shared by the bin scripts: runs a built plain-Node entry (out/node/NAME.js), building it first when
// it is missing (e.g. right after npm install). Build output goes to stderr, so stdout stays clean.
'use strict'
const { existsSync } = require('node:fs')
const { join } = require('node:path')

module.exports = function runBuilt(name, label) {
  const root = join(__dirname, '..')
  const entry = join(root, 'out', 'node', `${name}.js`)
  if (!existsSync(entry)) {
    const { spawnSync } = require('node:child_process')
    process.stderr.write(`${label}: building it once (npm run build:node)…\n`)
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], {
      cwd: root,
      stdio: ['ignore', 2, 2],
      env: { ...process.env, BUILD_LOG_LEVEL: 'error' }
    })
    if (r.status !== 0 || !existsSync(entry)) {
      process.stderr.write(`${label}: the build failed; run npm run build:node to see why.\n`)
      process.exit(1)
    }
  }
  require(entry)
}
