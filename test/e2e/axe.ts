import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/**
 * axe-core on what the page shows now: no serious or critical violations (others are listed by
 * axe, not fatal). Running animations finish first: a drawer sliding in is still partly
 * transparent, and axe would measure the contrast of its half-faded text.
 */
export async function expectAxeClean(page: Page, view: string): Promise<void> {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
  )
  const results = await new AxeBuilder({ page }).analyze()
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = severe.map(
    (v) =>
      `${view}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join('; ')}`,
  )
  expect(summary).toEqual([])
}
