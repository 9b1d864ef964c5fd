#!/usr/bin/env node
// The one test command (`npm test`): build, typecheck and lint (steps: each fails the run, none is counted
// as a test), then vitest and Playwright, and one closing line `N passed, N failed, N skipped` summing the
// tests of both runners, followed by the failed steps if any. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const results = resolve(root, 'test-results')
mkdirSync(results, { recursive: true })
const totals = { passed: 0, failed: 0, skipped: 0 }
let stepFailed = false
const failedSteps = []

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status ?? 1
}

/** A step that must succeed; it is not a test, so it is not counted in the closing line. */
function step(label, cmd, args) {
  const code = run(label, cmd, args)
  if (code !== 0) {
    stepFailed = true
    failedSteps.push(label)
    console.log(`${label} FAILED (exit ${code})`)
  }
  return code
}

const only = process.argv.slice(2)
const want = (name) => only.length === 0 || only.includes(name)

if (want('build')) step('build', 'npm', ['run', 'build', '--silent'])
if (want('typecheck')) step('typecheck', 'npm', ['run', 'typecheck', '--silent'])
if (want('lint')) step('lint', 'npm', ['run', 'lint', '--silent'])

if (want('vitest')) {
  const out = resolve(results, 'vitest.json')
  rmSync(out, { force: true })
  const code = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`])
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'))
    totals.passed += j.numPassedTests
    totals.failed += j.numFailedTests
    totals.skipped += j.numPendingTests + j.numTodoTests
    if (j.numFailedTestSuites > 0 && j.numFailedTests === 0) totals.failed += j.numFailedTestSuites
  } else failedSteps.push('vitest (no report)')
  if (code !== 0) stepFailed = true
}

if (want('e2e')) {
  const out = resolve(results, 'playwright.json')
  rmSync(out, { force: true })
  const code = run('playwright', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out })
  if (existsSync(out)) {
    const s = JSON.parse(readFileSync(out, 'utf8')).stats
    totals.passed += s.expected + (s.flaky ?? 0)
    totals.failed += s.unexpected
    totals.skipped += s.skipped
  } else failedSteps.push('playwright (no report)')
  if (code !== 0) stepFailed = true
}

const failed = totals.failed > 0 || stepFailed
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${failedSteps.length ? ` (failed steps: ${failedSteps.join(', ')})` : ''}`)
process.exit(failed ? 1 : 0)
