import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, launchDay, test } from './fixtures'

test('the native menu opens plans, runs probes, finds, shows shortcuts and starts a new session', async ({
  cockpit,
}) => {
  const { page } = cockpit
  const plan = join(cockpit.scratch, 'menu.md')
  writeFileSync(plan, '# Menu launch\n\n## Go\n\n- [ ] Tell support\n- [ ] Flip the flag\n')
  cockpit.nextOpenFile(plan)
  cockpit.menu('open-plan')
  // A checklist is previewed before it opens, from the menu as from the window's button.
  await page
    .getByRole('main', { name: 'Import preview' })
    .getByRole('button', { name: 'Open as plan' })
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Menu launch')

  await page.getByRole('button', { name: 'Back to home' }).click()
  await launchDay.openDemo(page)
  cockpit.menu('run-all')
  await expect(page.getByRole('status', { name: 'Probe run' })).toHaveText(
    '8 probes: 8 passed, 0 failed',
    { timeout: 20_000 },
  )

  cockpit.menu('find')
  await expect(page.getByRole('searchbox', { name: 'Search items' })).toBeFocused()
  cockpit.menu('show-shortcuts')
  await expect(page.getByRole('region', { name: 'Keyboard shortcuts' })).toBeVisible()

  await page.getByLabel('Release captain').fill('Ada')
  await page.getByRole('button', { name: 'Start launch session' }).click()
  await expect(page.getByRole('form', { name: 'Start a session' })).toHaveCount(0)
  cockpit.menu('new-session')
  await expect(page.getByLabel('Release captain')).toBeFocused()
  await page.getByRole('button', { name: 'Keep the current session' }).click()
  await expect(page.getByRole('form', { name: 'Start a session' })).toHaveCount(0)
})
