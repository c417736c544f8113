import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useMemo, useRef } from 'react'
import type { Plan } from '../../../shared/plan/schema'
import { useBoard } from '../board-store'
import { useApp } from '../store'
import { useUi } from '../ui-store'
import { Button } from '../ui/Button'
import { ItemRow, type PlanItem } from './ItemRow'

type Phase = Plan['phases'][number]
type Row =
  | { kind: 'attention'; count: number }
  | { kind: 'phase'; phase: Phase; count: number }
  | { kind: 'item'; item: PlanItem }

/**
 * Below this many rows every item is in the page (find-in-page works, nothing to measure); above
 * it only the rows near the pane's viewport are, so 1,000+ items stay smooth.
 */
export const VIRTUALIZE_ABOVE = 150

/**
 * The plan's items in their own scroll pane: failing and stale ones first under "Needs attention",
 * then each phase with the rest, filtered by the search and the "show" choice.
 */
export const ItemList = memo(function ItemList({
  plan,
  visible,
}: {
  plan: Plan
  visible: Set<string>
}) {
  const attention = useBoard((s) => s.attention)
  const rows = useMemo(() => {
    const byId = new Map(plan.phases.flatMap((p) => p.items.map((i) => [i.id, i] as const)))
    const first = attention ? attention.split('\n').filter((id) => visible.has(id)) : []
    const pulled = new Set(first)
    const out: Row[] = []
    if (first.length > 0) {
      out.push({ kind: 'attention', count: first.length })
      for (const id of first) out.push({ kind: 'item', item: byId.get(id)! })
    }
    for (const phase of plan.phases) {
      const items = phase.items.filter((i) => visible.has(i.id) && !pulled.has(i.id))
      out.push({ kind: 'phase', phase, count: items.length })
      for (const item of items) out.push({ kind: 'item', item })
    }
    return out
  }, [plan, visible, attention])
  const virtual = rows.length > VIRTUALIZE_ABOVE
  const selected = useUi((s) => s.selected)
  const select = useUi((s) => s.select)
  const phaseJump = useUi((s) => s.phaseJump)
  const pane = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => pane.current,
    estimateSize: (i) => (rows[i]?.kind === 'item' ? 38 : 34),
    overscan: 10,
  })
  const indexOf = useCallback((match: (row: Row) => boolean) => rows.findIndex(match), [rows])
  // Keep the selected item (keyboard, click, a link) and the phase the rail asked for in view.
  useEffect(() => {
    if (!selected) return
    if (virtual) {
      const at = indexOf((r) => r.kind === 'item' && r.item.id === selected)
      if (at >= 0) virtualizer.scrollToIndex(at, { align: 'auto' })
    } else document.getElementById(`item-${selected}`)?.scrollIntoView({ block: 'nearest' })
  }, [selected, virtual, indexOf, virtualizer])
  useEffect(() => {
    if (!phaseJump) return
    if (virtual) {
      const at = indexOf((r) => r.kind === 'phase' && r.phase.id === phaseJump.id)
      if (at >= 0) virtualizer.scrollToIndex(at, { align: 'start' })
    } else document.getElementById(`phase-${phaseJump.id}`)?.scrollIntoView({ block: 'start' })
  }, [phaseJump, virtual, indexOf, virtualizer])

  const render = (r: Row) =>
    r.kind === 'attention' ? (
      <div className="group-heading attention" id="group-attention">
        <h3>Needs attention</h3>
        <span className="group-count">{r.count}</span>
      </div>
    ) : r.kind === 'phase' ? (
      <PhaseHeading phase={r.phase} shown={r.count} />
    ) : (
      <ItemRow item={r.item} selected={selected === r.item.id} onSelect={select} />
    )

  if (!virtual)
    return (
      <div ref={pane} className="list-pane" role="list" aria-label="Items" tabIndex={-1}>
        {rows.map((r) => (
          <div
            key={
              r.kind === 'item'
                ? r.item.id
                : r.kind === 'phase'
                  ? `phase:${r.phase.id}`
                  : 'attention'
            }
            role="listitem"
          >
            {render(r)}
          </div>
        ))}
      </div>
    )
  return (
    <div ref={pane} className="list-pane" role="list" aria-label="Items" tabIndex={-1}>
      <div className="list-sizer" ref={(el) => sizeTo(el, virtualizer.getTotalSize())}>
        {virtualizer.getVirtualItems().map((v) => {
          const r = rows[v.index]!
          return (
            <div
              key={
                r.kind === 'item'
                  ? r.item.id
                  : r.kind === 'phase'
                    ? `phase:${r.phase.id}`
                    : 'attention'
              }
              role="listitem"
              className="list-slot"
              data-index={v.index}
              ref={(el) => {
                virtualizer.measureElement(el)
                placeAt(el, v.start)
              }}
            >
              {render(r)}
            </div>
          )
        })}
      </div>
    </div>
  )
})

/** Sizes and positions go through the CSSOM (allowed by the CSP), never a style attribute. */
function sizeTo(el: HTMLElement | null, height: number) {
  if (el) el.style.height = `${height}px`
}
function placeAt(el: HTMLElement | null, top: number) {
  if (el) el.style.transform = `translateY(${top}px)`
}

function PhaseHeading({ phase, shown }: { phase: Phase; shown: number }) {
  const runProbes = useApp((s) => s.runProbes)
  const running = useApp((s) => s.run !== null && !s.run.done)
  const probes = phase.items.filter((i) => i.probe).length
  return (
    <div className="group-heading" id={`phase-${phase.id}`}>
      <h3 id={`phase-title-${phase.id}`}>{phase.title}</h3>
      <span className="group-count">{shown}</span>
      {probes > 0 && (
        <Button
          size="sm"
          variant="ghost"
          className="run-phase"
          disabled={running}
          aria-label={`Run phase: ${phase.title} (${probes} probe${probes === 1 ? '' : 's'})`}
          onClick={() => void runProbes(phase.id)}
        >
          ▶ Run phase
        </Button>
      )}
    </div>
  )
}
