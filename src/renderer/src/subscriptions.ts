import type { MenuCommand } from '../../shared/ipc'
import { api } from './api'
import { useCanary } from './canary-store'
import { useSession } from './session-store'
import { useApp } from './store'
import { useUi } from './ui-store'

/** What each native menu command does: the same store actions as the window's own buttons. */
export function runMenuCommand(command: MenuCommand): void {
  const app = useApp.getState()
  const open = app.plan !== null
  switch (command) {
    // Both preview a checklist before it opens; *Open* opens a plan at once.
    case 'open-plan':
      void app.openPlan({ source: 'dialog' })
      return
    case 'import-checklist':
      app.importChecklist({ kind: 'dialog' })
      return
    case 'new-session':
      if (open) useUi.getState().requestNewSession()
      return
    case 'run-all':
      if (open && (!app.run || app.run.done)) void app.runProbes()
      return
    case 'export-record':
      if (useSession.getState().view) void useSession.getState().exportRecord()
      return
    case 'show-shortcuts':
      if (open) useUi.getState().setHelp(!useUi.getState().help)
      return
    case 'find':
      if (open) useUi.getState().requestSearch()
      return
  }
}

/** Mirror main's pushes into the stores; returns the unsubscribe for all of them. */
export function subscribeToMain(): () => void {
  const gonogo = api()
  const off = [
    gonogo.onProbeResult((landing) => useApp.getState().probeLanded(landing)),
    gonogo.onCanaryUpdate((landing) => useCanary.getState().updateLanded(landing)),
    gonogo.onSessionChanged(({ view }) => {
      // A view for another session than the one shown (or none while none is open) is stale news.
      const shown = useSession.getState().view
      if (view === null || !shown || shown.dir === view.dir) useSession.getState().changed(view)
    }),
    gonogo.onMenuCommand(({ command }) => runMenuCommand(command)),
  ]
  return () => off.forEach((unsubscribe) => unsubscribe())
}
