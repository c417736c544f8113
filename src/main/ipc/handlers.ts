import type { Handlers } from '../../shared/ipc'
import { openPlanOrChecklist } from '../plans/plan-files'
import { listTemplates, templatePath } from '../plans/templates'

/** What the handlers need from the outside world; the Electron shell and tests each provide it. */
export interface HandlerDeps {
  resourcesDir: string
  /** Native open dialog; resolves to undefined when the user cancels. */
  chooseOpenFile: () => Promise<string | undefined>
}

/** The handler table: plain async functions over plain data, bound to Electron IPC or a test transport. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'plan:templates': async () => listTemplates(deps.resourcesDir),
    'plan:load': async (request) => {
      let path: string
      if (request.source === 'template') path = templatePath(deps.resourcesDir, request.id)
      else if (request.source === 'file') path = request.path
      else {
        const chosen = await deps.chooseOpenFile()
        if (!chosen) return { ok: false, cancelled: true, errors: [] }
        path = chosen
      }
      return openPlanOrChecklist(path)
    },
  }
}
