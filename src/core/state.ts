// The local license state: one JSON file, written atomically, by the core's own writer (CLI, tests) or
// electron-store (app). Schema-versioned with migrations; a corrupt file is moved aside and reported,
// never silently wiped. Writers take a lock file so two processes never interleave a read-modify-write.
// The file is parsed once per operation: a parsed state is reused while the file is unchanged (same
// inode, size and mtime; every write is a rename, so a change always brings a new inode).
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, type BigIntStats } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { zm } from '@shared/zod'
import { LicenseDeskError } from './errors'
import { decodeUtf8, fsyncDirSync, writeFileAtomic, writeFileDurableSync } from './files'
import type { StateBackend } from './types'

export const STATE_SCHEMA_VERSION = 1

const str = zm.string()
const secret = zm.object({ scheme: str, data: str })
export type StoredSecret = zm.infer<typeof secret>

const seats = zm.object({
  inUse: zm.optional(zm.number()),
  max: zm.optional(zm.number()),
  transfers: zm.optional(zm.number()),
  maxTransfers: zm.optional(zm.number()),
  at: str
})

const int = zm.number().check(zm.int())
const license = zm.object({
  provider: zm.enum(['licensespring', 'qlm']),
  activatedAt: str,
  activatedOffline: zm._default(zm.boolean(), false),
  /** Hardware id (LicenseSpring) or computer id (QLM) sent at activation; reused to deactivate. */
  hardwareId: str,
  hardwareIdSource: zm.optional(str),
  licenseKey: zm.optional(secret),
  username: zm.optional(str),
  password: zm.optional(secret),
  computerKey: zm.optional(secret),
  keyHint: zm.optional(str),
  licenseType: zm.optional(str),
  expiresAt: zm.optional(zm.nullable(str)),
  /** Seats as the server last reported them (activation or check). */
  seats: zm.optional(seats),
  /** What the last server check said; the local record is removed only when the user asks after it. */
  lastCheck: zm.optional(zm.object({ verdict: zm.enum(['ok', 'gone', 'disabled', 'expired', 'not_confirmed']), at: str, serverMessage: zm.optional(str) })),
  /** The license_id chosen among several licenses of the account; sent on every later call. */
  licenseId: zm.optional(int),
  /** A floating cloud license: how many computers at a time, and whether (and how long) it can be borrowed. */
  floating: zm.optional(zm.object({ users: int, canBorrow: zm.boolean(), maxBorrowHours: zm.number() })),
  /** Borrowed for offline use until this instant (ISO), as the server confirmed. */
  borrowedUntil: zm.optional(str),
  /** Activated through an SSO sign-in: releasing it online signs in again. */
  sso: zm.optional(zm.boolean())
})
export type StoredLicense = zm.infer<typeof license>

const pending = zm.object({
  requestId: str,
  createdAt: str,
  filePath: str,
  hardwareId: str,
  hardwareIdSource: zm.optional(str),
  licenseKey: zm.optional(secret),
  username: zm.optional(str),
  keyHint: zm.optional(str),
  licenseId: zm.optional(int)
})
export type PendingRequest = zm.infer<typeof pending>

const recordCommon = { id: str, productId: str, productName: str, at: str }
/** A history record as stored: a QLM code keeps its activation key sealed; links are built on read. */
const storedRecord = zm.discriminatedUnion('kind', [
  zm.object({
    ...recordCommon,
    kind: zm.literal('licensespring-file'),
    filePath: str,
    sha256: str,
    requestId: str,
    portalUrl: zm.optional(str)
  }),
  zm.object({
    ...recordCommon,
    kind: zm.literal('qlm-dvc'),
    code: str,
    validFor: str,
    computerId: str,
    activationKey: zm.optional(secret),
    selfHelpUrl: zm.optional(str),
    supportMailto: zm.optional(str)
  })
])
export type StoredRecord = zm.infer<typeof storedRecord>

/**
 * A seat receipt, kept at every activation: enough to release this computer's seat from another computer
 * once this one is lost (the product, a key hint, the id used and its recipe, when). Never the key.
 */
const receipt = zm.object({
  id: str,
  productId: str,
  productName: str,
  provider: zm.enum(['licensespring', 'qlm']),
  keyHint: zm.optional(str),
  username: zm.optional(str),
  hardwareId: str,
  hardwareIdSource: zm.optional(str),
  hostname: zm.optional(str),
  at: str
})
export type StoredReceipt = zm.infer<typeof receipt>

export const stateSchema = zm.object({
  schemaVersion: zm.literal(STATE_SCHEMA_VERSION),
  licenses: zm._default(zm.record(str, license), {}),
  pending: zm._default(zm.record(str, pending), {}),
  history: zm._default(zm.array(storedRecord), []),
  /** Product ids whose last change was an offline deactivation (cleared by the next activation). */
  offlineDeactivated: zm._default(zm.record(str, str), {}),
  clock: zm._default(zm.nullable(zm.object({ offsetMs: zm.number(), learnedAt: str })), null),
  errors: zm._default(zm.array(zm.object({ code: str, serverCode: zm.optional(str), cause: zm.optional(str), at: str })), []),
  /** Seat receipts of the activations made here, newest last (bounded). */
  receipts: zm._default(zm.array(receipt), [])
})
export type State = zm.infer<typeof stateSchema>

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

/** How long a change waits for another window or command holding the state lock. */
export const LOCK_WAIT_MS = 5_000
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
    // Written whole beside it, then linked into place: the lock file never exists empty (a full disk
    // fails here with ENOSPC instead of leaving an empty lock that blocks the next run).
    writeFileDurableSync(path, String(process.pid), { exclusive: true, durable: false })
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

/** The state file as the core writes it: compact JSON, through the core's atomic writer. */
export function createFileStateBackend(statePath: string): StateBackend {
  return {
    path: statePath,
    get store(): Record<string, unknown> {
      return JSON.parse(decodeUtf8(readFileSync(statePath))) as Record<string, unknown>
    },
    set store(_v: Record<string, unknown>) {
      throw new LicenseDeskError('internal', 'The state file is written asynchronously: use StateStore.updateAsync.')
    },
    async save(data) {
      await writeFileAtomic(statePath, JSON.stringify(data))
    }
  }
}

/** Identifies one version of the file: every write replaces it by rename, so the inode changes. */
function stampOf(path: string): string | undefined {
  let st: BigIntStats | undefined
  try {
    st = statSync(path, { bigint: true, throwIfNoEntry: false })
  } catch {
    return undefined
  }
  return st ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}` : 'missing'
}

export class StateStore {
  private backend: StateBackend | undefined
  readonly report: StateReport = {}
  /** The last state read or written, while the file is still the one it came from. */
  private cache: { stamp: string; state: State } | undefined

  constructor(
    private readonly statePath: string,
    private readonly openBackend: () => StateBackend = () => createFileStateBackend(statePath),
    /** Tests shorten it; the app and the CLI keep LOCK_WAIT_MS. */
    private readonly lockWaitMs = LOCK_WAIT_MS
  ) {}

  private checked = false

  /** Checks the file once before first use: unreadable JSON or an invalid state is moved aside. */
  private check(): void {
    if (this.checked) return
    const stamp = stampOf(this.statePath)
    if (stamp !== undefined && stamp !== 'missing') {
      let problem: string | undefined
      try {
        const raw = JSON.parse(decodeUtf8(readFileSync(this.statePath))) as Record<string, unknown>
        if (typeof raw.schemaVersion === 'number' && raw.schemaVersion > STATE_SCHEMA_VERSION)
          throw new LicenseDeskError(
            'state_corrupt',
            `The state file ${this.statePath} was written by a newer License Desk (schema ${raw.schemaVersion}). Update License Desk; nothing was changed.`
          )
        const r = stateSchema.safeParse(migrate(raw))
        if (!r.success) problem = 'its content does not match the expected layout'
        // The check's parse serves the first read too.
        else this.cache = { stamp, state: r.data }
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

  /** The backend (the core's writer / electron-store) is opened only when something is written. */
  private open(): StateBackend {
    this.check()
    if (!this.backend) {
      mkdirSync(dirname(this.statePath), { recursive: true })
      this.backend = this.openBackend()
    }
    return this.backend
  }

  /**
   * The current state (a missing file is the empty state). Parsed only when the file changed since the
   * last read or write; the result is shared, so treat it as read-only (change it with update).
   */
  read(): State {
    this.check()
    const stamp = stampOf(this.statePath)
    if (stamp !== undefined && this.cache?.stamp === stamp) return this.cache.state
    let raw: Record<string, unknown>
    try {
      raw = JSON.parse(decodeUtf8(readFileSync(this.statePath))) as Record<string, unknown>
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') throw folderError(e, this.statePath)
      if (code !== 'ENOENT') throw new LicenseDeskError('state_corrupt', `The state file ${this.statePath} changed into something unreadable while License Desk was running.`)
      raw = {}
    }
    const r = stateSchema.safeParse(migrate(raw))
    if (!r.success) throw new LicenseDeskError('state_corrupt', `The state file ${this.statePath} changed into something unreadable while License Desk was running.`)
    this.cache = stamp === undefined ? undefined : { stamp, state: r.data }
    return r.data
  }

  /** The state to change: the cached one, taken out of the cache so that a failed change is never reused. */
  private draft(): State {
    const s = this.read()
    this.cache = undefined
    return s
  }

  private committed(s: State): void {
    const stamp = stampOf(this.statePath)
    this.cache = stamp === undefined || stamp === 'missing' ? undefined : { stamp, state: s }
  }

  /** The backend and the state lock, or undefined when another writer holds the lock. */
  private tryBegin(): { backend: StateBackend; release: () => void } | undefined {
    try {
      const backend = this.open()
      const release = tryLock(`${this.statePath}.lock`)
      return release ? { backend, release } : undefined
    } catch (e) {
      throw folderError(e, this.statePath)
    }
  }

  private tail: Promise<unknown> = Promise.resolve()
  private queued = 0

  /**
   * Read-modify-write under the state lock; the change is one atomic file replace, through the backend's
   * durable save when it has one (the core's file backend). Waits for a busy lock without blocking the event
   * loop (the Electron main process must stay responsive): the use cases use this. Calls from this process
   * run one after the other; when none is pending, the first attempt starts synchronously (uncontended, a
   * synchronous backend has the change on disk when this returns).
   */
  updateAsync<T>(fn: (s: State) => T): Promise<T> {
    const run = this.queued === 0 ? this.commitAsync(fn) : this.tail.then(() => this.commitAsync(fn))
    this.queued++
    this.tail = run.catch(() => undefined).finally(() => this.queued--)
    return run
  }

  private async commitAsync<T>(fn: (s: State) => T): Promise<T> {
    const until = Date.now() + this.lockWaitMs
    for (;;) {
      const held = this.tryBegin()
      if (held) {
        try {
          const s = this.draft()
          const out = fn(s)
          try {
            if (held.backend.save) await held.backend.save(s as unknown as Record<string, unknown>)
            else {
              held.backend.store = s as unknown as Record<string, unknown>
              // The backend renames its temp file into place; the folder entry must reach the disk too.
              fsyncDirSync(dirname(this.statePath))
            }
          } catch (e) {
            throw folderError(e, this.statePath)
          }
          this.committed(s)
          return out
        } finally {
          held.release()
        }
      }
      if (Date.now() > until) throw lockedError()
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS))
    }
  }

  /**
   * updateAsync for synchronous callers (tools and tests) over a backend that writes synchronously
   * (electron-store, conf): waits for a busy lock by sleeping the thread. The core's file backend refuses it.
   */
  update<T>(fn: (s: State) => T): T {
    const until = Date.now() + this.lockWaitMs
    for (;;) {
      const held = this.tryBegin()
      if (held) {
        try {
          const s = this.draft()
          const out = fn(s)
          try {
            held.backend.store = s as unknown as Record<string, unknown>
            fsyncDirSync(dirname(this.statePath))
          } catch (e) {
            throw folderError(e, this.statePath)
          }
          this.committed(s)
          return out
        } finally {
          held.release()
        }
      }
      if (Date.now() > until) throw lockedError()
      sleepSync(LOCK_POLL_MS)
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
