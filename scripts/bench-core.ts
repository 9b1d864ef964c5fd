// Bench harness (bundled by scripts/bench.mjs, run as its own process). Two parts:
// - `deactivate`: online deactivation through the core (the whole operation, state commit included)
//   against its floor, measured interleaved in the same run: one raw pre-signed request to the same
//   endpoint of the same server (a separate process) plus one fsync'd atomic write of the same state
//   file with the content the core writes. Prints per-run times of both and of the floor's two parts.
// - `scaling`: status, history and an offline deactivation at 1 / 100 / 1000 products and
//   0 / 1,000 / 10,000 history records, each through a fresh Desk (as a new CLI process would).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHmac, randomUUID } from 'node:crypto'
import { createDesk } from '@core/desk'
import { writeFileAtomic } from '@core/files'
import { loadProfile, profileWithOrigin, type LsProduct, type Profile, type QlmProduct } from '@core/profile'
import { stateFilePath } from '@core/paths'
import { createLocalSecretBox } from '@core/secrets'
import { emptyState } from '@core/state'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const root = process.env.BENCH_ROOT!
const hwid = 'b'.repeat(64)
const hardwareId = { get: async () => ({ id: hwid, source: 'bench' }) }
/** CPU time of this process (ms) since `from`: unlike wall time, it does not count waiting for a busy CPU. */
const cpuMs = (from?: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(from)
  return (c.user + c.system) / 1000
}

async function deactivate() {
  const serverUrl = process.env.BENCH_SERVER_URL!
  const key = process.env.BENCH_KEY!
  const dir = mkdtempSync(join(tmpdir(), 'ld-bench-'))
  const profile = profileWithOrigin(loadProfile(join(root, 'resources/demo/profile.json')), serverUrl)
  const statePath = stateFilePath(dir)
  // The CLI's set-up: the core's own state writer.
  const desk = createDesk({ profile, statePath, secrets: createLocalSecretBox(dir), hardwareId, appVersion: 'bench' })
  const ls = (profile.products.find((p) => p.id === 'studio') as LsProduct).licensespring
  const core: number[] = []
  const floor: number[] = []
  const request: number[] = []
  const write: number[] = []
  const coreCpu: number[] = []
  const floorCpu: number[] = []

  async function runCore() {
    await desk.activateOnline('studio', { licenseKey: key })
    const c = process.cpuUsage()
    const t = performance.now()
    await desk.deactivateOnline('studio')
    const ms = performance.now() - t
    coreCpu.push(cpuMs(c))
    return ms
  }
  async function runFloor() {
    await desk.activateOnline('studio', { licenseKey: key })
    // Prepared outside the timing: the signed request and the state the core would write after it.
    const date = new Date().toUTCString()
    const sig = createHmac('sha256', ls.sharedKey as string)
      .update(`licenseSpring\ndate: ${date}`)
      .digest('base64')
    const headers = {
      Date: date,
      Authorization: `algorithm="hmac-sha256",headers="date",signature="${sig}",apikey="${ls.apiKey}"`,
      Accept: 'application/json',
      'Content-Type': 'application/json'
    }
    const body = JSON.stringify({ hardware_id: hwid, product: ls.productCode, license_key: key })
    const after = JSON.parse(readFileSync(statePath, 'utf8'))
    delete after.licenses.studio
    delete after.offlineDeactivated.studio
    const content = JSON.stringify(after)
    const c = process.cpuUsage()
    const t0 = performance.now()
    const res = await fetch(`${serverUrl}/api/v4/deactivate_license`, { method: 'POST', headers, body })
    const text = await res.text()
    const t1 = performance.now()
    await writeFileAtomic(statePath, content)
    const t2 = performance.now()
    floorCpu.push(cpuMs(c))
    if (text.trim() !== 'license_deactivated') throw new Error(`raw deactivation failed: ${text}`)
    request.push(t1 - t0)
    write.push(t2 - t1)
    return t2 - t0
  }
  // Warm both paths up, then alternate which goes first.
  await runCore()
  await runFloor()
  request.length = write.length = coreCpu.length = floorCpu.length = 0
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      core.push(await runCore())
      floor.push(await runFloor())
    } else {
      floor.push(await runFloor())
      core.push(await runCore())
    }
  }
  rmSync(dir, { recursive: true, force: true })
  return { core, floor, request, write, coreCpu, floorCpu }
}

function qlmProducts(base: QlmProduct, n: number): QlmProduct[] {
  return Array.from({ length: n }, (_, i) => ({ ...base, id: `p${i}`, name: `Product ${i}` }))
}

async function scaling() {
  const base = loadProfile(join(root, 'resources/demo/profile.json'))
  const qlm = base.products.find((p) => p.provider === 'qlm') as QlmProduct
  type Costs = { statusMs: number; historyMs: number; offlineDeactivationMs: number }
  const rows: Array<{ products: number; records: number; stateBytes: number; cpu: Costs; wall: Costs }> = []
  for (const products of [1, 100, 1000]) {
    for (const records of [0, 1000, 10000]) {
      const dir = mkdtempSync(join(tmpdir(), 'ld-bench-scale-'))
      const profile: Profile = { ...base, products: qlmProducts(qlm, products) }
      const secrets = createLocalSecretBox(dir)
      const statePath = stateFilePath(dir)
      const sealed = { scheme: secrets.scheme, data: secrets.encrypt('AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2') }
      // Every product active; the history spread over the products (QLM codes: read back with the key).
      const seed = emptyState()
      for (const p of profile.products)
        seed.licenses[p.id] = {
          provider: 'qlm',
          activatedAt: '2026-01-01T00:00:00.000Z',
          activatedOffline: false,
          hardwareId: hwid,
          licenseKey: sealed,
          keyHint: 'AXK80-•••',
          computerKey: sealed
        }
      for (let i = 0; i < records; i++) {
        const productId = `p${i % products}`
        seed.history.push({
          id: randomUUID(),
          kind: 'qlm-dvc',
          productId,
          productName: productId,
          at: '2026-01-01T00:00:00.000Z',
          code: 'c'.repeat(32),
          validFor: '2026-01-01',
          computerId: hwid,
          activationKey: sealed
        } as never)
      }
      const seedText = JSON.stringify(seed)
      const fresh = () => createDesk({ profile, statePath, secrets, hardwareId, appVersion: 'bench' })
      const m = { status: [] as number[], history: [] as number[], offline: [] as number[] }
      const w = { status: [] as number[], history: [] as number[], offline: [] as number[] }
      const time = async <T>(k: keyof typeof m, fn: () => Promise<T>): Promise<T> => {
        const c = process.cpuUsage()
        const t = performance.now()
        const out = await fn()
        w[k].push(performance.now() - t)
        m[k].push(cpuMs(c))
        return out
      }
      const n = records >= 10000 && products >= 1000 ? 5 : 7
      for (let i = 0; i < n; i++) {
        writeFileSync(statePath, seedText)
        const s = await time('status', () => fresh().status())
        if (s.products.length !== products) throw new Error('status lost products')
        const h = await time('history', () => fresh().history())
        if (h.length !== records) throw new Error('history lost records')
        await time('offline', () => fresh().deactivateOffline('p0'))
      }
      const costs = (x: typeof m): Costs => ({ statusMs: median(x.status), historyMs: median(x.history), offlineDeactivationMs: median(x.offline) })
      rows.push({ products, records, stateBytes: seedText.length, cpu: costs(m), wall: costs(w) })
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return rows
}

async function main() {
  const part = process.argv[2]
  const out = part === 'deactivate' ? await deactivate() : part === 'scaling' ? await scaling() : undefined
  if (out === undefined) throw new Error('usage: bench-core deactivate|scaling')
  process.stdout.write(JSON.stringify(out) + '\n')
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
