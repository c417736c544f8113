// The latency probe's p95 against autocannon's, on the same loopback server (its own process),
// the same route, number of requests, rate and connections, rounds interleaved.
//
// Measured the same way on both sides: every response time from the request's write to its
// socket until its last byte (autocannon: its 'response' event, which it times from the write to
// the parser's message-complete; the probe: timedRequest, from undici's onRequestStart to
// onResponseEnd), and p95 as the nearest rank over those raw times (the probe's own `percentile`,
// applied to both). autocannon's own report is not used: it has no p95, its histogram keeps whole
// milliseconds, and with a rate it adds coordinated-omission fill-in values the probe does not.
//
// Pacing is the one thing that differs, and it is stated: the probe sends request i at i / rate
// (evenly), autocannon gives each connection rate / connections requests per one-second window
// and sends them back to back at the window's start (lib/httpClient.js: reqsMadeThisSecond,
// reset by a 1 s interval). The route's service times come in a fixed sequence (5–24 ms), so both
// see the same service-time mix whatever the pacing.
import autocannon from 'autocannon'
import { PlanSchema } from '../src/shared/plan/schema'
import { runProbes, selectProbes } from '../src/main/probes/runner'
import { tokenSecrets } from '../src/main/probes/secrets'
import { percentile } from '../src/main/probes/kinds/latency'
import { startLoopbackServer } from './loopback-server'
import { describe, report, round, spreadOf, stats } from './measure'

const { base, stop } = await startLoopbackServer()
const secrets = tokenSecrets({})
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
  if (times.length !== LAT.requests)
    throw new Error(`autocannon answered ${times.length} of ${LAT.requests}`)
  times.sort((a, b) => a - b)
  return percentile(times, 95)
}

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
const latencyProbe = selected.probes
async function latencyProbeP95(): Promise<number> {
  for await (const r of runProbes({ probes: latencyProbe, vars: {}, secrets })) {
    const latency = r.evidence.latency as { p95: number; errors: number }
    if (latency.errors > 0) throw new Error(`the latency probe saw ${latency.errors} errors`)
    return latency.p95
  }
  throw new Error('no result')
}

// One warm-up round of each (not counted: the first round compiles both clients' code), then
// rounds whose order alternates, so neither tool always runs right after the other.
const WARM_UP_ROUNDS = 1
const ROUNDS = 7
for (let i = 0; i < WARM_UP_ROUNDS; i++) {
  await autocannonP95()
  await latencyProbeP95()
}
const acRuns: number[] = []
const probeRuns: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  if (i % 2 === 0) {
    acRuns.push(await autocannonP95())
    probeRuns.push(await latencyProbeP95())
  } else {
    probeRuns.push(await latencyProbeP95())
    acRuns.push(await autocannonP95())
  }
}
stop()
const median = (xs: number[]) => stats(xs).median
// The median of the per-round ratios: a burst from a neighbour lands on one round's pair, not on
// one tool's median.
const latencyRatio = median(probeRuns.map((p, i) => p / (acRuns[i] ?? NaN)))

report([
  {
    figure: `latency probe p95 (${LAT.requests} requests at ${LAT.rate}/s, ${LAT.connections} connections)`,
    value: round(median(probeRuns)),
    unit: 'ms',
    spread: spreadOf(stats(probeRuns)),
    reference: `autocannon p95 ${describe(stats(acRuns))} (each timed from write to last byte)`,
    ratio: round(latencyRatio),
    budget: `within 10% of autocannon (median of ${ROUNDS} per-round ratios)`,
    pass: Math.abs(latencyRatio - 1) <= 0.1,
  },
])
