import { join } from 'node:path'
import type { Handlers } from '../../shared/ipc'
import {
  decideCommand,
  markCommand,
  waiveCommand,
  type CommandResult,
} from '../../shared/session/commands'
import type { Actor } from '../../shared/session/events'
import { sessionView } from '../../shared/session/view'
import { createSigningKey, SigningKeyError, signingKey } from '../record/signing-keys'
import { signoffEvent } from '../record/signoff'
import { writeRecord } from '../record/write-record'
import { KeychainError } from '../secrets/secret-store'
import { VaultError } from '../secrets/vault'
import { SessionError } from '../session/errors'
import { Session } from '../session/session'
import type { AppServices, HandlerDeps } from './handlers'

type SessionHandlers = Pick<
  Handlers,
  | 'session:start'
  | 'session:view'
  | 'session:mark'
  | 'session:waive'
  | 'session:sign'
  | 'session:decide'
  | 'keys:create'
  | 'record:export'
>

const NO_SESSION = { ok: false as const, message: 'start a session first' }

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
    await session.record([result.event])
    return { ok: true as const, view: view(session) }
  }
  return {
    'session:start': async (request) => {
      const open = services.plan
      if (!open) return { ok: false, message: 'open a plan first' }
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
          open,
          actor,
        )
        services.session = session
        services.actor = actor
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
        const key = await signingKey(services.vault(), request.key)
        const result = signoffEvent(session.state, session.now(), services.actor, {
          role: request.role,
          name: request.name,
          source: { method: 'keychain', key },
        })
        if (!result.ok) return { ok: false, message: result.message }
        await session.record([result.event])
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
