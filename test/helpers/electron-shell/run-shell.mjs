// Runs the built Electron shell under Node with the stand-in `electron`, drives it as Electron and
// a user would, and prints what happened as one `SHELL {json}` line for
// test/integration/shell.test.ts to check. Usage: node run-shell.mjs first|second USERDATA_DIR
import { existsSync, readFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { register } from 'node:module'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import vm from 'node:vm'

const [mode, userData] = process.argv.slice(2)
register('./hooks.mjs', import.meta.url)
const electron = await import('electron')
const { app, BrowserWindow, fake, rendererElectron } = electron
fake.userData = userData
fake.singleInstanceLock = mode !== 'second'

const out = resolve('out')
const report = { mode }
const until = async (what, ok, ms = 10_000) => {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
/** Whether something accepts TCP connections at `url` (the demo target). */
const listening = (url) =>
  new Promise((done) => {
    const { hostname, port } = new URL(url)
    const socket = createConnection({ host: hostname, port: Number(port) })
    socket.once('connect', () => done(socket.end() && true))
    socket.once('error', () => done(false))
  })

await import(pathToFileURL(resolve(out, 'main/index.js')).href)

if (mode === 'second') {
  // Another instance holds the lock: this one quits before it is ready, without a window.
  fake.readyResolve()
  await new Promise((r) => setTimeout(r, 100))
  report.quitCalls = fake.quitCalls
  report.windows = BrowserWindow.getAllWindows().length
  report.handlers = fake.handlers.size
  console.log(`SHELL ${JSON.stringify(report)}`)
  process.exit(0)
}

report.readyBeforeWhenReady = BrowserWindow.getAllWindows().length
fake.readyResolve()
await until('the window', () => BrowserWindow.getAllWindows().length > 0)
await until('the window to show', () => BrowserWindow.getAllWindows()[0].visible)
const [win] = BrowserWindow.getAllWindows()
report.windows = BrowserWindow.getAllWindows().length
report.webPreferences = win.options.webPreferences
report.loadedFile = win.loadedFile
report.loadedFileExists = existsSync(win.loadedFile)
report.preloadExists = existsSync(win.options.webPreferences.preload)
report.outDir = out
report.handleCalls = Object.fromEntries(fake.handleCalls)
report.permissionRequestAnswer = await new Promise((done) =>
  fake.permissionRequestHandler(win.webContents, 'media', done),
)
report.permissionCheckAnswer = fake.permissionCheckHandler(win.webContents, 'notifications')
report.windowOpen = win.webContents.windowOpenHandler({ url: 'https://example.com/docs' })
report.openedExternal = [...fake.openedExternal]
let navigationPrevented = false
win.webContents.emit(
  'will-navigate',
  { preventDefault: () => (navigationPrevented = true) },
  'https://evil.example',
)
report.navigationPrevented = navigationPrevented

// The preload, as Electron runs a sandboxed one: its own context, `require` that knows only
// 'electron', no Node globals.
const preloadSource = readFileSync(win.options.webPreferences.preload, 'utf8')
const module = { exports: {} }
const required = []
const sandbox = vm.createContext({
  module,
  exports: module.exports,
  require: (id) => {
    required.push(id)
    if (id === 'electron') return rendererElectron(win.webContents)
    throw new Error(`module not found: ${id}`)
  },
})
vm.runInContext(preloadSource, sandbox, { filename: 'index.cjs' })
report.preloadRequired = required
report.exposedKeys = [...win.webContents.world.exposed.keys()]
const api = win.webContents.world.exposed.get('gonogo')
report.apiMethods = Object.keys(api ?? {}).sort()
report.apiFrozen = Object.isFrozen(api)

// A call round-trips through ipcRenderer.invoke → ipcMain handler → the handler table.
const templates = await api.listTemplates({})
report.templates = templates.map((t) => t.id)
// A bad request is refused by the contract's schema in main, as one clear error.
report.badRequest = await api.loadPlan({ source: 'nowhere' }).then(
  () => 'accepted',
  (e) => String(e.message),
)
// A frame that is not the app's page is refused.
const realUrl = win.webContents.mainFrame.url
win.webContents.mainFrame.url = 'https://evil.example/'
report.untrustedFrame = await api.listTemplates({}).then(
  () => 'accepted',
  (e) => String(e.message),
)
win.webContents.mainFrame.url = realUrl

// The menu: built from the template, and a menu item's click reaches the page as a push.
const menu = fake.applicationMenu
report.menuLabels = (menu?.items ?? []).map((i) => i.label ?? i.role)
const commands = []
const unsubscribe = api.onMenuCommand((payload) => commands.push(payload))
const clickable = (menu?.items ?? [])
  .flatMap((i) => (Array.isArray(i.submenu) ? i.submenu : []))
  .filter((i) => typeof i.click === 'function')
clickable[0]?.click()
await until('the menu command push', () => commands.length > 0, 2000).catch(() => undefined)
report.menuCommands = commands
unsubscribe()

// A second instance: Electron tells the first, which restores and focuses its window.
win.minimize()
app.emit('second-instance', {}, ['gonogo'], process.cwd())
report.afterSecondInstance = { minimized: win.isMinimized(), focusCalls: win.focusCalls }

// The demo plan starts the in-process demo target; quitting the app stops it.
const loaded = await api.loadPlan({ source: 'template', id: 'demo' })
report.demoLoaded = loaded.ok
const target = loaded.ok ? loaded.value.vars.target : undefined
report.demoTarget = target
report.demoUpBeforeQuit = target ? await listening(target) : false
app.quit()
report.quitEvents = [...fake.quitEvents]
report.windowsAfterQuit = BrowserWindow.getAllWindows().length
await new Promise((r) => setTimeout(r, 300))
report.demoUpAfterQuit = target ? await listening(target) : false
// Closing the window saved where it was.
report.windowStateSaved = existsSync(join(userData, 'window.json'))
console.log(`SHELL ${JSON.stringify(report)}`)
process.exit(0)
