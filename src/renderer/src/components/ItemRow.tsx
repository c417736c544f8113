import { memo } from 'react'
import type { Plan } from '../../../shared/plan/schema'
import type { ProbeResultView } from '../../../shared/ipc'
import type { SessionView } from '../session-store'
import { CanaryPanel } from './CanaryPanel'
import { ItemControls } from './ItemControls'
import { ProbeResult } from './ProbeResult'

export type PlanItem = Plan['phases'][number]['items'][number]

/**
 * One item of the list. Memoized on its own inputs: a probe landing re-renders its row, not the
 * other 999 (the session view is passed per item for the same reason).
 */
export const ItemRow = memo(function ItemRow({
  item,
  selected,
  result,
  running,
  ran,
  state,
  sessionOpen,
  roles,
  onSelect,
}: {
  item: PlanItem
  selected: boolean
  result: ProbeResultView | undefined
  running: boolean
  /** Whether a probe run exists in this window (otherwise probe items show nothing yet). */
  ran: boolean
  state: SessionView['items'][number] | undefined
  sessionOpen: boolean
  roles: string[]
  onSelect: (id: string) => void
}) {
  return (
    <div
      id={`item-${item.id}`}
      className={`item${selected ? ' selected' : ''}${item.parent ? ' sub-item' : ''}`}
      data-item-id={item.id}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(item.id)}
    >
      <div className="item-title">
        {item.title}
        {!item.blocking && <span className="badge">non-blocking</span>}
        {item.probe && <span className="badge probe">{item.probe.kind} probe</span>}
        {item.canary && <span className="badge probe">{item.canary.source.type} canary</span>}
        {item.initial && item.initial !== 'pending' && (
          <span className="badge">{item.initial} (imported)</span>
        )}
      </div>
      <div className="item-meta">
        <code>{item.id}</code>
        {item.parent && <span className="parent-ref"> · ↳ under {item.parent}</span>}
        {item.owner && <> · {item.owner}</>}
      </div>
      {item.notes && <pre className="item-notes">{item.notes}</pre>}
      {item.probe && ran && <ProbeResult result={result} running={running} />}
      {item.canary && <CanaryPanel item={item.id} metrics={item.canary.metrics} />}
      {sessionOpen && (
        <ItemControls
          item={item.id}
          manual={!item.probe && !item.canary}
          roles={roles}
          state={state}
        />
      )}
    </div>
  )
})
