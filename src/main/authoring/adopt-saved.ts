import type { LoadedPlan } from '../../shared/plan/load'
import { withEnvironment } from '../../shared/plan/environments'
import { NO_EDITS } from '../../shared/authoring/working-copy'
import type { AppServices } from '../ipc/handlers'
import { loadPlanFile, type FileLoadResult } from '../plans/plan-files'
import { sessionKey, type AuthoringSession } from './authoring-session'
import type { SaveOutcome } from './save-plan'

/**
 * After a save: the working copy now stands for the saved file. Nothing running on the old plan:
 * the saved plan becomes the open one. A session on the very same plan keeps running, now on the
 * saved file. A session on another plan is never changed under it: the state says so, and the
 * window offers a new session on the edited plan (authoring:open-edited).
 */
export async function adoptSavedPlan(
  services: AppServices,
  authoring: AuthoringSession,
  saved: Extract<SaveOutcome, { ok: true }>,
): Promise<void> {
  authoring.sourceText = saved.text
  authoring.savedHash = saved.loaded.hash
  authoring.savedFile = saved.file
  authoring.kind = 'yaml'
  // Edits made while the dialog was open are not in the file: they stay edits.
  if (authoring.copy === saved.copy) authoring.copy = { ...authoring.copy, edited: NO_EDITS }
  const opened = withOverrides(saved.loaded, authoring)
  const session = services.session
  if (!session) {
    await services.openPlan(opened)
    authoring.rekey(sessionKey(opened))
    services.authoring = authoring
    return
  }
  const open = services.plan
  if (session.state.planHash !== saved.loaded.hash || !open) return
  const inEnvironment = withEnvironment(opened, open.environment)
  if (!inEnvironment.ok) return
  services.plan = inEnvironment.value
  authoring.rekey(sessionKey(inEnvironment.value))
}

/**
 * authoring:open-edited: the last saved file becomes the open plan, closing the old session as it
 * is (its log stays under Recent). The window's decisions and environment carry over to the new
 * working copy, for the items they were made for.
 */
export async function openEditedPlan(
  services: AppServices,
  reopen: () => Promise<AuthoringSession | undefined>,
): Promise<
  FileLoadResult | { ok: false; errors: { file: string; path: string; message: string }[] }
> {
  const authoring = services.authoring
  const file = authoring?.savedFile
  if (!authoring || !file)
    return { ok: false, errors: [{ file: '', path: '', message: 'save the edited plan first' }] }
  const loaded = await loadPlanFile(file)
  if (!loaded.ok) return loaded
  const value = withOverrides(loaded.value, authoring)
  await services.openPlan(value)
  services.isDemo = authoring.demo
  const next = await reopen()
  if (next) {
    const ids = new Set(next.copy.plan.phases.flatMap((p) => p.items.map((i) => i.id)))
    const carried = Object.entries(authoring.copy.suggestions).filter(([id]) => ids.has(id))
    next.copy = {
      ...next.copy,
      suggestions: { ...next.copy.suggestions, ...Object.fromEntries(carried) },
      ...(authoring.copy.environment !== undefined && { environment: authoring.copy.environment }),
    }
    next.savedFile = file
  }
  return { ok: true, value }
}

/** Var values main supplies beside the plan (the demo target's URL) stay supplied. */
function withOverrides<T extends LoadedPlan>(loaded: T, authoring: AuthoringSession): T {
  return { ...loaded, vars: { ...loaded.vars, ...authoring.varOverrides } }
}
