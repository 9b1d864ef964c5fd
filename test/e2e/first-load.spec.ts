// The first load carries Home and the first part of the active language only: the first thing drawn is
// Home, in that language (no loading screen first), and neither another language, nor the rest of the
// active one (<lang>.screens), nor the other screens were fetched for it. The other screens and the rest of
// the catalog arrive on demand (prefetched once the page is idle). The language is the browser's
// (Playwright's `locale`), as browser mode takes it.
import { expect, test } from './fixtures'

/** Runs in the page: remembers what #root first showed and which files had been fetched by then. */
function watchFirstRender(): void {
  const w = window as unknown as { __first?: { text: string; files: string[] } }
  new MutationObserver((_, obs) => {
    const root = document.getElementById('root')
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (what the user first sees)
    const text = root?.innerText.trim() ?? ''
    if (!text) return
    w.__first = { text, files: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop() ?? '') }
    obs.disconnect()
  }).observe(document, { childList: true, subtree: true, characterData: true })
}

/** Every language's chunks (its first part, then the rest), the pseudo-locale's, and the other screens'. */
const LATER = /^((en|de|fr)(\.screens)?|pseudo|Activate|ActivateOffline|Deactivate|Record|History|StepIndicator|FloatingPanel|ErrorPanel|QrCode|Field|common|screens)-.*\.(js|css)$/

for (const [lang, tag, title] of [
  ['en', 'en-US', 'Your licenses'],
  ['de', 'de-DE', 'Ihre Lizenzen']
] as const) {
  const own = new RegExp(`^${lang}-.*\\.js$`)
  test.describe(`in a browser set to ${tag}`, () => {
    test.use({ locale: tag })
    test(`first render (${tag}): Home in its language at once, without the other catalogs or screens`, async ({ app }) => {
      await app.addInitScript(watchFirstRender)
      await app.reload()
      await expect(app.getByRole('heading', { level: 1, name: title })).toBeVisible()
      const first = await app.evaluate(() => (window as unknown as { __first?: { text: string; files: string[] } }).__first)
      expect(first, 'the first render was seen').toBeDefined()
      expect(first?.text).toContain(title)
      expect(first?.text).toContain('Demo Studio')
      expect(first?.text).not.toMatch(/Loading|Wird geladen/)
      expect(
        first?.files.some((f) => own.test(f)),
        `the ${tag} catalog was loaded first: ${first?.files.join(', ')}`
      ).toBe(true)
      const early = (first?.files ?? []).filter((f) => LATER.test(f) && !own.test(f))
      expect(early, 'fetched before the first render').toEqual([])
      if (lang !== 'en')
        expect(
          (first?.files ?? []).filter((f) => /^en[-.]/.test(f)),
          'English, for a German start'
        ).toEqual([])

      // a screen after Home still opens at once (its code arrives on demand)
      await app.getByRole('button', { name: tag === 'en-US' ? 'History' : 'Verlauf' }).click()
      await expect(app.getByRole('heading', { level: 1, name: tag === 'en-US' ? 'History' : 'Verlauf' })).toBeFocused()
      const files = await app.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop() ?? ''))
      expect(files.some((f) => /^History-.*\.js$/.test(f))).toBe(true)
      expect(
        files.filter((f) => /\.screens-.*\.js$/.test(f)),
        'the rest of the catalog, of this language only'
      ).toEqual([expect.stringMatching(new RegExp(`^${lang}\\.screens-`))])
    })
  })
}
