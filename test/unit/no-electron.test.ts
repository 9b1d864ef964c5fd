// The core and the shared code run in plain Node (the CLI): none of them may load electron.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/tools'

const ELECTRON_IMPORT = [
  /\bfrom\s*['"]electron(?:\/[^'"]*)?['"]/, // import x from 'electron', export ... from 'electron'
  /\bimport\s*['"]electron(?:\/[^'"]*)?['"]/, // import 'electron'
  /\brequire\s*\(\s*['"`]electron(?:\/[^'"`]*)?['"`]\s*\)/, // require('electron')
  /\bimport\s*\(\s*['"`]electron(?:\/[^'"`]*)?['"`]\s*\)/, // import('electron')
  /\bimport\s+\w+\s*=\s*require\s*\(\s*['"]electron['"]\s*\)/ // import x = require('electron')
]

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : /\.(c|m)?(t|j)sx?$/.test(f) ? [p] : []
  })
}

export function electronImports(text: string): string[] {
  return text.split('\n').filter((line) => ELECTRON_IMPORT.some((re) => re.test(line)))
}

describe('no electron in the core', () => {
  it('the detector finds every import form and ignores lookalikes', () => {
    for (const bad of [
      "import { app } from 'electron'",
      'import type { BrowserWindow } from "electron"',
      "export { ipcMain } from 'electron/main'",
      "import 'electron'",
      "const { safeStorage } = require('electron')",
      'const e = await import(`electron`)',
      "import electron = require('electron')"
    ])
      expect(electronImports(bad), bad).toHaveLength(1)
    for (const ok of ["import x from 'electron-store'", '// the core never imports electron', "import { a } from './electronish'", "const s = 'electron'"])
      expect(electronImports(ok), ok).toHaveLength(0)
  })

  it('no file under src/core or src/shared imports electron', () => {
    const all = [...files(join(ROOT, 'src/core')), ...files(join(ROOT, 'src/shared'))]
    expect(all.length).toBeGreaterThan(15)
    const offenders = all.flatMap((f) => electronImports(readFileSync(f, 'utf8')).map((l) => `${relative(ROOT, f)}: ${l.trim()}`))
    expect(offenders).toEqual([])
  })
})
