import { checkPush, ProbeEvidenceViewSchema, type Handlers, type Publish } from '../../shared/ipc'
import type { LoadedPlan } from '../../shared/plan/load'
import { DEMO_KEYS, startDemoTarget, type DemoFault, type DemoTarget } from '../demo/server'
import {
  isPlanFile,
  openPlanOrChecklist,
  openPlanOrChecklistText,
  previewChecklistFile,
  previewChecklistText,
} from '../plans/plan-files'
import { listTemplates, templatePath } from '../plans/templates'
import type { CanaryUpdate } from '../canary/analysis-run'
import { CanaryRuns } from '../canary/canary-runs'
import type { ProbeResult } from '../../shared/probes/result'
import type { Actor } from '../../shared/session/events'
import type { Session } from '../session/session'
import type { EventInput } from '../../shared/session/events'
import { sessionView } from '../../shared/session/view'
import { sessionHandlers } from './session-handlers'
import { activityHandlers } from './activity-handlers'
import { authoringHandlers } from './authoring-handlers'
import type { AuthoringSession } from '../authoring/authoring-session'
import { ProbeRuns } from '../probes/probe-runs'
import { tokenSecrets, type SecretSource } from '../probes/secrets'
import { KeychainError, type SecretStore } from '../secrets/secret-store'
import { Vault, VaultError } from '../secrets/vault'
import { vaultSecrets } from '../secrets/vault-source'

/** What a native open dialog is for: it sets the dialog's title and file filters. */
export type OpenPurpose = 'plan' | 'evidence' | 'signature'

/** What a native save dialog is for: its title and file filters. */
export type SavePurpose = 'record' | 'plan'

/** What the handlers need from the outside world; the Electron shell and tests each provide it. */
export interface HandlerDeps {
  resourcesDir: string
  /** Native open dialog (a plan or checklist, evidence, an SSH signature); undefined when cancelled. */
  chooseOpenFile: (purpose: OpenPurpose) => Promise<string | undefined>
  /** Where credentials live (the OS keychain in the app); GONOGO_SECRET_* variables also count. */
  secretStore?: SecretStore
  /** Faults for the in-process demo target (tests). */
  demoFaults?: DemoFault[]
  /** Where the window's sessions live (the app's user data directory). */
  sessionsDir: string
  /**
   * Native save dialog (the signed record by default, or a plan); resolves to undefined when the
   * user cancels. `directory`: the folder to start in, when main knows a good one.
   */
  chooseSaveFile: (
    defaultName: string,
    purpose?: SavePurpose,
    directory?: string,
  ) => Promise<string | undefined>
  /** Environment for the signing identity's PKI directory (tests point it elsewhere). */
  env?: NodeJS.ProcessEnv
  /** A desktop notification (the app shell shows it; tests collect it). */
  notify?: (title: string, body: string) => void
  /** Send a push event to the window (the shell uses webContents.send; tests the loopback page). */
  publish?: Publish
}

export const DEMO_TEMPLATE = 'demo'

/** How long session changes gather before the window is sent the new view. */
export const SESSION_PUSH_MS = 100

/** Main-process state behind the handlers: the open plan, probe runs, the demo target. */
export class AppServices {
  plan: LoadedPlan | undefined
  /**
   * The checklist last picked in an open dialog and previewed. The window confirms a preview by
   * sending its name and text back (it never names a path); when they are this checklist's, the
   * plan keeps the file's path, as opening it directly did, so saving starts beside it.
   */
  private picked: { path: string; name: string; text: string } | undefined

  rememberPicked(path: string, preview: { name: string; text: string }): void {
    this.picked = { path, name: preview.name, text: preview.text }
  }

  /** What text from the window is named as: the picked checklist's path, or the name it gave. */
  sourceOf(name: string, text: string): string {
    const picked = this.picked
    return picked && picked.name === name && picked.text === text ? picked.path : name
  }
  isDemo = false
  readonly runs = new ProbeRuns()
  readonly canaries = new CanaryRuns()
  /** The launch session the window works in, if one was started. */
  session: Session | undefined
  actor: Actor = { name: 'release captain' }
  private demo: Promise<DemoTarget> | undefined

  /** The latest full result per item in this window, for the item drawer's evidence. */
  readonly latestProbe = new Map<string, ProbeResult>()

  /** The working copy of the open plan being authored (made on first use, dropped with the plan). */
  authoring: AuthoringSession | undefined

  constructor(private readonly deps: HandlerDeps) {}

  /** Validate, then send: a push that does not match the contract is main's bug and never leaves. */
  readonly publish: Publish = (channel, payload) => {
    this.deps.publish?.(channel, checkPush(channel, payload))
  }

  private sessionPush: ReturnType<typeof setTimeout> | undefined

  /**
   * Tell the window the session changed. Changes within SESSION_PUSH_MS go out as one view: a
   * 100-probe run lands 100 results in a second, and the window needs the last view, not each.
   * A closed session is announced at once.
   */
  sessionChanged(): void {
    if (!this.session) {
      clearTimeout(this.sessionPush)
      this.sessionPush = undefined
      this.publish('push:session-changed', { view: null })
      return
    }
    this.sessionPush ??= setTimeout(() => {
      this.sessionPush = undefined
      const session = this.session
      if (session)
        this.publish('push:session-changed', {
          view: sessionView(session.state, session.now(), session.dir),
        })
    }, SESSION_PUSH_MS)
  }

  /** Append to the open session and tell the window. */
  async record(session: Session, events: readonly EventInput[]): Promise<void> {
    await session.record(events)
    if (session === this.session) this.sessionChanged()
  }

  /** The demo target runs in-process while the demo plan is open, so it works out of the box. */
  demoTarget(): Promise<DemoTarget> {
    this.demo ??= startDemoTarget({ faults: this.deps.demoFaults ?? [] })
    return this.demo
  }

  vault(): Vault {
    return new Vault(this.deps.secretStore, process.env)
  }

  secrets(): SecretSource {
    // The demo's keys are public demo values, not secrets anyone owns.
    if (this.isDemo) return tokenSecrets(DEMO_KEYS, () => 'the demo plan has no such credential')
    if (!this.plan) throw new Error('no plan is open')
    return vaultSecrets(this.vault(), this.plan.plan)
  }

  /** A session belongs to its plan: opening another plan closes it and forgets the old results. */
  async openPlan(plan: LoadedPlan): Promise<void> {
    this.plan = plan
    this.authoring = undefined
    this.latestProbe.clear()
    this.lastStatus.clear()
    await this.closeSession()
  }

  async closeSession(): Promise<void> {
    const session = this.session
    this.session = undefined
    if (session) this.sessionChanged()
    await session?.close()
  }

  private readonly lastStatus = new Map<string, string>()

  /** A blocking item that turns red, or a canary that fails, is worth interrupting for. */
  private alert(item: string, status: string, reason: string | undefined, what: string): void {
    const previous = this.lastStatus.get(item)
    this.lastStatus.set(item, status)
    if (status !== 'fail' || previous === 'fail') return
    const planned = this.plan?.plan.phases.flatMap((p) => p.items).find((i) => i.id === item)
    if (!planned?.blocking) return
    this.deps.notify?.(`${what}: ${planned.title}`, reason ?? `${item} failed`)
  }

  /** Probe results and canary steps go into the open session, if any. */
  async recordProbe(result: ProbeResult): Promise<void> {
    this.alert(result.item, result.status, result.reason, 'Blocking item failed')
    this.latestProbe.set(result.item, result)
    const session = this.session
    if (session)
      await this.record(session, [
        await session.probeResultEvent(result, { name: 'gonogo (window)' }),
      ])
  }

  async recordCanary(update: CanaryUpdate): Promise<void> {
    if (update.verdict === 'fail' || update.verdict === 'pass')
      this.alert(update.item, update.verdict, update.reason, 'Canary failed')
    const session = this.session
    if (session)
      await this.record(session, [
        await session.canaryVerdictEvent(update, { name: 'gonogo (window)' }),
      ])
  }

  async dispose(): Promise<void> {
    clearTimeout(this.sessionPush)
    this.canaries.stopAll()
    await this.closeSession()
    const demo = this.demo
    this.demo = undefined
    if (demo) await (await demo).close()
  }
}

/** The handler table: plain async functions over plain data, bound to Electron IPC or a test transport. */
export function createHandlers(deps: HandlerDeps, services = new AppServices(deps)): Handlers {
  return {
    'plan:templates': async () => listTemplates(deps.resourcesDir),
    'plan:load': async (request) => {
      let loaded
      if (request.source === 'text')
        loaded = await openPlanOrChecklistText(
          request.text,
          services.sourceOf(request.name, request.text),
          request.include,
        )
      else {
        let path: string
        if (request.source === 'template') path = templatePath(deps.resourcesDir, request.id)
        else if (request.source === 'file') path = request.path
        else {
          const chosen = await deps.chooseOpenFile('plan')
          if (!chosen) return { ok: false, cancelled: true, errors: [] }
          // A picked checklist is previewed first, as *Import checklist…* does; the window opens
          // it (with `source: 'text'`) once the user confirms.
          if (!isPlanFile(chosen)) {
            const previewed = await previewChecklistFile(chosen)
            if (!previewed.ok) return previewed
            services.rememberPicked(chosen, previewed.preview)
            return { ok: false, errors: [], preview: previewed.preview }
          }
          path = chosen
        }
        loaded = await openPlanOrChecklist(path)
      }
      if (!loaded.ok) return loaded
      services.isDemo = request.source === 'template' && request.id === DEMO_TEMPLATE
      if (services.isDemo)
        loaded.value.vars = { ...loaded.value.vars, target: (await services.demoTarget()).url }
      await services.openPlan(loaded.value)
      return loaded
    },
    'checklist:preview': async (request) => {
      if (request.source === 'text')
        return {
          ok: true,
          preview: await previewChecklistText(request.text, request.name, request.include),
        }
      const chosen = await deps.chooseOpenFile('plan')
      if (!chosen) return { ok: false, cancelled: true, errors: [] }
      const preview = await previewChecklistFile(chosen)
      if (!preview.ok) return { ok: false, cancelled: false, errors: preview.errors }
      services.rememberPicked(chosen, preview.preview)
      return preview
    },
    'probes:run': async (request) => {
      const open = services.plan
      if (!open) return { ok: false, message: 'open a plan first' }
      const missing = Object.keys(open.plan.vars).filter((name) => !(name in open.vars))
      if (missing.length > 0)
        return { ok: false, message: `vars without a value: ${missing.join(', ')}` }
      return services.runs.start(
        open.plan,
        open.vars,
        services.secrets(),
        request.only,
        (r) => services.recordProbe(r).catch(() => undefined),
        (landing) => services.publish('push:probe-result', landing),
        open.presets,
      )
    },
    'probes:results': async (request) => services.runs.results(request.runId, request.after),
    'probes:evidence': async (request) => {
      const latest = services.latestProbe.get(request.item)
      if (!latest) return { evidence: null }
      const { item, status, reason, observedAt, evidence } = latest
      return {
        evidence: {
          item,
          status,
          ...(reason !== undefined && { reason }),
          observedAt,
          // Evidence is typed for the engine; the contract's view of it is checked, not assumed.
          evidence: ProbeEvidenceViewSchema.shape.evidence.parse(evidence),
        },
      }
    },
    'canary:run': async (request) => {
      const open = services.plan
      if (!open) return { ok: false, message: 'open a plan first' }
      return services.canaries.start(
        open.plan,
        request.item,
        open.vars,
        services.secrets(),
        (u) => services.recordCanary(u).catch(() => undefined),
        (landing) => services.publish('push:canary-update', landing),
      )
    },
    'canary:updates': async (request) => services.canaries.updates(request.runId, request.after),
    'canary:stop': async (request) => ({ stopped: services.canaries.stop(request.runId) }),
    ...sessionHandlers(deps, services),
    ...activityHandlers(services),
    ...authoringHandlers(deps, services),
    'credentials:list': async () =>
      vaultCall(async () => ({
        credentials: await services.vault().list(services.plan?.plan.credentials ?? {}),
      })),
    'credentials:set': async (request) =>
      vaultCall(async () => {
        await services.vault().set(request.name, request.kind, request.fields)
        return {}
      }),
    'credentials:delete': async (request) =>
      vaultCall(async () => ({ deleted: await services.vault().delete(request.name) })),
  }
}

/** Vault failures (invalid fields, a locked keychain) become a message for the window, never a throw. */
async function vaultCall<T extends object>(
  run: () => Promise<T>,
): Promise<({ ok: true } & T) | { ok: false; message: string }> {
  try {
    return { ok: true, ...(await run()) }
  } catch (e) {
    if (e instanceof VaultError || e instanceof KeychainError)
      return { ok: false, message: e.message }
    throw e
  }
}
