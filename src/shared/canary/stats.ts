import erfc from '@stdlib/math-base-special-erfc'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'

/**
 * Nonparametric comparison of a canary's samples with the baseline's: the Mann-Whitney U test and
 * the Hodges-Lehmann shift estimate, as Kayenta's judge uses them. Pure arithmetic, no I/O.
 */

export interface MannWhitneyResult {
  /** U of the first sample (the canary): the number of (canary, baseline) pairs the canary wins, ties ½. */
  u: number
  /** Two-sided p-value: normal approximation with tie correction and continuity correction. */
  p: number
  /** The standardised statistic (0 when every value is tied). */
  z: number
}

/** Ranks 1..n with ties given their average rank; also Σ(t³ − t) over the tie groups. */
function rankWithTies(values: Float64Array): { ranks: Float64Array; tieTerm: number } {
  const n = values.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!)
  const ranks = new Float64Array(n)
  let tieTerm = 0
  for (let i = 0; i < n;) {
    let j = i + 1
    while (j < n && values[order[j]!] === values[order[i]!]) j++
    const averageRank = (i + 1 + j) / 2
    for (let k = i; k < j; k++) ranks[order[k]!] = averageRank
    const t = j - i
    tieTerm += t * t * t - t
    i = j
  }
  return { ranks, tieTerm }
}

/**
 * Mann-Whitney U, two-sided, asymptotic — the same numbers as
 * `scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic', use_continuity=True)`.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length
  const n2 = y.length
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann-Whitney U needs at least one value per side')
  const all = new Float64Array(n1 + n2)
  all.set(x, 0)
  all.set(y, n1)
  const { ranks, tieTerm } = rankWithTies(all)
  let r1 = 0
  for (let i = 0; i < n1; i++) r1 += ranks[i]!
  const u1 = r1 - (n1 * (n1 + 1)) / 2
  const n = n1 + n2
  const mu = (n1 * n2) / 2
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))))
  // Two-sided: the larger U, continuity-corrected towards the mean.
  const u = Math.max(u1, n1 * n2 - u1)
  if (sigma === 0) return { u: u1, p: 1, z: 0 }
  const z = (u - mu - 0.5) / sigma
  // 2·P(Z > z) = erfc(z/√2), computed directly so small p-values keep their precision.
  const p = Math.min(1, Math.max(0, erfc(z / Math.SQRT2)))
  return { u: u1, p, z }
}

export interface ShiftEstimate {
  /** Median of every canary − baseline difference. */
  estimate: number
  /** Distribution-free confidence interval for the shift (order statistics of the differences). */
  lower: number
  upper: number
  confidence: number
  /** True when the samples were thinned to keep m·n differences bounded. */
  thinned: boolean
}

/** Pairwise differences beyond this are too many to sort quickly; the samples are thinned first. */
export const MAX_PAIRWISE_DIFFERENCES = 4_000_000

function thin(values: readonly number[], keep: number): number[] {
  if (values.length <= keep) return [...values]
  const step = values.length / keep
  return Array.from({ length: keep }, (_, i) => values[Math.floor(i * step)]!)
}

/**
 * Hodges-Lehmann estimate of the shift canary − baseline with its confidence interval (Moses'
 * construction from the normal approximation of U, tie-corrected): the k-th smallest and k-th
 * largest pairwise differences, k = ⌊mn/2 − z·σ⌋.
 */
export function hodgesLehmann(
  canary: readonly number[],
  baseline: readonly number[],
  confidence = 0.98,
): ShiftEstimate {
  if (canary.length === 0 || baseline.length === 0)
    throw new RangeError('the shift estimate needs at least one value per side')
  let x = canary
  let y = baseline
  let thinned = false
  if (x.length * y.length > MAX_PAIRWISE_DIFFERENCES) {
    const keep = Math.floor(Math.sqrt(MAX_PAIRWISE_DIFFERENCES))
    x = thin(x, keep)
    y = thin(y, keep)
    thinned = true
  }
  const m = x.length
  const n = y.length
  const differences = new Float64Array(m * n)
  let k = 0
  for (const a of x) for (const b of y) differences[k++] = a - b
  differences.sort()
  const count = differences.length
  const middle = count >> 1
  const estimate =
    count % 2 === 1 ? differences[middle]! : (differences[middle - 1]! + differences[middle]!) / 2
  const all = new Float64Array(m + n)
  all.set(x, 0)
  all.set(y, m)
  const { tieTerm } = rankWithTies(all)
  const total = m + n
  const sigma =
    total > 1 ? Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)))) : 0
  const zCritical = normalQuantile(1 - (1 - confidence) / 2, 0, 1)
  // 1-based rank of the lower bound; with too few samples the interval is every difference.
  const rank = Math.max(1, Math.floor((m * n) / 2 - zCritical * sigma))
  return {
    estimate,
    lower: differences[rank - 1]!,
    upper: differences[count - rank]!,
    confidence,
    thinned,
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = Float64Array.from(values).sort()
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

export type Direction = 'increase' | 'decrease' | 'either'
export type Classification = 'High' | 'Low' | 'Pass' | 'Insufficient'

export interface CompareOptions {
  /** Which change is bad: a higher canary (error rate, latency), a lower one, or either. */
  direction: Direction
  /**
   * The change tolerated even when significant, relative to the baseline mean: 0.1 = 10%. When
   * the baseline mean is 0, any significant change exceeds it.
   */
  allowedEffect: number
  /** Fewer samples than this on either side is "insufficient data", never Pass. */
  minSamples: number
  /** Confidence of the interval; the test's significance level is 1 − confidence. */
  confidence: number
}

export const DEFAULT_COMPARE: CompareOptions = {
  direction: 'increase',
  allowedEffect: 0,
  minSamples: 20,
  confidence: 0.98,
}

export interface Comparison {
  classification: Classification
  canaryCount: number
  baselineCount: number
  /** Absent when there was not enough data to test. */
  test?: MannWhitneyResult
  shift?: ShiftEstimate
  /** |canary mean − baseline mean| / |baseline mean| (Infinity when that mean is 0 and the change is not). */
  relativeEffect?: number
  reason: string
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e6 || abs < 1e-4) return value.toExponential(3)
  return String(Number(value.toPrecision(4)))
}

export function formatPValue(p: number): string {
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4)
}

/** Kayenta-style classification of the canary against the baseline, with the reason in words. */
export function compareSamples(
  canary: readonly number[],
  baseline: readonly number[],
  options: Partial<CompareOptions> = {},
): Comparison {
  const o = { ...DEFAULT_COMPARE, ...options }
  const counts = { canaryCount: canary.length, baselineCount: baseline.length }
  if (canary.length < o.minSamples || baseline.length < o.minSamples)
    return {
      classification: 'Insufficient',
      ...counts,
      reason: `insufficient data: ${canary.length} canary and ${baseline.length} baseline samples (at least ${o.minSamples} each needed)`,
    }
  const test = mannWhitneyU(canary, baseline)
  const shift = hodgesLehmann(canary, baseline, o.confidence)
  // Effect size as Kayenta measures it: the change of the mean relative to the baseline's mean
  // (the shift's median can be 0 when most values are 0, as with error counts).
  const baselineMean = mean(baseline)
  const delta = mean(canary) - baselineMean
  const relativeEffect =
    baselineMean !== 0 ? Math.abs(delta / baselineMean) : delta === 0 ? 0 : Number.POSITIVE_INFINITY
  const alpha = 1 - o.confidence
  const summary = `U=${formatNumber(test.u)}, p=${formatPValue(test.p)}, shift ${formatNumber(shift.estimate)} [${formatNumber(shift.lower)}, ${formatNumber(shift.upper)}] at ${Math.round(o.confidence * 100)}%`
  const result = { ...counts, test, shift, relativeEffect }
  if (test.p >= alpha)
    return {
      classification: 'Pass',
      ...result,
      reason: `no significant difference (${summary})`,
    }
  // The direction of the rank statistic: U above its mean means the canary tends to be higher.
  const change: 'increase' | 'decrease' =
    test.u >= (canary.length * baseline.length) / 2 ? 'increase' : 'decrease'
  if (o.direction !== 'either' && o.direction !== change)
    return {
      classification: 'Pass',
      ...result,
      reason: `significant ${change}, which is the harmless direction (${summary})`,
    }
  const effectText =
    relativeEffect === Number.POSITIVE_INFINITY
      ? 'from a baseline mean of 0'
      : `mean ${change === 'increase' ? '+' : '−'}${formatNumber(relativeEffect * 100)}%`
  if (relativeEffect <= o.allowedEffect)
    return {
      classification: 'Pass',
      ...result,
      reason: `significant ${change} of ${effectText}, within the allowed ${formatNumber(o.allowedEffect * 100)}% (${summary})`,
    }
  return {
    classification: change === 'increase' ? 'High' : 'Low',
    ...result,
    reason: `canary ${change === 'increase' ? 'higher' : 'lower'} than baseline: ${effectText}, allowed ${formatNumber(o.allowedEffect * 100)}% (${summary})`,
  }
}

export { formatNumber }
