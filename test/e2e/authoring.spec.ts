import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startDemoTarget, type DemoTarget } from '../../src/main/demo/server'
import { expectAxeClean } from './axe'
import { expect, launchDay, test } from './fixtures'

const CHECKLIST = resolve('test/fixtures/authoring/go-live-checklist.md')
const HEALTH = 'get-health-returns-http-200-and-status-is-ok'
const MIGRATIONS = 'get-health-reports-checks-migrations-pending-is'
const UNAUTHENTICATED = 'unauthenticated-get-api-jobs-unknown-returns-401'

// Screenshots of the new views at 1280×800.
test.use({ viewport: { width: 1280, height: 800 } })

// The API the checklist describes: the demo target, on loopback, with faults switched by the test.
let target: DemoTarget
test.beforeAll(async () => {
  target = await startDemoTarget({ host: '127.0.0.1' })
})
test.afterAll(async () => {
  await new Promise((done) => target.server.close(done))
})
test.afterEach(() => target.setFaults([]))

type ImportingCockpit = { page: Page; nextOpenFile: (p: string | undefined) => void }

/** Import the checklist fixture through its preview. */
async function importChecklistFixture(cockpit: ImportingCockpit) {
  const { page } = cockpit
  cockpit.nextOpenFile(CHECKLIST)
  await page.getByRole('button', { name: 'Import checklist…' }).click()
  await page
    .getByRole('main', { name: 'Import preview' })
    .getByRole('button', { name: 'Open as plan' })
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilot go-live')
}

/** Import the checklist fixture (through its preview) and switch to the author view. */
async function openChecklistInAuthor(cockpit: ImportingCockpit) {
  const { page } = cockpit
  await importChecklistFixture(cockpit)
  await page.getByRole('button', { name: 'Author', exact: true }).click()
  const suggestions = page.getByRole('region', { name: 'Suggested checks' })
  await expect(suggestions.locator('li.suggestion')).toHaveCount(3)
  return suggestions
}

const row = (page: Page, id: string) => page.locator(`li.suggestion[data-item="${id}"]`)

test('a checklist becomes a live plan in the window: accept, edit, set a var, try, save, reopen, run', async ({
  cockpit,
}) => {
  test.setTimeout(180_000)
  const { page } = cockpit
  const suggestions = await openChecklistInAuthor(cockpit)

  // The words that decided a draft are marked, with what it still needs.
  const health = row(page, HEALTH)
  await expect(health.locator('mark').first()).toBeVisible()
  await expect(health.getByRole('list', { name: 'Still missing' }).first()).toContainText('api_url')

  // Keyboard: accept the first (a), move down (j) to the second and edit it (e).
  await health.focus()
  await page.keyboard.press('a')
  await expect(health).toHaveAttribute('data-decision', 'accepted')
  // Accepted, but api_url is still missing: its probe is a draft.
  await expect(health.locator('[data-check="draft"]')).toBeVisible()
  await page.keyboard.press('j')
  await expect(row(page, MIGRATIONS)).toHaveAttribute('aria-current', 'true')
  await cockpit.screenshot('authoring-suggested-checks')
  await page.keyboard.press('e')
  const editor = page.getByRole('complementary', { name: `Probe editor for ${MIGRATIONS}` })
  await expect(editor).toBeVisible()
  await expect(editor.getByRole('textbox', { name: 'Url (required)' })).toHaveValue(
    '${vars.api_url}/health',
  )

  // A condition with a mistake: the compile error is shown at its character; then fixed.
  await editor.getByRole('button', { name: '+ Add condition' }).click()
  const condition = editor.getByRole('combobox', { name: 'Condition 1' })
  await condition.fill('body.checks.migrations.pending == = 0')
  const error = editor.locator('.condition-error')
  await expect(error).toContainText('at character')
  await expect(error.locator('mark.error-at')).toHaveText('=')
  await expect(condition).toHaveAttribute('aria-invalid', 'true')
  await cockpit.screenshot('authoring-probe-editor-compile-error')
  await condition.fill('body.checks.migrations.pending == 0')
  await expect(error).toHaveCount(0)
  await editor.getByRole('button', { name: 'Save probe' }).click()
  await expect(editor).toBeHidden()
  await expect(row(page, MIGRATIONS)).toHaveAttribute('data-decision', 'accepted')

  // The third with the keyboard too.
  await row(page, UNAUTHENTICATED).focus()
  await page.keyboard.press('a')
  await expect(row(page, UNAUTHENTICATED)).toHaveAttribute('data-decision', 'accepted')
  await expect(suggestions.getByRole('status', { name: 'Suggestions pending' })).toHaveText(
    '0 of 3 suggestions to decide',
  )

  // Set the var: the drafts become ready.
  await page.getByRole('tab', { name: 'Vars & credentials' }).click()
  const apiUrl = page.getByRole('textbox', { name: 'api_url default' })
  await apiUrl.fill(target.url)
  await apiUrl.press('Enter')
  await expect(apiUrl).toHaveValue(target.url)
  await cockpit.screenshot('authoring-vars-panel')
  await page.getByRole('tab', { name: 'Items' }).click()
  const checks = page.getByRole('table', { name: 'Item checks' })
  await expect(checks.locator(`tr[data-item="${HEALTH}"] [data-check="ready"]`)).toBeVisible()

  // Try the edited probe: pass, with the condition's actual value; completion offers its names.
  await checks.getByRole('button', { name: `Edit probe… of ${MIGRATIONS}` }).click()
  await expect(editor).toBeVisible()
  await editor.getByRole('button', { name: '▶ Try' }).click()
  const tried = editor.getByRole('region', { name: 'Try result' })
  await expect(tried).toHaveAttribute('data-status', 'pass', { timeout: 15_000 })
  await expect(tried.getByRole('list', { name: 'Conditions tried' })).toContainText(
    'body.checks.migrations.pending == 0',
  )
  await condition.fill('body.checks.migrations.pending == 0 && bod')
  await expect(editor.getByRole('listbox', { name: 'Context names' })).toContainText('body')
  await condition.press('Escape')
  await condition.fill('body.checks.migrations.pending == 0')

  // With the demo fault, Try fails and shows the value it saw.
  target.setFaults(['pending-migrations'])
  await editor.getByRole('button', { name: '▶ Try' }).click()
  await expect(tried).toHaveAttribute('data-status', 'fail', { timeout: 15_000 })
  await expect(tried.getByRole('list', { name: 'Conditions tried' })).toContainText('3')
  await cockpit.screenshot('authoring-probe-editor-try')
  target.setFaults([])
  await editor.getByRole('button', { name: `Close probe editor for ${MIGRATIONS}` }).click()

  // Save as YAML through main's dialog.
  const saved = join(cockpit.scratch, 'pilot-go-live.yaml')
  cockpit.nextSaveFile(saved)
  await page.getByRole('button', { name: 'Save plan…' }).click()
  await expect(page.getByRole('status', { name: 'Save', exact: true })).toContainText(
    'pilot-go-live.yaml',
  )
  const yaml = readFileSync(saved, 'utf8')
  expect(yaml).toContain('body.checks.migrations.pending == 0')
  expect(yaml).toContain(target.url)

  // Reopen the saved plan, start a session and run every probe: the accepted three run.
  await page.getByRole('button', { name: 'Back to home' }).click()
  cockpit.nextOpenFile(saved)
  await page.getByRole('button', { name: 'Open plan or checklist…' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilot go-live')
  await launchDay.startSession(page)
  await launchDay.runAllProbes(page, '3 probes: 3 passed, 0 failed')
})

test('the author views pass axe in both themes', async ({ cockpit }) => {
  test.setTimeout(180_000)
  const { page } = cockpit
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    if (theme === 'dark') await page.getByRole('button', { name: 'Back to home' }).click()
    await openChecklistInAuthor(cockpit)
    await expectAxeClean(page, `suggested checks (${theme})`)
    await row(page, HEALTH).focus()
    await page.keyboard.press('e')
    const editor = page.getByRole('complementary', { name: `Probe editor for ${HEALTH}` })
    await expect(editor).toBeVisible()
    await editor.getByRole('combobox', { name: 'Condition 1' }).fill('status == ')
    await expect(editor.locator('.condition-error')).toBeVisible()
    await expectAxeClean(page, `probe editor with a compile error (${theme})`)
    if (theme === 'dark') await cockpit.screenshot('authoring-probe-editor-dark')
    // The first Esc closes the completions, the second the editor.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect(editor).toBeHidden()
    await page.getByRole('tab', { name: 'Vars & credentials' }).click()
    await expect(page.getByRole('table', { name: 'Plan vars' })).toBeVisible()
    await expectAxeClean(page, `vars panel (${theme})`)
    await page.getByRole('button', { name: 'Update from checklist…' }).click()
    await expect(page.getByRole('dialog', { name: 'Update from checklist' })).toBeVisible()
    await expectAxeClean(page, `update from checklist (${theme})`)
    await page.keyboard.press('Escape')
  }
})

test('Update from checklist… previews what the new checklist changes, then prunes and drafts as asked', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await openChecklistInAuthor(cockpit)
  await page.getByRole('button', { name: 'Update from checklist…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Update from checklist' })
  await dialog
    .getByLabel('or a checklist file (or drop one here)')
    .setInputFiles(resolve('test/fixtures/authoring/go-live-checklist-v2.md'))
  await expect(dialog.getByRole('region', { name: 'Added items' })).toContainText(
    'Unauthenticated GET /api/results returns 401',
  )
  await expect(dialog.getByRole('region', { name: 'Removed items' })).toContainText(
    'Support rota published for launch week',
  )
  await dialog.getByLabel('Remove the items the checklist no longer has').check()
  await dialog.getByRole('button', { name: 'Apply update' }).click()
  await expect(dialog).toBeHidden()
  // The new item waits under Suggested checks with its draft; the dropped one is gone.
  await expect(page.locator('li.suggestion')).toHaveCount(4)
  await expect(page.locator('li.suggestion').last()).toContainText('/api/results')
  await page.getByRole('tab', { name: 'Items' }).click()
  const checks = page.getByRole('table', { name: 'Item checks' })
  await expect(checks).not.toContainText('Support rota')
  await expect(page.getByRole('status', { name: 'Unsaved changes' })).toBeVisible()
})

test('a running session stays on its plan; the edited plan starts a new session once saved', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await importChecklistFixture(cockpit)
  await launchDay.startSession(page)
  const sessionHash = await page.getByLabel('Plan hash').textContent()
  await page.getByRole('button', { name: 'Author', exact: true }).click()
  await row(page, HEALTH).getByRole('button', { name: 'Accept (a)' }).click()
  await expect(row(page, HEALTH)).toHaveAttribute('data-decision', 'accepted')

  // The header follows the working copy; the banner says the session keeps its plan.
  await expect(page.getByLabel('Plan hash')).not.toHaveText(sessionHash ?? '')
  const banner = page.getByRole('status', { name: 'Running session' })
  await expect(banner).toContainText('The running session stays on its plan')
  const start = banner.getByRole('button', { name: 'Start a new session on the edited plan' })
  await expect(start).toBeDisabled()

  cockpit.nextSaveFile(join(cockpit.scratch, 'edited.yaml'))
  await page.getByRole('button', { name: 'Save plan…' }).click()
  await expect(page.getByRole('status', { name: 'Save', exact: true })).toContainText('edited.yaml')
  // Saving did not touch the session: the board still shows it on its plan.
  await page.getByRole('button', { name: 'Board', exact: true }).click()
  await expect(page.getByLabel('Plan hash')).toHaveText(sessionHash ?? '')
  await expect(page.getByRole('region', { name: 'Readiness', exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Author', exact: true }).click()
  await start.click()
  // The edited plan is open, with no session: the start form is back.
  await expect(page.getByLabel('Release captain')).toBeVisible()
  await expect(page.getByLabel('Plan hash')).not.toHaveText(sessionHash ?? '')
  await launchDay.startSession(page)
  await expect(page.getByRole('button', { name: 'Run all probes' })).toBeVisible()
})

test("main's refusal of a probe is shown next to the field it names", async ({ cockpit }) => {
  const { page } = cockpit
  await openChecklistInAuthor(cockpit)
  await row(page, HEALTH).focus()
  await page.keyboard.press('e')
  const editor = page.getByRole('complementary', { name: `Probe editor for ${HEALTH}` })
  const url = editor.getByRole('textbox', { name: 'Url (required)' })
  await url.fill('${vars.nowhere}/health')
  await editor.getByRole('button', { name: 'Save probe' }).click()
  const field = editor.locator('[data-field="url"]')
  await expect(field.locator('.field-error')).toContainText('nowhere')
  await expect(url).toHaveAttribute('aria-invalid', 'true')
  // Refused, so nothing was decided: the suggestion is still to decide.
  await expect(row(page, HEALTH)).toHaveAttribute('data-decision', 'pending')
  await url.fill('${vars.api_url}/health')
  await editor.getByRole('button', { name: 'Save probe' }).click()
  await expect(editor).toBeHidden()
  await expect(row(page, HEALTH)).toHaveAttribute('data-decision', 'accepted')
})

test('vars per environment, the environment selector, and a declared credential set from the panel', async ({
  cockpit,
}) => {
  const { page } = cockpit
  cockpit.nextOpenFile(resolve('test/fixtures/authoring/pilot-environments.yaml'))
  await page.getByRole('button', { name: 'Open plan or checklist…' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilot with environments')
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Command or item' }).fill('vars, environments')
  await page.keyboard.press('Enter')
  const vars = page.getByRole('table', { name: 'Plan vars' })
  await expect(vars.getByRole('columnheader', { name: /production/ })).toBeVisible()

  // A value for production only; the staging one stays.
  const production = vars.getByRole('textbox', { name: 'api_url in production' })
  await production.fill(target.url)
  await production.press('Enter')
  await expect(page.getByRole('status', { name: 'Unsaved changes' })).toBeVisible()
  await expect(vars.getByRole('textbox', { name: 'api_url in staging' })).toHaveValue(
    'http://127.0.0.1:9',
  )
  await page.getByRole('combobox', { name: 'Environment' }).selectOption('production')
  await expect(vars.getByRole('columnheader', { name: 'production (shown)' })).toBeVisible()
  await cockpit.screenshot('authoring-vars-environments')
  await expectAxeClean(page, 'vars panel with environments and a credential')

  // The credential the probe names: missing, with the items using it; Set… opens its form.
  const credentials = page.getByRole('table', { name: 'Plan credentials' })
  const pilot = credentials.locator('tr[data-credential="pilot_api"]')
  await expect(pilot).toContainText('missing')
  await expect(pilot).toContainText('health')
  await pilot.getByRole('button', { name: 'Set… pilot_api' }).click()
  const form = page.getByRole('form', { name: 'Credential' })
  await expect(form.getByLabel('Name')).toHaveValue('pilot_api')
  await page.getByRole('button', { name: 'Back' }).click()
  // Back on the plan, in the author view where it was.
  await expect(page.getByRole('table', { name: 'Plan credentials' })).toBeVisible()

  // From the board, an item's drawer opens its probe in the editor.
  await page.getByRole('button', { name: 'Board', exact: true }).click()
  await page.locator('#item-health .item-title').click()
  await page
    .getByRole('complementary', { name: 'Details of health' })
    .getByRole('button', { name: 'Edit probe…' })
    .click()
  const editor = page.getByRole('complementary', { name: 'Probe editor for health' })
  await expect(editor.getByRole('textbox', { name: 'Url (required)' })).toHaveValue(
    '${vars.api_url}/health',
  )
})

test('the probe editor picks a preset by searching, and its params become the form', async ({
  cockpit,
}) => {
  const { page } = cockpit
  await openChecklistInAuthor(cockpit)
  await page.getByRole('tab', { name: 'Items' }).click()
  await page.getByRole('button', { name: /^Add probe… of support-rota/ }).click()
  const editor = page.getByRole('complementary', { name: /^Probe editor for support-rota/ })
  await editor.getByRole('searchbox', { name: 'Find a kind or preset' }).fill('branch protection')
  const presets = editor.getByRole('list', { name: 'Presets' })
  await expect(presets.getByRole('listitem')).toHaveCount(1)
  await expect(presets).toContainText('Least permission: a fine-grained token')
  await presets.getByRole('button', { name: /Branch protection/ }).click()
  // The preset's params, required ones marked, its pattern checked as you type.
  const repo = editor.getByRole('textbox', { name: 'repo (required)' })
  await expect(repo).toBeVisible()
  await expect(editor.getByRole('textbox', { name: 'branch', exact: true })).toHaveAttribute(
    'placeholder',
    'main',
  )
  await repo.fill('not a repo')
  await expect(editor.locator('[data-field="params.repo"] .field-error')).toContainText(
    'does not match',
  )
  await repo.fill('acme/api')
  await expect(editor.locator('[data-field="params.repo"] .field-error')).toHaveCount(0)
  await editor.getByRole('button', { name: 'Save probe' }).click()
  // The check name and the credential are still required: nothing is sent until they are given.
  await expect(editor.locator('[data-field="params.check"] .field-error')).toHaveText('✕ required')
  await expect(editor.locator('[data-field="credential"] .field-error')).toHaveText('✕ required')
  await expectAxeClean(page, 'probe editor with a preset')
})
