import { parseArgs } from 'node:util'
import { describeUpdate, runCanaryAnalysis, type CanaryUpdate } from '../../canary/analysis-run'
import { KeyringSecretStore } from '../../secrets/keyring-store'
import { Vault } from '../../secrets/vault'
import { vaultSecrets } from '../../secrets/vault-source'
import { SessionError } from '../../session/errors'
import { EXIT, UsageError, type CliIo } from '../io'
import { loadRunnablePlan } from '../plan-access'
import { actorFrom, openRunSession, refuseOtherPlan } from '../session-access'

export const canaryHelp = `gonogo canary PLAN ITEM [--env NAME] [--var key=value ...] [--session DIR] [--json]
  Run one canary analysis headless: a line per interval (outcome, score, each metric, stable-for
  progress), then the verdict with its reason. --session DIR appends every step to the session as
  canary.verdict events, the samples kept as evidence, in the session's environment. --env NAME
  uses one of the plan's environments (required when it declares several). --json prints one
  JSON object per step.
  Exit 0 on Pass, 1 on Fail, Marginal, Inconclusive or Blocked (a human decides), 2 on usage errors.`

export async function canaryCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      var: { type: 'string', multiple: true },
      env: { type: 'string' },
      session: { type: 'string' },
      json: { type: 'boolean' },
      actor: { type: 'string' },
    },
  })
  if (positionals.length !== 2) throw new UsageError('canary takes a PLAN file and an ITEM id')
  const [file = '', itemId = ''] = positionals
  const opened = await openRunSession(values.session, values.env, io, 'canary')
  if (typeof opened === 'number') return opened
  const { session, environment } = opened
  const loaded = await loadRunnablePlan(file, values.var, io, environment)
  if (typeof loaded === 'number') {
    await session?.close()
    return loaded
  }
  const { plan, vars, hash } = loaded
  const item = plan.phases.flatMap((p) => p.items).find((i) => i.id === itemId)
  if (!item?.canary) {
    await session?.close()
    if (!item) throw new UsageError(`no item \`${itemId}\` in ${file}`)
    const canaries = plan.phases.flatMap((p) => p.items).filter((i) => i.canary)
    throw new UsageError(
      `item \`${itemId}\` has no canary analysis${canaries.length ? ` (canary items: ${canaries.map((i) => i.id).join(', ')})` : ''}`,
    )
  }

  if (session) {
    const refused = await refuseOtherPlan(session, hash, io, {
      command: 'canary',
      dir: values.session!,
    })
    if (refused !== undefined) return refused
  }
  const secrets = vaultSecrets(new Vault(new KeyringSecretStore(), io.env), plan)
  const actor = { ...actorFrom(values, io), name: values.actor ?? 'gonogo canary' }
  const stop = new AbortController()
  const onSignal = () => stop.abort()
  process.once('SIGINT', onSignal)
  let last: CanaryUpdate | undefined
  try {
    for await (const update of runCanaryAnalysis({
      item: item.id,
      spec: item.canary,
      vars: session ? session.state.vars : vars,
      secrets,
      signal: stop.signal,
    })) {
      last = update
      if (session) await session.record([await session.canaryVerdictEvent(update, actor)])
      io.out(values.json ? JSON.stringify(update) + '\n' : describeUpdate(update) + '\n')
    }
  } catch (e) {
    if (e instanceof SessionError) {
      io.err(`gonogo canary: ${e.message}\n`)
      return EXIT.usage
    }
    throw e
  } finally {
    process.off('SIGINT', onSignal)
    await session?.close()
  }
  if (!last) {
    io.err('gonogo canary: stopped before the first interval\n')
    return EXIT.failed
  }
  if (last.verdict === 'running') io.err('gonogo canary: stopped; the analysis did not finish\n')
  return last.verdict === 'pass' ? EXIT.ok : EXIT.failed
}
