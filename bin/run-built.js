// Shared by the bin scripts: runs a built plain-Node entry (out/node/NAME.js), building it first when
// it is missing (e.g. right after npm install). Build output goes to stderr, so stdout stays clean.
//
// The entry is compiled through vm.Script with a V8 code cache (Node 20 has no
// module.enableCompileCache): the first run stores V8's compiled code in the OS cache folder, later
// runs skip most of the parsing and compiling. The cache is keyed by the app version, the Node and V8
// versions, the CPU architecture and the sha256 of the bundle; anything that does not match exactly
// (another version, a damaged or foreign file) is ignored and replaced, never fed to V8. The file is
// written atomically (temp file + rename). LICENSE_DESK_CODE_CACHE=0 turns it off;
// LICENSE_DESK_CACHE_DIR moves it; LICENSE_DESK_CODE_CACHE_TRACE=1 says on stderr what happened.
'use strict'
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

const MAGIC = 'license-desk-v8-code-cache/1\n'

function cacheFolder(env = process.env, platform = process.platform, home = require('node:os').homedir()) {
  if (env.LICENSE_DESK_CACHE_DIR) return env.LICENSE_DESK_CACHE_DIR
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'license-desk', 'Cache')
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'license-desk')
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'license-desk')
}

const sha256 = (data) => require('node:crypto').createHash('sha256').update(data).digest('hex')

/** Everything the cached code depends on: a cache made under any other key is never used. */
function cacheKey(appVersion, source) {
  return { app: appVersion, node: process.version, v8: process.versions.v8, arch: process.arch, bundle: sha256(source) }
}

/** The cached V8 data for this key, or undefined for a missing, damaged, foreign or outdated file. */
function readCodeCache(file, key) {
  let buf
  try {
    buf = readFileSync(file)
  } catch {
    return undefined
  }
  if (buf.length < MAGIC.length || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined
  const end = buf.indexOf(10, MAGIC.length)
  if (end < 0) return undefined
  let header
  try {
    header = JSON.parse(buf.toString('utf8', MAGIC.length, end))
  } catch {
    return undefined
  }
  if (!header || typeof header !== 'object') return undefined
  for (const k of Object.keys(key)) if (header[k] !== key[k]) return undefined
  const payload = buf.subarray(end + 1)
  if (payload.length !== header.length || sha256(payload) !== header.sha256) return undefined
  return payload
}

/**
 * Writes the cache atomically: a reader sees the old file or the new one, never half of it. Of the
 * caches of other builds of the same entry (NAME-<other hash>.v8cache) the two most recent are kept
 * (two installed versions used in turn keep theirs), older ones are removed.
 */
function writeCodeCache(file, key, payload, name) {
  const fs = require('node:fs')
  const header = JSON.stringify({ ...key, length: payload.length, sha256: sha256(payload) })
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
  try {
    fs.mkdirSync(dirname(file), { recursive: true })
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(MAGIC + header + '\n', 'utf8'), payload]), { flag: 'wx', mode: 0o600 })
    fs.renameSync(tmp, file)
    if (name) {
      const others = fs
        .readdirSync(dirname(file))
        .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.v8cache') && join(dirname(file), f) !== file)
        .map((f) => ({ f: join(dirname(file), f), t: fs.statSync(join(dirname(file), f)).mtimeMs }))
        .sort((a, b) => b.t - a.t)
      for (const { f } of others.slice(2)) fs.rmSync(f, { force: true })
    }
    return true
  } catch {
    try {
      fs.rmSync(tmp, { force: true })
    } catch {
      /* nothing to clean */
    }
    return false
  }
}

/** Runs a CommonJS bundle like require() would, compiled with the code cache when one is valid. */
function runWithCodeCache(entry, name, appVersion, env = process.env) {
  const vm = require('node:vm')
  const { createRequire } = require('node:module')
  const trace = env.LICENSE_DESK_CODE_CACHE_TRACE === '1' ? (s) => process.stderr.write(`code cache: ${s}\n`) : () => {}
  const source = readFileSync(entry, 'utf8')
  const key = cacheKey(appVersion, source)
  const file = join(cacheFolder(env), `${name}-${key.bundle.slice(0, 16)}.v8cache`)
  const cachedData = readCodeCache(file, key)
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`
  const script = new vm.Script(wrapped, { filename: entry, cachedData })
  const used = cachedData !== undefined && !script.cachedDataRejected
  trace(used ? 'used' : cachedData ? 'rejected by V8' : 'none')
  if (!used)
    // Made at exit, so it also holds the functions this run compiled lazily.
    process.once('exit', () => trace(writeCodeCache(file, key, script.createCachedData(), name) ? `written ${file}` : 'not written'))
  // A real module, registered under the bundle's path: its lazily loaded chunks require('../NAME.js') for
  // the code they share with it, and must get this instance, not a second run of the whole command.
  const Module = require('node:module')
  const mod = new Module(entry, module)
  mod.filename = entry
  mod.paths = Module._nodeModulePaths(dirname(entry))
  require.cache[entry] = mod
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(entry), mod, entry, dirname(entry))
  mod.loaded = true
  return mod.exports
}

function runBuilt(name, label) {
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
  if (process.env.LICENSE_DESK_CODE_CACHE === '0') return require(entry)
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  return runWithCodeCache(entry, name, String(version), process.env)
}

module.exports = runBuilt
module.exports.cacheFolder = cacheFolder
module.exports.cacheKey = cacheKey
module.exports.readCodeCache = readCodeCache
module.exports.writeCodeCache = writeCodeCache
module.exports.runWithCodeCache = runWithCodeCache
