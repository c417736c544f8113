import { _electron as electron, expect, test } from '@playwright/test'

// Runs the real app (build output) in Electron. The test script runs this project only where an
// Electron binary is installed and otherwise reports these specs, by name, as not run.
test('electron: the window opens sandboxed and lists the templates', async () => {
  const app = await electron.launch({ args: ['.'] })
  try {
    const win = await app.firstWindow()
    await expect(win.getByRole('button', { name: /SaaS launch day/ })).toBeVisible()
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]
      return w?.webContents.getLastWebPreferences()
    })
    expect(prefs?.sandbox).toBe(true)
    expect(prefs?.contextIsolation).toBe(true)
    expect(prefs?.nodeIntegration).toBe(false)
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
