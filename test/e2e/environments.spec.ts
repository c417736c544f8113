import { expect, test } from './fixtures'

test('a plan with environments asks which one a session runs in, and the session shows it', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await page.getByRole('button', { name: /SaaS launch day/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/SaaS launch day/)
  await page.getByRole('textbox', { name: 'Release captain' }).fill('Ada')
  const start = page.getByRole('button', { name: 'Start launch session' })
  // Two environments: nobody starts until one is chosen.
  await expect(start).toBeDisabled()
  const picker = page.getByRole('combobox', { name: 'Environment' })
  await expect(picker.getByRole('option')).toHaveText(['choose…', 'staging', 'production'])
  await picker.selectOption('staging')
  await start.click()
  await expect(page.getByRole('region', { name: 'Readiness', exact: true })).toBeVisible()
  await expect(page.getByLabel('Session environment')).toHaveText('Environment: staging')
})

test('a plan without environments starts as before, with no picker', async ({ cockpit }) => {
  const { page } = cockpit
  await page.getByRole('button', { name: /Demo launch/ }).click()
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveCount(0)
  await page.getByRole('textbox', { name: 'Release captain' }).fill('Ada')
  await page.getByRole('button', { name: 'Start launch session' }).click()
  await expect(page.getByRole('region', { name: 'Readiness', exact: true })).toBeVisible()
  await expect(page.getByLabel('Session environment')).toHaveCount(0)
})
