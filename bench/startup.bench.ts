// CLI cold start, as a captain or a CI gate pays it on every call: `gonogo --help`, `validate` of
// the demo plan, `status` and `digest` of a 1,000-event session, each a fresh `node` process
// running the built CLI (bin/gonogo.mjs), interleaved round by round with the reference, a bare
// `node -e 0` started the same way.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { sha256Hex } from '../src/shared/canonical'
import type { EventInput } from '../src/shared/session/events'
import { loadPlanFile } from '../src/main/plans/plan-files'
import { Session } from '../src/main/session/session'
import { describe, interleaved, report, round, spreadOf, type Stats } from './measure'

// Measure the CLI as it is now, not a stale build.
await build({ configFile: resolve('vite.cli.config.ts'), logLevel: 'silent' })

const root = resolve('.tmp/bench-startup')
rmSync(root, { recursive: true, force: true })
mkdirSync(root, { recursive: true })

// A 1,000-event session on the demo plan: the start, then probe results, marks and notes over its
// items, as a launch morning leaves it.
const demoPlan = resolve('resources/plans/demo.yaml')
const loaded = await loadPlanFile(demoPlan)
if (!loaded.ok) throw new Error(`demo plan: ${loaded.errors[0]?.message}`)
const items = loaded.value.plan.phases.flatMap((p) => p.items.map((i) => i.id))
const sessionDir = join(root, 'session')
const session = await Session.create(sessionDir, loaded.value, {
  name: 'Bench captain',
  role: 'Release Captain',
})
const observed = (n: number) => new Date(Date.now() - (1000 - n) * 1000).toISOString()
const events: EventInput[] = []
for (let n = 1; n < 1000; n++) {
  const item = items[n % items.length]!
  if (n % 10 === 0)
    events.push({
      actor: { name: 'Ada', role: 'Release Captain' },
      type: 'item.note',
      data: { item, text: `Checked by hand, round ${n}` },
    })
  else if (n % 10 === 5)
    events.push({
      actor: { name: 'Ada', role: 'Release Captain' },
      type: 'item.status',
      data: { item, status: n % 3 ? 'pass' : 'pending', note: 'looked at the dashboard' },
    })
  else
    events.push({
      actor: { name: 'gonogo check' },
      type: 'probe.result',
      data: {
        item,
        status: n % 7 === 0 ? 'fail' : 'pass',
        ...(n % 7 === 0 && { reason: 'status == 200 → 503 == 200' }),
        observedAt: observed(n),
        durationMs: 38.5,
        evidence: sha256Hex(`evidence ${n}`),
      },
    })
}
for (let i = 0; i < events.length; i += 100) await session.record(events.slice(i, i + 100))
if (session.state.head.seq !== 1000) throw new Error(`session has ${session.state.head.seq} events`)
await session.close()

const cli = resolve('bin/gonogo.mjs')
/** One cold process; its exit code and output are checked, so a broken command cannot look fast. */
const run = (args: string[], ok: (stdout: string) => boolean) => () => {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' })
  if (r.status !== 0 && !(args.includes('status') && r.status === 1))
    throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`)
  if (!ok(r.stdout)) throw new Error(`${args.join(' ')}: unexpected output: ${r.stdout}`)
}
const ROUNDS = 21
const times = await interleaved(
  {
    node: run(['-e', '0'], () => true),
    help: run([cli, '--help'], (o) => o.includes('gonogo status DIR')),
    validate: run([cli, 'validate', demoPlan], (o) => o.includes(': valid')),
    status: run([cli, 'status', sessionDir], (o) => /READY/.test(o)),
    digest: run([cli, 'digest', sessionDir], (o) => /^[0-9a-f]{64}\n$/.test(o)),
  },
  ROUNDS,
  2,
)
rmSync(root, { recursive: true, force: true })

const reference = `\`node -e 0\` ${describe(times.node)}`
const figure = (name: string, s: Stats, budget: number) => ({
  figure: `CLI cold start: ${name} (median of ${ROUNDS}, interleaved with the reference)`,
  value: round(s.median, 1),
  unit: 'ms',
  spread: spreadOf(s),
  reference,
  ratio: round(s.median / times.node.median),
  budget: `≤ ${budget}× \`node -e 0\``,
  pass: s.median / times.node.median <= budget,
})
report([
  figure('gonogo --help', times.help, 2.5),
  figure('gonogo validate (demo plan)', times.validate, 5),
  figure('gonogo status (1,000-event session)', times.status, 5),
  figure('gonogo digest (1,000-event session)', times.digest, 5),
])
