import { parseArgs } from 'node:util'
import {
  markCommand,
  MARKABLE_STATUSES,
  noteCommand,
  waiveCommand,
  type CommandResult,
} from '../../../shared/session/commands'
import { parseDuration } from '../../../shared/plan/duration'
import type { EventInput } from '../../../shared/session/events'
import { SessionError } from '../../session/errors'
import type { Session } from '../../session/session'
import { EXIT, UsageError, type CliIo } from '../io'
import { actorFrom, openSessionForCli } from '../session-access'

export const markHelp = `gonogo mark DIR ITEM ${MARKABLE_STATUSES.join('|')} [--note TEXT] [--evidence FILE ...] [--actor NAME] [--role ROLE]
  Record an item's status, with an optional note (the reason) and evidence files, which are copied
  into the session and stored by SHA-256.`

export const waiveHelp = `gonogo waive DIR ITEM --reason TEXT --role ROLE [--expires DURATION] [--actor NAME]
  Accept the risk of an item for now: it counts as waived until the waiver expires (e.g. 2h, 30m).
  ROLE is the approving role (one of the plan's roles when it names any).`

export const noteHelp = `gonogo note DIR ITEM TEXT [--actor NAME] [--role ROLE]
  Add a note to an item (notes do not change readiness or the digest).`

const actorOptions = { actor: { type: 'string' }, role: { type: 'string' } } as const

export async function markCli(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...actorOptions,
      note: { type: 'string' },
      evidence: { type: 'string', multiple: true },
    },
  })
  const [dir, item, status, ...extra] = positionals
  if (!dir || !item || !status || extra.length > 0)
    throw new UsageError('mark takes DIR ITEM STATUS')
  const actor = actorFrom(values, io)
  return withSession(dir, 'mark', io, async (session) => {
    const files = values.evidence ?? []
    // Check the mark before copying any file in, so a typo leaves the session untouched.
    const check = markCommand(session.state, actor, {
      item,
      status,
      ...(values.note !== undefined && { reason: values.note }),
    })
    if (!check.ok) return check
    const attached: EventInput[] = []
    for (const file of files) attached.push(await session.attach(file, actor, item))
    const evidence = attached.map((a) => a.data.sha256 as string)
    const mark = markCommand(session.state, actor, {
      item,
      status,
      ...(values.note !== undefined && { reason: values.note }),
      evidence,
    })
    if (!mark.ok) return mark
    await session.record([...attached, mark.event])
    io.out(
      `${item}: ${status}${evidence.length ? ` with ${evidence.length} evidence file(s)` : ''} (seq ${session.state.head.seq})\n`,
    )
    return mark
  })
}

export async function waiveCli(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...actorOptions, reason: { type: 'string' }, expires: { type: 'string' } },
  })
  const [dir, item, ...extra] = positionals
  if (!dir || !item || extra.length > 0) throw new UsageError('waive takes DIR ITEM')
  if (!values.reason) throw new UsageError('waive needs --reason TEXT')
  if (!values.role) throw new UsageError('waive needs --role ROLE (the approving role)')
  let expiresInMs: number | undefined
  if (values.expires !== undefined) {
    try {
      expiresInMs = parseDuration(values.expires)
    } catch (e) {
      throw new UsageError(`--expires: ${(e as Error).message}`)
    }
  }
  const actor = actorFrom(values, io)
  const { reason, role } = values
  return withSession(dir, 'waive', io, async (session) => {
    const now = session.now()
    const expiresAt =
      expiresInMs === undefined ? undefined : new Date(now + expiresInMs).toISOString()
    const waiver = waiveCommand(
      session.state,
      actor,
      { item, reason, role, ...(expiresAt && { expiresAt }) },
      now,
    )
    if (!waiver.ok) return waiver
    await session.record([waiver.event])
    io.out(
      `${item}: waived by ${role}${expiresAt ? ` until ${expiresAt}` : ' with no expiry'} (seq ${session.state.head.seq})\n`,
    )
    return waiver
  })
}

export async function noteCli(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: actorOptions })
  const [dir, item, text, ...extra] = positionals
  if (!dir || !item || text === undefined || extra.length > 0)
    throw new UsageError('note takes DIR ITEM TEXT')
  const actor = actorFrom(values, io)
  return withSession(dir, 'note', io, async (session) => {
    const note = noteCommand(session.state, actor, { item, text })
    if (!note.ok) return note
    await session.record([note.event])
    io.out(`${item}: note added (seq ${session.state.head.seq})\n`)
    return note
  })
}

/**
 * Open the session for writing, run one command, close it. A refused command is one line and
 * exit 2; the session is left exactly as it was.
 */
export async function withSession(
  dir: string,
  command: string,
  io: CliIo,
  run: (session: Session) => Promise<CommandResult>,
  refusedExit: number = EXIT.usage,
): Promise<number> {
  const session = await openSessionForCli(dir, io, { command })
  if (typeof session === 'number') return session
  try {
    const result = await run(session)
    if (!result.ok) {
      io.err(`gonogo ${command}: ${result.message}\n`)
      for (const r of result.reasons ?? []) io.err(`  - ${r.message}\n`)
      return refusedExit
    }
    return EXIT.ok
  } catch (e) {
    if (e instanceof SessionError) {
      io.err(`gonogo ${command}: ${e.message}\n`)
      return EXIT.usage
    }
    throw e
  } finally {
    await session.close()
  }
}
