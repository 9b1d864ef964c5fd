#!/usr/bin/env node
// `npm start`: opens License Desk on every machine.
// 1. Builds first when out/ is missing or older than the sources.
// 2. Electron's binary present (where the electron package looks: node_modules/electron/path.txt and
//    dist/, or ELECTRON_OVERRIDE_DIST_PATH): starts the desktop app with it.
// 3. Missing: runs Electron's own installer (node_modules/electron/install.js, which npm's allowScripts
//    keeps from running at install time; it honours ELECTRON_MIRROR, its cache and proxies), showing
//    progress, then starts the app. ELECTRON_SKIP_BINARY_DOWNLOAD=1 means: do not download.
// 4. Electron cannot be had: two plain lines (why, what to do), then License Desk in the browser
//    (`license-desk ui`). Arguments after `npm start --` go to `license-desk ui` (e.g. --no-open).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const require = createRequire(join(root, 'package.json'))
const args = process.argv.slice(2)
const say = (line) => process.stderr.write(`${line}\n`)

/** Newest modification time under `path` (a file or a folder), 0 when missing. */
function newest(path) {
  let st
  try {
    st = statSync(path)
  } catch {
    return 0
  }
  if (!st.isDirectory()) return st.mtimeMs
  let max = 0
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)))
  return max
}

function ensureBuilt() {
  const outputs = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'out/node/cli.js'].map((f) => join(root, f))
  const built = Math.min(...outputs.map((f) => newest(f)))
  const inputs = ['src', 'resources', 'electron.vite.config.ts', 'vite.node.config.mts', 'package.json'].map((f) => newest(join(root, f)))
  if (built > 0 && built >= Math.max(...inputs)) return
  say(built === 0 ? 'Building License Desk (once, about 15 s)…' : 'Building License Desk (the sources changed)…')
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], shell: process.platform === 'win32' })
  if (r.status !== 0) {
    say('License Desk could not be built.')
    say('Run npm run build to see why, fix it, then npm start again.')
    process.exit(1)
  }
}

/** Where the electron package looks for its binary (the same rules as node_modules/electron/index.js). */
function electronBinary() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { pkgDir: undefined, path: undefined, version: '' }
  }
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version
  const pathTxt = join(pkgDir, 'path.txt')
  const exe = existsSync(pathTxt)
    ? readFileSync(pathTxt, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron'
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const path = override ? join(override, exe) : existsSync(pathTxt) ? join(pkgDir, 'dist', exe) : undefined
  return { pkgDir, path: path && existsSync(path) ? path : undefined, version }
}

/** Runs Electron's own installer with a visible ticker; resolves to an error reason, or undefined on success. */
function installElectron(pkgDir, version) {
  const host = process.env.ELECTRON_MIRROR ? new URL(process.env.ELECTRON_MIRROR).host : 'github.com'
  say(`Electron ${version} is not installed yet: downloading it from ${host} (once, about 100 MB)…`)
  const started = Date.now()
  const tty = process.stderr.isTTY
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(pkgDir, 'install.js')], { cwd: pkgDir, stdio: ['ignore', 'ignore', 'pipe'] })
    let output = ''
    child.stderr.on('data', (c) => (output += c))
    const ticker = setInterval(
      () => {
        const s = Math.round((Date.now() - started) / 1000)
        if (tty) process.stderr.write(`\r  still downloading… ${s} s`)
        else say(`  still downloading… ${s} s`)
      },
      tty ? 1000 : 10_000
    )
    const limitMs = Number(process.env.LICENSE_DESK_ELECTRON_INSTALL_TIMEOUT_MS) || 15 * 60_000
    const limit = setTimeout(() => child.kill(), limitMs)
    child.on('error', () => undefined)
    child.on('close', (code) => {
      clearInterval(ticker)
      clearTimeout(limit)
      if (tty && Date.now() - started >= 1000) process.stderr.write('\n')
      if (code === 0) return resolvePromise(undefined)
      // The installer's first error line, without its stack: e.g. "fetch failed", "HTTPError: 404".
      const first =
        output
          .split('\n')
          .map((l) => l.trim())
          .find((l) => l && !l.startsWith('at ')) ?? ''
      const why = code === null ? 'it took too long' : first.replace(/^\w*Error:\s*/, '').slice(0, 160) || `the installer ended with ${code}`
      resolvePromise(`${host} could not be reached or refused (${why})`)
    })
  })
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' })
  // Ctrl-C in a terminal reaches the child too (same process group): wait for it to stop rather than dying
  // first. A signal sent to this process alone is passed on, a moment later, if the child still runs (at
  // once, a second SIGINT would cut the child's clean stop short).
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
    process.on(signal, () => setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill(signal), 1000).unref())
  child.on('error', (e) => {
    say(`License Desk could not be started (${/** @type {NodeJS.ErrnoException} */ (e).code ?? e.message}).`)
    say('Run npm install, then npm start again.')
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}

function browserMode(why, todo) {
  say(why)
  say(todo)
  run(process.execPath, [join(root, 'bin', 'license-desk.js'), 'ui', ...args])
}

ensureBuilt()
let electron = electronBinary()
if (!electron.pkgDir) {
  browserMode('The electron package is not installed, so the desktop app cannot start.', 'Opening License Desk in your browser instead; run npm install to get the desktop app.')
} else if (electron.path) {
  run(electron.path, [root])
} else if (/^(1|true)$/i.test(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '')) {
  browserMode(
    `Electron ${electron.version} is not installed, and ELECTRON_SKIP_BINARY_DOWNLOAD says not to download it.`,
    'Opening License Desk in your browser instead; unset ELECTRON_SKIP_BINARY_DOWNLOAD and run npm start again to get the desktop app.'
  )
} else {
  const failure = await installElectron(electron.pkgDir, electron.version)
  electron = electronBinary()
  if (!failure && electron.path) run(electron.path, [root])
  else
    browserMode(
      `Electron ${electron.version} could not be downloaded: ${failure ?? 'the installer left no binary'}.`,
      'Opening License Desk in your browser instead; run npm start again where the download works (or set ELECTRON_MIRROR) to get the desktop app.'
    )
}
