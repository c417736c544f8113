import { parseArgs } from 'node:util'
import { decideCommand } from '../../../shared/session/commands'
import { EXIT, UsageError, type CliIo } from '../io'
import { actorFrom } from '../session-access'
import { withSession } from './mark'

export const decideHelp = `gonogo decide DIR go|no-go --reason TEXT [--actor NAME] [--role ROLE]
  Record the launch decision over the current digest. GO is refused (exit 1, with the reasons)
  unless the session is READY and every required role has signed the current digest.
  NO-GO is always possible.`

export async function decideCli(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { reason: { type: 'string' }, actor: { type: 'string' }, role: { type: 'string' } },
  })
  const [dir, word, ...extra] = positionals
  if (!dir || !word || extra.length > 0) throw new UsageError('decide takes DIR and go or no-go')
  const decision =
    word.toLowerCase() === 'go' ? 'GO' : word.toLowerCase() === 'no-go' ? 'NO-GO' : undefined
  if (!decision) throw new UsageError(`the decision must be go or no-go; got "${word}"`)
  if (!values.reason?.trim()) throw new UsageError(`a ${decision} decision needs --reason TEXT`)
  const actor = actorFrom(values, io)
  const reason = values.reason
  return withSession(
    dir,
    'decide',
    io,
    async (session) => {
      const result = decideCommand(session.state, actor, { decision, reason }, session.now())
      if (!result.ok) return result
      await session.record([result.event])
      io.out(
        `${decision} recorded over digest ${String(result.event.data.digest)} (seq ${session.state.head.seq})\n`,
      )
      return result
    },
    EXIT.failed,
  )
}
