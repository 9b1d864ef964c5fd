// @vitest-environment jsdom
// Each language comes in two parts: the app's chrome and Home (loaded before the first render), and the
// rest (loaded with the other screens). Home needs nothing of the rest; a screen never shows without its
// texts; the two parts of every language have exactly English's keys, and no key is in both.
import { afterEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { App } from '@renderer/App'
import { en } from '@renderer/i18n/en'
import { enScreens } from '@renderer/i18n/en.screens'
import { de } from '@renderer/i18n/de'
import { deScreens } from '@renderer/i18n/de.screens'
import { fr } from '@renderer/i18n/fr'
import { frScreens } from '@renderer/i18n/fr.screens'
import { createFakeApi } from '../support/fake-api'

afterEach(cleanup)

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return [prefix]
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

const parts = { en: [en, enScreens], de: [de, deScreens], fr: [fr, frScreens] } as const

describe('the two parts of a catalog', () => {
  it.each(Object.entries(parts))('%s: each part has the keys of the same English part', (_lang, [first, rest]) => {
    expect(keys(first).sort()).toEqual(keys(en).sort())
    expect(keys(rest).sort()).toEqual(keys(enScreens).sort())
  })

  it.each(Object.entries(parts))('%s: a section in both parts has no key in both', (_lang, [first, rest]) => {
    const firstKeys = new Set(keys(first))
    expect(keys(rest).filter((k) => firstKeys.has(k))).toEqual([])
  })

  it('Home renders from the first part alone', async () => {
    render(<App api={createFakeApi({ seeded: true })} locale="en" messages={en} />)
    expect(await screen.findByRole('heading', { level: 1, name: 'Your licenses' })).toBeTruthy()
    expect(await screen.findByTestId('product-studio')).toBeTruthy()
  })

  it.each([
    ['en', en, 'History'],
    ['de', de, 'Verlauf']
  ] as const)('%s: another screen appears once the rest of its language is in, with its texts', async (locale, first, history) => {
    render(<App api={createFakeApi({ seeded: true })} locale={locale} messages={first} />)
    const tab = await screen.findByRole('button', { name: history })
    // In an awaited act: React 19 leaves a tree that suspends inside a synchronous act (user-event's) suspended.
    await act(async () => tab.click())
    const h = await screen.findByRole('heading', { level: 1, name: history })
    await waitFor(() => expect(document.activeElement).toBe(h))
    // a text only the rest of the catalog has
    expect(screen.getByText(locale === 'de' ? deScreens.history.intro : enScreens.history.intro)).toBeTruthy()
  })
})
