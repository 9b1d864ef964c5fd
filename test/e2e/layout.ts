// Layout checks on the rendered page, for the language and pseudo-locale runs of the screen suite:
// no text cut off by its box, none running out of it or over another text, no sideways scrolling.
import { expect, type Page } from '@playwright/test'

/** Every clipped, spilling or overlapping text on the page, described; empty when the layout holds. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`)

    const name = (el: Element) => {
      const id = el.getAttribute('data-testid')
      const cls = el.getAttribute('class')
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
      return `<${el.tagName.toLowerCase()}${id ? ` data-testid=${id}` : ''}${cls ? ` class="${cls}"` : ''}> "${text}"`
    }
    const hidden = (el: Element) => !!el.closest('.visually-hidden, [hidden], [aria-hidden="true"], details:not([open]) > :not(summary)')
    const shown = [...document.querySelectorAll('body *')].filter((el) => {
      if (['SCRIPT', 'STYLE', 'INPUT', 'TEXTAREA', 'SELECT', 'IMG', 'svg', 'path', 'rect', 'circle'].includes(el.tagName)) return false
      if (hidden(el)) return false
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
    })
    const ownText = (el: Element) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')

    // text wider than its box: cut off (overflow hidden/clip) or spilling out over what is next to it
    for (const el of shown) {
      if (!ownText(el) || getComputedStyle(el).display === 'inline') continue
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`text wider than its box: ${name(el)} (${el.scrollWidth} > ${el.clientWidth})`)
      if (el.scrollHeight > el.clientHeight + 1 && ['hidden', 'clip'].includes(getComputedStyle(el).overflowY)) problems.push(`text cut off at the bottom: ${name(el)}`)
    }

    // texts drawn over each other (per line box, so wrapped inline text is measured as it is drawn)
    const leaves = shown.filter(ownText).map((el) => ({ el, rects: [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0) }))
    for (let i = 0; i < leaves.length; i++) {
      for (let j = i + 1; j < leaves.length; j++) {
        const a = leaves[i]
        const b = leaves[j]
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue
        const hit = a.rects.some((ra) =>
          b.rects.some((rb) => Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 2 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 2)
        )
        if (hit) problems.push(`texts overlap: ${name(a.el)} and ${name(b.el)}`)
      }
    }
    return problems
  })
}

export async function expectCleanLayout(page: Page, label: string): Promise<void> {
  expect(await layoutProblems(page), `layout of ${label}`).toEqual([])
}
