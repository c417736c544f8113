// A stand-in for the `electron` module, for loading the built shell (out/main/index.js) and preload
// (out/preload/index.cjs) under plain Node where no Electron binary exists. It behaves as Electron's
// documented API does for the parts the shell uses: app lifecycle (whenReady, single-instance lock,
// second-instance, the quit sequence before-quit → window close → will-quit → quit),
// `web-contents-created` for every window, ipcMain.handle refusing a second handler for a channel,
// ipcRenderer.invoke reaching it with the sender's frame and the result structured-cloned,
// webContents.send reaching ipcRenderer listeners, contextBridge exposing one API per key.
// Everything the shell does to it is recorded in `fake` for the test to read.
import { EventEmitter } from 'node:events'

/** What the shell did, and the knobs a test turns before loading it. */
export const fake = {
  /** What `app.requestSingleInstanceLock()` answers (false: another instance holds it). */
  singleInstanceLock: true,
  userData: '',
  appPath: process.cwd(),
  quitCalls: 0,
  quitEvents: [],
  /** Channel → number of `ipcMain.handle` registrations attempted. */
  handleCalls: new Map(),
  handlers: new Map(),
  applicationMenu: undefined,
  openedExternal: [],
  permissionRequestHandler: undefined,
  permissionCheckHandler: undefined,
  readyResolve: undefined,
}

class FakeApp extends EventEmitter {
  isPackaged = false
  #ready = new Promise((resolve) => (fake.readyResolve = resolve))

  whenReady() {
    return this.#ready
  }
  requestSingleInstanceLock() {
    return fake.singleInstanceLock
  }
  getPath(name) {
    if (name !== 'userData') throw new Error(`fake electron: app.getPath('${name}') not modelled`)
    return fake.userData
  }
  getAppPath() {
    return fake.appPath
  }
  /** Electron: before-quit, then every window closes, then will-quit (preventable), then quit. */
  quit() {
    fake.quitCalls++
    let prevented = false
    const event = { preventDefault: () => (prevented = true) }
    fake.quitEvents.push('before-quit')
    this.emit('before-quit', event)
    if (prevented) return
    for (const win of BrowserWindow.getAllWindows()) win.close()
    fake.quitEvents.push('will-quit')
    this.emit('will-quit', event)
    if (prevented) return
    fake.quitEvents.push('quit')
    this.emit('quit', event, 0)
  }
}
export const app = new FakeApp()

/** The renderer side of one window: its ipcRenderer listeners and what its preload exposed. */
class RendererWorld {
  listeners = new EventEmitter()
  exposed = new Map()
}

class WebContents extends EventEmitter {
  #destroyed = false
  windowOpenHandler = undefined
  /** The page's main frame; its URL is what the page loaded. */
  mainFrame = { url: '' }
  world = new RendererWorld()
  sent = []

  constructor(session) {
    super()
    this.session = session
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  send(channel, ...args) {
    if (this.#destroyed) throw new Error('fake electron: send on a destroyed webContents')
    this.sent.push(channel)
    // Arguments cross the process boundary by structured clone.
    this.world.listeners.emit(channel, { sender: undefined }, ...structuredClone(args))
  }
  isDestroyed() {
    return this.#destroyed
  }
  destroy() {
    this.#destroyed = true
    this.emit('destroyed')
  }
}

const defaultSession = {
  setPermissionRequestHandler: (handler) => (fake.permissionRequestHandler = handler),
  setPermissionCheckHandler: (handler) => (fake.permissionCheckHandler = handler),
}
export const session = { defaultSession }

const windows = []

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows.filter((w) => !w.isDestroyed())
  }

  #destroyed = false
  #minimized = false
  #maximized = false
  visible = false
  focusCalls = 0
  loadedFile = undefined

  constructor(options = {}) {
    super()
    this.options = structuredClone(options)
    this.webContents = new WebContents(defaultSession)
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width ?? 800,
      height: options.height ?? 600,
    }
    windows.push(this)
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents)
  }
  async loadFile(path) {
    this.loadedFile = path
    this.webContents.mainFrame.url = new URL(`file://${path}`).href
    queueMicrotask(() => this.emit('ready-to-show'))
  }
  show() {
    this.visible = true
  }
  focus() {
    this.focusCalls++
  }
  minimize() {
    this.#minimized = true
  }
  restore() {
    this.#minimized = false
  }
  isMinimized() {
    return this.#minimized
  }
  maximize() {
    this.#maximized = true
  }
  isMaximized() {
    return this.#maximized
  }
  getNormalBounds() {
    return { ...this.bounds }
  }
  isDestroyed() {
    return this.#destroyed
  }
  /** Electron: 'close' (preventable), then the window and its contents are destroyed, 'closed'. */
  close() {
    if (this.#destroyed) return
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (prevented) return
    this.#destroyed = true
    this.webContents.destroy()
    this.emit('closed')
  }
}

export const ipcMain = {
  handle(channel, listener) {
    fake.handleCalls.set(channel, (fake.handleCalls.get(channel) ?? 0) + 1)
    if (fake.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    fake.handlers.set(channel, listener)
  },
  removeHandler(channel) {
    fake.handlers.delete(channel)
  },
}

/** The `electron` module as a sandboxed preload of `contents` sees it. */
export function rendererElectron(contents) {
  const world = contents.world
  const ipcRenderer = {
    async invoke(channel, ...args) {
      const handler = fake.handlers.get(channel)
      if (!handler)
        throw new Error(
          `Error invoking remote method '${channel}': No handler registered for '${channel}'`,
        )
      const event = { sender: contents, senderFrame: contents.mainFrame }
      try {
        return structuredClone(await handler(event, ...structuredClone(args)))
      } catch (e) {
        throw new Error(`Error invoking remote method '${channel}': ${e}`, { cause: e })
      }
    },
    on(channel, listener) {
      world.listeners.on(channel, listener)
      return ipcRenderer
    },
    removeListener(channel, listener) {
      world.listeners.removeListener(channel, listener)
      return ipcRenderer
    },
  }
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (world.exposed.has(key))
        throw new Error(`Cannot bind an API on top of an existing property on the window object`)
      world.exposed.set(key, api)
    },
  }
  return { ipcRenderer, contextBridge }
}

export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true, filePath: undefined }),
}

export const Menu = {
  buildFromTemplate: (template) => ({ items: template }),
  setApplicationMenu: (menu) => (fake.applicationMenu = menu),
}

export class Notification {
  static isSupported() {
    return false
  }
  constructor(options) {
    this.options = options
  }
  show() {}
}

export const screen = {
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
}

export const shell = {
  openExternal: async (url) => void fake.openedExternal.push(url),
}

export const nativeTheme = new (class extends EventEmitter {
  shouldUseDarkColors = false
  themeSource = 'system'
})()

export default {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  Notification,
  screen,
  session,
  shell,
}
