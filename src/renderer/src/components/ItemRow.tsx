import { memo } from 'react'
import type { BoardState } from '../../../shared/board/summary'
import type { Plan } from '../../../shared/plan/schema'
import { sessionItem, useBoard } from '../board-store'
import { ago, useClock } from '../clock'
import { useSession } from '../session-store'
import { useApp } from '../store'
import { Badge } from '../ui/Badge'
import { StatusPill } from '../ui/StatusPill'

export type PlanItem = Plan['phases'][number]['items'][number]

function kindOf(item: PlanItem): string {
  if (item.probe) return item.probe.kind === 'preset' ? 'preset' : item.probe.kind
  if (item.canary) return 'canary'
  return 'manual'
}

/**
 * One dense row: state (icon + word), title, owner, how it is checked, the age of the last result,
 * and the reason when red. Subscribes to just this item's state, so a landing re-renders one row.
 */
export const ItemRow = memo(function ItemRow({
  item,
  selected,
  onSelect,
}: {
  item: PlanItem
  selected: boolean
  onSelect: (id: string) => void
}) {
  const state: BoardState = useBoard((s) => s.states.get(item.id) ?? 'pending')
  const at = useSession((s) => sessionItem(s.view, item.id)?.at)
  const sessionReason = useSession((s) => sessionItem(s.view, item.id)?.reason)
  const result = useApp((s) => s.run?.results[item.id])
  const checking = useApp(
    (s) => item.probe !== undefined && s.run !== null && !s.run.done && !s.run.results[item.id],
  )
  const now = useClock((s) => s.now)
  const when = at ?? result?.observedAt
  const reason = state === 'fail' ? (sessionReason ?? result?.reason) : undefined
  return (
    <div
      id={`item-${item.id}`}
      className={`row${selected ? ' selected' : ''}${reason ? ' with-reason' : ''}${item.parent ? ' sub-item' : ''}`}
      data-item-id={item.id}
      data-state={state}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(item.id)}
    >
      <span className="row-state">
        {checking ? (
          <StatusPill status="checking" size="sm" />
        ) : (
          <StatusPill status={state} size="sm" />
        )}
      </span>
      <button type="button" className="row-title item-title" title={item.title}>
        {item.title}
      </button>
      <span className="row-flags">
        {item.parent && <Badge>↳ under {item.parent}</Badge>}
        {!item.blocking && <Badge>non-blocking</Badge>}
        {item.initial && item.initial !== 'pending' && <Badge>{item.initial} (imported)</Badge>}
      </span>
      <span className="row-owner" title={item.owner}>
        {item.owner ?? '—'}
      </span>
      <span className="row-kind">
        <Badge tone={item.probe || item.canary ? 'accent' : 'neutral'}>{kindOf(item)}</Badge>
      </span>
      <span className="row-age" title={when ? new Date(when).toLocaleString() : 'no result yet'}>
        {when ? ago(when, now) : '—'}
      </span>
      {reason && (
        <span className="row-reason reason" title={reason}>
          {reason}
        </span>
      )}
    </div>
  )
})
