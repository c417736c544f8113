import { Panel } from '../../ui/Panel'
import { formatDuration } from '../../../../shared/plan/duration'
import type { Plan } from '../../../../shared/plan/schema'
import { useBoard } from '../../board-store'
import { useCanary } from '../../canary-store'
import { useUi } from '../../ui-store'
import { Button } from '../../ui/Button'
import { StatusPill } from '../../ui/StatusPill'
import type { StatusName } from '../../ui/status'

const span = (ms: number) => (ms < 1000 ? '0 s' : formatDuration(ms))

/**
 * The canary at a glance: its verdict and how long it has been stable (of how long it must be),
 * with start/stop. The first canary item of the plan; more are counted and reachable in the list.
 */
export function CanaryCard({ plan }: { plan: Plan }) {
  const canaries = plan.phases.flatMap((p) => p.items.filter((i) => i.canary))
  const first = canaries[0]
  const run = useCanary((s) => (first ? s.runs[first.id] : undefined))
  const start = useCanary((s) => s.start)
  const stop = useCanary((s) => s.stop)
  const state = useBoard((s) => (first ? s.states.get(first.id) : undefined))
  const select = useUi((s) => s.select)
  if (!first)
    return (
      <Panel className="card canary-card" label="Canary" title="Canary">
        <p className="muted">No canary in this plan.</p>
      </Panel>
    )
  const latest = run?.updates.at(-1)
  const running = run !== undefined && !run.done
  const status: StatusName = latest ? latest.verdict : (state ?? 'pending')
  const interval = latest?.interval
  return (
    <Panel
      className="card canary-card"
      label="Canary"
      title={
        <>Canary {canaries.length > 1 && <span className="muted">1 of {canaries.length}</span>}</>
      }
    >
      <div className="canary-state">
        <StatusPill status={status} size="lg" />
      </div>
      <p className="canary-stable" aria-label="Canary stable for">
        {interval
          ? `stable ${span(interval.stableMs)} of ${span(interval.stableForMs)}`
          : latest
            ? 'not stable yet'
            : 'not analysed in this window'}
      </p>
      <div className="card-actions">
        {running ? (
          <Button size="sm" onClick={() => void stop(first.id)}>
            ■ Stop
          </Button>
        ) : (
          <Button size="sm" onClick={() => void start(first.id)}>
            ▶ Run analysis
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={() => select(first.id)}>
          Details
        </Button>
      </div>
    </Panel>
  )
}
