import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, launchDay, test } from './fixtures'

function sshKeygen(args: string[]) {
  const r = spawnSync('ssh-keygen', args, { encoding: 'utf8' })
  if (r.error) throw new Error('this test needs ssh-keygen: apt-get install openssh-client')
  if (r.status !== 0) throw new Error(`ssh-keygen ${args.join(' ')}: ${r.stderr}`)
}

test('a sign-off made elsewhere with ssh-keygen is imported; one over another digest is refused', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await launchDay.openDemo(page)
  await launchDay.startSession(page)
  const key = join(cockpit.scratch, 'id_grace')
  sshKeygen(['-q', '-t', 'ed25519', '-N', '', '-C', 'grace@example.com', '-f', key])

  const roll = page.getByRole('region', { name: 'Roll call' })
  await roll.getByRole('button', { name: 'Sign as Customer Success' }).click()
  const panel = page.getByRole('complementary', { name: 'Sign off' })
  await panel.getByText('Sign with your own SSH key instead').click()
  const command = await panel.getByLabel('Signing command').textContent()
  const digest = /printf '%s\\n' ([0-9a-f]{64})/.exec(command ?? '')?.[1]
  expect(digest).toMatch(/^[0-9a-f]{64}$/)
  expect(command).toContain('-n gonogo-launch-record')

  // Signed over something else: refused, and nothing is recorded.
  const wrong = join(cockpit.scratch, 'wrong.txt')
  writeFileSync(wrong, `${'0'.repeat(64)}\n`)
  sshKeygen(['-Y', 'sign', '-f', key, '-n', 'gonogo-launch-record', wrong])
  const form = panel.getByRole('form', { name: 'Sign off' })
  await form.getByLabel('Role').selectOption('Customer Success')
  await form.getByLabel('Name or e-mail').fill('grace@example.com')
  cockpit.nextOpenFile(`${wrong}.sig`)
  await form.getByRole('button', { name: 'Import signature…' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'refused' })).toContainText(
    'refused: the signature does not verify',
  )
  await expect(roll.locator('[data-role="Customer Success"]')).toContainText('missing')

  // Signed over the digest the window shows: accepted, the role is current.
  const file = join(cockpit.scratch, 'digest.txt')
  writeFileSync(file, `${digest}\n`)
  sshKeygen(['-Y', 'sign', '-f', key, '-n', 'gonogo-launch-record', file])
  cockpit.nextOpenFile(`${file}.sig`)
  await form.getByRole('button', { name: 'Import signature…' }).click()
  await expect(roll.locator('[data-role="Customer Success"]')).toContainText('signed')
  await expect(roll.locator('[data-role="Customer Success"]')).toContainText('grace@example.com')
  await cockpit.screenshot('signoff-imported')
})

test('a phase runs on its own from its heading', async ({ cockpit }) => {
  const { page } = cockpit
  await launchDay.openDemo(page)
  await page.getByRole('button', { name: 'Run phase: Access control (4 probes)' }).click()
  await expect(page.getByRole('status', { name: 'Probe run' })).toHaveText(
    '4 probes: 4 passed, 0 failed',
    { timeout: 20_000 },
  )
  await expect(page.locator('#item-health')).toHaveAttribute('data-state', 'pending')
  await expect(page.locator('#item-health .row-age')).toHaveText('—')
})
