// The QLM client loads its XML parser on the first answer it parses, not when it is imported: commands
// that make no QLM call never load it.
import { sep } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

const parserLoaded = () => Object.keys(require.cache).some((k) => k.includes(`${sep}fast-xml-parser${sep}`))

describe('QLM client', () => {
  it('requires fast-xml-parser only when the first answer is parsed', async () => {
    for (const k of Object.keys(require.cache)) if (k.includes(`${sep}fast-xml-parser${sep}`)) delete require.cache[k]
    vi.resetModules()
    const { parseQlmXml } = await import('@core/providers/qlm/client')
    expect(parserLoaded()).toBe(false)
    expect(parseQlmXml('<QuickLicenseManager><result>ok</result></QuickLicenseManager>')).toMatchObject({ ok: true, result: 'ok' })
    expect(parserLoaded()).toBe(true)
  })
})
