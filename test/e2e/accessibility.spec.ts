import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, launchDay, test } from './fixtures'

/** axe-core on each main view: no serious or critical violations (others are listed, not fatal). */
async function audit(page: Page, view: string) {
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

test('home, plan, session and credentials views have no serious accessibility violations', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await expect(page.getByRole('button', { name: /Demo launch/ })).toBeVisible()
  await audit(page, 'home')
  await launchDay.openDemo(page)
  await launchDay.runAllProbes(page)
  await audit(page, 'plan with results')
  await page.getByLabel('Release captain').fill('Ada')
  await page.getByRole('button', { name: 'Start launch session' }).click()
  await expect(page.getByRole('region', { name: 'Readiness', exact: true })).toBeVisible()
  await audit(page, 'session')
  await page.locator('#item-health .item-title').click()
  await expect(page.getByRole('complementary', { name: 'Details of health' })).toBeVisible()
  await audit(page, 'item drawer')
  await page.getByRole('button', { name: 'Credentials…' }).click()
  await expect(page.getByRole('main', { name: 'Credentials' })).toBeVisible()
  await audit(page, 'credentials')
})

test('dark mode follows the OS and keeps every view readable (axe colour contrast included)', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.getByRole('button', { name: /Demo launch/ })).toBeVisible()
  // The page really switched: the background is the dark palette's.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
    'rgb(21, 23, 26)',
  )
  await audit(page, 'home (dark)')
  await launchDay.openDemo(page)
  await launchDay.startSession(page)
  await launchDay.runAllProbes(page)
  await page.locator('#item-health .item-title').click()
  await audit(page, 'session with drawer (dark)')
  await cockpit.screenshot('session-dark')
  await page.getByRole('button', { name: 'Back to home' }).click()
  await expect(page.getByRole('region', { name: 'Recent sessions' })).toBeVisible()
  await audit(page, 'home with recent sessions (dark)')
})
