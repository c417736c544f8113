import { formatDuration } from '../plan/duration'
import type { IntervalJudgement } from './judge'
import type { AnalysisSpec, AnalysisTiming } from './spec'

/**
 * Where an analysis run stands after its intervals so far: Argo Rollouts' limits (failureLimit,
 * inconclusiveLimit, consecutiveErrorLimit: the run ends when a count goes *over* its limit) and a
 * stable-for window (the gate passes only when every interval inside it passed). Pure.
 */

export const CANARY_VERDICTS = [
  'running',
  'pass',
  'marginal',
  'fail',
  'inconclusive',
  'blocked',
] as const
export type CanaryVerdict = (typeof CANARY_VERDICTS)[number]

export interface IntervalRecord extends IntervalJudgement {
  /** 1-based. */
  index: number
  /** End of the interval's window (ISO time). */
  at: string
}

export interface AnalysisStatus {
  verdict: CanaryVerdict
  reason: string
  done: boolean
  intervals: number
  /** Intervals planned; absent when the run lasts until stable. */
  total?: number
  counts: Record<IntervalJudgement['outcome'], number>
  consecutiveErrors: number
  /** How long the current run of passing intervals covers, against the stable-for window. */
  stable: { ms: number; neededMs: number }
}

type Limits = Pick<AnalysisSpec, 'failureLimit' | 'inconclusiveLimit' | 'consecutiveErrorLimit'>

function latest(
  intervals: readonly IntervalRecord[],
  outcome: IntervalJudgement['outcome'],
): IntervalRecord | undefined {
  for (let i = intervals.length - 1; i >= 0; i--)
    if (intervals[i]!.outcome === outcome) return intervals[i]
  return undefined
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

export function analysisStatus(
  limits: Limits,
  timing: AnalysisTiming,
  intervals: readonly IntervalRecord[],
): AnalysisStatus {
  const counts = { pass: 0, marginal: 0, fail: 0, inconclusive: 0, error: 0 }
  for (const i of intervals) counts[i.outcome]++
  let consecutiveErrors = 0
  for (let i = intervals.length - 1; i >= 0 && intervals[i]!.outcome === 'error'; i--)
    consecutiveErrors++
  let streak = 0
  for (let i = intervals.length - 1; i >= 0 && intervals[i]!.outcome === 'pass'; i--) streak++
  const stable = { ms: streak * timing.intervalMs, neededMs: timing.stableForMs }
  // Unbounded runs end when stable, or give up after twice the window.
  const total = timing.count ?? undefined
  const cap = total ?? 2 * Math.ceil(timing.stableForMs / timing.intervalMs)
  const base = {
    intervals: intervals.length,
    ...(total !== undefined && { total }),
    counts,
    consecutiveErrors,
    stable,
  }
  const end = (verdict: AnalysisStatus['verdict'], reason: string): AnalysisStatus => ({
    verdict,
    reason,
    done: verdict !== 'running',
    ...base,
  })

  if (counts.fail > limits.failureLimit) {
    const last = latest(intervals, 'fail')!
    return end(
      'fail',
      `${plural(counts.fail, 'failed interval')} (limit ${limits.failureLimit}); interval ${last.index}: ${last.reason}`,
    )
  }
  if (consecutiveErrors > limits.consecutiveErrorLimit) {
    const last = intervals[intervals.length - 1]!
    return end(
      'inconclusive',
      `needs a human decision: the metrics could not be measured in ${plural(consecutiveErrors, 'interval')} in a row (limit ${limits.consecutiveErrorLimit}); ${last.reason}`,
    )
  }
  if (counts.inconclusive > limits.inconclusiveLimit) {
    const last = latest(intervals, 'inconclusive')!
    return end(
      'inconclusive',
      `needs a human decision: ${plural(counts.inconclusive, 'interval')} without enough data (limit ${limits.inconclusiveLimit}); interval ${last.index}: ${last.reason}`,
    )
  }
  const window = formatDuration(timing.stableForMs)
  const isStable = stable.ms >= stable.neededMs
  const last = intervals[intervals.length - 1]
  if (last && isStable && (total === undefined || intervals.length >= total))
    return end(
      'pass',
      `stable for ${window}: every interval in the window passed (last ${last.reason})`,
    )
  if (last && intervals.length >= cap) {
    const spoiler = [...intervals].reverse().find((i) => i.outcome !== 'pass')
    return end(
      'marginal',
      `not stable for ${window}${total === undefined ? ` within ${formatDuration(cap * timing.intervalMs)}` : ''}: interval ${spoiler?.index ?? last.index} was ${spoiler?.outcome ?? last.outcome} — ${spoiler?.reason ?? last.reason}`,
    )
  }
  const progress =
    total !== undefined
      ? `interval ${intervals.length} of ${total}`
      : `interval ${intervals.length}`
  return end(
    'running',
    last
      ? `${progress}: ${last.outcome}, ${last.reason}; stable for ${formatDuration(stable.ms)} of ${window}`
      : `waiting for the first interval (stable-for window ${window})`,
  )
}
