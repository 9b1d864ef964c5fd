#!/usr/bin/env node
// npm run bench: every figure as a ratio against a baseline measured in the same run. Each ratio is the
// median of interleaved runs (ours, baseline, ours, ... with the order alternating), printed with its
// spread (lowest and highest run). Prints the table and the state-path scaling table, and writes
// artifacts/bench/results.json. Not part of npm test. BENCH_RUNS sets the number of runs (default 15);
// BENCH_ONLY=renderer measures the two renderer figures only (same output, artifacts/bench/results-renderer.json).
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { extname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import react from '@vitejs/plugin-react'
import { chromium } from '@playwright/test'

const root = resolve(import.meta.dirname, '..')
const outDir = join(root, 'artifacts', 'bench')
const tmp = join(outDir, 'tmp')
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const ONLY = process.env.BENCH_ONLY
if (ONLY !== undefined && ONLY !== 'renderer') throw new Error(`BENCH_ONLY=${ONLY}: only "renderer" is known`)
const sorted = (xs) => [...xs].sort((a, b) => a - b)
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)]
rmSync(tmp, { recursive: true, force: true })
mkdirSync(tmp, { recursive: true })
const loadBefore = loadavg()

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

/** Pairs (ours, base) measured in alternating order; the ratio is per pair, its median the figure. */
async function interleaved(runs, ours, base) {
  const o = []
  const b = []
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      o.push(await ours())
      b.push(await base())
    } else {
      b.push(await base())
      o.push(await ours())
    }
  }
  return pairs(o, b)
}
function pairs(o, b) {
  const ratios = o.map((x, i) => x / b[i])
  return { ours: median(o), base: median(b), ratio: median(ratios), spread: [Math.min(...ratios), Math.max(...ratios)], runs: o.length }
}

console.log('building License Desk…')
sh('npm', ['run', 'build', '--silent'])

// --- the bare React 19 + Vite page, built by the bench itself
const bareSrc = join(tmp, 'bare-src')
mkdirSync(bareSrc, { recursive: true })
writeFileSync(
  join(bareSrc, 'index.html'),
  '<!doctype html><html><head><meta charset="UTF-8"><title>bare</title></head><body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>'
)
writeFileSync(
  join(bareSrc, 'main.jsx'),
  `import { createRoot } from 'react-dom/client'
function App() { return <ul>{['a','b','c'].map((x) => <li key={x} data-testid={'product-' + x}>{x}</li>)}</ul> }
createRoot(document.getElementById('root')).render(<App />)
`
)
await build({ root: bareSrc, logLevel: 'silent', plugins: [react()], build: { outDir: join(tmp, 'bare'), emptyOutDir: true } })

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' }
/** A static server of `dir`. */
function serve(dir) {
  const server = createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let f = join(dir, p === '/' ? 'index.html' : p)
    if (!f.startsWith(dir) || !existsSync(f) || statSync(f).isDirectory()) f = join(dir, 'index.html')
    res.writeHead(200, { 'Content-Type': TYPES[extname(f)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' })
    res.end(readFileSync(f))
  })
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => r({ server, dir, url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/` }))
  )
}

// A stand-in preload API answering instantly: the measurement is the renderer's own work.
const STUB = `
(() => {
  const products = [
    { id: 'studio', name: 'Demo Studio', provider: 'licensespring', authorization: 'license-key', state: 'active', canActivateOffline: true, canDeactivateOffline: true, license: { keyHint: 'DEMO-••••-••••-0001', activatedAt: '2026-01-01T00:00:00.000Z', hardwareId: 'a'.repeat(64), activatedOffline: false, licenseType: 'perpetual' } },
    { id: 'cloud', name: 'Demo Cloud', provider: 'licensespring', authorization: 'user', state: 'inactive', canActivateOffline: true, canDeactivateOffline: true },
    { id: 'cad', name: 'Demo CAD', provider: 'qlm', authorization: 'qlm-key', state: 'inactive', canActivateOffline: true, canDeactivateOffline: true }
  ]
  const ok = (value) => Promise.resolve({ ok: true, value })
  window.licenseDesk = {
    getAppInfo: () => ok({ appName: 'License Desk', vendorName: 'Demo', supportEmail: 's@example.com', supportUrl: 'https://example.com', version: '0.1.0', versions: {}, locale: 'en', demo: true }),
    getStatus: () => ok({ products, hardware: { id: 'a'.repeat(64), source: 'bench' }, clockOffsetMs: null }),
    listHistory: () => ok([]),
    onProgress: () => () => {}
  }
})()`
// Both pages: the moment a product row is in the DOM (no loading screen counts as a render), and the files
// the page had fetched by then (what it prefetches once it is up does not count).
const READY = `new MutationObserver((_, obs) => { if (document.querySelector('[data-testid^="product-"]')) { window.__ready = performance.now(); window.__files = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname); obs.disconnect() } }).observe(document, { childList: true, subtree: true })`

async function pageLoad(browser, srv, init) {
  const ctx = await browser.newContext()
  const page = await ctx.newPage()
  await page.addInitScript(init + '\n' + READY)
  await page.goto(srv.url)
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 15000 })
  const t = await page.evaluate(() => window.__ready)
  const files = ((await page.evaluate(() => window.__files)) ?? []).map((p) => join(srv.dir, decodeURIComponent(p)))
  await ctx.close()
  return { t, files }
}
/** gzip -9 bytes of the JS and CSS a page fetched before its first render (lazy chunks loaded first count). */
function initialBytes(files) {
  const set = [...new Set(files.filter((f) => /\.(js|css)$/.test(f)))]
  const sizes = set.map((f) => ({ file: f.slice(root.length + 1), gzip: gzipSync(readFileSync(f), { level: 9 }).length })).sort((a, b) => b.gzip - a.gzip)
  return { bytes: sizes.reduce((n, x) => n + x.gzip, 0), files: sizes }
}

console.log('measuring the renderer in Chromium…')
const oursSrv = await serve(join(root, 'out', 'renderer'))
const bareSrv = await serve(join(tmp, 'bare'))
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
})
let oursFiles = []
let bareFiles = []
await pageLoad(browser, oursSrv, STUB)
await pageLoad(browser, bareSrv, '')
const home = await interleaved(
  RUNS,
  async () => {
    const r = await pageLoad(browser, oursSrv, STUB)
    oursFiles = r.files
    return r.t
  },
  async () => {
    const r = await pageLoad(browser, bareSrv, '')
    bareFiles = r.files
    return r.t
  }
)
await browser.close()
oursSrv.server.close()
bareSrv.server.close()
const oursBytes = initialBytes(oursFiles)
const bareBytes = initialBytes(bareFiles)
// Targets: the goals of the performance issue.
const rendererRows = [
  {
    metric: 'renderer initial JS+CSS (gzip), fetched before the first render',
    ...pairs([oursBytes.bytes], [bareBytes.bytes]),
    unit: 'B',
    baseline: 'bare React 19 + Vite page',
    target: 1.25
  },
  { metric: 'Home lists products (headless Chromium)', ...home, unit: 'ms', baseline: "bare page's first render", target: 1.3 }
].map(withGoal)
const rendererBreakdown = `renderer files fetched before the first render (gzip): ${oursBytes.files.map((f) => `${f.file.replace(/^out\/renderer\//, '')} ${(f.gzip / 1000).toFixed(1)} kB`).join(', ')}; bare page: ${bareBytes.files.map((f) => `${(f.gzip / 1000).toFixed(1)} kB`).join(', ')}.`
if (ONLY === 'renderer') {
  const machine = machineLine()
  console.log(`\n${runHeader(machine)}\n`)
  console.log(tableOf(rendererRows))
  console.log(`\n${rendererBreakdown}`)
  mkdirSync(outDir, { recursive: true })
  const file = join(outDir, 'results-renderer.json')
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.versions.node,
        runs: RUNS,
        machine,
        rows: rendererRows,
        files: { ours: oursBytes.files, bare: bareBytes.files }
      },
      null,
      2
    ) + '\n'
  )
  console.log(`\nwrote ${join('artifacts', 'bench', 'results-renderer.json')}`)
  rmSync(tmp, { recursive: true, force: true })
  process.exit(0)
}

console.log('measuring the CLI through its bin…')
// The bin exactly as a user runs it (its #! line finds node on the PATH), against `node -e 0` from the
// same PATH. The code cache is warm, as after a user's first command.
const BIN = join(root, 'bin', 'license-desk.js')
const dataDir = join(tmp, 'cli-data')
mkdirSync(dataDir, { recursive: true })
// A user with one active license.
writeFileSync(
  join(dataDir, 'state.json'),
  JSON.stringify({
    schemaVersion: 1,
    licenses: {
      studio: {
        provider: 'licensespring',
        activatedAt: '2026-01-01T00:00:00.000Z',
        activatedOffline: false,
        hardwareId: 'a'.repeat(64),
        keyHint: 'DEMO-••••-••••-0001',
        licenseType: 'perpetual',
        expiresAt: null
      }
    },
    pending: {},
    history: [],
    offlineDeactivated: {},
    clock: null,
    errors: []
  })
)
const cliEnv = { ...process.env, LICENSE_DESK_CACHE_DIR: join(tmp, 'cache'), LICENSE_DESK_CODE_CACHE: '' }
const cliArgs = ['--profile', join(root, 'resources', 'demo', 'profile.json'), '--data-dir', dataDir, 'status', '--json']
function wall(cmd, args, env) {
  const t = process.hrtime.bigint()
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`)
  return ms
}
const runBin = () => wall(BIN, cliArgs, cliEnv)
const runNode = () => wall('node', ['-e', '0'], process.env)
runBin() // makes the code cache
for (let i = 0; i < 2; i++) runBin(), runNode()
const status = await interleaved(
  RUNS,
  async () => runBin(),
  async () => runNode()
)
// Where the time goes: the bundle's load alone (--version runs no command).
const versionOnly = await interleaved(
  RUNS,
  async () => wall(BIN, ['--version'], cliEnv),
  async () => runNode()
)
const noCache = await interleaved(
  Math.max(5, Math.ceil(RUNS / 3)),
  async () => wall(BIN, cliArgs, { ...cliEnv, LICENSE_DESK_CODE_CACHE: '0' }),
  async () => runNode()
)
// Peak memory in separate runs (the hook that reads it would add its own time to both).
const rssHook = join(tmp, 'rss.cjs')
writeFileSync(
  rssHook,
  `process.on('exit', () => { const m = /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8')); const c = process.cpuUsage(); require('fs').writeFileSync(process.env.RSS_OUT, (m ? m[1] : String(process.resourceUsage().maxRSS)) + ' ' + (c.user + c.system)) })`
)
/** Peak resident memory (MiB) and CPU time (ms) of one run, read by a hook at its exit. */
function probe(cmd, args, env) {
  const out = join(tmp, 'rss')
  spawnSync(cmd, args, { cwd: root, env: { ...env, NODE_OPTIONS: `--require ${rssHook}`, RSS_OUT: out } })
  const [kib, cpuUs] = readFileSync(out, 'utf8').split(' ').map(Number)
  return { mib: kib / 1024, cpuMs: cpuUs / 1000 }
}
/** @type {{ ours: { mib: number; cpuMs: number }[]; base: { mib: number; cpuMs: number }[] }} */
const probes = { ours: [], base: [] }
await interleaved(
  RUNS,
  async () => (probes.ours.push(probe(BIN, cliArgs, cliEnv)), 1),
  async () => (probes.base.push(probe('node', ['-e', '0'], process.env)), 1)
)
const memory = pairs(
  probes.ours.map((p) => p.mib),
  probes.base.map((p) => p.mib)
)
const cliCpu = pairs(
  probes.ours.map((p) => p.cpuMs),
  probes.base.map((p) => p.cpuMs)
)

console.log('measuring online deactivation against the license server process…')
await build({
  configFile: false,
  logLevel: 'silent',
  resolve: { alias: { '@shared': join(root, 'src/shared'), '@core': join(root, 'src/core') } },
  ssr: { noExternal: true },
  build: {
    ssr: join(root, 'scripts', 'bench-core.ts'),
    outDir: join(tmp, 'core'),
    emptyOutDir: true,
    minify: false,
    rollupOptions: { output: { format: 'cjs', entryFileNames: 'bench-core.cjs' } }
  }
})
// A key the bench may deactivate as often as it likes (the demo keys allow ten transfers).
const seed = JSON.parse(readFileSync(join(root, 'resources', 'demo', 'licenses.json'), 'utf8'))
const BENCH_KEY = 'BNCH-STUD-IO00-0001'
seed.licensespring.licenses.push({
  ...seed.licensespring.licenses.find((l) => l.licenseKey === 'DEMO-STUD-IO00-0001'),
  id: 9001,
  licenseKey: BENCH_KEY,
  maxTransfers: undefined,
  note: 'bench'
})
writeFileSync(join(tmp, 'seed.json'), JSON.stringify(seed))
const server = spawn(process.execPath, [join(root, 'bin', 'license-desk-server.js'), '--port', '0', '--quiet', '--seed', join(tmp, 'seed.json')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit']
})
const serverUrl = await new Promise((res, rej) => {
  let buf = ''
  server.stdout.on('data', (c) => {
    buf += c
    if (buf.includes('\n')) res(buf.split('\n')[0].trim())
  })
  server.once('exit', (code) => rej(new Error(`the license server exited (${code})`)))
})
let deact
let deactCpu
try {
  const r = JSON.parse(
    sh(process.execPath, [join(tmp, 'core', 'bench-core.cjs'), 'deactivate'], {
      env: { ...process.env, BENCH_ROOT: root, BENCH_RUNS: String(Math.max(RUNS, 21)), BENCH_SERVER_URL: serverUrl, BENCH_KEY }
    })
      .trim()
      .split('\n')
      .pop() ?? ''
  )
  deact = { ...pairs(r.core, r.floor), requestMs: median(r.request), writeMs: median(r.write) }
  deactCpu = pairs(r.coreCpu, r.floorCpu)
} finally {
  server.kill('SIGTERM')
}

console.log('measuring the state path at 1 / 100 / 1000 products and 0 / 1,000 / 10,000 records…')
const scaling = JSON.parse(
  sh(process.execPath, [join(tmp, 'core', 'bench-core.cjs'), 'scaling'], { env: { ...process.env, BENCH_ROOT: root } })
    .trim()
    .split('\n')
    .pop() ?? ''
)

const rows = [
  ...rendererRows,
  { metric: '`license-desk status --json` wall, through the bin', ...status, unit: 'ms', baseline: '`node -e 0`', target: 1.3 },
  { metric: 'the same without the code cache (first run)', ...noCache, unit: 'ms', baseline: '`node -e 0`', target: null },
  { metric: '`license-desk status --json` CPU time (user + system, all threads)', ...cliCpu, unit: 'ms', baseline: '`node -e 0`', target: null },
  { metric: '`license-desk status --json` peak memory', ...memory, unit: 'MiB', baseline: '`node -e 0`', target: null },
  {
    metric: 'online deactivation, whole operation',
    ...deact,
    unit: 'ms',
    baseline: 'one raw pre-signed request + one fsync’d atomic write of the same state file',
    target: 1.1
  },
  { metric: 'online deactivation, CPU time of the process', ...deactCpu, unit: 'ms', baseline: 'the same floor', target: null }
].map(withGoal)

function withGoal(r) {
  return { ...r, meets: r.target === null ? null : r.ratio <= r.target }
}
function fmt(n) {
  return n >= 1000 ? (n / 1000).toFixed(1) + 'k' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)
}
function cell(r, v) {
  return r.unit === 'B' ? `${(v / 1000).toFixed(1)} kB` : `${fmt(v)} ${r.unit}`
}
function markdown(header, body) {
  const all = [header, ...body]
  const w = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)))
  const line = (r) => '| ' + r.map((c, i) => String(c).padEnd(w[i])).join(' | ') + ' |'
  return [line(header), line(w.map((n) => '-'.repeat(n))), ...body.map(line)].join('\n')
}
function tableOf(rows) {
  return markdown(
    ['figure', 'License Desk', 'baseline', 'ratio (median)', 'spread', 'goal', ''],
    rows.map((r) => [
      r.metric,
      cell(r, r.ours),
      `${cell(r, r.base)} (${r.baseline})`,
      `${r.ratio.toFixed(2)}x`,
      r.runs > 1 ? `${r.spread[0].toFixed(2)}–${r.spread[1].toFixed(2)}x (${r.runs} runs)` : 'exact',
      r.target === null ? '-' : `<= ${r.target}x`,
      r.meets === null ? '' : r.meets ? 'met' : 'MISSED'
    ])
  )
}
const table = tableOf(rows)
const breakdown = [
  rendererBreakdown,
  `CLI: node -e 0 ${status.base.toFixed(1)} ms; loading the bundle (--version) ${versionOnly.ratio.toFixed(2)}x (${versionOnly.ours.toFixed(1)} ms); status --json ${status.ratio.toFixed(2)}x (${status.ours.toFixed(1)} ms); without the code cache ${noCache.ratio.toFixed(2)}x.`,
  `online deactivation floor: request ${deact.requestMs.toFixed(2)} ms + fsync'd atomic write ${deact.writeMs.toFixed(2)} ms; the core's whole operation ${deact.ours.toFixed(2)} ms (${(deact.ours - deact.base).toFixed(2)} ms above the floor).`
].join('\n')

const cellMs = (x) => `${x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2)} ms`
const scaleTable = markdown(
  ['products', 'history records', 'state file', 'status', 'history', 'offline deactivation'],
  scaling.map((s) => [
    s.products,
    s.records.toLocaleString('en'),
    `${(s.stateBytes / 1e6).toFixed(2)} MB`,
    ...['statusMs', 'historyMs', 'offlineDeactivationMs'].map((k) => `${cellMs(s.cpu[k])} (${cellMs(s.wall[k])})`)
  ])
)
// Growth check: from 100 products x 1,000 records to 1000 x 10,000 each cost must grow no faster than
// the state (x10). It compares CPU time, which waiting for a CPU other processes hold does not inflate.
const at = (p, r) => scaling.find((s) => s.products === p && s.records === r)
const growth = ['statusMs', 'historyMs', 'offlineDeactivationMs'].map((k) => {
  const small = at(100, 1000).cpu[k]
  const big = at(1000, 10000).cpu[k]
  const input = at(1000, 10000).stateBytes / at(100, 1000).stateBytes
  return { figure: k.replace(/Ms$/, ''), costGrowth: big / small, inputGrowth: input, linear: big / small <= input * 1.5 }
})
function machineLine() {
  return `${cpus().length} cores, load average ${loadBefore[0].toFixed(2)} before and ${loadavg()[0].toFixed(2)} after the run`
}
function runHeader(machine) {
  return `median of ${RUNS} interleaved runs per figure (order alternating), spread = lowest and highest run; Node ${process.versions.node}; ${machine}`
}
const machine = machineLine()
console.log(`\n${runHeader(machine)}\n`)
console.log(table)
console.log(`\n${breakdown}\n`)
console.log('state path: CPU time (wall time), each operation through a fresh Desk as one CLI command would, median of 5–7 runs:\n')
console.log(scaleTable)
console.log(
  '\n' +
    growth
      .map(
        (g) =>
          `${g.figure}: x${g.costGrowth.toFixed(1)} CPU time for x${g.inputGrowth.toFixed(1)} state, 100 products x 1,000 records -> 1000 x 10,000: ${g.linear ? 'at most linear' : 'MORE THAN LINEAR'}`
      )
      .join('\n')
)
mkdirSync(outDir, { recursive: true })
writeFileSync(
  join(outDir, 'results.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.versions.node,
      runs: RUNS,
      machine,
      rows,
      cliVersionOnly: versionOnly,
      deactivation: deact,
      scaling,
      growth,
      files: { ours: oursBytes.files, bare: bareBytes.files },
      table,
      scaleTable
    },
    null,
    2
  ) + '\n'
)
console.log(`\nwrote ${join('artifacts', 'bench', 'results.json')}`)
rmSync(tmp, { recursive: true, force: true })
