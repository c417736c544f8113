import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'

test.use({ keychain: true })

test('launch day in the window: probes, manual marks, a waiver, sign-offs, GO, and the signed record', async ({
  cockpit,
}) => {
  test.setTimeout(90_000)
  const { page } = cockpit
  await page.getByRole('button', { name: /Demo launch/ }).click()
  await page.getByLabel('Release captain').fill('Ada')
  await page.getByRole('button', { name: 'Start launch session' }).click()
  const banner = page.getByRole('region', { name: 'Readiness', exact: true })
  await expect(banner.getByRole('status')).toHaveText('NOT READY')
  await expect(banner.getByRole('list', { name: 'Blocking reasons' })).toContainText(
    'role `Founder` has not signed the current digest',
  )

  await page.getByRole('button', { name: 'Run all probes' }).click()
  await expect(page.getByRole('status', { name: 'Probe run' })).toHaveText(
    '8 probes: 8 passed, 0 failed',
    { timeout: 20_000 },
  )
  await expect(page.locator('#item-health [data-status]')).toHaveAttribute('data-status', 'pass')

  // Manual marks and waivers are made in the item's drawer.
  await page.locator('#item-customer-confirms .item-title').click()
  await page.getByRole('button', { name: 'Mark customer-confirms pass' }).click()
  await expect(page.locator('#item-customer-confirms [data-status]')).toHaveAttribute(
    'data-status',
    'pass',
  )
  // No Prometheus here: the canary item is waived, with a reason and the approving role.
  await page.locator('#item-canary-analysis .item-title').click()
  const canary = page.getByRole('complementary', { name: 'Details of canary-analysis' })
  await canary.getByText('Waive…').click()
  await canary.getByLabel('Reason').fill('no Prometheus in the demo; canary watched by hand')
  await canary.getByRole('button', { name: 'Waive', exact: true }).click()
  await expect(page.locator('#item-canary-analysis [data-status]')).toHaveAttribute(
    'data-status',
    'waived',
  )

  // GO stays disabled while anything blocks: here, the two missing sign-offs.
  const decide = page.getByRole('form', { name: 'Decide' })
  await decide.getByLabel('Reason').fill('all green, canary waived by the Founder')
  await expect(decide.getByRole('button', { name: 'GO', exact: true })).toBeDisabled()
  await expect(decide.getByRole('note')).toHaveText(
    'GO is disabled: role `Founder` has not signed the current digest (and 1 more blocker)',
  )

  const roll = page.getByRole('region', { name: 'Roll call' })
  await roll.getByRole('button', { name: 'Sign as Founder' }).click()
  const signForm = page.getByRole('form', { name: 'Sign off' })
  const keyName = `ada-e2e-${Date.now()}`
  await signForm.getByLabel('Name or e-mail').fill('ada@example.com')
  await signForm.getByLabel('Signing key').fill(keyName)
  await signForm.getByRole('button', { name: 'New signing key' }).click()
  await expect(page.getByLabel('Public key')).toContainText(/ssh-ed25519 AAAA\S+ ada@example\.com/)
  const publicKey = /ssh-ed25519 AAAA\S+/.exec(
    (await page.getByLabel('Public key').textContent()) ?? '',
  )![0]
  await signForm.getByRole('button', { name: 'Sign current digest' }).click()
  await expect(roll.locator('[data-role="Founder"]')).toContainText('signed')
  // The demo plan pins nobody: the roll call says so.
  await expect(roll.locator('[data-role="Founder"]')).toContainText('not pinned')
  await signForm.getByLabel('Role').selectOption('Customer Success')
  await signForm.getByLabel('Name or e-mail').fill('grace@example.com')
  await signForm.getByRole('button', { name: 'Sign current digest' }).click()
  await expect(roll.locator('[data-role="Customer Success"]')).toContainText('signed')
  await expect(banner.getByRole('status')).toHaveText('READY')

  await decide.getByRole('button', { name: 'GO', exact: true }).click()
  await expect(banner.getByRole('status')).toHaveText('GO')
  await expect(banner).toContainText('GO by Ada: all green, canary waived by the Founder')
  await cockpit.screenshot('session-go')

  const pdf = join(cockpit.scratch, 'launch-record.pdf')
  cockpit.nextSaveFile(pdf)
  await page.getByRole('button', { name: 'Export…' }).click()
  await expect(page.getByRole('status', { name: 'Export' })).toContainText(pdf, {
    timeout: 30_000,
  })
  // The verifier's own allowed_signers: the key they saw Ada and Grace sign with.
  const signers = join(cockpit.scratch, 'verifier.allowed_signers')
  writeFileSync(signers, `ada@example.com,grace@example.com ${publicKey}\n`)
  const verified = spawnSync(
    process.execPath,
    [
      'bin/gonogo.mjs',
      'verify',
      pdf,
      '--trust',
      join(cockpit.scratch, 'pki', 'gonogo-root-ca.pem'),
      '--allowed-signers',
      signers,
    ],
    { encoding: 'utf8' },
  )
  expect(verified.stdout).toContain('✓ GO with every role signed off on the recorded state')
  expect(verified.stdout.trim().endsWith('record verified')).toBe(true)
  // Private keys never reach the renderer.
  expect(cockpit.payloads.join('\n')).not.toContain('PRIVATE KEY')
})
