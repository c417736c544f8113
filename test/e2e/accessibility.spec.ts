import type { Page } from '@playwright/test'
import { expectAxeClean } from './axe'
import { expect, launchDay, test } from './fixtures'

/** Every view of the window, in one theme: home, the board in each state, drawers, menus, modes. */
async function auditEveryView(page: Page, theme: string) {
  await expect(page.getByRole('button', { name: /Demo launch/ })).toBeVisible()
  await expectAxeClean(page, `home (${theme})`)
  await launchDay.openDemo(page)
  await expectAxeClean(page, `board without a session (${theme})`)
  await page.getByRole('button', { name: 'Run all probes' }).click()
  // Whether every probe passes on a loaded machine is not this test's concern (latency may not).
  await expect(page.getByRole('status', { name: 'Probe run' })).toHaveText(/^8 probes: /, {
    timeout: 20_000,
  })
  await expectAxeClean(page, `board with results (${theme})`)
  await launchDay.startSession(page)
  await expectAxeClean(page, `board in a session (${theme})`)
  await page.locator('#item-health .item-title').click()
  await expect(page.getByRole('complementary', { name: 'Details of health' })).toBeVisible()
  await page.getByRole('button', { name: 'Show JSON' }).click()
  await expectAxeClean(page, `item drawer (${theme})`)
  await page.locator('#item-customer-confirms .item-title').click()
  await page.getByText('Waive…').click()
  await expectAxeClean(page, `manual item drawer with the waiver form (${theme})`)
  await page
    .getByRole('region', { name: 'Roll call' })
    .getByRole('button', { name: 'Sign as Founder' })
    .click()
  await expect(page.getByRole('complementary', { name: 'Sign off' })).toBeVisible()
  await expectAxeClean(page, `sign-off drawer (${theme})`)
  await page.getByRole('button', { name: 'Close sign off' }).click()
  await page.getByRole('tab', { name: 'Activity' }).click()
  await expect(page.getByRole('list', { name: 'Timeline' }).locator('li').first()).toBeVisible()
  await expectAxeClean(page, `activity timeline (${theme})`)
  await page.keyboard.press('Control+k')
  await expect(page.getByRole('dialog', { name: 'Command menu' })).toBeVisible()
  await expectAxeClean(page, `command menu (${theme})`)
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Present' }).click()
  await expect(page.getByRole('main', { name: 'Present mode' })).toBeVisible()
  await expectAxeClean(page, `present mode (${theme})`)
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Credentials…' }).click()
  await expect(page.getByRole('main', { name: 'Credentials' })).toBeVisible()
  await expectAxeClean(page, `credentials (${theme})`)
}

test('every view has no serious accessibility violations in the light theme', async ({
  cockpit,
}) => {
  // Eleven axe runs: generous on a shared, loaded machine.
  test.setTimeout(240_000)
  await cockpit.page.emulateMedia({ colorScheme: 'light' })
  await auditEveryView(cockpit.page, 'light')
})

test('dark mode follows the OS and keeps every view readable (axe colour contrast included)', async ({
  cockpit,
}) => {
  // Eleven axe runs: generous on a shared, loaded machine.
  test.setTimeout(240_000)
  const { page } = cockpit
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.getByRole('button', { name: /Demo launch/ })).toBeVisible()
  // The page really switched: the background is the dark palette's.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
    'rgb(21, 23, 26)',
  )
  await auditEveryView(page, 'dark')
  await cockpit.screenshot('session-dark')
})

test('the theme chosen in the window wins over the OS, and reduced motion turns animations off', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' })
  await launchDay.openDemo(page)
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light')
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
    'rgb(243, 244, 247)',
  )
  await page.locator('#item-health .item-title').click()
  const drawer = page.getByRole('complementary', { name: 'Details of health' })
  expect(await drawer.evaluate((el) => getComputedStyle(el).animationName)).toBe('none')
  await expectAxeClean(page, 'light chosen over a dark OS')
})
