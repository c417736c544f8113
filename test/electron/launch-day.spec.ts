import { _electron as electron, expect, test } from '@playwright/test'

// The launch-day path in the real app (build output), as the Chromium e2e runs it through the
// loopback transport. Runs where an Electron binary exists; reported by name as not run elsewhere.
test('electron: launch day on the demo plan — run all probes, mark, start a session, see the banner', async () => {
  const app = await electron.launch({ args: ['.'] })
  try {
    const win = await app.firstWindow()
    await win.getByRole('button', { name: /Demo launch/ }).click()
    await win.getByLabel('Release captain').fill('Ada')
    await win.getByRole('button', { name: 'Start launch session' }).click()
    const banner = win.getByRole('region', { name: 'Readiness', exact: true })
    await expect(banner.getByRole('status')).toHaveText('NOT READY')
    await win.getByRole('button', { name: 'Run all probes' }).click()
    await expect(win.getByRole('status', { name: 'Probe run' })).toHaveText(
      '8 probes: 8 passed, 0 failed',
      { timeout: 20_000 },
    )
    await win.getByRole('button', { name: 'Mark customer-confirms pass' }).click()
    await expect(win.locator('#item-customer-confirms [data-status]')).toHaveAttribute(
      'data-status',
      'pass',
    )
    // GO stays refused while roles have not signed.
    await expect(win.getByRole('button', { name: 'GO', exact: true })).toBeDisabled()
  } finally {
    await app.close()
  }
})
