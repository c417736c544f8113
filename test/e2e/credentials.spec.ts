import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures'

// The handlers behind this window use the real Secret Service (gnome-keyring on a private
// D-Bus session), as the app does.
test.use({ keychain: true })

const CANARY = 'ghp_E2E_CANARY_51f0c3a9d7e2b8'

test('credentials are written, listed by status and deleted; no value ever reaches the window', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await page.getByRole('button', { name: /SaaS launch day/ }).click()
  await page.getByRole('button', { name: 'Credentials…' }).click()
  const screen = page.getByRole('main', { name: 'Credentials' })
  const github = screen.locator('[data-credential="github"]')
  await expect(github).toContainText('missing')

  await github.getByRole('button', { name: 'Set…' }).click()
  const form = page.getByRole('form', { name: 'Credential' })
  await expect(form.getByLabel('Name')).toHaveValue('github')
  await form.getByLabel('Token', { exact: true }).fill(CANARY)
  await form.getByRole('button', { name: 'Store in keychain' }).click()
  await expect(page.getByRole('status')).toHaveText('stored `github` (token) in the OS keychain')
  await expect(github).toContainText('set (keychain)')
  await expect(form).toHaveCount(0)
  await cockpit.screenshot('credentials')

  await github.getByRole('button', { name: 'Delete…' }).click()
  await github.getByRole('button', { name: 'Delete github from the keychain' }).click()
  await expect(page.getByRole('status')).toHaveText('deleted `github`')
  await expect(github).toContainText('missing')

  expect(cockpit.payloads.length).toBeGreaterThan(3)
  for (const payload of cockpit.payloads) expect(payload).not.toContain(CANARY)
})

test('an App Store Connect key is read from its .p8 file; a wrong file is refused by name', async ({
  cockpit,
}) => {
  const { page } = cockpit
  const dir = mkdtempSync(join(tmpdir(), 'gonogo-p8-'))
  const p8 = join(dir, 'AuthKey_2X9R4HXF34.p8')
  const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
  writeFileSync(p8, pem)
  const notKey = join(dir, 'notes.p8')
  writeFileSync(notKey, 'hello, this is not a key\n')

  await page.getByRole('button', { name: 'Credentials…' }).click()
  await page.getByRole('button', { name: 'Add credential' }).click()
  const form = page.getByRole('form', { name: 'Credential' })
  await form.getByLabel('Name').fill('asc')
  await form.getByLabel('Kind').selectOption('appstore-connect')
  await form.getByLabel('Issuer ID').fill('69a6de70-03db-47e3-e053-5b8c7c11a4d1')
  await form.getByLabel('Key ID').fill('2X9R4HXF34')
  await form.getByLabel('Private key (.p8) file').setInputFiles(notKey)
  await expect(form.getByLabel('Private key (.p8)', { exact: true })).toHaveValue(
    'hello, this is not a key\n',
  )
  await form.getByRole('button', { name: 'Store in keychain' }).click()
  await expect(page.getByRole('alert')).toHaveText(
    'appstore-connect: privateKey: expected the .p8 file content (a PEM private key)',
  )

  await form.getByLabel('Private key (.p8) file').setInputFiles(p8)
  await form.getByRole('button', { name: 'Store in keychain' }).click()
  await expect(page.getByRole('status')).toHaveText(
    'stored `asc` (appstore-connect) in the OS keychain',
  )
  const row = page.locator('[data-credential="asc"]')
  await expect(row).toContainText('appstore-connect')
  await expect(row).toContainText('set (keychain)')
  const keyBody = pem.split('\n')[1] ?? 'unreachable'
  for (const payload of cockpit.payloads) expect(payload).not.toContain(keyBody)

  await row.getByRole('button', { name: 'Delete…' }).click()
  await row.getByRole('button', { name: 'Delete asc from the keychain' }).click()
  await expect(page.locator('[data-credential="asc"]')).toHaveCount(0)
})
