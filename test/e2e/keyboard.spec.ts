import { expect, test } from './fixtures'

test('the keyboard drives launch day: search, move, toggle, run, help', async ({ cockpit }) => {
  const { page } = cockpit
  await page.getByRole('button', { name: /Demo launch/ }).click()
  await page.getByLabel('Release captain').fill('Ada')
  await page.getByRole('button', { name: 'Start launch session' }).click()
  await expect(page.getByRole('region', { name: 'Readiness', exact: true })).toBeVisible()
  const shown = page.getByRole('status', { name: 'Items shown' })
  await expect(shown).toHaveText('10 of 10 items')

  // "/" searches; Esc leaves the field; j selects the first match; space toggles it.
  await page.keyboard.press('/')
  await expect(page.getByRole('searchbox', { name: 'Search items' })).toBeFocused()
  await page.keyboard.type('customer confirms')
  await expect(shown).toHaveText('1 of 10 items')
  await page.keyboard.press('Escape')
  await page.keyboard.press('j')
  const item = page.locator('#item-customer-confirms')
  await expect(item).toHaveAttribute('aria-current', 'true')
  await page.keyboard.press(' ')
  await expect(item.locator('[data-status]')).toHaveAttribute('data-status', 'pass')
  await page.keyboard.press(' ')
  await expect(item.locator('[data-status]')).toHaveAttribute('data-status', 'pending')

  // Back to every item: j/k move, r runs the selected item's probe alone.
  await page.getByRole('searchbox', { name: 'Search items' }).fill('')
  await page.getByRole('searchbox', { name: 'Search items' }).blur()
  await page.keyboard.press('k')
  await expect(page.locator('#item-job-roundtrip')).toHaveAttribute('aria-current', 'true')
  await page.locator('#item-health').getByText('Healthy, no pending migrations').click()
  await expect(page.locator('#item-health')).toHaveAttribute('aria-current', 'true')
  await page.keyboard.press('j')
  await expect(page.locator('#item-token-exchange')).toHaveAttribute('aria-current', 'true')
  await page.keyboard.press('r')
  await expect(page.getByRole('status', { name: 'Probe run' })).toHaveText(
    '1 probe: 1 passed, 0 failed',
    { timeout: 10_000 },
  )
  await expect(page.locator('#item-token-exchange [data-status]')).toHaveAttribute(
    'data-status',
    'pass',
  )

  // "Needing attention" hides what is done.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('attention')
  await expect(shown).toHaveText('9 of 10 items')

  await page.keyboard.press('?')
  const help = page.getByRole('region', { name: 'Keyboard shortcuts' })
  await expect(help).toContainText("run the selected item's probe")
  await cockpit.screenshot('keyboard-help')
  await page.keyboard.press('?')
  await expect(help).toHaveCount(0)
})
