import type { CanaryUpdateView } from '../../shared/ipc'
import type { Plan } from '../../shared/plan/schema'
import type { SecretSource } from '../probes/secrets'
import { metricSummary } from '../../shared/canary/metric-summary'
import { runCanaryAnalysis, type CanaryUpdate } from './analysis-run'

/** A step landing at `position` (or, without one, the analysis ending): what the window is pushed. */
export interface CanaryLanding {
  runId: string
  item: string
  position: number
  done: boolean
  update?: CanaryUpdateView
}

interface Run {
  updates: CanaryUpdateView[]
  done: boolean
  stop: AbortController
}

const KEPT_RUNS = 8

const CHART_POINTS = 5000

/** The samples the charts draw (the last CHART_POINTS per side; errors have none). */
type ChartSamples = Record<string, { canary: [number, number][]; baseline?: [number, number][] }>

function chartSamples(u: CanaryUpdate): ChartSamples {
  const out: ChartSamples = {}
  for (const [id, s] of Object.entries(u.samples ?? {}))
    if ('canary' in s)
      out[id] = {
        canary: s.canary.slice(-CHART_POINTS),
        ...(s.baseline && { baseline: s.baseline.slice(-CHART_POINTS) }),
      }
  return out
}

/** The cockpit's view of a canary step: verdict, reason, the interval's per-metric table. */
export function toCanaryView(u: CanaryUpdate): CanaryUpdateView {
  return {
    item: u.item,
    verdict: u.verdict,
    reason: u.reason,
    observedAt: u.observedAt,
    source: u.source,
    ...(u.interval &&
      u.status && {
        interval: {
          index: u.interval.index,
          total: u.status.total ?? null,
          score: u.interval.score,
          outcome: u.interval.outcome,
          stableMs: u.status.stable.ms,
          stableForMs: u.status.stable.neededMs,
          metrics: u.interval.metrics.map((m) => ({ ...metricSummary(m), reason: m.reason })),
          samples: chartSamples(u),
        },
      }),
  }
}

/**
 * Canary analyses started from the window, read from a cursor like probe runs. Starting an item's
 * analysis again stops the one already running for it.
 */
export class CanaryRuns {
  private readonly runs = new Map<string, Run & { item: string }>()
  private counter = 0

  start(
    plan: Plan,
    itemId: string,
    vars: Record<string, string>,
    secrets: SecretSource,
    onUpdate?: (update: CanaryUpdate) => Promise<void> | void,
    /** Called once a step is readable from the cursor, and once when the analysis ends. */
    onLanded?: (landing: CanaryLanding) => void,
  ): { ok: true; runId: string } | { ok: false; message: string } {
    const item = plan.phases.flatMap((p) => p.items).find((i) => i.id === itemId)
    if (!item) return { ok: false, message: `no item \`${itemId}\` in the plan` }
    if (!item.canary) return { ok: false, message: `item \`${itemId}\` has no canary analysis` }
    for (const run of this.runs.values()) if (run.item === itemId && !run.done) run.stop.abort()
    const runId = `canary-${++this.counter}`
    const run = { item: itemId, updates: [], done: false, stop: new AbortController() }
    this.runs.set(runId, run)
    for (const id of [...this.runs.keys()].slice(0, Math.max(0, this.runs.size - KEPT_RUNS)))
      if (this.runs.get(id)?.done) this.runs.delete(id)
    void (async () => {
      try {
        for await (const update of runCanaryAnalysis({
          item: itemId,
          spec: item.canary!,
          vars,
          secrets,
          signal: run.stop.signal,
        })) {
          await onUpdate?.(update)
          const view = toCanaryView(update)
          ;(run.updates as CanaryUpdateView[]).push(view)
          const position = run.updates.length - 1
          onLanded?.({ runId, item: itemId, position, done: false, update: view })
        }
      } finally {
        run.done = true
        onLanded?.({ runId, item: itemId, position: run.updates.length, done: true })
      }
    })()
    return { ok: true, runId }
  }

  updates(runId: string, after: number): { updates: CanaryUpdateView[]; done: boolean } {
    const run = this.runs.get(runId)
    if (!run) return { updates: [], done: true }
    const updates = run.updates.slice(after)
    return { updates, done: run.done }
  }

  stop(runId: string): boolean {
    const run = this.runs.get(runId)
    if (!run || run.done) return false
    run.stop.abort()
    return true
  }

  stopAll(): void {
    for (const run of this.runs.values()) run.stop.abort()
  }
}
