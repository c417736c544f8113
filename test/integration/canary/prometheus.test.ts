import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCanaryAnalysis, type CanaryUpdate } from '../../../src/main/canary/analysis-run'
import { startDemoTarget, type DemoTarget } from '../../../src/main/demo/server'
import { tokenSecrets } from '../../../src/main/probes/secrets'
import { CanarySpecSchema } from '../../../src/shared/canary/spec'
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus'

/**
 * The canary judged end to end: the demo target serves canary and baseline traffic, a real
 * Prometheus scrapes it every second, and the analysis reads Prometheus' HTTP API.
 */

const ERROR_RATE =
  'sum by (deployment) (rate(http_requests_total{outcome="error"}[5s])) / sum by (deployment) (rate(http_requests_total[5s]))'
const P95 =
  'histogram_quantile(0.95, sum by (deployment, le) (rate(http_request_duration_seconds_bucket[5s])))'
const split = { label: 'deployment', canary: 'canary', baseline: 'baseline' }

function spec(url: string, analysis: Record<string, unknown>, metrics?: unknown[]) {
  return CanarySpecSchema.parse({
    source: { type: 'prometheus', url: '${vars.prometheus}', timeout: '5s' },
    analysis: { interval: '2s', lookback: '20s', step: '1s', ...analysis },
    metrics: metrics ?? [
      {
        id: 'error-rate',
        query: ERROR_RATE,
        split,
        target: 0.01,
        alert: 0.05,
        compare: { allowedEffect: 0.5 },
        critical: true,
      },
      {
        id: 'p95-latency',
        unit: 's',
        query: P95,
        split,
        target: 0.3,
        alert: 0.5,
        maxRatio: 1.25,
        compare: { allowedEffect: 0.25 },
      },
    ],
  })
}

async function analyse(url: string, canary: ReturnType<typeof spec>): Promise<CanaryUpdate[]> {
  const updates: CanaryUpdate[] = []
  for await (const update of runCanaryAnalysis({
    item: 'canary',
    spec: canary,
    vars: { prometheus: url },
    secrets: tokenSecrets({}),
  }))
    updates.push(update)
  return updates
}

describe('canary analysis against a real Prometheus', () => {
  let target: DemoTarget
  let prometheus: PrometheusServer

  beforeAll(async () => {
    target = await startDemoTarget()
    prometheus = await startPrometheus([new URL(target.url).host])
    // Wait (bounded) until 20 s of history exist, so every interval has 21 samples per side.
    const deadline = Date.now() + 90_000
    for (;;) {
      const answer = (await prometheus.query(
        'count_over_time(http_requests_total{deployment="canary",outcome="ok"}[30s])',
      )) as { data?: { result?: { value: [number, string] }[] } }
      const samples = Number(answer.data?.result?.[0]?.value[1] ?? 0)
      if (samples >= 24) break
      if (Date.now() > deadline)
        throw new Error(`Prometheus has only ${samples} samples after 90 s`)
      await new Promise((r) => setTimeout(r, 1000))
    }
  }, 120_000)

  afterAll(async () => {
    await prometheus?.stop()
    await target?.close()
  })

  it('passes a healthy canary, every interval and metric with its values', async () => {
    const updates = await analyse(
      prometheus.url,
      spec(prometheus.url, { count: 3, stableFor: '6s' }),
    )
    expect(updates.map((u) => u.verdict)).toEqual(['running', 'running', 'pass'])
    const last = updates.at(-1)!
    expect(last.reason).toMatch(/^stable for 6 s: every interval in the window passed/)
    for (const u of updates) {
      expect(u.interval!.outcome).toBe('pass')
      expect(u.interval!.score).toBe(100)
      const [errorRate, p95] = u.interval!.metrics
      expect(errorRate!.value).toBeGreaterThan(0.003)
      expect(errorRate!.value).toBeLessThan(0.007)
      expect(errorRate!.canaryCount).toBeGreaterThanOrEqual(20)
      expect(errorRate!.classification).toBe('Pass')
      expect(p95!.value).toBeGreaterThan(0.02)
      expect(p95!.value).toBeLessThan(0.1)
      // Samples are kept as evidence, [unix seconds, value].
      const samples = u.samples!['error-rate'] as { canary: [number, number][] }
      expect(samples.canary.length).toBe(errorRate!.canaryCount)
    }
  }, 60_000)

  it('fails a degraded canary with the metric, its value, the limit and the statistics', async () => {
    target.setFaults(['errors', 'slow'])
    try {
      const updates = await analyse(
        prometheus.url,
        spec(prometheus.url, { initialDelay: '12s', count: 3 }),
      )
      expect(updates).toHaveLength(1)
      const [failed] = updates
      expect(failed!.verdict).toBe('fail')
      expect(failed!.reason).toMatch(
        /^1 failed interval \(limit 0\); interval 1: critical metric failed — error-rate: mean 0\.\d+ > alert 0\.05; Mann-Whitney High: canary higher than baseline/,
      )
      const [errorRate, p95] = failed!.interval!.metrics
      expect(errorRate!.status).toBe('fail')
      expect(errorRate!.value).toBeGreaterThan(0.05)
      expect(errorRate!.p).toBeLessThan(0.02)
      expect(p95!.status).toBe('fail')
      expect(p95!.reason).toMatch(/beyond baseline .* × 1\.25/)
    } finally {
      target.setFaults([])
    }
  }, 60_000)

  it('turns bad PromQL, empty results and NaN into measurement errors with the source message', async () => {
    const updates = await analyse(
      prometheus.url,
      spec(prometheus.url, { count: 1, consecutiveErrorLimit: 0 }, [
        { id: 'typo', query: 'rate(http_requests_total[5', split, target: 1 },
        { id: 'empty', canary: 'nonexistent_metric_total', target: 1 },
        {
          id: 'nan',
          canary:
            'sum(rate(http_requests_total{deployment="canary"}[5s])) * 0 / (sum(rate(http_requests_total{deployment="canary"}[5s])) * 0)',
          target: 1,
        },
      ]),
    )
    const [only] = updates
    expect(only!.verdict).toBe('inconclusive')
    expect(only!.reason).toMatch(/could not be measured in 1 interval in a row \(limit 0\)/)
    const reasons = Object.fromEntries(only!.interval!.metrics.map((m) => [m.id, m.reason]))
    expect(reasons.typo).toMatch(/^measurement error: bad_data: .*parse error/)
    expect(reasons.empty).toBe(
      'measurement error: the canary query returned no series (empty result): nonexistent_metric_total',
    )
    expect(reasons.nan).toMatch(/^measurement error: the canary query returned only NaN/)
  }, 30_000)

  it('is blocked, naming the URL and the var to change, when Prometheus is not there', async () => {
    const updates = await analyse('http://127.0.0.1:9', spec('', { count: 1 }))
    expect(updates).toHaveLength(1)
    expect(updates[0]!.verdict).toBe('blocked')
    expect(updates[0]!.reason).toBe(
      'metrics source unreachable at http://127.0.0.1:9: connection refused by 127.0.0.1:9 — is Prometheus running and reachable from here? Set the plan var `prometheus` to its URL (--var prometheus=URL).',
    )
  })
})
