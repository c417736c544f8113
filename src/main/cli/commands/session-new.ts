import { parseArgs } from 'node:util'
import { SessionError } from '../../session/errors'
import { Session } from '../../session/session'
import { EXIT, UsageError, type CliIo } from '../io'
import { loadRunnablePlan } from '../plan-access'
import { actorFrom, exitCodeFor } from '../session-access'

export const sessionHelp = `gonogo session new PLAN DIR [--env NAME] [--var key=value ...] [--presets PATH ...] [--actor NAME] [--role ROLE]
  Start a launch session on PLAN (YAML, JSON or a Markdown checklist) in DIR, which must be new
  or empty. DIR then holds events.jsonl (the hash-chained event log) and attachments/.
  --env NAME runs it in one of the plan's environments (required when it declares several); the
  session, its digest and its record name the environment.`

export async function sessionCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      var: { type: 'string', multiple: true },
      env: { type: 'string' },
      presets: { type: 'string', multiple: true },
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
  const loaded = await loadRunnablePlan(planFile, values.var, io, values.env, values.presets)
  if (typeof loaded === 'number') return loaded
  let session: Session
  try {
    session = await Session.create(dir, loaded, actorFrom(values, io))
  } catch (e) {
    if (e instanceof SessionError) {
      io.err(`gonogo session: ${e.message}\n`)
      return exitCodeFor(e)
    }
    throw e
  }
  const { plan, hash, environment } = loaded
  const items = plan.phases.reduce((n, p) => n + p.items.length, 0)
  await session.close()
  io.out(
    `started session ${dir}: "${plan.name}"${environment ? ` in environment ${environment}` : ''}, ${items} items in ${plan.phases.length} phases (plan hash ${hash})\n`,
  )
  return EXIT.ok
}
