// The local license state: one JSON file through conf (CLI, tests) or electron-store (app), both of
// which write atomically. Schema-versioned with migrations; a corrupt file is moved aside and reported,
// never silently wiped. Writers take a lock file so two processes never interleave a read-modify-write.
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { LicenseDeskError } from './errors'
import type { StateBackend } from './types'

export const STATE_SCHEMA_VERSION = 1

const secret = z.object({ scheme: z.string(), data: z.string() })
export type StoredSecret = z.infer<typeof secret>

const seats = z.object({
  inUse: z.number().optional(),
  max: z.number().optional(),
  transfers: z.number().optional(),
  maxTransfers: z.number().optional(),
  at: z.string()
})

const license = z.object({
  provider: z.enum(['licensespring', 'qlm']),
  activatedAt: z.string(),
  activatedOffline: z.boolean().default(false),
  /** Hardware id (LicenseSpring) or computer id (QLM) sent at activation; reused to deactivate. */
  hardwareId: z.string(),
  hardwareIdSource: z.string().optional(),
  licenseKey: secret.optional(),
  username: z.string().optional(),
  password: secret.optional(),
  computerKey: secret.optional(),
  keyHint: z.string().optional(),
  licenseType: z.string().optional(),
  expiresAt: z.string().nullable().optional(),
  /** Seats as the server last reported them (activation or check). */
  seats: seats.optional(),
  /** What the last server check said; the local record is removed only when the user asks after it. */
  lastCheck: z.object({ verdict: z.enum(['ok', 'gone', 'disabled', 'expired', 'not_confirmed']), at: z.string(), serverMessage: z.string().optional() }).optional()
})
export type StoredLicense = z.infer<typeof license>

const pending = z.object({
  requestId: z.string(),
  createdAt: z.string(),
  filePath: z.string(),
  hardwareId: z.string(),
  hardwareIdSource: z.string().optional(),
  licenseKey: secret.optional(),
  username: z.string().optional(),
  keyHint: z.string().optional()
})
export type PendingRequest = z.infer<typeof pending>

const recordCommon = { id: z.string(), productId: z.string(), productName: z.string(), at: z.string() }
/** A history record as stored: a QLM code keeps its activation key sealed; links are built on read. */
const storedRecord = z.discriminatedUnion('kind', [
  z.object({
    ...recordCommon,
    kind: z.literal('licensespring-file'),
    filePath: z.string(),
    sha256: z.string(),
    requestId: z.string(),
    portalUrl: z.string().optional()
  }),
  z.object({
    ...recordCommon,
    kind: z.literal('qlm-dvc'),
    code: z.string(),
    validFor: z.string(),
    computerId: z.string(),
    activationKey: secret.optional(),
    selfHelpUrl: z.string().optional(),
    supportMailto: z.string().optional()
  })
])
export type StoredRecord = z.infer<typeof storedRecord>

/**
 * A seat receipt, kept at every activation: enough to release this computer's seat from another computer
 * once this one is lost (the product, a key hint, the id used and its recipe, when). Never the key.
 */
const receipt = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  provider: z.enum(['licensespring', 'qlm']),
  keyHint: z.string().optional(),
  username: z.string().optional(),
  hardwareId: z.string(),
  hardwareIdSource: z.string().optional(),
  hostname: z.string().optional(),
  at: z.string()
})
export type StoredReceipt = z.infer<typeof receipt>

export const stateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  licenses: z.record(z.string(), license).default({}),
  pending: z.record(z.string(), pending).default({}),
  history: z.array(storedRecord).default([]),
  /** Product ids whose last change was an offline deactivation (cleared by the next activation). */
  offlineDeactivated: z.record(z.string(), z.string()).default({}),
  clock: z.object({ offsetMs: z.number(), learnedAt: z.string() }).nullable().default(null),
  errors: z.array(z.object({ code: z.string(), serverCode: z.string().optional(), cause: z.string().optional(), at: z.string() })).default([]),
  /** Seat receipts of the activations made here, newest last (bounded). */
  receipts: z.array(receipt).default([])
})
export type State = z.infer<typeof stateSchema>

export function emptyState(): State {
  return { schemaVersion: STATE_SCHEMA_VERSION, licenses: {}, pending: {}, history: [], offlineDeactivated: {}, clock: null, errors: [], receipts: [] }
}

/** Migrations from older schema versions: version -> function to the next version. None yet. */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {}

export function migrate(data: Record<string, unknown>): Record<string, unknown> {
  let d = data
  let v = typeof d.schemaVersion === 'number' ? d.schemaVersion : 0
  if (v === 0 && Object.keys(d).length === 0) return { ...emptyState() }
  while (v < STATE_SCHEMA_VERSION) {
    const step = MIGRATIONS[v]
    if (!step) break
    d = step(d)
    v = d.schemaVersion as number
  }
  return d
}

export interface StateReport {
  /** Set when a corrupt state file was found and moved here. */
  corruptMovedTo?: string
}

const LOCK_WAIT_MS = 5_000
const LOCK_POLL_MS = 25

const lockedError = () => new LicenseDeskError('state_locked', 'Another License Desk window or command is saving its state. Try again in a moment.')

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A lock file held by this process; stale locks (dead pid, or older than staleMs) are taken over. */
export function tryLock(path: string, staleMs = 120_000): (() => void) | undefined {
  try {
    const fd = openSync(path, 'wx')
    writeSync(fd, String(process.pid))
    closeSync(fd)
    return () => rmSync(path, { force: true })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    try {
      const text = readFileSync(path, 'utf8')
      const pid = Number(text)
      const age = Date.now() - statSync(path).mtimeMs
      // A lock whose owner died, or a lock file left empty by an owner killed right after creating it.
      const orphan = (pid > 0 && !pidAlive(pid)) || (!(pid > 0) && age > 1_000)
      if (orphan || age > staleMs) {
        // Take over atomically: rename the stale lock away, then retry once.
        const aside = `${path}.${process.pid}.stale`
        renameSync(path, aside)
        let movedText: string | undefined
        try {
          movedText = readFileSync(aside, 'utf8')
        } catch {
          movedText = undefined
        }
        if (movedText !== text) {
          // Another process took the stale lock over between our read and our rename: what we moved is
          // its fresh lock. Give it back (unless a third process holds the path by now) and wait.
          try {
            linkSync(aside, path)
          } catch {
            /* the path is taken again */
          }
          rmSync(aside, { force: true })
          return undefined
        }
        rmSync(aside, { force: true })
        return tryLock(path, staleMs)
      }
    } catch {
      /* it vanished or is being written: treat as held */
    }
    return undefined
  }
}

/** A file-system failure on the state folder (read-only, not a folder, no space) -> a named error. */
function folderError(e: unknown, statePath: string): unknown {
  if (e instanceof LicenseDeskError || typeof (e as NodeJS.ErrnoException)?.code !== 'string') return e
  const code = (e as NodeJS.ErrnoException).code
  const why =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'it is read-only or not accessible'
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a file is in the way of the folder'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : `the system said ${code}`
  return new LicenseDeskError(
    'file_write',
    `License Desk cannot use its data folder ${dirname(statePath)}: ${why}. Nothing was changed. Fix the folder, or choose another one with --data-dir or LICENSE_DESK_DATA_DIR.`,
    { nextStep: 'contact_support' },
    { cause: e }
  )
}

export class StateStore {
  private backend: StateBackend | undefined
  readonly report: StateReport = {}

  constructor(
    private readonly statePath: string,
    private readonly openBackend: () => StateBackend
  ) {}

  private checked = false

  /** Checks the file once before first use: unreadable JSON or an invalid state is moved aside. */
  private check(): void {
    if (this.checked) return
    if (existsSync(this.statePath)) {
      let problem: string | undefined
      try {
        const raw = JSON.parse(readFileSync(this.statePath, 'utf8')) as Record<string, unknown>
        if (typeof raw.schemaVersion === 'number' && raw.schemaVersion > STATE_SCHEMA_VERSION)
          throw new LicenseDeskError(
            'state_corrupt',
            `The state file ${this.statePath} was written by a newer License Desk (schema ${raw.schemaVersion}). Update License Desk; nothing was changed.`
          )
        if (!stateSchema.safeParse(migrate(raw)).success) problem = 'its content does not match the expected layout'
      } catch (e) {
        if (e instanceof LicenseDeskError) throw e
        problem = 'it is not valid JSON'
      }
      if (problem) {
        const aside = join(dirname(this.statePath), `${basename(this.statePath, '.json')}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
        renameSync(this.statePath, aside)
        this.report.corruptMovedTo = aside
      }
    }
    this.checked = true
  }

  /** The backend (conf / electron-store) is opened only when something is written. */
  private open(): StateBackend {
    this.check()
    if (!this.backend) {
      mkdirSync(dirname(this.statePath), { recursive: true })
      this.backend = this.openBackend()
    }
    return this.backend
  }

  /** Reads the file as the backend wrote it (the same JSON); a missing file is the empty state. */
  read(): State {
    this.check()
    let raw: Record<string, unknown>
    try {
      raw = JSON.parse(readFileSync(this.statePath, 'utf8')) as Record<string, unknown>
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') throw folderError(e, this.statePath)
      if (code !== 'ENOENT') throw new LicenseDeskError('state_corrupt', `The state file ${this.statePath} changed into something unreadable while License Desk was running.`)
      raw = {}
    }
    const r = stateSchema.safeParse(migrate(raw))
    if (!r.success) throw new LicenseDeskError('state_corrupt', `The state file ${this.statePath} changed into something unreadable while License Desk was running.`)
    return r.data
  }

  /**
   * Read-modify-write under the state lock; the change is one atomic file replace. Waits for a busy lock
   * without blocking the event loop (the Electron main process must stay responsive): the use cases use this.
   */
  async updateAsync<T>(fn: (s: State) => T): Promise<T> {
    const until = Date.now() + LOCK_WAIT_MS
    for (;;) {
      // The first attempt runs synchronously: uncontended, the change is on disk when this returns.
      const r = this.tryUpdate(fn)
      if (r.done) return r.value
      if (Date.now() > until) throw lockedError()
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS))
    }
  }

  /** updateAsync for synchronous callers (tools and tests): waits for a busy lock by sleeping the thread. */
  update<T>(fn: (s: State) => T): T {
    const until = Date.now() + LOCK_WAIT_MS
    for (;;) {
      const r = this.tryUpdate(fn)
      if (r.done) return r.value
      if (Date.now() > until) throw lockedError()
      sleepSync(LOCK_POLL_MS)
    }
  }

  /** One try: the change under the lock, or done: false when another writer holds the lock. */
  private tryUpdate<T>(fn: (s: State) => T): { done: true; value: T } | { done: false } {
    let backend: StateBackend
    let release: (() => void) | undefined
    try {
      backend = this.open()
      release = tryLock(`${this.statePath}.lock`)
    } catch (e) {
      throw folderError(e, this.statePath)
    }
    if (!release) return { done: false }
    try {
      const s = this.read()
      const out = fn(s)
      try {
        backend.store = s as unknown as Record<string, unknown>
      } catch (e) {
        throw folderError(e, this.statePath)
      }
      return { done: true, value: out }
    } finally {
      release()
    }
  }

  /** A lock held for a whole operation on one product (e.g. a deactivation and its network call). */
  lockProduct(productId: string): () => void {
    this.check()
    let release: (() => void) | undefined
    try {
      mkdirSync(dirname(this.statePath), { recursive: true })
      release = tryLock(`${this.statePath}.${productId}.lock`)
    } catch (e) {
      throw folderError(e, this.statePath)
    }
    if (!release)
      throw new LicenseDeskError('state_locked', `Another License Desk window or command is working on ${productId} right now. Wait for it to finish, then check the status again.`)
    return release
  }
}
