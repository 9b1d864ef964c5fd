// A full flow with the keyboard only (Tab, Enter, Space and typing; no mouse): activate Demo Studio
// online, go back to the overview, deactivate it online. Each step's heading takes focus, and the
// focused control always shows a visible focus ring.
import type { Locator, Page } from '@playwright/test'
import { expect, KEYS, test } from './fixtures'
import { TEST_HWID } from '../support/browser-mode'

/** Presses Tab until `target` has focus (at most `max` times); fails if it never does. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      const ring = await target.evaluate((el) => {
        const s = getComputedStyle(el)
        return { visible: el.matches(':focus-visible'), outline: s.outlineStyle, width: parseFloat(s.outlineWidth) }
      })
      expect(ring.visible, 'keyboard focus is :focus-visible').toBe(true)
      expect(ring.outline !== 'none' && ring.width >= 2, `visible focus ring on the target (${JSON.stringify(ring)})`).toBe(true)
      return
    }
  }
  throw new Error(`Tab never reached ${target}`)
}

async function headingFocused(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused()
}

test('keyboard only: activate online and deactivate online', async ({ app, ui }) => {
  await headingFocused(app, 'Your licenses')

  // Home -> Activate Demo Studio (Enter)
  await tabTo(app, app.getByRole('button', { name: 'Activate Demo Studio', exact: true }))
  await app.keyboard.press('Enter')
  await headingFocused(app, 'How do you want to activate Demo Studio?')
  await expect(app.getByRole('radio', { name: /^Online/ })).toBeChecked()

  // Method: Continue (Space)
  await tabTo(app, app.getByRole('button', { name: 'Continue' }))
  await app.keyboard.press('Space')
  await headingFocused(app, 'Activate Demo Studio')

  // Key field: type, then Enter submits the form
  await tabTo(app, app.getByLabel('License key'))
  await app.keyboard.type(KEYS.fresh)
  await app.keyboard.press('Enter')
  await headingFocused(app, 'Demo Studio is activated')
  await expect(app.getByRole('navigation', { name: 'Progress' })).toContainText('Step 3 of 3')
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([TEST_HWID])

  // Back to overview (Space)
  await tabTo(app, app.getByRole('button', { name: 'Back to overview' }))
  await app.keyboard.press('Space')
  await headingFocused(app, 'Your licenses')
  await expect(app.getByTestId('state-studio')).toHaveAttribute('data-state', 'active')

  // Deactivate Demo Studio (Enter) -> method (online is preselected) -> confirm
  await tabTo(app, app.getByRole('button', { name: 'Deactivate Demo Studio', exact: true }))
  await app.keyboard.press('Enter')
  await headingFocused(app, 'How do you want to deactivate Demo Studio?')
  await tabTo(app, app.getByRole('button', { name: 'Continue' }))
  await app.keyboard.press('Enter')
  await headingFocused(app, 'Deactivate Demo Studio on this computer?')

  // Back returns to the method step, Continue comes back: Back works from the keyboard too
  await tabTo(app, app.getByRole('button', { name: 'Back' }))
  await app.keyboard.press('Enter')
  await headingFocused(app, 'How do you want to deactivate Demo Studio?')
  await tabTo(app, app.getByRole('button', { name: 'Continue' }))
  await app.keyboard.press('Enter')
  await headingFocused(app, 'Deactivate Demo Studio on this computer?')

  await tabTo(app, app.getByRole('button', { name: 'Deactivate', exact: true }))
  await app.keyboard.press('Space')
  await headingFocused(app, 'Demo Studio is deactivated')
  await expect(app.getByTestId('live-region')).toHaveText('Demo Studio is deactivated')
  expect(ui.server.state.devices(KEYS.fresh)).toEqual([])

  await tabTo(app, app.getByRole('button', { name: 'Back to overview' }))
  await app.keyboard.press('Enter')
  await headingFocused(app, 'Your licenses')
  await expect(app.getByTestId('state-studio')).toHaveAttribute('data-state', 'inactive')
})

test('keyboard only: the skip link moves focus to the main content', async ({ app }) => {
  await app.keyboard.press('Shift+Tab')
  // from the focused heading, going backwards reaches the skip link first in reverse order at the top
  const skip = app.getByRole('link', { name: 'Skip to main content' })
  for (let i = 0; i < 10 && !(await skip.evaluate((el) => el === document.activeElement)); i++) await app.keyboard.press('Shift+Tab')
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await app.keyboard.press('Enter')
  await expect(app.locator('#main')).toBeFocused()
})
