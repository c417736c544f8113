import type { ProbeResultView } from '../../../shared/ipc'
import type { Plan } from '../../../shared/plan/schema'
import { useMemo } from 'react'
import { useApp } from '../store'
import { ItemLink } from './ItemLink'

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** One item's latest probe result: verdict, the reason with the actual value, every condition. */
export function ProbeResult({
  result,
  running,
}: {
  result: ProbeResultView | undefined
  running: boolean
}) {
  if (!result) return <div className="result waiting">{running ? 'checking…' : 'not run'}</div>
  const pass = result.status === 'pass'
  return (
    <div
      className={`result ${result.status}`}
      data-result={result.status}
      aria-label={`${result.item} ${pass ? 'passed' : 'failed'}`}
    >
      <span className="verdict">{pass ? '✓ pass' : '✗ fail'}</span>
      {result.httpStatus !== undefined && <span className="http">HTTP {result.httpStatus}</span>}
      <span className="duration">{duration(result.durationMs)}</span>
      {result.reason && <div className="reason">{result.reason}</div>}
      {result.ids && (
        <div className="ids">
          {Object.entries(result.ids).map(([k, v]) => (
            <span key={k}>
              {k}: <code>{v}</code>
            </span>
          ))}
        </div>
      )}
      {result.conditions.length > 0 && (
        <details>
          <summary>{result.conditions.length} condition(s)</summary>
          <ul className="conditions">
            {result.conditions.map((c, i) => (
              <li key={i} className={c.pass ? 'pass' : 'fail'}>
                <code>{c.actual ?? c.expression}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}

/**
 * The run at a glance, announced to screen readers as it changes. The first blocking item to go
 * red is named at once, with its reason, as a link to the item.
 */
export function RunSummary({ error, plan }: { error: string | null; plan: Plan }) {
  const run = useApp((s) => s.run)
  const blocking = useMemo(
    () => new Set(plan.phases.flatMap((p) => p.items.filter((i) => i.blocking).map((i) => i.id))),
    [plan],
  )
  if (error)
    return (
      <p className="run-summary error" role="alert">
        {error}
      </p>
    )
  if (!run) return null
  const results = Object.values(run.results)
  const failed = results.filter((r) => r.status === 'fail').length
  const firstRed = results.find((r) => r.status === 'fail' && blocking.has(r.item))
  return (
    <div className="run-summary-row">
      <p className="run-summary" role="status" aria-label="Probe run">
        {run.done
          ? `${results.length} probe${results.length === 1 ? '' : 's'}: ${results.length - failed} passed, ${failed} failed`
          : `Running probes… ${results.length}/${run.total}`}
      </p>
      {firstRed && (
        <p className="first-red" role="alert" aria-label="First blocking failure">
          ✗ <ItemLink item={firstRed.item}>{firstRed.item}</ItemLink>
          {firstRed.reason && <>: {firstRed.reason}</>}
        </p>
      )}
    </div>
  )
}
