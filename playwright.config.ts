import { defineConfig } from '@playwright/test'

export const CHROMIUM_PATH = process.env.GONOGO_CHROMIUM ?? '/usr/bin/chromium'

// Renderer e2e runs in Debian's Chromium, wired to the real main-process handlers through a
// test-only loopback transport (test/e2e/loopback.ts). Electron specs need the Electron binary.
export default defineConfig({
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  workers: 1,
  forbidOnly: true,
  reporter: [['list']],
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e',
      use: {
        viewport: { width: 1280, height: 820 },
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-gpu',
            '--no-first-run',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testDir: 'test/electron' },
  ],
})
