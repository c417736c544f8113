import { z } from 'zod'
import { DurationSchema, formatDuration, isDuration, parseDuration } from '../plan/duration'

/**
 * A canary item in a plan: where the metrics come from, what each metric must satisfy, and how the
 * analysis runs (intervals, limits, score thresholds, stable-for window). Argo Rollouts' analysis
 * semantics with Kayenta's scoring; see the README ("Canary analysis").
 */

const CredentialName = z.string().describe('Name of a credential declared in the plan')

const sourceFields = {
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  insecure: z.boolean().default(false).describe('Skip TLS verification (flagged in the record)'),
  timeout: DurationSchema.optional().describe('Deadline for one query (default 10s)'),
}

export const CanarySourceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('prometheus'),
    ...sourceFields,
    auth: z
      .strictObject({ credential: CredentialName })
      .optional()
      .describe('token (bearer) or basic credential'),
  }),
  z.strictObject({
    type: z.literal('datadog'),
    ...sourceFields,
    url: z.string().min(1).default('https://api.datadoghq.com'),
    apiKey: CredentialName.describe('token credential holding the Datadog API key'),
    appKey: CredentialName.describe('token credential holding the Datadog application key'),
  }),
  z.strictObject({
    type: z.literal('json'),
    ...sourceFields,
    auth: z.strictObject({ credential: CredentialName }).optional(),
  }),
])
export type CanarySource = z.infer<typeof CanarySourceSchema>

export const DIRECTIONS = ['increase', 'decrease', 'either'] as const

export const CompareSpecSchema = z.strictObject({
  allowedEffect: z
    .number()
    .min(0)
    .default(0.1)
    .describe('change of the mean tolerated even when significant: 0.1 = 10% of the baseline'),
  minSamples: z.number().int().min(2).default(20).describe('fewer per side = insufficient data'),
  confidence: z.number().gt(0.5).lt(1).default(0.98),
})

export const MetricSpecSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'expected a metric id' }),
    title: z.string().optional(),
    unit: z.string().optional().describe('for people: ms, %, req/s'),
    query: z.string().min(1).optional().describe('one query returning canary and baseline series'),
    split: z
      .strictObject({ label: z.string().min(1), canary: z.string(), baseline: z.string() })
      .optional()
      .describe('with query: the label whose value tells canary from baseline series'),
    canary: z
      .string()
      .min(1)
      .optional()
      .describe('the canary query (Prometheus/Datadog) or CEL over `body` (json source)'),
    baseline: z.string().min(1).optional(),
    aggregate: z
      .enum(['mean', 'median', 'max', 'last'])
      .default('mean')
      .describe('how the samples of one interval become the value thresholds compare'),
    direction: z
      .enum(DIRECTIONS)
      .default('increase')
      .describe('which change is bad: increase (error rate, latency), decrease, or either'),
    target: z.number().optional().describe('at or better than this: pass'),
    alert: z.number().optional().describe('worse than this: fail (between target and alert: warn)'),
    maxRatio: z.number().positive().optional().describe('canary ≤ baseline × maxRatio'),
    maxDelta: z.number().min(0).optional().describe('canary ≤ baseline + maxDelta'),
    compare: CompareSpecSchema.optional().describe('Mann-Whitney U against the baseline'),
    critical: z.boolean().default(false).describe('a failure fails the whole interval'),
    weight: z.number().positive().default(1),
  })
  .superRefine((m, ctx) => {
    if (m.query && m.canary)
      ctx.addIssue({
        code: 'custom',
        message: 'give either query (with split) or canary, not both',
      })
    if (!m.query && !m.canary)
      ctx.addIssue({ code: 'custom', message: 'give query (with split) or canary' })
    if (m.query && !m.split)
      ctx.addIssue({
        code: 'custom',
        path: ['split'],
        message: 'is required with query (which label tells canary from baseline?)',
      })
    if (m.baseline && !m.canary)
      ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'goes with canary, not query' })
    const hasBaseline = Boolean(m.split ?? m.baseline)
    for (const field of ['maxRatio', 'maxDelta', 'compare'] as const)
      if (m[field] !== undefined && !hasBaseline)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'compares with the baseline: add baseline (or query with split)',
        })
    if (m.alert !== undefined && m.target === undefined)
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'is required with alert' })
    if (m.target !== undefined && m.direction === 'either')
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'thresholds need a direction (increase or decrease), not either',
      })
    if (m.target !== undefined && m.alert !== undefined) {
      const ordered = m.direction === 'decrease' ? m.alert <= m.target : m.alert >= m.target
      if (!ordered)
        ctx.addIssue({
          code: 'custom',
          path: ['alert'],
          message: `must be ${m.direction === 'decrease' ? 'at most' : 'at least'} target (${m.target}) when ${m.direction === 'decrease' ? 'lower' : 'higher'} is worse`,
        })
    }
    if (
      m.target === undefined &&
      m.maxRatio === undefined &&
      m.maxDelta === undefined &&
      !m.compare
    )
      ctx.addIssue({
        code: 'custom',
        message: 'give at least one criterion: target/alert, maxRatio, maxDelta or compare',
      })
  })
export type MetricSpec = z.infer<typeof MetricSpecSchema>

export const AnalysisSpecSchema = z
  .strictObject({
    initialDelay: DurationSchema.default('0s').describe('wait before the first interval'),
    interval: DurationSchema.default('1m'),
    count: z.number().int().min(1).max(100_000).optional().describe('intervals to run'),
    duration: DurationSchema.optional().describe('or: how long to run'),
    lookback: DurationSchema.optional().describe(
      'window of samples each interval judges (default: the interval)',
    ),
    step: DurationSchema.optional().describe('resolution of the samples (default: lookback ÷ 30)'),
    failureLimit: z.number().int().min(0).default(0).describe('failed intervals tolerated'),
    inconclusiveLimit: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('intervals without enough data tolerated'),
    consecutiveErrorLimit: z
      .number()
      .int()
      .min(0)
      .default(4)
      .describe('measurement errors in a row tolerated'),
    pass: z.number().min(0).max(100).default(95).describe('interval score needed to pass'),
    marginal: z.number().min(0).max(100).default(75).describe('below this the interval fails'),
    stableFor: DurationSchema.optional().describe(
      'the gate passes only when every interval in this last window passed (default: the last interval)',
    ),
  })
  .superRefine((a, ctx) => {
    if (a.count !== undefined && a.duration !== undefined)
      ctx.addIssue({ code: 'custom', message: 'give count or duration, not both' })
    if (a.count === undefined && a.duration === undefined && a.stableFor === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'give count, duration or stableFor (how long should the analysis run?)',
      })
    if (a.marginal > a.pass)
      ctx.addIssue({
        code: 'custom',
        path: ['marginal'],
        message: `must be at most pass (${a.pass})`,
      })
    // zod runs this even when a duration failed its own check (reported there): compare only
    // durations that parse.
    if (![a.interval, a.duration, a.stableFor].every(isDuration)) return
    const total = analysisTotalMs(a)
    if (a.stableFor !== undefined && total !== undefined && parseDuration(a.stableFor) > total)
      ctx.addIssue({
        code: 'custom',
        path: ['stableFor'],
        message: `is longer than the analysis (${formatDuration(total)}), so it could never pass`,
      })
    if (parseDuration(a.interval) < 1000)
      ctx.addIssue({ code: 'custom', path: ['interval'], message: 'must be at least 1s' })
  })
export type AnalysisSpec = z.infer<typeof AnalysisSpecSchema>

export const CanarySpecSchema = z.strictObject({
  source: CanarySourceSchema,
  analysis: AnalysisSpecSchema,
  metrics: z.array(MetricSpecSchema).min(1, { message: 'expected at least one metric' }),
})
export type CanarySpec = z.infer<typeof CanarySpecSchema>

/** How long a bounded analysis runs in all; undefined when it runs until stable. */
export function analysisTotalMs(
  a: Pick<AnalysisSpec, 'count' | 'duration' | 'interval'>,
): number | undefined {
  if (a.duration !== undefined) return parseDuration(a.duration)
  if (a.count !== undefined) return a.count * parseDuration(a.interval)
  return undefined
}

/** The timing of an analysis in milliseconds, defaults applied. */
export interface AnalysisTiming {
  initialDelayMs: number
  intervalMs: number
  lookbackMs: number
  stepMs: number
  /** Intervals to run; undefined = until stable (capped at twice the stable-for window). */
  count?: number
  stableForMs: number
}

export function analysisTiming(a: AnalysisSpec): AnalysisTiming {
  const intervalMs = parseDuration(a.interval)
  const lookbackMs = a.lookback ? parseDuration(a.lookback) : intervalMs
  const stepMs = a.step ? parseDuration(a.step) : Math.max(1000, Math.floor(lookbackMs / 30))
  const total = analysisTotalMs(a)
  const stableForMs = a.stableFor ? parseDuration(a.stableFor) : intervalMs
  return {
    initialDelayMs: parseDuration(a.initialDelay),
    intervalMs,
    lookbackMs,
    stepMs,
    ...(total !== undefined && { count: Math.max(1, Math.floor(total / intervalMs)) }),
    stableForMs,
  }
}
