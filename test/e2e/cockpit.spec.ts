import { resolve } from 'node:path'
import { expect, test } from './fixtures'

test('home lists the bundled templates', async ({ cockpit }) => {
  const { page } = cockpit
  await expect(page.getByRole('heading', { name: 'GoNoGo' })).toBeVisible()
  for (const name of [
    'SaaS launch day',
    'Mobile app store launch',
    'Assisted customer onboarding',
  ]) {
    await expect(page.getByRole('button', { name: new RegExp(name) })).toBeVisible()
  }
  await cockpit.screenshot('home')
})

test('opening a template shows its phases and items', async ({ cockpit }) => {
  const { page } = cockpit
  await page.getByRole('button', { name: /SaaS launch day/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'SaaS launch day' })).toBeVisible()
  const rail = page.getByRole('navigation', { name: 'Phases' })
  await expect(rail.getByRole('link')).toHaveCount(8)
  await expect(rail).toContainText('Pre-deploy verification')
  const health = page.locator('[data-item-id="health"]')
  await expect(health).toContainText('API health endpoint reports healthy')
  await expect(health).toContainText('http')
  await expect(page.locator('[data-item-id="load-test"]')).toContainText('non-blocking')
  await cockpit.screenshot('plan')
})

test('a Markdown checklist opened from the dialog is imported with owners, states and roles', async ({
  cockpit,
}) => {
  const { page } = cockpit
  cockpit.nextOpenFile(resolve('test/fixtures/checklists/status-table.md'))
  await page.getByRole('button', { name: 'Open plan or checklist…' }).click()
  // A checklist is previewed first (see import-preview.spec.ts); this one opens as it is.
  await page
    .getByRole('main', { name: 'Import preview' })
    .getByRole('button', { name: 'Open as plan' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Payments launch' })).toBeVisible()
  await expect(page.locator('[data-item-id="1.1"]')).toContainText('pass (imported)')
  await expect(page.locator('[data-item-id="1.1"]')).toContainText('Dana')
  const roll = page.getByRole('region', { name: 'Roll call' })
  for (const role of ['CTO', 'SRE Lead', 'Finance Lead'])
    await expect(roll.locator(`[data-role="${role}"]`)).toContainText('missing')
  await cockpit.screenshot('imported-checklist')
})

test('a broken plan shows each error with file, line and column', async ({ cockpit }) => {
  const { page } = cockpit
  const file = resolve('test/fixtures/plans/bad-blocking.yaml')
  cockpit.nextOpenFile(file)
  await page.getByRole('button', { name: 'Open plan or checklist…' }).click()
  const errors = page.getByRole('alert', { name: 'Plan errors' })
  await expect(errors).toContainText(`${file}:8:19`)
  await expect(errors).toContainText('phases[0].items[0].blocking: expected boolean, got "yes"')
  await cockpit.screenshot('plan-errors')
})

test('the renderer has no Node, no raw IPC and a strict CSP', async ({ cockpit }) => {
  const { page } = cockpit
  const probe = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    methods: Object.keys(window.gonogo).sort(),
    csp:
      document
        .querySelector('meta[http-equiv="Content-Security-Policy"]')
        ?.getAttribute('content') ?? '',
  }))
  expect(probe.require).toBe('undefined')
  expect(probe.process).toBe('undefined')
  // One method per invoke channel and one subscribe method per push channel: nothing generic.
  expect(probe.methods).toEqual([
    'addNote',
    'applyPlanUpdate',
    'attachEvidence',
    'authoringState',
    'canaryUpdates',
    'createSigningKey',
    'decide',
    'decideSuggestions',
    'declarePlanCredential',
    'deleteCredential',
    'exportRecord',
    'itemDetail',
    'listCredentials',
    'listPresets',
    'listTemplates',
    'loadPlan',
    'markItem',
    'onCanaryUpdate',
    'onMenuCommand',
    'onProbeResult',
    'onSessionChanged',
    'openEditedPlan',
    'previewChecklist',
    'previewPlanUpdate',
    'probeEvidence',
    'probeResults',
    'recentSessions',
    'resumeSession',
    'runCanary',
    'runProbes',
    'savePlan',
    'sessionActivity',
    'sessionView',
    'setAuthoringEnvironment',
    'setCredential',
    'setItemCheck',
    'setPlanVar',
    'signOff',
    'startSession',
    'stopCanary',
    'tryProbe',
    'waiveItem',
  ])

  expect(probe.csp).toContain("script-src 'self'")
  expect(probe.csp).toContain("connect-src 'none'")
  // The CSP really blocks network access from the renderer.
  cockpit.allowConsoleError(/Content Security Policy/)
  const fetched = await page.evaluate(() =>
    fetch('http://127.0.0.1:9/').then(
      () => 'fetched',
      (e: Error) => e.name,
    ),
  )
  expect(fetched).toBe('TypeError')
})
