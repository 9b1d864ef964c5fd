// The one OS seam of browser mode (src/ui/os.ts): recorded effects never carry the token, and without a
// graphical session nothing is launched (the caller prints the URL).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { osEffectsFromEnv, RECORD_ENV, systemOsEffects, withoutToken } from '../../src/ui/os'

it('records effects as JSON lines, the app URL without its token', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-os-'))
  try {
    const file = join(dir, 'os.jsonl')
    const os = osEffectsFromEnv({ [RECORD_ENV]: file })
    expect(await os.openUrl('http://127.0.0.1:1234/#token=abcdefSECRET')).toBe(true)
    expect(await os.showInFolder('/home/u/Downloads/ls_deactivation.req')).toBe(true)
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown)
    expect(lines).toEqual([
      { kind: 'openUrl', url: 'http://127.0.0.1:1234/#token=(hidden)' },
      { kind: 'showInFolder', path: '/home/u/Downloads/ls_deactivation.req' }
    ])
    expect(readFileSync(file, 'utf8')).not.toContain('SECRET')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('hides only the token of a URL', () => {
  expect(withoutToken('mailto:support@vendor.example?subject=x')).toBe('mailto:support@vendor.example?subject=x')
  expect(withoutToken('http://127.0.0.1:9/#token=a-b_c')).toBe('http://127.0.0.1:9/#token=(hidden)')
})

it('launches nothing on Linux without a graphical session', async () => {
  const os = systemOsEffects('linux', {})
  expect(await os.openUrl('http://127.0.0.1:9/')).toBe(false)
  expect(await os.showInFolder('/tmp/x')).toBe(false)
})
