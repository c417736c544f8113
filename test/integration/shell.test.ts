import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invokeChannels, MENU_COMMANDS, pushChannels } from '../../src/shared/ipc'
import { menuTemplate } from '../../src/main/menu'
import { secureWebPreferences } from '../../src/main/security'

// The Electron shell as built (out/main/index.js, out/preload/index.cjs), run under Node with a
// stand-in `electron` module (test/helpers/electron-shell): no Electron binary can be had here, so
// this is what proves the shell starts, wires every channel and exposes the contract.
const MAIN = resolve('out/main/index.js')
const PRELOAD = resolve('out/preload/index.cjs')
const RENDERER = resolve('out/renderer/index.html')
const scratch = mkdtempSync(join(tmpdir(), 'gonogo-shell-'))

interface ShellReport {
  [key: string]: unknown
  windows: number
  webPreferences: Record<string, unknown>
  handleCalls: Record<string, number>
  apiMethods: string[]
  menuLabels: string[]
  menuCommands: unknown[]
}

function runShell(mode: 'first' | 'second'): ShellReport {
  const userData = mkdtempSync(join(scratch, `${mode}-`))
  const r = spawnSync(
    process.execPath,
    [resolve('test/helpers/electron-shell/run-shell.mjs'), mode, userData],
    { encoding: 'utf8', timeout: 60_000 },
  )
  const line = r.stdout.split('\n').find((l) => l.startsWith('SHELL '))
  if (r.status !== 0 || !line) throw new Error(`the shell did not run: ${r.stderr || r.stdout}`)
  return JSON.parse(line.slice(6)) as ShellReport
}

let first: ShellReport
beforeAll(() => {
  // `npm test` builds first; on its own this test builds the app if the build is missing.
  if (![MAIN, PRELOAD, RENDERER].every((f) => existsSync(f))) {
    const built = spawnSync('npx', ['electron-vite', 'build'], { encoding: 'utf8' })
    if (built.status !== 0) throw new Error(`electron-vite build failed: ${built.stderr}`)
  }
  first = runShell('first')
}, 180_000)
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('the built Electron shell under a stand-in electron module', () => {
  it('waits for ready, then opens exactly one window with the secure web preferences', () => {
    expect(first.readyBeforeWhenReady).toBe(0)
    expect(first.windows).toBe(1)
    expect(first.webPreferences).toEqual(secureWebPreferences(PRELOAD))
    expect(first.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('loads the built renderer and preload, which exist in out/', () => {
    expect(first.loadedFile).toBe(RENDERER)
    expect(first.loadedFileExists).toBe(true)
    expect(first.webPreferences.preload).toBe(PRELOAD)
    expect(first.preloadExists).toBe(true)
  })

  it('registers exactly one handler for every invoke channel of the contract, and no other', () => {
    expect(Object.keys(first.handleCalls).sort()).toEqual(Object.keys(invokeChannels).sort())
    for (const [channel, calls] of Object.entries(first.handleCalls)) expect(calls, channel).toBe(1)
  })

  it('hardens the session and every web contents: permissions, navigation, window.open', () => {
    expect(first.permissionRequestAnswer).toBe(false)
    expect(first.permissionCheckAnswer).toBe(false)
    expect(first.navigationPrevented).toBe(true)
    expect(first.windowOpen).toEqual({ action: 'deny' })
    expect(first.openedExternal).toEqual(['https://example.com/docs'])
  })

  it("the sandboxed preload needs only require('electron') and exposes exactly the contract's methods", () => {
    expect(first.preloadRequired).toEqual(['electron'])
    expect(first.exposedKeys).toEqual(['gonogo'])
    const contract = [...Object.values(invokeChannels), ...Object.values(pushChannels)]
      .map((c) => c.method)
      .sort()
    expect(first.apiMethods).toEqual(contract)
    expect(first.apiFrozen).toBe(true)
  })

  it('a call round-trips from the preload to its handler; bad requests and foreign frames are refused', () => {
    expect(first.templates).toContain('demo')
    expect(first.badRequest).toMatch(/plan:load: invalid request/)
    expect(first.untrustedFrame).toMatch(/refused a request from an untrusted frame/)
  })

  it('builds the application menu from the template, and a menu item reaches the page', () => {
    const expected = menuTemplate(process.platform, () => undefined).map((i) => i.label ?? i.role)
    expect(first.menuLabels).toEqual(expected)
    expect(first.menuCommands).toHaveLength(1)
    expect(MENU_COMMANDS).toContain((first.menuCommands[0] as { command: string }).command)
  })

  it('a second instance restores and focuses the first window', () => {
    expect(first.afterSecondInstance).toEqual({ minimized: false, focusCalls: 1 })
  })

  it('quitting closes the window (saving its place) and stops the demo target', () => {
    expect(first.demoLoaded).toBe(true)
    expect(first.demoTarget).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(first.demoUpBeforeQuit).toBe(true)
    expect(first.quitEvents).toEqual(['before-quit', 'will-quit', 'quit'])
    expect(first.windowsAfterQuit).toBe(0)
    expect(first.demoUpAfterQuit).toBe(false)
    expect(first.windowStateSaved).toBe(true)
  })

  it('a second instance started while the first runs quits at once, without a window', () => {
    const second = runShell('second')
    expect(second.quitCalls).toBe(1)
    expect(second.windows).toBe(0)
    expect(second.handlers).toBe(0)
  })
})
