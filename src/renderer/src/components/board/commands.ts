import { useMemo } from 'react'
import { roleName } from '../../../../shared/board/pinning'
import type { Plan } from '../../../../shared/plan/schema'
import { useAuthoring } from '../../authoring-store'
import { useCredentials } from '../../credentials-store'
import { useSession } from '../../session-store'
import { useApp } from '../../store'
import { useUi, type AuthorTab } from '../../ui-store'
import { useTheme } from '../../ui/theme'
import type { Command } from './CommandMenu'

/**
 * Every action of the board as a command: the same store actions its buttons use. Read at the
 * moment a command runs (not when the menu opened), so a command never acts on stale state.
 */
export function useCommands(
  plan: Plan,
  local: { focusSearch: () => void; showAttention: (on: boolean) => void },
): Command[] {
  const hasSession = useSession((s) => s.view !== null)
  const continuous = useApp((s) => s.continuous)
  const { focusSearch, showAttention } = local
  return useMemo(() => {
    const ui = () => useUi.getState()
    const app = () => useApp.getState()
    const session = () => useSession.getState()
    const probes = plan.phases.some((p) => p.items.some((i) => i.probe))
    const list: (Command | false)[] = [
      probes && {
        id: 'run-all',
        label: 'Run all probes',
        group: 'Actions',
        run: () => {
          const run = app().run
          if (!run || run.done) void app().runProbes()
        },
      },
      probes && {
        id: 'continuous',
        label:
          continuous === null ? 'Start continuous checks (every 30 s)' : 'Stop continuous checks',
        group: 'Actions',
        run: () => app().setContinuous(continuous === null ? 30 : null),
      },
      !hasSession && {
        id: 'start-session',
        label: 'Start launch session',
        group: 'Actions',
        run: () => requestAnimationFrame(() => document.getElementById('captain')?.focus()),
      },
      hasSession && {
        id: 'new-session',
        label: 'Start a new launch session',
        group: 'Actions',
        run: () => ui().requestNewSession(),
      },
      ...plan.roles.map(
        (role): Command | false =>
          hasSession && {
            id: `sign:${roleName(role)}`,
            label: `Sign off as ${roleName(role)}`,
            group: 'Actions',
            run: () => ui().setSigning(roleName(role)),
          },
      ),
      hasSession && {
        id: 'decide',
        label: 'Decide GO or NO-GO…',
        group: 'Actions',
        run: () => ui().requestDecide(),
      },
      hasSession && {
        id: 'export',
        label: 'Export signed record…',
        group: 'Actions',
        run: () => void session().exportRecord(),
      },
      { id: 'search', label: 'Search items', hint: '/', group: 'Actions', run: focusSearch },
      {
        id: 'attention',
        label: 'Show only items needing attention',
        group: 'Actions',
        run: () => {
          ui().setPane('items')
          showAttention(true)
        },
      },
      {
        id: 'all-items',
        label: 'Show all items',
        group: 'Actions',
        run: () => {
          ui().setPane('items')
          showAttention(false)
        },
      },
      hasSession && {
        id: 'activity',
        label: 'Show activity timeline',
        group: 'Actions',
        run: () => ui().setPane('activity'),
      },
      authorCommand('author-suggested', 'Author: suggested checks', 'suggested'),
      authorCommand('author-items', "Author: edit an item's probe", 'items'),
      authorCommand('author-vars', 'Author: vars, environments and credentials', 'vars'),
      {
        id: 'save-plan',
        label: 'Save plan…',
        group: 'Actions',
        run: () => void useAuthoring.getState().save(),
      },
      {
        id: 'update-from-checklist',
        label: 'Update from checklist…',
        group: 'Actions',
        run: () => {
          ui().setMode('author')
          useAuthoring.getState().setUpdating(true)
        },
      },
      { id: 'board', label: 'Show the board', group: 'Actions', run: () => ui().setMode('board') },
      { id: 'present', label: 'Present mode', group: 'Actions', run: () => ui().setPresent(true) },
      {
        id: 'theme-dark',
        label: 'Theme: dark',
        group: 'Actions',
        run: () => useTheme.getState().setTheme('dark'),
      },
      {
        id: 'theme-light',
        label: 'Theme: light',
        group: 'Actions',
        run: () => useTheme.getState().setTheme('light'),
      },
      {
        id: 'theme-system',
        label: 'Theme: follow the system',
        group: 'Actions',
        run: () => useTheme.getState().setTheme('system'),
      },
      {
        id: 'shortcuts',
        label: 'Keyboard shortcuts',
        hint: '?',
        group: 'Actions',
        run: () => ui().setHelp(true),
      },
      {
        id: 'credentials',
        label: 'Credentials…',
        group: 'Actions',
        run: () => void useCredentials.getState().show(),
      },
      { id: 'home', label: 'Back to home', group: 'Actions', run: () => app().closePlan() },
    ]
    return list.filter((c): c is Command => c !== false)
  }, [plan, hasSession, continuous, focusSearch, showAttention])
}

/** Open the author view on one of its tabs. */
function authorCommand(id: string, label: string, tab: AuthorTab): Command {
  return {
    id,
    label,
    group: 'Actions',
    run: () => {
      useUi.getState().setMode('author')
      useUi.getState().setAuthorTab(tab)
    },
  }
}
