import type { Page } from '@playwright/test'
import { expect, launchDay, test } from './fixtures'

test.use({ viewport: { width: 1280, height: 800 } })

/**
 * The board answers "are we go?" without scrolling: readiness, the blocking counts, the roll call
 * and the decision controls are inside the 1280×800 viewport, and the page itself does not scroll.
 */
async function expectOneScreen(page: Page, decision = true) {
  const inView = [
    page.getByRole('region', { name: 'Readiness', exact: true }),
    page.getByRole('region', { name: 'Blocking items' }),
    page.getByRole('region', { name: 'Roll call' }),
  ]
  if (decision)
    inView.push(
      page.getByRole('button', { name: 'GO', exact: true }),
      page.getByRole('button', { name: 'NO-GO', exact: true }),
      page.getByRole('button', { name: 'Export…' }),
    )
  for (const locator of inView) {
    const box = await locator.boundingBox()
    expect(box, `${locator.toString()} is laid out`).not.toBeNull()
    expect(box!.x).toBeGreaterThanOrEqual(0)
    expect(box!.y).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width, `${locator.toString()} right edge`).toBeLessThanOrEqual(1280)
    expect(box!.y + box!.height, `${locator.toString()} bottom edge`).toBeLessThanOrEqual(800)
  }
  const page_ = await page.evaluate(() => ({
    height: document.scrollingElement!.scrollHeight,
    width: document.scrollingElement!.scrollWidth,
    inner: window.innerHeight,
    innerWidth: window.innerWidth,
  }))
  expect(page_.height).toBeLessThanOrEqual(page_.inner)
  expect(page_.width).toBeLessThanOrEqual(page_.innerWidth)
}

const count = (page: Page, state: string) =>
  page
    .getByRole('region', { name: 'Blocking items' })
    .locator(`[data-count="${state}"] .count-number`)

test.describe('with the pending-migrations fault', () => {
  test.use({ demoFaults: ['pending-migrations'] })

  test('after "Run all" one blocking item is red: counted, first under "needs attention", with its reason', async ({
    cockpit,
  }) => {
    const { page } = cockpit
    await launchDay.openDemo(page)
    await launchDay.startSession(page)
    await page.getByRole('button', { name: 'Run all probes' }).click()
    // The fault breaks health; on a loaded machine the latency probe may go red too.
    await expect(page.getByRole('status', { name: 'Probe run' })).toHaveText(
      /^8 probes: [67] passed, [12] failed$/,
      { timeout: 20_000 },
    )
    const failed = Number(
      /(\d) failed/.exec(
        (await page.getByRole('status', { name: 'Probe run' }).textContent())!,
      )![1],
    )
    await expect(count(page, 'fail')).toHaveText(String(failed))
    await expect(count(page, 'pass')).toHaveText(String(8 - failed))
    await expect(count(page, 'pending')).toHaveText('2')
    const list = page.getByRole('list', { name: 'Items' })
    // Failing first: the heading, then the red item, before any phase.
    await expect(list.locator('.group-heading').first()).toContainText(`Needs attention${failed}`)
    await expect(list.locator('[data-item-id]').first()).toHaveAttribute('data-item-id', 'health')
    const health = page.locator('#item-health')
    await expect(health.locator('[data-status]')).toHaveAttribute('data-status', 'fail')
    await expect(health.locator('.row-reason')).toHaveText(
      'body.checks.migrations.pending == 0 → 3 == 0',
    )
    await expect(health).toContainText('http')
    await expect(page.getByRole('region', { name: 'Readiness', exact: true })).toContainText(
      'health',
    )
    await expectOneScreen(page)
    await cockpit.screenshot('board-one-red')
  })
})

test.describe('the launch, start to GO', () => {
  test.use({ keychain: true })

  test('before a run, with waivers, signed and GO, presented, from the command menu and in the dark', async ({
    cockpit,
  }) => {
    test.setTimeout(120_000)
    const { page } = cockpit
    await launchDay.openDemo(page)
    await launchDay.startSession(page)
    const readiness = page.getByRole('region', { name: 'Readiness', exact: true })
    await expect(readiness.getByRole('status')).toHaveText('NOT READY')
    // The first three reasons, and how many more.
    await expect(
      readiness.getByRole('list', { name: 'Blocking reasons' }).locator('li'),
    ).toHaveCount(3)
    await expect(count(page, 'pending')).toHaveText('10')
    const roll = page.getByRole('region', { name: 'Roll call' })
    await expect(roll.locator('[data-role="Founder"]')).toContainText('missing')
    await expect(roll.locator('[data-role="Founder"]')).toContainText('not pinned')
    await expect(page.getByRole('button', { name: 'GO', exact: true })).toBeDisabled()
    await expect(page.getByRole('note')).toContainText('GO is disabled: ')
    await expectOneScreen(page)
    await cockpit.screenshot('board-before-run')

    await launchDay.runAllProbes(page)
    await page.locator('#item-canary-analysis .item-title').click()
    const drawer = page.getByRole('complementary', { name: 'Details of canary-analysis' })
    await drawer.getByText('Waive…').click()
    await drawer.getByLabel('Reason').fill('no Prometheus in the demo; canary watched by hand')
    await drawer.getByRole('button', { name: 'Waive', exact: true }).click()
    await expect(count(page, 'waived')).toHaveText('1')
    await drawer.getByRole('button', { name: /Close details/ }).click()
    await page.locator('#item-customer-confirms .item-title').click()
    await page.getByRole('button', { name: 'Mark customer-confirms pass' }).click()
    await expect(count(page, 'pass')).toHaveText('9')
    await page.keyboard.press('Escape')
    await expect(readiness.getByRole('status')).toHaveText('NOT READY')
    await expect(readiness).toContainText('has not signed the current digest')
    await expectOneScreen(page)
    await cockpit.screenshot('board-not-ready-waivers')

    // Both roles sign the current digest with a keychain key.
    const keyName = `board-e2e-${Date.now()}`
    await roll.getByRole('button', { name: 'Sign as Founder' }).click()
    const sign = page.getByRole('form', { name: 'Sign off' })
    await sign.getByLabel('Name or e-mail').fill('ada@example.com')
    await sign.getByLabel('Signing key').fill(keyName)
    await sign.getByRole('button', { name: 'New signing key' }).click()
    await expect(page.getByLabel('Public key')).toContainText('ssh-ed25519')
    await sign.getByRole('button', { name: 'Sign current digest' }).click()
    await expect(roll.locator('[data-role="Founder"]')).toContainText('signed')
    await sign.getByLabel('Role').selectOption('Customer Success')
    await sign.getByLabel('Name or e-mail').fill('grace@example.com')
    await sign.getByRole('button', { name: 'Sign current digest' }).click()
    await expect(roll.locator('[data-role="Customer Success"]')).toContainText('signed')
    await expect(roll).toContainText('2 of 2 signed')
    await page.getByRole('button', { name: 'Close sign off' }).click()
    await expect(readiness.getByRole('status')).toHaveText('READY')
    await page.getByLabel('Reason', { exact: true }).fill('all green, canary watched by hand')
    await page.getByRole('button', { name: 'GO', exact: true }).click()
    await expect(readiness.getByRole('status')).toHaveText('GO')
    await expect(readiness).toContainText('GO by Ada: all green, canary watched by hand')
    await expectOneScreen(page)
    await cockpit.screenshot('board-go')

    // The command menu: actions and items by name, from the keyboard.
    await page.keyboard.press('Control+k')
    const menu = page.getByRole('dialog', { name: 'Command menu' })
    await expect(menu.getByRole('combobox')).toBeFocused()
    await expect(menu.getByRole('option', { name: /Run all probes/ })).toBeVisible()
    await expectOneScreen(page)
    await cockpit.screenshot('board-command-menu')
    await page.keyboard.press('Escape')
    await expect(menu).toHaveCount(0)

    // Present mode: readiness, counts and roll call only, in large type.
    await page.getByRole('button', { name: 'Present' }).click()
    const present = page.getByRole('main', { name: 'Present mode' })
    await expect(present.getByRole('status')).toHaveText('GO')
    await expect(present.getByRole('button', { name: 'GO', exact: true })).toHaveCount(0)
    await expectOneScreen(page, false)
    await cockpit.screenshot('board-present')
    await page.keyboard.press('Escape')
    await expect(present).toHaveCount(0)

    // Dark theme, chosen in the window.
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark')
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(21, 23, 26)',
    )
    await expectOneScreen(page)
    await cockpit.screenshot('board-dark')
  })
})
