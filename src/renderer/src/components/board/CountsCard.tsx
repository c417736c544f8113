import { Panel } from '../../ui/Panel'
import { BOARD_STATES } from '../../../../shared/board/summary'
import type { Plan } from '../../../../shared/plan/schema'
import { RunSummary } from '../RunSummary'
import { useBoard } from '../../board-store'
import { Bar } from '../../ui/Bar'
import { STATUS_LOOK, toneOf } from '../../ui/status'

/** Blocking items by state: five numbers with icon and word, and the same as one bar. */
export function CountsCard({ plan }: { plan: Plan }) {
  const counts = useBoard((s) => s.counts)
  return (
    <Panel
      className="card counts"
      label="Blocking items"
      title={
        <>
          Blocking items <span className="muted">{counts.total}</span>
        </>
      }
    >
      <dl className="count-grid">
        {BOARD_STATES.map((state) => (
          <div key={state} className={`count-cell tone-${toneOf(state)}`} data-count={state}>
            <dt>{STATUS_LOOK[state].word}</dt>
            <dd>
              <span className="count-icon" aria-hidden="true">
                {STATUS_LOOK[state].icon}
              </span>
              <span className="count-number">{counts[state]}</span>
            </dd>
          </div>
        ))}
      </dl>
      <Bar
        label={BOARD_STATES.map((s) => `${counts[s]} ${s}`).join(', ')}
        segments={BOARD_STATES.map((s) => ({ key: s, value: counts[s], tone: toneOf(s) }))}
      />
      <RunSummary plan={plan} />
    </Panel>
  )
}
