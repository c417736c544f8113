import { app, BrowserWindow, dialog, Menu, Notification, screen, session, shell } from 'electron'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Publish } from '../shared/ipc'
import { bindHandlersToIpc } from './ipc/bind-electron'
import { menuTemplate } from './menu'
import { AppServices, createHandlers, type OpenPurpose, type SavePurpose } from './ipc/handlers'
import { KeyringSecretStore } from './secrets/keyring-store'
import { hardenContents, hardenSession } from './harden'
import { secureWebPreferences } from './security'
import { DEFAULT_SIZE, loadWindowState, saveWindowState } from './window-state'

// The app shell: window, security handlers and IPC binding. Everything else lives in modules that
// do not import Electron, so it runs (and is tested) under plain Node.

const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url))
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
const appUrl = pathToFileURL(rendererIndex).href

function resourcesDir(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(app.getAppPath(), 'resources')
}

async function createWindow(): Promise<BrowserWindow> {
  const stateFile = join(app.getPath('userData'), 'window.json')
  const saved = await loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const win = new BrowserWindow({
    ...(saved
      ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height }
      : DEFAULT_SIZE),
    minWidth: 900,
    minHeight: 600,
    title: 'GoNoGo',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  })
  if (saved?.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())
  // Remember where the window was (its normal bounds, and whether it was maximized).
  win.on('close', () => {
    void saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() })
  })
  void win.loadFile(rendererIndex)
  return win
}

const OPEN_DIALOGS: Record<OpenPurpose, Electron.OpenDialogOptions> = {
  plan: {
    title: 'Open a launch plan or checklist',
    properties: ['openFile'],
    filters: [
      {
        name: 'Plans and checklists',
        extensions: ['yaml', 'yml', 'json', 'md', 'markdown', 'txt'],
      },
    ],
  },
  evidence: { title: 'Attach evidence to the item', properties: ['openFile'] },
  signature: {
    title: 'Import an SSH signature of the digest (ssh-keygen -Y sign)',
    properties: ['openFile'],
    filters: [{ name: 'SSH signatures', extensions: ['sig', 'txt'] }],
  },
}

const SAVE_DIALOGS: Record<SavePurpose, Electron.SaveDialogOptions> = {
  record: {
    title: 'Export the signed launch record',
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  },
  plan: {
    title: 'Save the plan',
    filters: [{ name: 'GoNoGo plan (YAML)', extensions: ['yaml', 'yml'] }],
  },
}

/** Push events go to the app's windows (there is one; a second instance focuses it). */
const publish: Publish = (channel, payload) => {
  for (const win of BrowserWindow.getAllWindows())
    if (!win.webContents.isDestroyed()) win.webContents.send(channel, payload)
}

function hardenSessions(): void {
  hardenSession(session.defaultSession)
  app.on('web-contents-created', (_event, contents) =>
    hardenContents(contents, (url) => void shell.openExternal(url)),
  )
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows()
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  void app.whenReady().then(() => {
    hardenSessions()
    const deps = {
      resourcesDir: resourcesDir(),
      secretStore: new KeyringSecretStore(),
      chooseOpenFile: async (purpose: OpenPurpose) => {
        const result = await dialog.showOpenDialog(OPEN_DIALOGS[purpose])
        return result.canceled ? undefined : result.filePaths[0]
      },
      publish,
      sessionsDir: join(app.getPath('userData'), 'sessions'),
      notify: (title: string, body: string) => {
        if (Notification.isSupported()) new Notification({ title, body }).show()
      },
      chooseSaveFile: async (
        defaultName: string,
        purpose: SavePurpose = 'record',
        directory?: string,
      ) => {
        const result = await dialog.showSaveDialog({
          ...SAVE_DIALOGS[purpose],
          defaultPath: directory ? join(directory, defaultName) : defaultName,
        })
        return result.canceled ? undefined : result.filePath
      },
    }
    const services = new AppServices(deps)
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(process.platform, (command) =>
          services.publish('push:menu-command', { command }),
        ),
      ),
    )
    bindHandlersToIpc(createHandlers(deps, services), appUrl)
    // Stop the in-process demo target (if it was started) with the app.
    app.on('will-quit', () => void services.dispose())
    void createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow()
    })
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
