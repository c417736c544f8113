import type { MetricSpec } from './spec'
import { compareSamples, formatNumber, mean, median, type Classification } from './stats'

/**
 * Judging one interval: each metric's samples against its criteria, then Kayenta's score over the
 * metrics. Pure: the samples come from a metric source in src/main.
 */

/** What a source measured for one metric over one interval's window. */
export type Measurement =
  { ok: true; canary: number[]; baseline?: number[]; note?: string } | { ok: false; error: string }

export type CriterionStatus = 'pass' | 'warn' | 'fail' | 'nodata'
export type MetricStatus = CriterionStatus | 'error'

export interface CriterionResult {
  criterion: 'threshold' | 'ratio' | 'delta' | 'compare'
  status: CriterionStatus
  reason: string
}

export interface MetricResult {
  id: string
  status: MetricStatus
  critical: boolean
  weight: number
  /** The canary's samples aggregated (mean, median, max or last). */
  value?: number
  baselineValue?: number
  canaryCount: number
  baselineCount: number
  /** Mann-Whitney outcome when the metric compares with the baseline statistically. */
  classification?: Classification
  p?: number
  u?: number
  shift?: { estimate: number; lower: number; upper: number; confidence: number }
  criteria: CriterionResult[]
  /** One line: the worst criterion's reason, or the measurement error. */
  reason: string
}

const SEVERITY: Record<MetricStatus, number> = {
  pass: 0,
  warn: 1,
  nodata: 2,
  fail: 3,
  error: 4,
}

export function aggregate(values: readonly number[], how: MetricSpec['aggregate']): number {
  switch (how) {
    case 'mean':
      return mean(values)
    case 'median':
      return median(values)
    case 'max':
      return values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY)
    case 'last':
      return values[values.length - 1] ?? Number.NaN
  }
}

function label(spec: MetricSpec, value: number): string {
  return `${formatNumber(value)}${spec.unit ? ` ${spec.unit}` : ''}`
}

function thresholdCriterion(spec: MetricSpec, value: number): CriterionResult | undefined {
  if (spec.target === undefined) return undefined
  const worse = (a: number, b: number) => (spec.direction === 'decrease' ? a < b : a > b)
  const word = spec.direction === 'decrease' ? '<' : '>'
  const ok = spec.direction === 'decrease' ? '≥' : '≤'
  const name = `${spec.aggregate} ${label(spec, value)}`
  if (spec.alert !== undefined && worse(value, spec.alert))
    return {
      criterion: 'threshold',
      status: 'fail',
      reason: `${name} ${word} alert ${label(spec, spec.alert)}`,
    }
  if (worse(value, spec.target))
    return {
      criterion: 'threshold',
      status: spec.alert === undefined ? 'fail' : 'warn',
      reason: `${name} ${word} target ${label(spec, spec.target)}${spec.alert !== undefined ? ` (alert at ${label(spec, spec.alert)})` : ''}`,
    }
  return {
    criterion: 'threshold',
    status: 'pass',
    reason: `${name} ${ok} target ${label(spec, spec.target)}`,
  }
}

/** Relative criteria: canary ≤ baseline × ratio, canary ≤ baseline + delta (mirrored for decrease). */
function baselineCriteria(spec: MetricSpec, value: number, base: number): CriterionResult[] {
  const out: CriterionResult[] = []
  const worse = (a: number, limit: number, lower: number) =>
    spec.direction === 'decrease'
      ? a < lower
      : spec.direction === 'either'
        ? a > limit || a < lower
        : a > limit
  if (spec.maxRatio !== undefined) {
    const limit = base * spec.maxRatio
    const lower = base / spec.maxRatio
    const bad = worse(value, limit, lower)
    out.push({
      criterion: 'ratio',
      status: bad ? 'fail' : 'pass',
      reason: `canary ${label(spec, value)} ${bad ? 'beyond' : 'within'} baseline ${label(spec, base)} × ${spec.maxRatio}`,
    })
  }
  if (spec.maxDelta !== undefined) {
    const bad = worse(value, base + spec.maxDelta, base - spec.maxDelta)
    out.push({
      criterion: 'delta',
      status: bad ? 'fail' : 'pass',
      reason: `canary ${label(spec, value)} ${bad ? 'beyond' : 'within'} baseline ${label(spec, base)} ± ${label(spec, spec.maxDelta)}`,
    })
  }
  return out
}

/** One metric over one interval: every criterion, and the worst of them as the metric's status. */
export function judgeMetric(spec: MetricSpec, measurement: Measurement): MetricResult {
  const common = { id: spec.id, critical: spec.critical, weight: spec.weight }
  if (!measurement.ok)
    return {
      ...common,
      status: 'error',
      canaryCount: 0,
      baselineCount: 0,
      criteria: [],
      reason: `measurement error: ${measurement.error}`,
    }
  const canary = measurement.canary.filter(Number.isFinite)
  const baseline = (measurement.baseline ?? []).filter(Number.isFinite)
  const counts = { canaryCount: canary.length, baselineCount: baseline.length }
  if (canary.length === 0)
    return {
      ...common,
      status: 'nodata',
      ...counts,
      criteria: [],
      reason: 'no canary samples in the window',
    }
  const value = aggregate(canary, spec.aggregate)
  const criteria: CriterionResult[] = []
  const threshold = thresholdCriterion(spec, value)
  if (threshold) criteria.push(threshold)
  const wantsBaseline =
    spec.maxRatio !== undefined || spec.maxDelta !== undefined || spec.compare !== undefined
  let baselineValue: number | undefined
  if (wantsBaseline && baseline.length === 0)
    criteria.push({
      criterion: spec.compare ? 'compare' : 'ratio',
      status: 'nodata',
      reason: 'no baseline samples in the window',
    })
  else if (wantsBaseline) {
    baselineValue = aggregate(baseline, spec.aggregate)
    criteria.push(...baselineCriteria(spec, value, baselineValue))
  }
  let statistics: Partial<MetricResult> = {}
  if (spec.compare && baseline.length > 0) {
    const c = compareSamples(canary, baseline, { direction: spec.direction, ...spec.compare })
    statistics = {
      classification: c.classification,
      ...(c.test && { p: c.test.p, u: c.test.u }),
      ...(c.shift && {
        shift: {
          estimate: c.shift.estimate,
          lower: c.shift.lower,
          upper: c.shift.upper,
          confidence: c.shift.confidence,
        },
      }),
    }
    criteria.push({
      criterion: 'compare',
      status:
        c.classification === 'Insufficient'
          ? 'nodata'
          : c.classification === 'Pass'
            ? 'pass'
            : 'fail',
      reason: `Mann-Whitney ${c.classification}: ${c.reason}`,
    })
  }
  const worst = criteria.reduce<CriterionResult | undefined>(
    (w, c) => (!w || SEVERITY[c.status] > SEVERITY[w.status] ? c : w),
    undefined,
  )
  const status = worst?.status ?? 'pass'
  const failing = criteria.filter((c) => c.status === status && status !== 'pass')
  return {
    ...common,
    status,
    value,
    ...(baselineValue !== undefined && { baselineValue }),
    ...counts,
    ...statistics,
    criteria,
    reason:
      status === 'pass'
        ? criteria.map((c) => c.reason).join('; ')
        : failing.map((c) => c.reason).join('; '),
  }
}

export type IntervalOutcome = 'pass' | 'marginal' | 'fail' | 'inconclusive' | 'error'

export interface IntervalJudgement {
  /** Kayenta's score, 0..100: the weighted share of passing metrics (a warn counts half). */
  score: number
  outcome: IntervalOutcome
  metrics: MetricResult[]
  reason: string
}

export interface ScoreThresholds {
  pass: number
  marginal: number
}

function listed(metrics: readonly MetricResult[]): string {
  return metrics.map((m) => `${m.id}: ${m.reason}`).join('; ')
}

/**
 * The interval's score and outcome: 0 when a critical metric fails or at least half the metrics
 * have no data; otherwise pass / marginal / fail by the score thresholds. An interval where every
 * metric failed to measure is an error (the source, not the canary).
 */
export function judgeInterval(
  metrics: readonly MetricResult[],
  thresholds: ScoreThresholds,
): IntervalJudgement {
  const all = [...metrics]
  const errors = all.filter((m) => m.status === 'error')
  if (errors.length === all.length)
    return { score: 0, outcome: 'error', metrics: all, reason: listed(errors) }
  const criticalFailures = all.filter((m) => m.critical && m.status === 'fail')
  if (criticalFailures.length > 0)
    return {
      score: 0,
      outcome: 'fail',
      metrics: all,
      reason: `critical metric failed — ${listed(criticalFailures)}`,
    }
  const missing = all.filter((m) => m.status === 'nodata' || m.status === 'error')
  if (missing.length * 2 >= all.length)
    return {
      score: 0,
      outcome: 'inconclusive',
      metrics: all,
      reason: `${missing.length} of ${all.length} metrics have no data — ${listed(missing)}`,
    }
  const totalWeight = all.reduce((s, m) => s + m.weight, 0)
  const earned = all.reduce(
    (s, m) => s + (m.status === 'pass' ? m.weight : m.status === 'warn' ? m.weight / 2 : 0),
    0,
  )
  const score = Math.round((earned / totalWeight) * 10_000) / 100
  const notPassing = all.filter((m) => m.status !== 'pass')
  const outcome: IntervalOutcome =
    score >= thresholds.pass ? 'pass' : score >= thresholds.marginal ? 'marginal' : 'fail'
  const scoreText = `score ${formatNumber(score)} (pass ≥ ${thresholds.pass}, marginal ≥ ${thresholds.marginal})`
  return {
    score,
    outcome,
    metrics: all,
    reason:
      notPassing.length === 0
        ? `${scoreText}: every metric passed`
        : `${scoreText} — ${listed(notPassing)}`,
  }
}
