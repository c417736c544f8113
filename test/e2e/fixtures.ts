import { test as base, expect, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { DemoFault } from '../../src/main/demo/server'
import { AppServices, createHandlers } from '../../src/main/ipc/handlers'
import { KeyringSecretStore } from '../../src/main/secrets/keyring-store'
import { startKeyringDaemon } from '../helpers/keyring'
import { attachLoopback } from './loopback'
import { serveRenderer } from '../helpers/serve-renderer'
import type { MenuCommand, Publish } from '../../src/shared/ipc'

export interface Cockpit {
  page: Page
  /** The next file the fake native "open" dialog returns (undefined = user cancels). */
  nextOpenFile: (path: string | undefined) => void
  /** The next path the fake native "save" dialog returns (undefined = user cancels). */
  nextSaveFile: (path: string | undefined) => void
  /** A directory of this test's own: sessions, the PKI, exported records. */
  scratch: string
  payloads: string[]
  screenshot: (name: string) => Promise<void>
  /** Choose an entry of the native menu (main pushes the command, as the shell's menu does). */
  menu: (command: MenuCommand) => void
  /** Console errors a test provokes on purpose (e.g. a CSP violation) are not failures. */
  allowConsoleError: (pattern: RegExp) => void
}

export const test = base.extend<
  { cockpit: Cockpit; demoFaults: DemoFault[]; keychain: boolean },
  { keyring: { ensure: () => Promise<string> } }
>({
  /** Faults for the demo target main starts in-process when the demo plan opens. */
  demoFaults: [[], { option: true }],
  /** Give the handlers the real OS keychain (gnome-keyring on a private D-Bus session). */
  keychain: [false, { option: true }],
  keyring: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // Started on first use only, then shared: libdbus reads the session address once per process.
      let daemon: Promise<{ address: string; stop: () => void }> | undefined
      await use({
        ensure: async () => {
          daemon ??= startKeyringDaemon()
          process.env.DBUS_SESSION_BUS_ADDRESS = (await daemon).address
          return `gonogo-e2e-${process.pid}`
        },
      })
      if (daemon) (await daemon).stop()
    },
    { scope: 'worker' },
  ],
  cockpit: async ({ page, demoFaults, keychain, keyring }, use, testInfo) => {
    const { url, server } = await serveRenderer()
    // Filled in once the loopback is attached (the handlers must exist first).
    const pushTo: { loopback?: Awaited<ReturnType<typeof attachLoopback>> } = {}
    let next: string | undefined
    let nextSave: string | undefined
    const scratch = mkdtempSync(join(tmpdir(), 'gonogo-e2e-'))
    const deps = {
      resourcesDir: resolve('resources'),
      chooseOpenFile: async () => next,
      sessionsDir: join(scratch, 'sessions'),
      chooseSaveFile: async () => nextSave,
      env: { ...process.env, GONOGO_PKI_DIR: join(scratch, 'pki') },
      demoFaults,
      // Pushes reach the page through the loopback, attached just below.
      publish: ((channel, payload) => pushTo.loopback?.publish(channel, payload)) as Publish,
      // The keyring fixture is only started (worker-wide) by tests that ask for the keychain.
      ...(keychain && { secretStore: new KeyringSecretStore(await keyring.ensure()) }),
    }
    const services = new AppServices(deps)
    const handlers = createHandlers(deps, services)
    pushTo.loopback = await attachLoopback(page, handlers)
    const { payloads } = pushTo.loopback
    const pageErrors: string[] = []
    const allowed: RegExp[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text())
    })
    await page.goto(url)
    await use({
      page,
      payloads,
      nextOpenFile: (p) => {
        next = p
      },
      nextSaveFile: (p) => {
        nextSave = p
      },
      scratch,
      menu: (command) => services.publish('push:menu-command', { command }),
      allowConsoleError: (re) => {
        allowed.push(re)
      },
      screenshot: async (name) => {
        await page.screenshot({
          path: join('test-results', 'screenshots', `${name}.png`),
          fullPage: true,
        })
      },
    })
    server.close()
    await services.dispose()
    rmSync(scratch, { recursive: true, force: true })
    const unexpected = pageErrors.filter((e) => !allowed.some((re) => re.test(e)))
    if (unexpected.length > 0)
      throw new Error(`renderer errors in ${testInfo.title}:\n${unexpected.join('\n')}`)
  },
})

/** The launch-day steps most specs start with, as a user does them. */
export const launchDay = {
  openDemo: async (page: Page) => {
    await page.getByRole('button', { name: /Demo launch/ }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Demo launch/)
  },
  startSession: async (page: Page, captain = 'Ada') => {
    await page.getByLabel('Release captain').fill(captain)
    await page.getByRole('button', { name: 'Start launch session' }).click()
    await expect(page.getByRole('region', { name: 'Readiness', exact: true })).toBeVisible()
  },
  runAllProbes: async (page: Page, summary = '8 probes: 8 passed, 0 failed') => {
    await page.getByRole('button', { name: 'Run all probes' }).click()
    await expect(page.getByRole('status', { name: 'Probe run' })).toHaveText(summary, {
      timeout: 20_000,
    })
  },
}

export { expect }
