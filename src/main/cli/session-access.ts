import { userInfo } from 'node:os'
import type { Actor } from '../../shared/session/events'
import { SessionError } from '../session/errors'
import { Session } from '../session/session'
import { EXIT, type CliIo } from './io'

/** Who is acting: --actor, else $GONOGO_ACTOR, else the OS user; --role when given. */
export function actorFrom(values: { actor?: string; role?: string }, io: CliIo): Actor {
  const name = values.actor?.trim() || io.env.GONOGO_ACTOR?.trim() || safeUserName()
  const role = values.role?.trim()
  return role ? { name, role } : { name }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'unknown'
  } catch {
    return 'unknown'
  }
}

/** A session error's exit code: 3 when the log cannot be trusted, else 2. */
export function exitCodeFor(error: SessionError): number {
  return error.kind === 'not-a-session' || error.problem ? EXIT.tampered : EXIT.usage
}

export const TAMPER_ADVICE =
  'the log was changed after it was written; it is open read-only. Keep this copy as it is for review.'

/**
 * Open a session for a command, reporting what opening found (a torn tail it cut, a chain that
 * does not verify). Returns the exit code instead when the session cannot be used.
 */
export async function openSessionForCli(
  dir: string,
  io: CliIo,
  options: { readOnly?: boolean; command: string },
): Promise<Session | number> {
  let session: Session
  try {
    session = await Session.open(dir, { readOnly: options.readOnly ?? false })
  } catch (e) {
    if (e instanceof SessionError) {
      io.err(`gonogo ${options.command}: ${e.message}\n`)
      return exitCodeFor(e)
    }
    throw e
  }
  const { torn, problem } = session.report
  if (torn) {
    io.err(
      torn.repaired
        ? `gonogo ${options.command}: ${dir}: cut a torn last line (${torn.bytes} bytes, never acknowledged) left by an interrupted write\n`
        : `gonogo ${options.command}: ${dir}: ignoring a torn last line (${torn.bytes} bytes) left by an interrupted write; it is cut when the session is next opened for writing\n`,
    )
  }
  if (problem) {
    io.err(
      `gonogo ${options.command}: ${dir}: TAMPERED at seq ${problem.seq}: ${problem.message}; ${TAMPER_ADVICE}\n`,
    )
    await session.close()
    return EXIT.tampered
  }
  return session
}

/**
 * A run lands in a session only on the plan the session started with. When the hashes differ,
 * says so with both (closing the session) and returns the exit code; undefined when they match.
 */
export async function refuseOtherPlan(
  session: Session,
  planHash: string,
  io: CliIo,
  where: { command: string; dir: string },
): Promise<number | undefined> {
  if (session.state.planHash === planHash) return undefined
  await session.close()
  io.err(
    `gonogo ${where.command}: ${where.dir} was started on a different plan (hash ${session.state.planHash.slice(0, 12)}…, this plan is ${planHash.slice(0, 12)}…)\n`,
  )
  return EXIT.usage
}

/**
 * With `--session`, a run is in the session's environment: `--env` may name it again, never
 * another one (a staging result must not land in a production session). Returns the environment
 * to load the plan in, or the one-line problem.
 */
export function environmentForSession(
  sessionEnvironment: string | undefined,
  flag: string | undefined,
  dir: string,
): { ok: true; environment: string | undefined } | { ok: false; message: string } {
  if (flag === undefined || flag === sessionEnvironment)
    return { ok: true, environment: sessionEnvironment }
  return {
    ok: false,
    message: sessionEnvironment
      ? `${dir} runs in environment ${sessionEnvironment}, not ${flag}`
      : `${dir} was started without an environment; --env ${flag} does not apply to it`,
  }
}

/**
 * Open the `--session DIR` a run appends to, with the environment the run is pinned to: the
 * session's own (`--env` may repeat it, never name another). Without a session the run is in
 * `--env`. A session pins the environment, so commands call this before loading the plan.
 * Returns the exit code instead when the session cannot be used (the problem is on stderr and
 * the session is closed again).
 */
export async function openRunSession(
  dir: string | undefined,
  envFlag: string | undefined,
  io: CliIo,
  command: string,
): Promise<{ session: Session | undefined; environment: string | undefined } | number> {
  if (!dir) return { session: undefined, environment: envFlag }
  const session = await openSessionForCli(dir, io, { command })
  if (typeof session === 'number') return session
  const pinned = environmentForSession(session.state.environment, envFlag, dir)
  if (!pinned.ok) {
    await session.close()
    io.err(`gonogo ${command}: ${pinned.message}\n`)
    return EXIT.usage
  }
  return { session, environment: pinned.environment }
}
