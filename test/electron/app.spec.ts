import { _electron as electron, expect, test } from '@playwright/test'

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
      methods: ['listTemplates', 'loadPlan'],
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
