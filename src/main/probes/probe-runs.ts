import type { ProbeResultView } from '../../shared/ipc'
import type { Plan } from '../../shared/plan/schema'
import type { ProbeResult } from '../../shared/probes/result'
import type { PresetCatalog } from '../../shared/presets/catalog'
import { runProbes, selectProbes } from './runner'
import type { SecretSource } from './secrets'

/** A result landing at `position` (or, without one, the run ending): what the window is pushed. */
export interface ProbeLanding {
  runId: string
  position: number
  total: number
  done: boolean
  result?: ProbeResultView
}

interface Run {
  results: ProbeResultView[]
  total: number
  done: boolean
}

const KEPT_RUNS = 8

/** The renderer's view of a result: what it shows, nothing more (evidence stays in main and the log). */
export function toView(r: ProbeResult): ProbeResultView {
  return {
    item: r.item,
    status: r.status,
    ...(r.reason !== undefined && { reason: r.reason }),
    observedAt: r.observedAt,
    durationMs: r.durationMs,
    kind: r.evidence.kind,
    conditions: r.evidence.conditions,
    ...(r.evidence.http?.status !== undefined && { httpStatus: r.evidence.http.status }),
    ...(r.evidence.ids && Object.keys(r.evidence.ids).length > 0 && { ids: r.evidence.ids }),
  }
}

/**
 * Probe runs started from the window. Results accumulate as they land; the renderer reads them
 * from a cursor, so a result is never missed or shown twice. Old runs are dropped.
 */
export class ProbeRuns {
  private readonly runs = new Map<string, Run>()
  private counter = 0

  start(
    plan: Plan,
    vars: Record<string, string>,
    secrets: SecretSource,
    only: string | undefined,
    /**
     * Called as each result lands, and awaited before that result is shown, so the session holds
     * what the window sees (results still being recorded do not hold it back).
     */
    onResult?: (result: ProbeResult) => Promise<void> | void,
    /** Called once a result is readable from the cursor, and once when the run ends. */
    onLanded?: (landing: ProbeLanding) => void,
    /** The plan's presets, when it brought its own (default: the built-in ones). */
    presets?: PresetCatalog,
  ): { ok: true; runId: string; total: number } | { ok: false; message: string } {
    const selected = selectProbes(plan, only)
    if (!selected.ok) return selected
    if (selected.probes.length === 0)
      return { ok: false, message: 'this plan has no probes to run' }
    const runId = `run-${++this.counter}`
    const run: Run = { results: [], total: selected.probes.length, done: false }
    this.runs.set(runId, run)
    for (const id of [...this.runs.keys()].slice(0, Math.max(0, this.runs.size - KEPT_RUNS)))
      this.runs.delete(id)
    const show = (result: ProbeResult) => {
      const view = toView(result)
      run.results.push(view)
      const position = run.results.length - 1
      onLanded?.({ runId, position, total: run.total, done: false, result: view })
    }
    void (async () => {
      // Each result is recorded as it lands, beside the others still being recorded (a session
      // stores its evidence and appends its event, fsyncs each: one after another, 100 results
      // took seconds, and a red one waited behind every green one before it), and shown once
      // its own recording is done.
      const recording: Promise<void>[] = []
      try {
        for await (const result of runProbes({
          probes: selected.probes,
          vars,
          secrets,
          ...(presets && { presets }),
        })) {
          if (!onResult) show(result)
          else
            recording.push(
              // A result whose recording failed is not shown (the window never shows what the
              // session does not hold); the app's recorder reports its own failures.
              Promise.resolve(onResult(result)).then(
                () => show(result),
                () => undefined,
              ),
            )
        }
      } finally {
        await Promise.all(recording)
        run.done = true
        onLanded?.({ runId, position: run.results.length, total: run.total, done: true })
      }
    })()
    return { ok: true, runId, total: run.total }
  }

  results(
    runId: string,
    after: number,
  ): { results: ProbeResultView[]; done: boolean; total: number } {
    const run = this.runs.get(runId)
    if (!run) return { results: [], done: true, total: 0 }
    return {
      results: run.results.slice(after),
      done: run.done && after + run.results.slice(after).length >= run.results.length,
      total: run.total,
    }
  }
}
