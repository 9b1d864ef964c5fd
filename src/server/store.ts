// In-memory state of the local server, seeded from resources/demo/licenses.json (or a given seed),
// optionally persisted to a JSON file after every change (write temp + rename).
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { SeedData, SeedLicense, SeedQlmLicense } from './types'
import { normalizeQlmKey } from './crypto'

/** Where resources/demo lives, both from src/server (tests) and out/node (built server). */
export function findDemoDir(): string {
  const candidates: string[] = []
  if (typeof __dirname !== 'undefined') {
    candidates.push(resolve(__dirname, '../../resources/demo'), resolve(__dirname, '../resources/demo'))
  }
  candidates.push(resolve(process.cwd(), 'resources/demo'))
  for (const c of candidates) if (existsSync(join(c, 'licenses.json'))) return c
  throw new Error(`resources/demo not found (looked in ${candidates.join(', ')})`)
}

export function loadDemoSeed(): SeedData {
  return JSON.parse(readFileSync(join(findDemoDir(), 'licenses.json'), 'utf8')) as SeedData
}

export function validateSeed(v: unknown): SeedData {
  const d = v as SeedData
  if (!d || typeof d !== 'object' || !d.licensespring || !d.qlm) throw new Error('seed: licensespring and qlm sections required')
  if (!Array.isArray(d.licensespring.apiKeys) || !Array.isArray(d.licensespring.products) || !Array.isArray(d.licensespring.licenses)) {
    throw new Error('seed: licensespring.apiKeys, products and licenses must be arrays')
  }
  if (!Array.isArray(d.qlm.licenses)) throw new Error('seed: qlm.licenses must be an array')
  return d
}

export class Store {
  data: SeedData
  private readonly initial: string

  constructor(
    seed: SeedData,
    private readonly dataFile?: string
  ) {
    this.initial = JSON.stringify(validateSeed(seed))
    if (dataFile && existsSync(dataFile)) {
      this.data = validateSeed(JSON.parse(readFileSync(dataFile, 'utf8')))
    } else {
      this.data = JSON.parse(this.initial) as SeedData
      this.persist()
    }
    this.normalize()
  }

  private normalize(): void {
    for (const l of this.data.licensespring.licenses) {
      l.devices ??= []
      l.transferCount ??= 0
      l.timesActivated ??= l.devices.length
    }
    for (const q of this.data.qlm.licenses) {
      q.activations ??= []
      q.releases ??= 0
    }
  }

  /** Back to the seed (and persist). */
  reset(): void {
    this.data = JSON.parse(this.initial) as SeedData
    this.normalize()
    this.persist()
  }

  /** Writes the state atomically when a data file was given. */
  persist(): void {
    if (!this.dataFile) return
    mkdirSync(dirname(resolve(this.dataFile)), { recursive: true })
    const tmp = `${this.dataFile}.${process.pid}.${Date.now()}.tmp`
    writeFileSync(tmp, JSON.stringify(this.data, null, 2) + '\n', { mode: 0o600 })
    renameSync(tmp, this.dataFile)
  }

  product(shortCode: string) {
    return this.data.licensespring.products.find((p) => p.shortCode === shortCode)
  }

  sharedKeyFor(apiKey: string): string | undefined {
    return this.data.licensespring.apiKeys.find((k) => k.apiKey === apiKey)?.sharedKey
  }

  clientSecretFor(clientId: string): string | undefined {
    return this.data.licensespring.oauth?.clients.find((c) => c.clientId === clientId)?.clientSecret
  }

  /** A LicenseSpring license by key (case-insensitive) or username (case-insensitive). */
  lsLicense(keyOrUsername: string): SeedLicense | undefined {
    const k = keyOrUsername.trim().toLowerCase()
    return this.data.licensespring.licenses.find(
      (l) => (l.licenseKey !== undefined && l.licenseKey.toLowerCase() === k) || (l.username !== undefined && l.username.toLowerCase() === k)
    )
  }

  qlmLicense(activationKey: string): SeedQlmLicense | undefined {
    const k = normalizeQlmKey(activationKey)
    return this.data.qlm.licenses.find((q) => normalizeQlmKey(q.activationKey) === k)
  }
}
