// Bench harness (bundled by scripts/bench.mjs): online deactivation through the core vs one raw
// pre-signed request to the same endpoint, and the hardware id's first and cached calls.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHmac } from 'node:crypto'
import Conf from 'conf'
import { createDesk } from '@core/desk'
import { createHardwareIdProvider } from '@core/hwid'
import { loadProfile, profileWithOrigin, type LsProduct } from '@core/profile'
import { stateFilePath, STATE_FILE_NAME } from '@core/paths'
import { createLocalSecretBox } from '@core/secrets'
import { startServer } from '../src/server/index'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main() {
  const root = process.env.BENCH_ROOT!
  const server = await startServer({ port: 0 })
  const dir = mkdtempSync(join(tmpdir(), 'ld-bench-'))
  const profile = profileWithOrigin(loadProfile(join(root, 'resources/demo/profile.json')), server.url)
  const hwid = 'b'.repeat(64)
  const desk = createDesk({
    profile,
    statePath: stateFilePath(dir),
    openBackend: () => new Conf<Record<string, unknown>>({ cwd: dir, configName: STATE_FILE_NAME, projectName: 'license-desk', clearInvalidConfig: false }),
    secrets: createLocalSecretBox(dir),
    hardwareId: { get: async () => ({ id: hwid, source: 'bench' }) }
  })
  const ls = (profile.products[0] as LsProduct).licensespring
  const key = 'DEMO-STUD-IO00-0001'
  // Every deactivation counts as a transfer: lift the demo key's limit for the many runs here.
  const seeded = server.state.rawLicense(key) as { maxTransfers?: number } | undefined
  if (seeded) seeded.maxTransfers = 1_000_000
  const core: number[] = []
  const raw: number[] = []
  // Warm up both paths once.
  for (let i = -1; i < RUNS; i++) {
    await desk.activateOnline('studio', { licenseKey: key })
    let t = performance.now()
    await desk.deactivateOnline('studio')
    if (i >= 0) core.push(performance.now() - t)

    await desk.activateOnline('studio', { licenseKey: key })
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
    t = performance.now()
    const res = await fetch(`${server.url}/api/v4/deactivate_license`, { method: 'POST', headers, body })
    const text = await res.text()
    if (i >= 0) raw.push(performance.now() - t)
    if (text.trim() !== 'license_deactivated') throw new Error(`raw deactivation failed: ${text}`)
    // The raw request released the seat behind the core's back: clear local state to match.
    rmSync(join(dir, 'state.json'), { force: true })
  }
  await server.close()
  rmSync(dir, { recursive: true, force: true })

  const firsts: number[] = []
  const cached: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const p = createHardwareIdProvider()
    let t = performance.now()
    await p.get()
    firsts.push(performance.now() - t)
    t = performance.now()
    await p.get()
    cached.push(performance.now() - t)
  }
  process.stdout.write(JSON.stringify({ deactivateCoreMs: median(core), deactivateRawMs: median(raw), hwidFirstMs: median(firsts), hwidCachedMs: median(cached) }) + '\n')
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
