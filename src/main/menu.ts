import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../shared/ipc'

/**
 * The native menu as data: the shell builds it with `Menu.buildFromTemplate`, tests read it under
 * Node. Each GoNoGo entry sends a command to the window, which runs the same code as its button,
 * so a menu item can never do something the window would refuse.
 */
export function menuTemplate(
  platform: NodeJS.Platform,
  send: (command: MenuCommand) => void,
): MenuItemConstructorOptions[] {
  const command = (
    label: string,
    name: MenuCommand,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator !== undefined && { accelerator }),
    click: () => send(name),
  })
  const mac = platform === 'darwin'
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        command('Open Plan…', 'open-plan', 'CmdOrCtrl+O'),
        command('Import Checklist…', 'import-checklist', 'CmdOrCtrl+Shift+O'),
        { type: 'separator' },
        command('New Session', 'new-session', 'CmdOrCtrl+N'),
        command('Export Record…', 'export-record', 'CmdOrCtrl+E'),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Launch',
      submenu: [
        command('Run All Probes', 'run-all', 'CmdOrCtrl+R'),
        command('Find Item', 'find', 'CmdOrCtrl+F'),
      ],
    },
    {
      // No reload or developer tools: main holds the state, and the window is not a web page.
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [command('Keyboard Shortcuts', 'show-shortcuts', 'CmdOrCtrl+/')],
    },
  ]
}
