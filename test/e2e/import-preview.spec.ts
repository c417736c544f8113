import { resolve } from 'node:path'
import { expectAxeClean } from './axe'
import { expect, test } from './fixtures'

const fixture = (name: string) => resolve('test/fixtures/checklists', name)

test('a checklist is previewed before it opens: counts, left-out blocks with reasons, and a block included on request', async ({
  cockpit,
}) => {
  const { page } = cockpit
  cockpit.nextOpenFile(fixture('links-and-toc.md'))
  await page.getByRole('button', { name: 'Import checklist…' }).click()
  const view = page.getByRole('main', { name: 'Import preview' })
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Import links-and-toc.md')
  await expect(view.locator('[data-count="items"]')).toHaveText('5')
  await expect(view.locator('[data-count="phases"]')).toHaveText('2')
  await expect(view.locator('[data-count="roles"]')).toHaveText('0')
  const quickLinks = view.locator('li[data-lines="11-15"]')
  await expect(quickLinks).toContainText(
    'Lines 11–15: section "Quick links": context, not launch items',
  )
  await expect(view.locator('li[data-lines="5-10"]')).toContainText('section "Contents"')

  // The view itself passes axe (no serious or critical violations).
  await expectAxeClean(page, 'import preview')

  // Include the quick links: main imports again, the counts follow, and the plan opens with them.
  await quickLinks.getByRole('checkbox').click()
  await expect(view.locator('[data-count="items"]')).toHaveText('7')
  await expect(view.locator('[data-count="phases"]')).toHaveText('3')
  await expect(view.locator('li[data-lines="11-15"]')).toContainText('included as items')
  await expect(view.locator('li[data-lines="11-15"]').getByRole('checkbox')).toBeChecked()
  await view.getByRole('button', { name: 'Open as plan' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service launch checklist')
  await expect(page.locator('#item-dashboard')).toContainText('Dashboard')
  await expect(page.locator('#item-runbook')).toBeVisible()
  await cockpit.screenshot('import-preview-opened')
})

test('a checklist with no readable items says what was found, and including the table fixes it', async ({
  cockpit,
}) => {
  const { page } = cockpit
  cockpit.nextOpenFile(fixture('table-name-ambiguous.md'))
  await page.getByRole('button', { name: 'Import checklist…' }).click()
  const view = page.getByRole('main', { name: 'Import preview' })
  await expect(view.getByRole('alert')).toContainText(
    'no checklist items found: found a table with columns Name | Level | Scope: which column holds the items? use --item-column Name',
  )
  await expect(view.getByRole('button', { name: 'Open as plan' })).toBeDisabled()
  await view.locator('li[data-lines="3-7"]').getByRole('checkbox').click()
  await expect(view.locator('[data-count="items"]')).toHaveText('3')
  await expect(view.getByRole('alert')).toHaveCount(0)
  await view.getByRole('button', { name: 'Open as plan' }).click()
  // The row is dense; the item's notes (the other columns) are in its drawer.
  await page.locator('#item-billing').click()
  await expect(page.getByText('Level: Tier 1')).toBeVisible()
})

test('cancelling the dialog or the preview goes back home', async ({ cockpit }) => {
  const { page } = cockpit
  cockpit.nextOpenFile(undefined)
  await page.getByRole('button', { name: 'Import checklist…' }).click()
  await expect(page.getByRole('main', { name: 'Home' })).toBeVisible()
  cockpit.nextOpenFile(fixture('nested-boxes.md'))
  await page.getByRole('button', { name: 'Import checklist…' }).click()
  await expect(page.getByRole('main', { name: 'Import preview' })).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('main', { name: 'Home' })).toBeVisible()
})

test('nested task boxes open as indented sub-items that keep their own state', async ({
  cockpit,
}) => {
  const { page } = cockpit
  cockpit.nextOpenFile(fixture('nested-boxes.md'))
  await page.getByRole('button', { name: 'Import checklist…' }).click()
  const view = page.getByRole('main', { name: 'Import preview' })
  await expect(view.locator('[data-count="items"]')).toHaveText('10')
  await view.getByRole('button', { name: 'Open as plan' }).click()
  const child = page.locator('#item-signing-certificate-renewed')
  await expect(child).toHaveClass(/\bsub-item\b/)
  await expect(child).toContainText('↳ under macos-notarised-build')
  await expect(child).toContainText('pass (imported)')
  await expect(page.locator('#item-artifacts-built')).not.toHaveClass(/\bsub-item\b/)
})

test('Open plan or checklist… previews a picked checklist (left-out blocks and all) and opens a plan at once', async ({
  cockpit,
}) => {
  const { page } = cockpit
  cockpit.nextOpenFile(fixture('links-and-toc.md'))
  await page.getByRole('button', { name: 'Open plan or checklist…' }).click()
  const view = page.getByRole('main', { name: 'Import preview' })
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Import links-and-toc.md')
  await expect(view.locator('[data-count="items"]')).toHaveText('5')
  const quickLinks = view.locator('li[data-lines="11-15"]')
  await expect(quickLinks).toContainText(
    'Lines 11–15: section "Quick links": context, not launch items',
  )
  // Confirming opens it exactly as Import checklist… does, with the block included on request.
  await quickLinks.getByRole('checkbox').click()
  await expect(view.locator('[data-count="items"]')).toHaveText('7')
  await view.getByRole('button', { name: 'Open as plan' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service launch checklist')
  await expect(page.locator('#item-dashboard')).toContainText('Dashboard')

  // A plan picked in the same dialog opens directly, with no preview.
  await page.getByRole('button', { name: 'Back to home' }).click()
  cockpit.nextOpenFile(resolve('test/fixtures/plans/small-launch.yaml'))
  await page.getByRole('button', { name: 'Open plan or checklist…' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Small launch')
  await expect(page.getByRole('main', { name: 'Import preview' })).toHaveCount(0)
})

test('the menu previews a checklist over an open plan; cancelling goes back to that plan', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await page.getByRole('button', { name: /Demo launch/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Demo launch/)
  for (const command of ['open-plan', 'import-checklist'] as const) {
    cockpit.nextOpenFile(fixture('links-and-toc.md'))
    cockpit.menu(command)
    const view = page.getByRole('main', { name: 'Import preview' })
    await expect(view.locator('li[data-lines="5-10"]')).toContainText('section "Contents"')
    await view.getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Demo launch/)
  }
  // Asked again while a preview shows, the new preview starts afresh (nothing ticked).
  const view = page.getByRole('main', { name: 'Import preview' })
  cockpit.nextOpenFile(fixture('links-and-toc.md'))
  cockpit.menu('open-plan')
  await view.locator('li[data-lines="11-15"]').getByRole('checkbox').click()
  await expect(view.locator('[data-count="items"]')).toHaveText('7')
  cockpit.nextOpenFile(fixture('links-and-toc.md'))
  cockpit.menu('open-plan')
  await expect(view.locator('[data-count="items"]')).toHaveText('5')
  await expect(view.locator('li[data-lines="11-15"]').getByRole('checkbox')).not.toBeChecked()
  // Confirmed from the menu, the checklist replaces the open plan.
  await view.getByRole('button', { name: 'Open as plan' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Service launch checklist')
  // Without the quick links ticked in the earlier preview: they stay out of the plan.
  await expect(page.locator('#item-capacity-plan-reviewed')).toBeVisible()
  await expect(page.locator('#item-dashboard')).toHaveCount(0)
})
