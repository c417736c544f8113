import { _electron as electron, expect, test } from '@playwright/test'
import { invokeChannels, pushChannels } from '../../src/shared/ipc'

// Runs the real app (build output) in Electron. The test script runs this project only where an
// Electron binary is installed and otherwise reports these specs, by name, as not run.
test('electron: the window opens sandboxed and lists the templates', async () => {
  const app = await electron.launch({ args: ['.'] })
  try {
    const win = await app.firstWindow()
    await expect(win.getByRole('button', { name: /SaaS launch day/ })).toBeVisible()
    // Sandboxed and context-isolated: the page sees no Node and only the contract's methods.
    const seen = await win.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      methods: Object.keys(window.gonogo).sort(),
    }))
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      // Exactly the contract's methods: the preload builds its API from it and nothing else.
      methods: [...Object.values(invokeChannels), ...Object.values(pushChannels)]
        .map((c) => c.method)
        .sort(),
    })
  } finally {
    await app.close()
  }
})

test('electron: opening a template shows its phases', async () => {
  const app = await electron.launch({ args: ['.'] })
  try {
    const win = await app.firstWindow()
    await win.getByRole('button', { name: /SaaS launch day/ }).click()
    await expect(win.getByRole('navigation', { name: 'Phases' }).getByRole('link')).toHaveCount(8)
  } finally {
    await app.close()
  }
})

test('electron: a launch session on the demo plan — probes, a manual mark, GO refused, NO-GO', async () => {
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
    await win.locator('#item-customer-confirms .item-title').click()
    await win.getByRole('button', { name: 'Mark customer-confirms pass' }).click()
    const decide = win.getByRole('form', { name: 'Decide' })
    await decide.getByLabel('Reason').fill('canary not watched yet')
    await expect(decide.getByRole('button', { name: 'GO', exact: true })).toBeDisabled()
    await decide.getByRole('button', { name: 'NO-GO' }).click()
    await expect(banner.getByRole('status')).toHaveText('NO-GO')
  } finally {
    await app.close()
  }
})
