import { join, resolve, sep } from 'node:path'
import type { Handlers } from '../../shared/ipc'
import {
  decideCommand,
  markCommand,
  noteCommand,
  waiveCommand,
  type CommandResult,
} from '../../shared/session/commands'
import type { Actor } from '../../shared/session/events'
import { itemDetail, sessionView } from '../../shared/session/view'
import { withEnvironment } from '../../shared/plan/environments'
import { catalogOfPlan } from '../../shared/plan/user-presets'
import { defaultCatalog } from '../../shared/presets/catalog'
import { planHash } from '../../shared/plan/load'
import { templatePath } from '../plans/templates'
import { loadPlanFile, readTextFile } from '../plans/plan-files'
import { createSigningKey, SigningKeyError, signingKey } from '../record/signing-keys'
import { signoffEvent, type SignatureSource } from '../record/signoff'
import { writeRecord } from '../record/write-record'
import { KeychainError } from '../secrets/secret-store'
import { VaultError } from '../secrets/vault'
import { SessionError } from '../session/errors'
import { RecentSessions } from '../session/recent'
import { Session } from '../session/session'
import { DEMO_TEMPLATE, type AppServices, type HandlerDeps } from './handlers'

type SessionHandlers = Pick<
  Handlers,
  | 'session:start'
  | 'session:view'
  | 'session:mark'
  | 'session:waive'
  | 'session:sign'
  | 'session:decide'
  | 'session:item'
  | 'session:note'
  | 'session:attach'
  | 'session:recent'
  | 'session:resume'
  | 'keys:create'
  | 'record:export'
>

const NO_SESSION = { ok: false as const, message: 'start a session first' }

/** An armored SSH signature is well under a kilobyte; anything past this is not one. */
const MAX_SIGNATURE_BYTES = 64 * 1024

/** Keychain and session failures become a message for the window, never a throw. */
function failure(e: unknown): { ok: false; message: string } {
  if (
    e instanceof VaultError ||
    e instanceof KeychainError ||
    e instanceof SigningKeyError ||
    e instanceof SessionError
  )
    return { ok: false, message: e.message }
  throw e
}

/** The session channels: the same shared commands the CLI uses, over the window's open session. */
export function sessionHandlers(deps: HandlerDeps, services: AppServices): SessionHandlers {
  const recentSessions = new RecentSessions(deps.sessionsDir)
  const view = (session: Session) => sessionView(session.state, session.now(), session.dir)
  const apply = async (result: CommandResult) => {
    const session = services.session
    if (!session) return NO_SESSION
    if (!result.ok)
      return {
        ok: false as const,
        message: result.message,
        ...(result.reasons && { reasons: result.reasons.map((r) => r.message) }),
      }
    await services.record(session, [result.event])
    return { ok: true as const, view: view(session) }
  }
  /** Only directories directly inside the sessions directory: the path comes from the renderer. */
  const insideSessions = (dir: string) => {
    const root = resolve(deps.sessionsDir)
    const full = resolve(dir)
    return full.startsWith(root + sep) && !full.slice(root.length + 1).includes(sep)
  }
  return {
    'session:start': async (request) => {
      const open = services.plan
      if (!open) return { ok: false, message: 'open a plan first' }
      // The session's environment decides the vars every later probe in this window uses.
      const inEnvironment = withEnvironment(open, request.environment)
      if (!inEnvironment.ok) return { ok: false, message: inEnvironment.message }
      const actor: Actor = request.role
        ? { name: request.actor, role: request.role }
        : { name: request.actor }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-')
      const slug = open.plan.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40)
      try {
        await services.closeSession()
        const session = await Session.create(
          join(deps.sessionsDir, `${stamp}-${slug || 'launch'}`),
          inEnvironment.value,
          actor,
        )
        services.plan = inEnvironment.value
        services.session = session
        services.actor = actor
        services.sessionChanged()
        return { ok: true, view: view(session) }
      } catch (e) {
        return failure(e)
      }
    },
    'session:view': async () => ({ view: services.session ? view(services.session) : null }),
    'session:mark': async (request) => {
      const session = services.session
      if (!session) return NO_SESSION
      return apply(
        markCommand(session.state, services.actor, {
          item: request.item,
          status: request.status,
          ...(request.note !== undefined && { reason: request.note }),
        }),
      )
    },
    'session:waive': async (request) => {
      const session = services.session
      if (!session) return NO_SESSION
      const now = session.now()
      return apply(
        waiveCommand(
          session.state,
          services.actor,
          {
            item: request.item,
            reason: request.reason,
            role: request.role,
            ...(request.expiresInMinutes !== undefined && {
              expiresAt: new Date(now + request.expiresInMinutes * 60_000).toISOString(),
            }),
          },
          now,
        ),
      )
    },
    'session:sign': async (request) => {
      const session = services.session
      if (!session) return NO_SESSION
      try {
        let source: SignatureSource
        if ('key' in request)
          source = { method: 'keychain', key: await signingKey(services.vault(), request.key) }
        else {
          const file = await deps.chooseOpenFile('signature')
          if (!file) return { ok: false, cancelled: true, message: 'no signature imported' }
          const read = await readTextFile(file, MAX_SIGNATURE_BYTES)
          if (!read.ok) return { ok: false, message: `${file}: ${read.errors[0]?.message}` }
          source = { method: 'imported', armored: read.text }
        }
        const result = signoffEvent(session.state, session.now(), services.actor, {
          role: request.role,
          name: request.name,
          source,
        })
        if (!result.ok) return { ok: false, message: result.message }
        await services.record(session, [result.event])
        return { ok: true, view: view(session) }
      } catch (e) {
        return failure(e)
      }
    },
    'session:decide': async (request) => {
      const session = services.session
      if (!session) return NO_SESSION
      return apply(
        decideCommand(
          session.state,
          services.actor,
          { decision: request.decision, reason: request.reason },
          session.now(),
        ),
      )
    },
    'session:item': async (request) => {
      const session = services.session
      if (!session) return NO_SESSION
      const detail = itemDetail(session.state, request.item, session.now())
      if (!detail) return { ok: false, message: `no item \`${request.item}\` in the plan` }
      return { ok: true, detail }
    },
    'session:note': async (request) => {
      const session = services.session
      if (!session) return NO_SESSION
      return apply(
        noteCommand(session.state, services.actor, { item: request.item, text: request.text }),
      )
    },
    'session:attach': async (request) => {
      const session = services.session
      if (!session) return NO_SESSION
      if (!session.state.items.some((i) => i.id === request.item))
        return { ok: false, message: `no item \`${request.item}\` in the plan` }
      const file = await deps.chooseOpenFile('evidence')
      if (!file) return { ok: false, cancelled: true, message: 'nothing attached' }
      try {
        await services.record(session, [await session.attach(file, services.actor, request.item)])
        return { ok: true, view: view(session) }
      } catch (e) {
        return failure(e)
      }
    },
    'session:recent': () => recentSessions.list(services.session),
    'session:resume': async (request) => {
      if (!insideSessions(request.dir))
        return { ok: false, message: `${request.dir}: not one of this app's sessions` }
      try {
        await services.closeSession()
        const session = await Session.open(request.dir)
        if (session.readOnly) {
          const problem = session.report.problem
          await session.close()
          const why = problem ? `line ${problem.line}: ${problem.message}` : 'the log is read-only'
          return { ok: false, message: `${request.dir}: cannot continue this session: ${why}` }
        }
        const state = session.state
        const plan = {
          file: state.source,
          plan: state.plan,
          hash: state.planHash,
          vars: { ...state.vars },
          warnings: [] as string[],
          ...(state.environment !== undefined && { environment: state.environment }),
          // Its user presets as the session started with them, not as their files read now.
          ...(state.plan.userPresets && {
            presets: catalogOfPlan(state.plan, defaultCatalog()),
          }),
        }
        // A demo session gets the demo target of this run (the old one's port is gone).
        const demo = await loadPlanFile(templatePath(deps.resourcesDir, DEMO_TEMPLATE))
        services.isDemo = demo.ok && planHash(demo.value.plan) === state.planHash
        if (services.isDemo) plan.vars.target = (await services.demoTarget()).url
        await services.openPlan(plan)
        services.session = session
        services.actor = { name: request.actor }
        services.sessionChanged()
        return { ok: true, plan, view: view(session) }
      } catch (e) {
        return failure(e)
      }
    },
    'keys:create': async (request) => {
      try {
        return {
          ok: true,
          ...(await createSigningKey(services.vault(), request.name, request.comment)),
        }
      } catch (e) {
        return failure(e)
      }
    },
    'record:export': async () => {
      const session = services.session
      if (!session) return { ok: false, cancelled: false, message: 'start a session first' }
      const path = await deps.chooseSaveFile('launch-record.pdf')
      if (!path) return { ok: false, cancelled: true, message: 'export cancelled' }
      try {
        const written = await writeRecord(
          session,
          path.toLowerCase().endsWith('.pdf') ? path : `${path}.pdf`,
          services.vault(),
          services.actor.name,
          deps.env ?? process.env,
        )
        return { ok: true, pdf: written.pdf, digest: written.digest }
      } catch (e) {
        const f = failure(e)
        return { ...f, cancelled: false }
      }
    },
  }
}
