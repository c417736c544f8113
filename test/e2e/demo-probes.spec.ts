import { expect, test } from './fixtures'

test('the demo plan runs against the in-process demo target out of the box', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await page.getByRole('button', { name: /Demo launch/ }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Demo launch (assisted onboarding)' }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Run all probes' }).click()
  const summary = page.getByRole('status', { name: 'Probe run' })
  await expect(summary).toHaveText('8 probes: 8 passed, 0 failed', { timeout: 20_000 })
  await expect(page.locator('.row[data-state="pass"]')).toHaveCount(8)
  await page.locator('#item-health .item-title').click()
  await expect(
    page
      .getByRole('complementary', { name: 'Details of health' })
      .getByRole('region', { name: 'Latest evidence' }),
  ).toContainText('HTTP 200')
  await page.locator('#item-job-roundtrip .item-title').click()
  await expect(
    page
      .getByRole('complementary', { name: 'Details of job-roundtrip' })
      .getByLabel('Captured ids'),
  ).toContainText(/job: job_[0-9a-f]{8}/)
  // The manual item has no probe and no result.
  await expect(page.locator('#item-customer-confirms')).toHaveAttribute('data-state', 'pending')
  await expect(page.locator('#item-customer-confirms .row-age')).toHaveText('—')
  // Nothing that reached the renderer carries the credentials the probes used.
  const seen = cockpit.payloads.join('\n')
  expect(seen).not.toContain('demo_live_4f9c2e7a1b8d')
  expect(seen).not.toContain('demo_revoked_9a1b3c5d7e2f')
  await cockpit.screenshot('demo-run')
})

test.describe('with the pending-migrations fault', () => {
  test.use({ demoFaults: ['pending-migrations'] })

  test('the failing item shows the actual value in its reason', async ({ cockpit }) => {
    const { page } = cockpit
    await page.getByRole('button', { name: /Demo launch/ }).click()
    await page.getByRole('button', { name: 'Run all probes' }).click()
    await expect(page.getByRole('status', { name: 'Probe run' })).toHaveText(
      '8 probes: 7 passed, 1 failed',
      { timeout: 20_000 },
    )
    const health = page.locator('[data-item-id="health"]')
    await expect(health).toHaveAttribute('data-state', 'fail')
    await expect(health.locator('.row-reason')).toHaveText(
      'body.checks.migrations.pending == 0 → 3 == 0',
    )
    // The first red is named at once, and the drawer shows each condition as it was evaluated.
    await expect(page.getByRole('alert', { name: 'First blocking failure' })).toContainText(
      'health: body.checks.migrations.pending == 0 → 3 == 0',
    )
    await page.locator('#item-health .item-title').click()
    const conditions = page
      .getByRole('complementary', { name: 'Details of health' })
      .getByRole('list', { name: 'Conditions' })
    await expect(conditions).toContainText('✓ status == 200 → 200 == 200')
    await expect(conditions).toContainText('✗ body.checks.migrations.pending == 0 → 3 == 0')
    await cockpit.screenshot('demo-fault')
  })
})

test('the demo canary is blocked, naming where it looked, when no Prometheus is running', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await page.getByRole('button', { name: /Demo launch/ }).click()
  await expect(page.locator('#item-canary-analysis .row-kind')).toHaveText('canary')
  await page.locator('#item-canary-analysis .item-title').click()
  const canary = page.getByRole('complementary', { name: 'Details of canary-analysis' })
  await canary.getByRole('button', { name: 'Run canary analysis' }).click()
  const verdict = canary.getByRole('status')
  await expect(verdict).toHaveAttribute('data-verdict', 'blocked', { timeout: 15_000 })
  await expect(verdict.locator('.reason')).toHaveText(
    'metrics source unreachable at http://127.0.0.1:9090: connection refused by 127.0.0.1:9090 — is Prometheus running and reachable from here? Set the plan var `prometheus` to its URL (--var prometheus=URL).',
  )
  // It can be started again once Prometheus is up.
  await expect(canary.getByRole('button', { name: 'Run canary analysis' })).toBeEnabled()
  await cockpit.screenshot('demo-canary-blocked')
})
