/**
 * The demo target's production traffic, simulated: a baseline fleet and a canary fleet each serving
 * a steady stream of requests, counted into Prometheus metrics. The canary follows the target's
 * faults (`errors` raises its error rate, `slow` its latency); the baseline stays healthy. Latencies
 * come from a seeded generator, so the same run gives the same numbers.
 */

export type Deployment = 'canary' | 'baseline'

export interface FleetBehaviour {
  /** Share of requests that fail. */
  errorRate: number
  /** Added to every request's latency, ms. */
  extraLatencyMs: number
}

const HEALTHY: FleetBehaviour = { errorRate: 0.005, extraLatencyMs: 0 }
const TICK_MS = 100
const REQUESTS_PER_TICK = 50
/** Histogram buckets in seconds, dense where healthy and degraded latencies fall. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 0.75, 1, 2.5]

/** mulberry32: a tiny, well-known seeded PRNG (reproducible demo numbers, not security). */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class FleetMetrics {
  ok = 0
  error = 0
  /** Fractional errors carried over, so the error rate is exact rather than noisy. */
  private errorDebt = 0
  readonly buckets = new Array<number>(LATENCY_BUCKETS.length).fill(0)
  count = 0
  sumSeconds = 0

  constructor(private readonly random: () => number) {}

  serve(requests: number, behaviour: FleetBehaviour): void {
    this.errorDebt += requests * behaviour.errorRate
    const errors = Math.min(requests, Math.floor(this.errorDebt))
    this.errorDebt -= errors
    this.error += errors
    this.ok += requests - errors
    for (let i = 0; i < requests; i++) {
      // 20 ms floor plus an exponential tail (mean 10 ms), plus the fault's delay.
      const ms = 20 - 10 * Math.log(1 - this.random()) + behaviour.extraLatencyMs
      const seconds = ms / 1000
      this.count++
      this.sumSeconds += seconds
      for (let b = 0; b < LATENCY_BUCKETS.length; b++)
        if (seconds <= LATENCY_BUCKETS[b]!) this.buckets[b]!++
    }
  }
}

export class SimulatedFleets {
  private readonly fleets: Record<Deployment, FleetMetrics> = {
    canary: new FleetMetrics(seeded(42)),
    baseline: new FleetMetrics(seeded(7)),
  }
  private readonly timer: NodeJS.Timeout

  constructor(private readonly canaryBehaviour: () => FleetBehaviour) {
    this.timer = setInterval(() => this.tick(), TICK_MS)
    this.timer.unref()
  }

  tick(): void {
    this.fleets.baseline.serve(REQUESTS_PER_TICK, HEALTHY)
    this.fleets.canary.serve(REQUESTS_PER_TICK, this.canaryBehaviour())
  }

  stop(): void {
    clearInterval(this.timer)
  }

  /** Prometheus text exposition format 0.0.4. */
  metricsText(): string {
    const lines = [
      '# HELP http_requests_total Requests served, by deployment and outcome.',
      '# TYPE http_requests_total counter',
    ]
    for (const d of ['canary', 'baseline'] as const) {
      lines.push(`http_requests_total{deployment="${d}",outcome="ok"} ${this.fleets[d].ok}`)
      lines.push(`http_requests_total{deployment="${d}",outcome="error"} ${this.fleets[d].error}`)
    }
    lines.push(
      '# HELP http_request_duration_seconds Request latency.',
      '# TYPE http_request_duration_seconds histogram',
    )
    for (const d of ['canary', 'baseline'] as const) {
      const f = this.fleets[d]
      LATENCY_BUCKETS.forEach((le, b) =>
        lines.push(
          `http_request_duration_seconds_bucket{deployment="${d}",le="${le}"} ${f.buckets[b]}`,
        ),
      )
      lines.push(`http_request_duration_seconds_bucket{deployment="${d}",le="+Inf"} ${f.count}`)
      lines.push(`http_request_duration_seconds_sum{deployment="${d}"} ${f.sumSeconds.toFixed(6)}`)
      lines.push(`http_request_duration_seconds_count{deployment="${d}"} ${f.count}`)
    }
    return lines.join('\n') + '\n'
  }
}
