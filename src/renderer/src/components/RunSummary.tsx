import { useMemo } from 'react'
import type { Plan } from '../../../shared/plan/schema'
import { useApp } from '../store'
import { ItemLink } from './ItemLink'

/**
 * The run at a glance, announced to screen readers as it changes. The first blocking item to go
 * red is named at once, with its reason, as a link to the item.
 */
export function RunSummary({ plan }: { plan: Plan }) {
  const run = useApp((s) => s.run)
  const blocking = useMemo(
    () => new Set(plan.phases.flatMap((p) => p.items.filter((i) => i.blocking).map((i) => i.id))),
    [plan],
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
        <p
          className="first-red"
          role="alert"
          aria-label="First blocking failure"
          title={firstRed.reason}
        >
          ✕ <ItemLink item={firstRed.item}>{firstRed.item}</ItemLink>
          {firstRed.reason && <>: {firstRed.reason}</>}
        </p>
      )}
    </div>
  )
}
