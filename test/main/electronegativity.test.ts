// Runs @doyensec/electronegativity over the sources (programmatic API) and fails on any HIGH or MEDIUM
// finding that electronegativity-exceptions.json does not justify.
import Module, { createRequire } from 'node:module'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { expect, it } from 'vitest'

interface Issue {
  id: string
  file: string
  location: { line: number; column: number }
  severity: { name: string }
  confidence: { name: string }
  description?: string
}
interface Exception {
  check: string
  file: string
  reason: string
}

const root = resolve(__dirname, '../..')
// The installed electron package's version (45.x), so the checks apply to the Electron we ship.
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version
const require = createRequire(join(root, 'package.json'))

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*')
  return new RegExp(`^${escaped}$`)
}

/**
 * electronegativity parses TypeScript with @typescript-eslint/typescript-estree, which needs the JS
 * TypeScript API; the project's TypeScript 7 is the native compiler without it. Point that one require at
 * the TypeScript copy electronegativity ships with.
 */
function withBundledTypeScript<T>(fn: () => T): T {
  const nestedTs = require.resolve('typescript', { paths: [dirname(require.resolve('@doyensec/electronegativity/package.json'))] })
  const mod = Module as unknown as { _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string }
  const original = mod._resolveFilename
  mod._resolveFilename = function (request, parent, ...rest) {
    if (request === 'typescript' && parent?.filename?.includes('@typescript-eslint')) return nestedTs
    return original.call(this, request, parent, ...rest)
  }
  try {
    return fn()
  } finally {
    mod._resolveFilename = original
  }
}

it('electronegativity finds no unjustified HIGH or MEDIUM issue in src/', async () => {
  const run = withBundledTypeScript(() => {
    const r = require('@doyensec/electronegativity') as (
      o: Record<string, unknown>
    ) => Promise<{ issues: Issue[]; errors: Array<{ file: string; message: string; tolerable: boolean }> }>
    // load the parser (and typescript-estree) while the redirect is active
    require('@doyensec/electronegativity/dist/parser/parser')
    return r
  })
  const out = mkdtempSync(join(tmpdir(), 'ld-electronegativity-'))
  try {
    const result = await run({
      input: join(root, 'src'),
      output: join(out, 'report.csv'),
      isRelative: true,
      electronVersionOverride: ELECTRON_VERSION
    })
    const { exceptions } = JSON.parse(readFileSync(join(root, 'electronegativity-exceptions.json'), 'utf8')) as { exceptions: Exception[] }
    for (const e of exceptions) expect(e.reason.length, `exception ${e.check} ${e.file} needs a reason`).toBeGreaterThan(20)
    const serious = result.issues.filter((i) => ['HIGH', 'MEDIUM'].includes(i.severity.name))
    const unjustified = serious.filter((i) => !exceptions.some((e) => e.check === i.id && globToRegExp(e.file).test(i.file.replace(/\\/g, '/'))))
    const hardErrors = result.errors.filter((e) => !e.tolerable)
    expect(hardErrors, 'files electronegativity could not parse').toEqual([])
    expect(
      unjustified.map((i) => `${i.severity.name} ${i.id} ${i.file}:${i.location.line}`),
      'unjustified findings (fix them, or justify them in electronegativity-exceptions.json)'
    ).toEqual([])
  } finally {
    // The report is written after run() resolves: wait for it before removing the folder, or the late
    // write fails as an uncaught error.
    for (let i = 0; i < 100 && !existsSync(join(out, 'report.csv')); i++) await new Promise((r) => setTimeout(r, 50))
    await new Promise((r) => setTimeout(r, 50))
    rmSync(out, { recursive: true, force: true })
  }
}, 180000)
