// Probe engine against a loopback server in its own process: HTTP probe throughput vs raw undici
// doing the same requests (same connection policy, same concurrency, same run). The latency probe
// and the first red result have their own benches (latency, first-red).
import { Agent, request } from 'undici'
import { PlanSchema } from '../src/shared/plan/schema'
import { runProbes, selectProbes } from '../src/main/probes/runner'
import { tokenSecrets } from '../src/main/probes/secrets'
import { PROBE_USER_AGENT } from '../src/main/probes/request-spec'
import { startLoopbackServer } from './loopback-server'
import { describe, report, round, spreadOf, stats } from './measure'

const { base, stop } = await startLoopbackServer()
const secrets = tokenSecrets({})

const N = 1000
const CONCURRENCY = 8

/** undici's close() makes an error per agent; the engine closes with one error made once. */
const CLOSED = new Error('closed')

/**
 * Raw undici doing the same requests: a fresh connection per request, as the engine opens one per
 * HTTP probe (so each result has real DNS/connect timings). `close`: 'idiomatic' ends with
 * `agent.close()`, as undici's docs do; 'as-engine' closes the way the engine does, which leaves
 * only the engine's own per-probe work (conditions, evidence, runner) between the two.
 */
async function rawUndici(close: 'idiomatic' | 'as-engine'): Promise<number> {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < N) {
        const agent = new Agent({ connections: 1 })
        // The same request the engine sends, byte for byte (its User-Agent header included).
        const res = await request(`${base}/health`, {
          dispatcher: agent,
          headers: { 'user-agent': PROBE_USER_AGENT },
        })
        JSON.parse(await res.body.text())
        await (close === 'idiomatic' ? agent.close() : agent.destroy(CLOSED))
      }
    }),
  )
  return N / ((performance.now() - t0) / 1000)
}

async function engine(): Promise<number> {
  const plan = PlanSchema.parse({
    name: 'Throughput',
    phases: [
      {
        id: 'p',
        title: 'P',
        items: Array.from({ length: N }, (_, i) => ({
          id: `h${i}`,
          title: 'health',
          probe: {
            kind: 'http',
            url: `${base}/health`,
            expect: ['status == 200', 'body.checks.migrations.pending == 0'],
          },
        })),
      },
    ],
  })
  const selected = selectProbes(plan)
  if (!selected.ok) throw new Error(selected.message)
  const t0 = performance.now()
  let passed = 0
  for await (const r of runProbes({
    probes: selected.probes,
    vars: {},
    secrets,
    concurrency: CONCURRENCY,
  }))
    if (r.status === 'pass') passed++
  if (passed !== N) throw new Error(`only ${passed} of ${N} probes passed`)
  return N / ((performance.now() - t0) / 1000)
}

// Warm-up rounds of each (not counted: the engine has far more code for the JIT to settle than
// the raw loop, and the server's sockets settle too), then rounds in rotating order; each figure
// is the median of the per-round ratios, so a hiccup of this shared 2-core machine in one round,
// or going first, does not decide it.
const WARM_UP_ROUNDS = 3
const PAIRED_ROUNDS = 9
const contenders = {
  idiomatic: () => rawUndici('idiomatic'),
  asEngine: () => rawUndici('as-engine'),
  engine,
}
type Contender = keyof typeof contenders
const order: Contender[] = ['idiomatic', 'asEngine', 'engine']
for (let i = 0; i < WARM_UP_ROUNDS; i++) for (const name of order) await contenders[name]()
const runs: Record<Contender, number[]> = { idiomatic: [], asEngine: [], engine: [] }
for (let i = 0; i < PAIRED_ROUNDS; i++)
  for (let j = 0; j < order.length; j++) {
    const name = order[(i + j) % order.length] as Contender
    runs[name].push(await contenders[name]())
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const ratioTo = (reference: number[]) => median(reference.map((r, i) => (runs.engine[i] ?? 0) / r))
const throughputRatio = ratioTo(runs.idiomatic)
const sameCloseRatio = ratioTo(runs.asEngine)
const eng = median(runs.engine)

stop()

report([
  {
    figure: `probe engine: HTTP probes/s (${N} probes, ${CONCURRENCY} at a time, conditions + evidence)`,
    value: Math.round(eng),
    unit: 'probes/s',
    spread: spreadOf(stats(runs.engine), 0),
    reference: `raw undici, same requests ${describe(stats(runs.idiomatic), 'req/s', 0)}`,
    ratio: round(throughputRatio),
    budget: `≥ 0.9× raw undici (median of ${PAIRED_ROUNDS} paired rounds)`,
    pass: throughputRatio >= 0.9,
  },
  {
    figure:
      "probe engine vs raw undici closing connections the engine's way (its own per-probe work)",
    value: Math.round(eng),
    unit: 'probes/s',
    reference: `raw undici, same requests and close ${describe(stats(runs.asEngine), 'req/s', 0)}`,
    ratio: round(sameCloseRatio),
    budget: 'informational',
    pass: true,
  },
])
