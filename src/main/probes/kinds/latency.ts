import type { z } from 'zod'
import type { LatencyProbeSchema } from '../../../shared/plan/probes'
import { checkConditions } from '../conditions'
import { requestEvidence } from '../evidence'
import { ProbeFailure } from '../failures'
import { ProbeAgent } from '../http-exchange'
import type { KindContext, KindOutcome } from '../kind'
import { resolveRequest } from '../request-spec'
import { sleepWithin } from '../sleep'
import { dispatchTarget, timedRequest } from '../timed-request'

export type LatencyProbe = z.infer<typeof LatencyProbeSchema>

/** Without conditions, a latency probe passes when fewer than 1% of requests fail. */
export const DEFAULT_LATENCY_EXPECT = ['latency.error_rate < 0.01']

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0
}

/**
 * N requests at a target rate with bounded concurrency, on kept-alive connections (as real
 * clients do). Request i goes out at start + i / rate (evenly paced, open loop: a slow answer does
 * not delay the schedule beyond the connections it holds). Each is timed as load tools time
 * them, from its write to its last byte (timedRequest). A request counts as an error when it fails
 * or answers 4xx/5xx.
 */
export async function runLatencyProbe(probe: LatencyProbe, ctx: KindContext): Promise<KindOutcome> {
  const spec = await resolveRequest(probe, ctx.placeholders)
  const target = dispatchTarget(spec)
  const maxBodyBytes = probe.maxBodyBytes ?? 64 * 1024
  const agent = new ProbeAgent({ insecure: probe.insecure, connections: probe.concurrency })
  // At the deadline, tear the connections down (failing what is in flight); one callback for the
  // whole probe, not one per request.
  const cancelTeardown = ctx.deadline.onPass(
    () => void agent.dispatcher.destroy().catch(() => undefined),
  )
  const durations: number[] = []
  const errorSamples: string[] = []
  let errors = 0
  let next = 0
  const start = performance.now()
  const gap = 1000 / probe.rate
  try {
    await Promise.all(
      Array.from({ length: Math.min(probe.concurrency, probe.requests) }, async () => {
        while (next < probe.requests) {
          const index = next++
          const due = start + index * gap - performance.now()
          if (due > 0) await sleepWithin(due, ctx.deadline)
          try {
            const response = await timedRequest(agent, target, maxBodyBytes, ctx.deadline)
            durations.push(response.ms)
            if (response.status >= 400) {
              errors++
              if (errorSamples.length < 3) errorSamples.push(`HTTP ${response.status}`)
            }
          } catch (e) {
            if (ctx.deadline.aborted) throw e
            errors++
            if (errorSamples.length < 3)
              errorSamples.push(e instanceof ProbeFailure ? e.message : String(e))
          }
        }
      }),
    )
  } finally {
    cancelTeardown()
    await agent.close().catch(() => undefined)
  }
  durations.sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 100) / 100
  const total = probe.requests
  const latency = {
    count: total,
    errors,
    error_rate: round(errors / total),
    p50: round(percentile(durations, 50)),
    p95: round(percentile(durations, 95)),
    p99: round(percentile(durations, 99)),
    max: round(durations.at(-1) ?? 0),
    mean: round(durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length)),
    duration_ms: round(performance.now() - start),
    ...(errorSamples.length > 0 && { error_samples: errorSamples }),
  }
  const conditions = checkConditions(
    probe.expect.length > 0 ? probe.expect : DEFAULT_LATENCY_EXPECT,
    { latency, vars: ctx.vars },
  )
  return {
    conditions,
    evidence: { http: requestEvidence(spec, ctx.redactor(), probe.insecure), latency },
  }
}
