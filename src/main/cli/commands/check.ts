import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { parseDuration, formatDuration } from '../../../shared/plan/duration'
import type { ProbeResult } from '../../../shared/probes/result'
import { runProbes, selectProbes, type PlannedProbe } from '../../probes/runner'
import { KeyringSecretStore } from '../../secrets/keyring-store'
import { Vault } from '../../secrets/vault'
import { credentialsUsed, vaultSecrets } from '../../secrets/vault-source'
import { SessionError } from '../../session/errors'
import { EXIT, UsageError, type CliIo } from '../io'
import { loadRunnablePlan } from '../plan-access'
import { junitXml } from '../junit'
import { actorFrom, openRunSession, refuseOtherPlan } from '../session-access'

export const checkHelp = `gonogo check PLAN [--env NAME] [--session DIR] [--var key=value ...] [--presets PATH ...] [--only PHASE|ITEM] [--json] [--junit FILE] [--concurrency N] [--every DURATION]
  Run the plan's probes against production and print each result as it lands.
  Exit 0 when every blocking probe passed, 1 when any failed, 2 on usage or plan errors.
  --env NAME uses one of the plan's environments (required when it declares several).
  --session DIR appends every result to that session (started on the same plan), in its environment.
  --junit FILE writes JUnit XML (one testcase per probe item). --every 30s repeats until Ctrl-C.
  --presets PATH adds preset files (or a folder of them) to the built-in ones and the plan's own.
  Credentials come from GONOGO_SECRET_<NAME> environment variables.`

const COLOURS = {
  green: '\u001b[32m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  reset: '\u001b[0m',
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      session: { type: 'string' },
      var: { type: 'string', multiple: true },
      env: { type: 'string' },
      presets: { type: 'string', multiple: true },
      only: { type: 'string' },
      json: { type: 'boolean' },
      junit: { type: 'string' },
      concurrency: { type: 'string' },
      every: { type: 'string' },
      actor: { type: 'string' },
    },
  })
  if (positionals.length !== 1) throw new UsageError('check takes exactly one PLAN file')
  const file = positionals[0] ?? ''
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError(
      `--concurrency must be a whole number from 1 to 64, got "${values.concurrency}"`,
    )
  let everyMs: number | undefined
  if (values.every !== undefined) {
    try {
      everyMs = parseDuration(values.every)
    } catch (e) {
      throw new UsageError(`--every: ${(e as Error).message}`)
    }
  }
  const opened = await openRunSession(values.session, values.env, io, 'check')
  if (typeof opened === 'number') return opened
  const { session, environment } = opened
  const loaded = await loadRunnablePlan(file, values.var, io, environment, values.presets)
  if (typeof loaded === 'number') {
    await session?.close()
    return loaded
  }
  const { plan, vars, hash } = loaded
  const selected = selectProbes(plan, values.only)
  if (!selected.ok) {
    await session?.close()
    throw new UsageError(selected.message)
  }
  if (selected.probes.length === 0) {
    await session?.close()
    io.err(
      `gonogo check: ${file} has no probes${values.only ? ` in \`${values.only}\`` : ''}: nothing to run\n`,
    )
    return EXIT.usage
  }

  if (session) {
    const refused = await refuseOtherPlan(session, hash, io, {
      command: 'check',
      dir: values.session!,
    })
    if (refused !== undefined) return refused
  }

  // Say where each credential comes from (never its value); a missing one blocks its items.
  const vault = new Vault(new KeyringSecretStore(), io.env)
  const secrets = vaultSecrets(vault, plan)
  const sources: string[] = []
  for (const name of credentialsUsed(selected.probes)) {
    try {
      const credential = await secrets.credential(name)
      sources.push(
        credential ? `${name} (${credential.source})` : `${name} (NOT SET: ${secrets.hint(name)})`,
      )
    } catch (e) {
      sources.push(`${name} (unreadable: ${e instanceof Error ? e.message : String(e)})`)
    }
  }
  if (loaded.environment !== undefined && !values.json)
    io.err(`environment: ${loaded.environment}\n`)
  if (sources.length > 0 && !values.json) io.err(`credentials: ${sources.join(', ')}\n`)

  const stop = new AbortController()
  const onSignal = () => stop.abort()
  process.once('SIGINT', onSignal)
  const table = new LiveTable(io, selected.probes, values.json === true, everyMs !== undefined)
  const results = new Map<string, ProbeResult>()
  const actor = { ...actorFrom(values, io), name: values.actor ?? 'gonogo check' }
  const appends: Promise<unknown>[] = []
  try {
    for await (const result of runProbes({
      probes: selected.probes,
      vars: session ? session.state.vars : vars,
      secrets,
      concurrency,
      ...(loaded.presets && { presets: loaded.presets }),
      ...(everyMs !== undefined && { repeatEveryMs: everyMs }),
      signal: stop.signal,
    })) {
      results.set(result.item, result)
      table.add(result)
      if (session) {
        const open = session
        appends.push(open.probeResultEvent(result, actor).then((event) => open.record([event])))
      }
    }
    await Promise.all(appends)
  } catch (e) {
    if (e instanceof SessionError) {
      io.err(`gonogo check: ${e.message}\n`)
      return EXIT.usage
    }
    throw e
  } finally {
    process.off('SIGINT', onSignal)
    await session?.close()
  }

  const ordered = selected.probes.flatMap((p) => results.get(p.item.id) ?? [])
  const blockingFailed = selected.probes.filter(
    (p) => p.item.blocking && results.get(p.item.id)?.status !== 'pass',
  )
  if (values.junit) await writeFile(values.junit, junitXml(plan, ordered))
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          plan: { name: plan.name, hash, file },
          ...(loaded.environment !== undefined && { environment: loaded.environment }),
          ok: blockingFailed.length === 0,
          summary: summary(ordered, selected.probes),
          results: ordered,
        },
        null,
        2,
      ) + '\n',
    )
  } else {
    table.finish(summary(ordered, selected.probes))
  }
  return blockingFailed.length === 0 ? EXIT.ok : EXIT.failed
}

function summary(results: readonly ProbeResult[], probes: readonly PlannedProbe[]) {
  const blocking = new Set(probes.filter((p) => p.item.blocking).map((p) => p.item.id))
  return {
    total: results.length,
    passed: results.filter((r) => r.status === 'pass').length,
    failed: results.filter((r) => r.status === 'fail').length,
    blockingFailed: results.filter((r) => r.status === 'fail' && blocking.has(r.item)).length,
  }
}

/** Prints results as they land: aligned lines, with colour and a progress count on a terminal. */
class LiveTable {
  private shown = 0
  private readonly width: number
  private readonly blocking: Set<string>

  constructor(
    private readonly io: CliIo,
    private readonly probes: readonly PlannedProbe[],
    private readonly quiet: boolean,
    private readonly repeating: boolean,
  ) {
    this.width = Math.min(32, Math.max(...probes.map((p) => p.item.id.length)))
    this.blocking = new Set(probes.filter((p) => p.item.blocking).map((p) => p.item.id))
  }

  private paint(colour: keyof typeof COLOURS, text: string): string {
    return this.io.isTty ? `${COLOURS[colour]}${text}${COLOURS.reset}` : text
  }

  add(result: ProbeResult): void {
    if (this.quiet) return
    this.shown++
    const pass = result.status === 'pass'
    const mark = pass
      ? this.paint('green', '✓ pass')
      : this.blocking.has(result.item)
        ? this.paint('red', '✗ FAIL')
        : this.paint('yellow', '! fail')
    const progress = this.io.isTty
      ? this.paint('dim', `[${this.shown}/${this.probes.length}] `)
      : ''
    const duration = formatDuration(result.durationMs).padStart(7)
    this.io.out(
      `${progress}${mark}  ${result.item.padEnd(this.width)}  ${duration}  ${pass ? '' : (result.reason ?? '')}\n`,
    )
  }

  roundDone(): boolean {
    if (this.shown % this.probes.length !== 0) return false
    if (!this.quiet)
      this.io.out(
        this.paint(
          'dim',
          `— round done at ${new Date().toISOString()}; next in a moment (Ctrl-C stops) —\n`,
        ),
      )
    return true
  }

  finish(s: { total: number; passed: number; failed: number; blockingFailed: number }): void {
    const verdict =
      s.blockingFailed === 0
        ? this.paint('green', 'all blocking probes passed')
        : this.paint('red', `${s.blockingFailed} blocking probe(s) failed`)
    this.io.out(`\n${s.passed} passed, ${s.failed} failed of ${s.total}: ${verdict}\n`)
  }
}
