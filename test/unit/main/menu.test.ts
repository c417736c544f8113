import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../../src/main/menu'
import { MENU_COMMANDS, type MenuCommand } from '../../../src/shared/ipc'

function entries(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [
    i,
    ...(Array.isArray(i.submenu) ? entries(i.submenu as MenuItemConstructorOptions[]) : []),
  ])
}

describe('native menu', () => {
  it('offers every window command once, with standard accelerators, and sends it when clicked', () => {
    const sent: MenuCommand[] = []
    const all = entries(menuTemplate('linux', (c) => sent.push(c)))
    const commands = all.filter((i) => i.click)
    for (const item of commands) (item.click as () => void)()
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort())
    const accel = Object.fromEntries(commands.map((i) => [i.label, i.accelerator]))
    expect(accel).toMatchObject({
      'Open Plan…': 'CmdOrCtrl+O',
      'New Session': 'CmdOrCtrl+N',
      'Run All Probes': 'CmdOrCtrl+R',
      'Export Record…': 'CmdOrCtrl+E',
    })
    // No accelerator is bound twice, and there is no reload or developer tools entry.
    const bound = all.map((i) => i.accelerator).filter(Boolean)
    expect(new Set(bound).size).toBe(bound.length)
    expect(all.map((i) => i.role)).not.toContain('reload')
    expect(all.map((i) => i.role)).not.toContain('toggleDevTools')
    expect(all.map((i) => i.role)).toContain('quit')
  })

  it('uses the app menu and Close on macOS', () => {
    const roles = entries(menuTemplate('darwin', () => undefined)).map((i) => i.role)
    expect(roles[0]).toBe('appMenu')
    expect(roles).toContain('close')
    expect(roles).not.toContain('quit')
  })
})
