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
  await expect(drawer.getByRole('region', { name: 'Probe definition' })).toContainText('/health')
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
  await item.getByText('Waive…').click()
  await item.getByLabel('Reason').fill('Customer is on holiday; confirmed by email')
  await item.getByLabel('Expires').selectOption({ label: 'in 4 hours' })
  await item.getByRole('button', { name: 'Waive' }).click()
  await expect(item.locator('[data-status]')).toHaveAttribute('data-status', 'waived')
  await item.locator('.item-title').click()
  const waiver = page
    .getByRole('complementary', { name: 'Details of customer-confirms' })
    .getByRole('region', { name: 'Waiver' })
  await expect(waiver).toContainText('Customer is on holiday; confirmed by email')
  await expect(waiver).toContainText('expires')
  await cockpit.screenshot('drawer-waiver')
})
