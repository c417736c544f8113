import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, launchDay, test } from './fixtures'

test("the item drawer shows the probe's definition, its latest evidence and the item's story", async ({
  cockpit,
}) => {
  const { page } = cockpit
  await launchDay.openDemo(page)
  await launchDay.startSession(page)
  await launchDay.runAllProbes(page)

  await page.locator('#item-health').getByText('Healthy, no pending migrations').click()
  const drawer = page.getByRole('complementary', { name: 'Details of health' })
  // The probe as readable text, its JSON behind a toggle.
  const definition = drawer.getByRole('region', { name: 'Probe definition' })
  await expect(definition.locator('.probe-text')).toHaveText(
    // Placeholders stay as written: the window is never sent a var's value.
    /^GET \$\{vars\.target\}\/health · expects status 200 · body\.checks\.db == "ok" · body\.checks\.migrations\.pending == 0 · every 15 min$/,
  )
  await expect(definition.locator('pre')).toHaveCount(0)
  await definition.getByRole('button', { name: 'Show JSON' }).click()
  await expect(definition.locator('pre')).toContainText('"kind": "http"')
  const evidence = drawer.getByRole('region', { name: 'Latest evidence' })
  await expect(evidence).toContainText(/GET http:\/\/127\.0\.0\.1:\d+\/health → HTTP 200/)
  // Each condition with the values it compared, passing ones included.
  await expect(evidence.getByRole('list', { name: 'Conditions' })).toContainText(
    '✓ body.checks.migrations.pending == 0 → 0 == 0',
  )
  await expect(evidence.getByRole('list', { name: 'Conditions' })).toContainText(
    '✓ status == 200 → 200 == 200',
  )
  await expect(drawer.getByRole('region', { name: 'History' })).toContainText('probe')

  await drawer.getByLabel('Add a note').fill('Checked with the on-call engineer')
  await drawer.getByRole('button', { name: 'Add note' }).click()
  await expect(drawer.getByRole('region', { name: 'Notes' })).toContainText(
    'Checked with the on-call engineer — Ada',
  )

  const file = join(cockpit.scratch, 'grafana.txt')
  writeFileSync(file, 'dashboard export\n')
  cockpit.nextOpenFile(file)
  await drawer.getByRole('button', { name: 'Attach a file…' }).click()
  // The attachment is named by its SHA-256 (of "dashboard export\n").
  await expect(drawer.getByRole('region', { name: 'Attachments' })).toContainText(
    'grafana.txt (17 bytes)',
  )

  await drawer.getByRole('button', { name: 'Close details' }).click()
  await expect(drawer).toHaveCount(0)
  await cockpit.screenshot('drawer-closed')
})

test('a waiver with an expiry shows in the drawer with when it expires', async ({ cockpit }) => {
  const { page } = cockpit
  await launchDay.openDemo(page)
  await launchDay.startSession(page)
  const item = page.locator('#item-customer-confirms')
  await item.locator('.item-title').click()
  const drawer = page.getByRole('complementary', { name: 'Details of customer-confirms' })
  await drawer.getByText('Waive…').click()
  await drawer.getByLabel('Reason').fill('Customer is on holiday; confirmed by email')
  await drawer.getByLabel('Expires').selectOption({ label: 'in 4 hours' })
  await drawer.getByRole('button', { name: 'Waive', exact: true }).click()
  await expect(item.locator('[data-status]')).toHaveAttribute('data-status', 'waived')
  const waiver = drawer.getByRole('region', { name: 'Waiver' })
  await expect(waiver).toContainText('Customer is on holiday; confirmed by email')
  await expect(waiver).toContainText('expires')
  await cockpit.screenshot('drawer-waiver')
})
