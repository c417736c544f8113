// Probe engine against a loopback server in its own process: HTTP probe throughput vs raw undici
// doing the same requests (same connection policy, same concurrency, same run), the latency
// probe's p95 vs autocannon's on the same server and rate, and time to the first red result among
// slow probes vs the red probe run alone.
import { spawn } from 'node:child_process'
import autocannon from 'autocannon'
import { Agent, request } from 'undici'
import { PlanSchema } from '../src/shared/plan/schema'
import { runProbes, selectProbes } from '../src/main/probes/runner'
import { tokenSecrets } from '../src/main/probes/secrets'
import { PROBE_USER_AGENT } from '../src/main/probes/request-spec'
import { percentile } from '../src/main/probes/kinds/latency'
import { describe, interleaved, report, round, spreadOf, stats } from './measure'

const SERVER = `
const http = require('node:http')
const body = JSON.stringify({ status: 'ok', checks: { db: 'ok', migrations: { pending: 0 } } })
let n = 0
http.createServer((req, res) => {
  const send = () => { res.writeHead(req.url === '/red' ? 503 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body) }
  if (req.url === '/slow') setTimeout(send, 3000)
  // A realistic spread of service times (5-24 ms, the same sequence for every client), so p95 is
  // about the service and not about sub-millisecond scheduling noise.
  else if (req.url === '/work') setTimeout(send, 5 + ((n++ * 37) % 20))
  else send()
}).listen(0, '127.0.0.1', function () { console.log(this.address().port) })`

const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
const port = await new Promise<number>((resolve) =>
  server.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
)
const base = `http://127.0.0.1:${port}`
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

// Latency: the same number of requests, rate and connections for both tools.
const LAT = { requests: 1000, rate: 200, connections: 8 }
async function autocannonP95(): Promise<number> {
  const times: number[] = []
  const instance = autocannon({
    url: `${base}/work`,
    connections: LAT.connections,
    amount: LAT.requests,
    overallRate: LAT.rate,
  })
  ;(instance as unknown as NodeJS.EventEmitter).on(
    'response',
    (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
      times.push(responseTime),
  )
  await instance
  times.sort((a, b) => a - b)
  return percentile(times, 95)
}
async function latencyProbeP95(): Promise<number> {
  const plan = PlanSchema.parse({
    name: 'Latency',
    phases: [
      {
        id: 'p',
        title: 'P',
        items: [
          {
            id: 'lat',
            title: 'lat',
            probe: {
              kind: 'latency',
              url: `${base}/work`,
              requests: LAT.requests,
              rate: LAT.rate,
              concurrency: LAT.connections,
            },
          },
        ],
      },
    ],
  })
  const selected = selectProbes(plan)
  if (!selected.ok) throw new Error(selected.message)
  for await (const r of runProbes({ probes: selected.probes, vars: {}, secrets }))
    return (r.evidence.latency as { p95: number }).p95
  throw new Error('no result')
}
const acRuns: number[] = []
const probeRuns: number[] = []
for (let i = 0; i < 5; i++) {
  acRuns.push(await autocannonP95())
  probeRuns.push(await latencyProbeP95())
}
const probeP95 = median(probeRuns)
// The median of the per-round ratios: a burst from a neighbour lands on one round's pair, not on
// one tool's median.
const latencyRatio = median(probeRuns.map((p, i) => p / (acRuns[i] ?? NaN)))

// First red: one failing blocking probe among slow ones; time from start to its result.
const redPlan = PlanSchema.parse({
  name: 'First red',
  phases: [
    {
      id: 'p',
      title: 'P',
      items: [
        ...Array.from({ length: 12 }, (_, i) => ({
          id: `slow${i}`,
          title: 'slow',
          probe: { kind: 'http', url: `${base}/slow`, timeout: '10s' },
        })),
        {
          id: 'red',
          title: 'red',
          probe: { kind: 'http', url: `${base}/red`, expect: ['status == 200'] },
        },
      ],
    },
  ],
})
const redSelected = selectProbes(redPlan)
if (!redSelected.ok) throw new Error(redSelected.message)
/** Time from the start of a run of `probes` to its first red result. */
async function firstRedOf(probes: Parameters<typeof runProbes>[0]['probes']): Promise<void> {
  for await (const r of runProbes({ probes, vars: {}, secrets, concurrency: 16 }))
    if (r.status === 'fail') return
  throw new Error('no red result')
}
const probes = redSelected.probes
const redAlone = probes.filter((p) => p.item.id === 'red')
if (redAlone.length !== 1) throw new Error('the red probe is missing')
/** "Run all" (12 slow probes in flight beside the red one), against the red probe run alone. */
const firstRed = () => firstRedOf(probes)
const redProbeAlone = () => firstRedOf(redAlone)
const red = await interleaved({ firstRed, redProbeAlone }, 9, 2)
const redRatio = red.firstRed.median / red.redProbeAlone.median
// A runner that let slow probes hold the red one back would be hundreds of times over (they take 3 s).
const RED_BUDGET = 5
server.kill()

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
  {
    figure: `latency probe p95 (${LAT.requests} requests at ${LAT.rate}/s, ${LAT.connections} connections)`,
    value: round(probeP95),
    unit: 'ms',
    spread: spreadOf(stats(probeRuns)),
    reference: `autocannon p95 ${describe(stats(acRuns))}`,
    ratio: round(latencyRatio),
    budget: 'within 10% of autocannon (median of the per-round ratios)',
    pass: Math.abs(latencyRatio - 1) <= 0.1,
  },
  {
    figure: 'first red blocking result after "run all" (13 probes, 12 slow)',
    value: round(red.firstRed.median),
    unit: 'ms',
    spread: spreadOf(red.firstRed),
    reference: `the red probe run alone ${describe(red.redProbeAlone)}`,
    ratio: round(redRatio),
    budget: `≤ ${RED_BUDGET}× the red probe alone (DESIGN: < 1,000 ms as information)`,
    pass: redRatio <= RED_BUDGET,
  },
])
