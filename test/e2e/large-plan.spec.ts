import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { largePlanYaml, startHealthTarget } from '../helpers/large-plan'
import { expect, test } from './fixtures'

test('a 1,000-item plan keeps only the rows in view in the page, and search, keys and the rail still reach every item', async ({
  cockpit,
}) => {
  const { page } = cockpit
  const target = await startHealthTarget()
  try {
    const file = join(cockpit.scratch, 'large.yaml')
    writeFileSync(
      file,
      largePlanYaml({ items: 1000, probes: 100, target: target.url, failEvery: 25 }),
    )
    cockpit.nextOpenFile(file)
    await page.getByRole('button', { name: 'Open plan or checklist…' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Large launch (1000 items)')
    const rows = page.locator('[data-item-id]')
    const row = (n: number) => page.locator(`[data-item-id="item-${n}"]`)
    await expect(rows.first()).toBeVisible()
    expect(await rows.count()).toBeLessThan(80)

    await page.getByRole('button', { name: 'Run all probes' }).click()
    await expect(page.getByRole('status', { name: 'Probe run' })).toHaveText(
      '100 probes: 96 passed, 4 failed',
      { timeout: 30_000 },
    )
    // The first blocking failure is named at once; its link brings the item into view.
    const firstRed = page.getByRole('alert', { name: 'First blocking failure' })
    await expect(firstRed).toContainText('item-0: ')
    await page
      .getByRole('navigation', { name: 'Phases' })
      .getByRole('link', { name: /Phase 10/ })
      .click()
    await expect(row(900)).toBeInViewport()
    await expect(row(0)).toHaveCount(0)
    await firstRed.getByRole('link', { name: 'item-0' }).click()
    await expect(row(0)).toBeInViewport()
    await expect(row(0)).toHaveAttribute('data-state', 'fail')
    await expect(row(0).locator('.row-reason')).toContainText('status == 299')

    await page.getByRole('searchbox', { name: 'Search items' }).fill('number 987')
    await expect(page.getByRole('status', { name: 'Items shown' })).toHaveText('1 of 1000 items')
    await expect(row(987)).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search items' }).fill('')

    // j walks the list as shown (the 4 failing items first, then plan order) past the rows that
    // were rendered at first; the selection stays in view.
    await page.keyboard.press('Escape')
    await firstRed.getByRole('link', { name: 'item-0' }).click()
    await expect(row(0)).toHaveAttribute('aria-current', 'true')
    for (let i = 0; i < 30; i++) await page.keyboard.press('j')
    await expect(row(28)).toHaveAttribute('aria-current', 'true')
    await expect(row(28)).toBeInViewport()
    await cockpit.screenshot('large-plan')
  } finally {
    await target.close()
  }
})
