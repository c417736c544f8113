import { basename } from 'node:path'
import type { Handlers } from '../../shared/ipc'
import { decideSuggestions } from '../../shared/authoring/decide'
import { presetInfo } from '../../shared/authoring/presets'
import { setItemCheck, type EditResult } from '../../shared/authoring/set-check'
import { declareCredential, setEnvironment, setVar } from '../../shared/authoring/vars'
import { DEMO_KEYS } from '../demo/server'
import { openAuthoring, sessionKey, type AuthoringSession } from '../authoring/authoring-session'
import { adoptSavedPlan, openEditedPlan } from '../authoring/adopt-saved'
import { savePlan } from '../authoring/save-plan'
import { tryProbe } from '../authoring/try-probe'
import { applyUpdate, previewUpdate, readChecklist } from '../authoring/update-plan'
import { builtinCatalog } from '../presets/preset-files'
import { vaultSecrets } from '../secrets/vault-source'
import type { AppServices, HandlerDeps } from './handlers'

type AuthoringChannel =
  | 'authoring:state'
  | 'authoring:decide'
  | 'authoring:set-check'
  | 'authoring:set-var'
  | 'authoring:set-environment'
  | 'authoring:declare-credential'
  | 'authoring:presets'
  | 'authoring:try'
  | 'authoring:save'
  | 'authoring:update-preview'
  | 'authoring:update-apply'
  | 'authoring:open-edited'

const NO_PLAN = { ok: false as const, message: 'open a plan first', errors: [] }

/** A failure the handlers did not foresee: its message for the window, never a stack. */
function unexpected(channel: string, e: unknown) {
  return {
    ok: false as const,
    message: `${channel} failed: ${e instanceof Error ? e.message : String(e)}`,
    errors: [],
  }
}

/**
 * The authoring channels (issue 22) over the working copy main keeps of the open plan. Inputs
 * were parsed by the contract's schemas; what they name (an item, an environment, a var) is
 * checked here and in src/shared/authoring, and every refusal names the field and the value.
 */
export function authoringHandlers(
  deps: HandlerDeps,
  services: AppServices,
): Pick<Handlers, AuthoringChannel> {
  let trying = false

  /** The working copy of the open plan, made on first use; another plan gets another copy. */
  // Two calls arriving together must share one copy, not make one each (the later would win).
  let opening: { key: string; session: Promise<AuthoringSession> } | undefined
  const current = async (): Promise<AuthoringSession | undefined> => {
    const plan = services.plan
    if (!plan) return undefined
    const key = sessionKey(plan)
    const existing = services.authoring
    if (existing && existing.key === key) return existing
    if (opening?.key !== key) {
      const session = openAuthoring(plan, {
        resourcesDir: deps.resourcesDir,
        demo: services.isDemo,
        varOverrides:
          services.isDemo && plan.vars.target !== undefined ? { target: plan.vars.target } : {},
      })
      opening = { key, session }
      session.then(
        (made) => {
          if (opening?.session === session) opening = undefined
          // Only if the plan is still the one it was made for.
          if (services.plan && sessionKey(services.plan) === key) services.authoring = made
        },
        () => {
          if (opening?.session === session) opening = undefined
        },
      )
    }
    const made = await opening.session
    return services.plan && sessionKey(services.plan) === key ? made : current()
  }

  const credentialStates = async (authoring: AuthoringSession) => {
    const declared = authoring.copy.plan.credentials ?? {}
    const out: Record<string, { set: boolean; source?: 'keychain' | 'environment' }> = {}
    if (authoring.demo) {
      for (const name of Object.keys(declared)) out[name] = { set: Object.hasOwn(DEMO_KEYS, name) }
      return out
    }
    try {
      for (const info of await services.vault().list(declared))
        out[info.name] = {
          set: info.set,
          ...(info.source !== undefined && { source: info.source }),
        }
    } catch {
      // A locked keychain: every credential shows as not set, which is what Try would find.
    }
    return out
  }

  const stateOf = async (authoring: AuthoringSession) => ({
    ok: true as const,
    state: authoring.state({
      credentials: await credentialStates(authoring),
      ...(services.session && { sessionPlanHash: services.session.state.planHash }),
    }),
  })

  /** Run an edit of the working copy; keep the result only when it is valid. */
  const edit = async (
    channel: string,
    change: (authoring: AuthoringSession) => EditResult | Promise<EditResult>,
  ) => {
    try {
      const authoring = await current()
      if (!authoring) return NO_PLAN
      const result = await change(authoring)
      if (!result.ok) return result
      authoring.copy = result.copy
      return await stateOf(authoring)
    } catch (e) {
      return unexpected(channel, e)
    }
  }

  return {
    'authoring:state': async () => {
      try {
        const authoring = await current()
        return authoring ? await stateOf(authoring) : NO_PLAN
      } catch (e) {
        return unexpected('authoring:state', e)
      }
    },
    'authoring:decide': (request) =>
      edit('authoring:decide', (a) =>
        decideSuggestions(a.copy, request.decisions, a.catalog, a.sourceName),
      ),
    'authoring:set-check': (request) =>
      edit('authoring:set-check', (a) => {
        if (request.probe === undefined && request.canary === undefined)
          return {
            ok: false,
            message: 'nothing to set: give a probe or a canary (null removes it)',
            errors: [{ path: 'probe', message: 'give a probe or a canary (null removes it)' }],
          }
        return setItemCheck(
          a.copy,
          {
            item: request.item,
            ...(request.probe !== undefined && { probe: request.probe }),
            ...(request.canary !== undefined && { canary: request.canary }),
          },
          a.catalog,
          a.sourceName,
        )
      }),
    'authoring:set-var': (request) =>
      edit('authoring:set-var', (a) =>
        setVar(
          a.copy,
          {
            name: request.name,
            value: request.value,
            ...(request.environment !== undefined && { environment: request.environment }),
            ...(request.description !== undefined && { description: request.description }),
          },
          a.catalog,
          a.sourceName,
        ),
      ),
    'authoring:set-environment': async (request) => {
      try {
        const authoring = await current()
        if (!authoring) return NO_PLAN
        const result = setEnvironment(authoring.copy, request.environment)
        if (!result.ok) return result
        authoring.copy = result.copy
        return await stateOf(authoring)
      } catch (e) {
        return unexpected('authoring:set-environment', e)
      }
    },
    'authoring:declare-credential': (request) =>
      edit('authoring:declare-credential', (a) =>
        declareCredential(
          a.copy,
          {
            name: request.name,
            kind: request.kind,
            ...(request.help !== undefined && { help: request.help }),
          },
          a.catalog,
          a.sourceName,
        ),
      ),
    'authoring:presets': async () => {
      const authoring = await current().catch(() => undefined)
      const catalog = authoring?.catalog ?? builtinCatalog()
      return {
        presets: [...catalog.presets].sort((a, b) => a.id.localeCompare(b.id)).map(presetInfo),
      }
    },
    'authoring:try': async (request) => {
      // One Try at a time per window: each runs a probe against someone's service.
      if (trying)
        return { ok: false, message: 'a Try is already running: wait for its result', errors: [] }
      trying = true
      try {
        const authoring = await current()
        if (!authoring) return NO_PLAN
        return await tryProbe(
          authoring,
          { item: request.item, ...(request.probe !== undefined && { probe: request.probe }) },
          (plan) => (authoring.demo ? services.secrets() : vaultSecrets(services.vault(), plan)),
        )
      } catch (e) {
        return unexpected('authoring:try', e)
      } finally {
        trying = false
      }
    },
    'authoring:save': async () => {
      try {
        const authoring = await current()
        if (!authoring) return { ok: false, cancelled: false, message: NO_PLAN.message }
        const saved = await savePlan(authoring, deps.chooseSaveFile)
        if (!saved.ok) return saved
        await adoptSavedPlan(services, authoring, saved)
        return { ok: true, file: basename(saved.file), state: (await stateOf(authoring)).state }
      } catch (e) {
        return { ...unexpected('authoring:save', e), cancelled: false }
      }
    },
    'authoring:update-preview': async (request) => {
      try {
        const authoring = await current()
        if (!authoring) return { ...NO_PLAN, cancelled: false }
        const checklist = await readChecklist(request, () => deps.chooseOpenFile('plan'))
        if (!checklist.ok) return checklist
        return await previewUpdate(authoring, checklist)
      } catch (e) {
        return { ...unexpected('authoring:update-preview', e), cancelled: false }
      }
    },
    'authoring:update-apply': (request) =>
      edit('authoring:update-apply', (a) => applyUpdate(a, request)),
    'authoring:open-edited': async () => {
      try {
        return await openEditedPlan(services, current)
      } catch (e) {
        const message = unexpected('authoring:open-edited', e).message
        return { ok: false, errors: [{ file: '', path: '', message }] }
      }
    },
  }
}
