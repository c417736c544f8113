import { expect, launchDay, test } from './fixtures'

test('a recent session is listed on the home screen and continues where it stopped', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await launchDay.openDemo(page)
  await launchDay.startSession(page)
  await page.locator('#item-customer-confirms .item-title').click()
  await page.getByRole('button', { name: 'Mark customer-confirms pass' }).click()
  await expect(page.locator('#item-customer-confirms [data-status]')).toHaveAttribute(
    'data-status',
    'pass',
  )
  await page.getByRole('button', { name: 'Back to home' }).click()

  const recent = page.getByRole('region', { name: 'Recent sessions' })
  const entry = recent.getByRole('button', { name: /Continue Demo launch/ })
  await expect(entry).toContainText('Ada · 2 events')
  await expect(entry).toBeDisabled()
  await recent.getByLabel('Continue as').fill('Grace')
  await cockpit.screenshot('home-recent')
  await entry.click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Demo launch/)
  await expect(page.locator('#item-customer-confirms [data-status]')).toHaveAttribute(
    'data-status',
    'pass',
  )
  // The demo target of this run answers the resumed session's probes.
  await launchDay.runAllProbes(page)
  await expect(page.locator('#item-health [data-status]')).toHaveAttribute('data-status', 'pass')
})

test('a checklist dropped onto the window is imported; a broken plan shows file:line:column', async ({
  cockpit,
}) => {
  const { page } = cockpit
  const drop = (name: string, text: string) =>
    page.evaluate(
      ([name, text]) => {
        const data = new DataTransfer()
        data.items.add(new File([text], name, { type: 'text/plain' }))
        const target = document.querySelector('main')!
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true }))
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }))
      },
      [name, text] as const,
    )
  await expect(page.getByRole('main', { name: 'Home' })).toBeVisible()
  await drop('broken.yaml', 'name: Broken\nphases:\n  - id: one\n    items: 7\n')
  await expect(page.getByRole('alert')).toContainText('broken.yaml:4:')
  await drop('dropped.md', '# Dropped launch\n\n## Checks\n\n- [x] Backups verified (@dana)\n')
  // A dropped checklist is previewed first (see import-preview.spec.ts), then opened.
  await page.getByRole('button', { name: 'Open as plan' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dropped launch')
  await expect(page.getByText('Backups verified')).toBeVisible()
})
