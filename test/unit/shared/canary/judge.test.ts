import { describe, expect, it } from 'vitest'
import { analysisStatus, type IntervalRecord } from '../../../../src/shared/canary/analysis'
import { judgeInterval, judgeMetric, type MetricResult } from '../../../../src/shared/canary/judge'
import {
  AnalysisSpecSchema,
  analysisTiming,
  CanarySpecSchema,
  MetricSpecSchema,
} from '../../../../src/shared/canary/spec'

const metric = (fields: Record<string, unknown>) =>
  MetricSpecSchema.parse({ id: 'error-rate', canary: 'q', baseline: 'b', ...fields })

const ramp = (from: number, n: number, step = 0.001) =>
  Array.from({ length: n }, (_, i) => from + (i % 7) * step)

describe('one metric over one interval', () => {
  it('threshold tiers give pass, warn and fail with the values in the reason', () => {
    const spec = metric({ target: 0.01, alert: 0.05 })
    expect(judgeMetric(spec, { ok: true, canary: [0.004, 0.006] }).status).toBe('pass')
    const warn = judgeMetric(spec, { ok: true, canary: [0.02, 0.03] })
    expect(warn.status).toBe('warn')
    expect(warn.reason).toBe('mean 0.025 > target 0.01 (alert at 0.05)')
    const fail = judgeMetric(spec, { ok: true, canary: [0.2, 0.1] })
    expect(fail.status).toBe('fail')
    expect(fail.reason).toBe('mean 0.15 > alert 0.05')
  })

  it('lower-is-worse metrics mirror the tiers', () => {
    const spec = metric({ direction: 'decrease', target: 0.99, alert: 0.95, aggregate: 'last' })
    expect(judgeMetric(spec, { ok: true, canary: [0.5, 0.995] }).status).toBe('pass')
    expect(judgeMetric(spec, { ok: true, canary: [0.97] }).reason).toBe(
      'last 0.97 < target 0.99 (alert at 0.95)',
    )
    expect(judgeMetric(spec, { ok: true, canary: [0.9] }).status).toBe('fail')
  })

  it('relative criteria compare with the baseline', () => {
    const spec = metric({ maxRatio: 1.1, unit: 'ms' })
    const bad = judgeMetric(spec, { ok: true, canary: [130], baseline: [100] })
    expect(bad.status).toBe('fail')
    expect(bad.reason).toBe('canary 130 ms beyond baseline 100 ms × 1.1')
    expect(judgeMetric(spec, { ok: true, canary: [105], baseline: [100] }).status).toBe('pass')
    const delta = metric({ maxDelta: 0.01 })
    expect(judgeMetric(delta, { ok: true, canary: [0.025], baseline: [0.01] }).status).toBe('fail')
  })

  it('the statistical comparison is a criterion with U, p and the shift', () => {
    const spec = metric({ compare: { allowedEffect: 0.1 } })
    const same = judgeMetric(spec, { ok: true, canary: ramp(0.01, 30), baseline: ramp(0.01, 30) })
    expect(same.status).toBe('pass')
    expect(same.classification).toBe('Pass')
    const high = judgeMetric(spec, { ok: true, canary: ramp(0.2, 30), baseline: ramp(0.01, 30) })
    expect(high.status).toBe('fail')
    expect(high.classification).toBe('High')
    expect(high.p).toBeLessThan(1e-6)
    expect(high.shift!.estimate).toBeCloseTo(0.19, 6)
    expect(high.reason).toMatch(/^Mann-Whitney High: canary higher than baseline/)
  })

  it('too few samples is no data, not a pass', () => {
    const spec = metric({ compare: {} })
    const r = judgeMetric(spec, { ok: true, canary: [1, 2, 3], baseline: [1, 2, 3] })
    expect(r.status).toBe('nodata')
    expect(r.reason).toMatch(/insufficient data: 3 canary and 3 baseline samples/)
  })

  it('NaN samples are dropped; only NaN is no data', () => {
    const spec = metric({ target: 1 })
    expect(judgeMetric(spec, { ok: true, canary: [Number.NaN, 0.5] }).value).toBe(0.5)
    expect(judgeMetric(spec, { ok: true, canary: [Number.NaN] }).status).toBe('nodata')
  })

  it('a measurement error is kept with the source message', () => {
    const r = judgeMetric(metric({ target: 1 }), { ok: false, error: 'bad_data: parse error' })
    expect(r.status).toBe('error')
    expect(r.reason).toBe('measurement error: bad_data: parse error')
  })
})

const result = (id: string, status: MetricResult['status'], extra: Partial<MetricResult> = {}) =>
  ({
    id,
    status,
    critical: false,
    weight: 1,
    canaryCount: 30,
    baselineCount: 30,
    criteria: [],
    reason: `${id} is ${status}`,
    ...extra,
  }) satisfies MetricResult

describe('interval score (Kayenta)', () => {
  const thresholds = { pass: 95, marginal: 75 }
  it('is the weighted share of passing metrics, a warn counting half', () => {
    const j = judgeInterval(
      [result('a', 'pass', { weight: 3 }), result('b', 'warn'), result('c', 'pass')],
      thresholds,
    )
    expect(j.score).toBe(90)
    expect(j.outcome).toBe('marginal')
    expect(j.reason).toBe('score 90 (pass ≥ 95, marginal ≥ 75) — b: b is warn')
  })
  it('is 0 when a critical metric fails, whatever the rest', () => {
    const j = judgeInterval(
      [result('a', 'pass', { weight: 10 }), result('b', 'fail', { critical: true })],
      thresholds,
    )
    expect(j).toMatchObject({ score: 0, outcome: 'fail' })
    expect(j.reason).toMatch(/^critical metric failed — b: b is fail/)
  })
  it('is 0 and inconclusive when half the metrics have no data', () => {
    const j = judgeInterval([result('a', 'pass'), result('b', 'nodata')], thresholds)
    expect(j).toMatchObject({ score: 0, outcome: 'inconclusive' })
  })
  it('is an error when nothing could be measured', () => {
    expect(judgeInterval([result('a', 'error')], thresholds).outcome).toBe('error')
  })
  it('fails below the marginal threshold', () => {
    expect(judgeInterval([result('a', 'fail'), result('b', 'pass')], thresholds).outcome).toBe(
      'fail',
    )
  })
})

describe('analysis verdicts (Argo limits, stable-for window)', () => {
  const spec = (fields: Record<string, unknown>) => AnalysisSpecSchema.parse(fields)
  let n = 0
  const interval = (outcome: IntervalRecord['outcome']): IntervalRecord => ({
    index: ++n,
    at: new Date(Date.UTC(2026, 10, 22, 12, n)).toISOString(),
    score: outcome === 'pass' ? 100 : 0,
    outcome,
    metrics: [],
    reason: `${outcome} #${n}`,
  })
  const status = (fields: Record<string, unknown>, outcomes: IntervalRecord['outcome'][]) => {
    n = 0
    const a = spec(fields)
    return analysisStatus(a, analysisTiming(a), outcomes.map(interval))
  }

  it('runs, then passes when every interval in the stable window passed', () => {
    const fields = { interval: '1m', count: 4, stableFor: '2m' }
    expect(status(fields, ['pass', 'pass']).verdict).toBe('running')
    const done = status(fields, ['marginal', 'pass', 'pass', 'pass'])
    expect(done).toMatchObject({ verdict: 'pass', done: true, stable: { ms: 180_000 } })
    expect(done.reason).toMatch(/^stable for 2 min/)
  })

  it('is marginal at the end when the window holds a marginal interval', () => {
    const r = status({ interval: '1m', count: 3, stableFor: '2m' }, ['pass', 'marginal', 'pass'])
    expect(r.verdict).toBe('marginal')
    expect(r.reason).toBe('not stable for 2 min: interval 2 was marginal — marginal #2')
  })

  it('fails once failures exceed failureLimit', () => {
    const fields = { interval: '1m', count: 10, failureLimit: 1 }
    expect(status(fields, ['fail']).verdict).toBe('running')
    const r = status(fields, ['fail', 'pass', 'fail'])
    expect(r.verdict).toBe('fail')
    expect(r.reason).toBe('2 failed intervals (limit 1); interval 3: fail #3')
  })

  it('is inconclusive (a human decides) past inconclusiveLimit', () => {
    const r = status({ interval: '1m', count: 10 }, ['inconclusive'])
    expect(r.verdict).toBe('inconclusive')
    expect(r.reason).toMatch(/^needs a human decision: 1 interval without enough data \(limit 0\)/)
  })

  it('tolerates consecutiveErrorLimit errors in a row, and a success resets the count', () => {
    const fields = { interval: '1m', count: 20, consecutiveErrorLimit: 2 }
    expect(status(fields, ['error', 'error', 'pass', 'error', 'error']).verdict).toBe('running')
    const r = status(fields, ['error', 'error', 'error'])
    expect(r.verdict).toBe('inconclusive')
    expect(r.reason).toMatch(/could not be measured in 3 intervals in a row \(limit 2\)/)
  })

  it('without count or duration, passes as soon as it is stable, gives up at twice the window', () => {
    const fields = { interval: '1m', stableFor: '3m' }
    expect(status(fields, ['fail']).verdict).toBe('fail')
    expect(status({ ...fields, failureLimit: 9 }, ['fail', 'pass', 'pass', 'pass']).verdict).toBe(
      'pass',
    )
    const r = status({ ...fields, failureLimit: 9 }, [
      'pass',
      'pass',
      'fail',
      'pass',
      'pass',
      'marginal',
    ])
    expect(r.verdict).toBe('marginal')
    expect(r.reason).toMatch(/^not stable for 3 min within 6 min/)
  })
})

describe('canary specs', () => {
  const base = { source: { type: 'prometheus', url: 'http://127.0.0.1:9090' } }
  const issues = (value: unknown) => {
    const r = CanarySpecSchema.safeParse(value)
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  }
  it('refuses a stable-for window longer than the analysis', () => {
    expect(
      issues({
        ...base,
        analysis: { interval: '1m', count: 10, stableFor: '2h' },
        metrics: [{ id: 'e', canary: 'q', target: 1 }],
      }),
    ).toEqual(['analysis.stableFor: is longer than the analysis (10 min), so it could never pass'])
  })
  it('refuses baseline criteria without a baseline, and metrics without criteria', () => {
    expect(
      issues({
        ...base,
        analysis: { count: 1 },
        metrics: [
          { id: 'e', canary: 'q', compare: {} },
          { id: 'f', canary: 'q' },
        ],
      }),
    ).toEqual([
      'metrics.0.compare: compares with the baseline: add baseline (or query with split)',
      'metrics.1: give at least one criterion: target/alert, maxRatio, maxDelta or compare',
    ])
  })
  it('refuses an alert on the wrong side of the target', () => {
    expect(
      issues({
        ...base,
        analysis: { count: 1 },
        metrics: [{ id: 'e', canary: 'q', target: 0.05, alert: 0.01 }],
      }),
    ).toEqual(['metrics.0.alert: must be at least target (0.05) when higher is worse'])
  })
})
