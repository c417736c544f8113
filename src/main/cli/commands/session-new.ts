import { parseArgs } from 'node:util'
import { formatSourceError } from '../../../shared/plan/errors'
import { openPlanOrChecklist } from '../../plans/plan-files'
import { SessionError } from '../../session/errors'
import { Session } from '../../session/session'
import { EXIT, parseVarFlags, UsageError, type CliIo } from '../io'
import { actorFrom, exitCodeFor } from '../session-access'

export const sessionHelp = `gonogo session new PLAN DIR [--var key=value ...] [--actor NAME] [--role ROLE]
  Start a launch session on PLAN (YAML, JSON or a Markdown checklist) in DIR, which must be new
  or empty. DIR then holds events.jsonl (the hash-chained event log) and attachments/.`

export async function sessionCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      var: { type: 'string', multiple: true },
      actor: { type: 'string' },
      role: { type: 'string' },
    },
  })
  const [sub, planFile, dir, ...extra] = positionals
  if (sub !== 'new')
    throw new UsageError(
      sub ? `unknown session command "${sub}"` : 'expected `session new PLAN DIR`',
    )
  if (!planFile || !dir || extra.length > 0)
    throw new UsageError('session new takes a PLAN file and a DIR')
  const loaded = await openPlanOrChecklist(planFile, {
    vars: parseVarFlags(values.var),
    requireVarValues: true,
  })
  if (!loaded.ok) {
    for (const e of loaded.errors) io.err(formatSourceError(e) + '\n')
    return EXIT.usage
  }
  let session: Session
  try {
    session = await Session.create(dir, loaded.value, actorFrom(values, io))
  } catch (e) {
    if (e instanceof SessionError) {
      io.err(`gonogo session: ${e.message}\n`)
      return exitCodeFor(e)
    }
    throw e
  }
  const { plan, hash } = loaded.value
  const items = plan.phases.reduce((n, p) => n + p.items.length, 0)
  await session.close()
  io.out(
    `started session ${dir}: "${plan.name}", ${items} items in ${plan.phases.length} phases (plan hash ${hash})\n`,
  )
  return EXIT.ok
}
