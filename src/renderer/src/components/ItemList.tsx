import { roleNames } from '../../../shared/plan/roles'
import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Plan } from '../../../shared/plan/schema'
import { useSession } from '../session-store'
import { useApp } from '../store'
import { useUi } from '../ui-store'
import { ItemRow, type PlanItem } from './ItemRow'

type Phase = Plan['phases'][number]
type Row = { kind: 'phase'; phase: Phase } | { kind: 'item'; item: PlanItem }

/**
 * Below this many rows every item is in the page (find-in-page works, nothing to measure); above
 * it only the rows near the viewport are, so 1,000+ items stay smooth.
 */
export const VIRTUALIZE_ABOVE = 150

/** The plan's items, grouped by phase, filtered by the search and the "show" choice. */
export const ItemList = memo(function ItemList({
  plan,
  visible,
}: {
  plan: Plan
  visible: Set<string>
}) {
  const rows = useMemo(() => {
    const out: Row[] = []
    for (const phase of plan.phases) {
      out.push({ kind: 'phase', phase })
      for (const item of phase.items) if (visible.has(item.id)) out.push({ kind: 'item', item })
    }
    return out
  }, [plan, visible])
  const virtual = rows.length > VIRTUALIZE_ABOVE
  const selected = useUi((s) => s.selected)
  const select = useUi((s) => s.select)
  const phaseJump = useUi((s) => s.phaseJump)
  // Where the list starts in the page: the window scrolls, and the header sits above the list.
  const listRef = useRef<HTMLDivElement>(null)
  const [scrollMargin, setScrollMargin] = useState(0)
  useLayoutEffect(() => {
    const el = listRef.current
    if (!el) return
    const measure = () => setScrollMargin(el.getBoundingClientRect().top + window.scrollY)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(document.body)
    return () => observer.disconnect()
  }, [virtual])
  const virtualizer = useWindowVirtualizer({
    count: virtual ? rows.length : 0,
    scrollMargin,
    estimateSize: (i) => (rows[i]?.kind === 'phase' ? 48 : 96),
    overscan: 8,
  })
  const indexOf = useCallback((match: (row: Row) => boolean) => rows.findIndex(match), [rows])
  // Keep the selected item (keyboard or click) and the phase the rail asked for in view.
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

  const roles = useMemo(() => roleNames(plan), [plan])
  const row = (r: Row) =>
    r.kind === 'phase' ? (
      <PhaseHeading phase={r.phase} />
    ) : (
      <Item item={r.item} selected={selected === r.item.id} roles={roles} onSelect={select} />
    )

  if (!virtual)
    return (
      <div className="phases">
        {plan.phases.map((phase) => (
          <section
            key={phase.id}
            id={`phase-${phase.id}`}
            className="phase"
            aria-labelledby={`phase-title-${phase.id}`}
          >
            <PhaseHeading phase={phase} />
            <ul className="items" aria-label={`${phase.title} items`}>
              {phase.items
                .filter((item) => visible.has(item.id))
                .map((item) => (
                  <li key={item.id}>{row({ kind: 'item', item })}</li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    )
  const items = virtualizer.getVirtualItems()
  return (
    <div
      ref={listRef}
      className="phases virtual"
      role="list"
      aria-label="Items"
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {items.map((v) => {
        const r = rows[v.index]!
        return (
          <div
            key={r.kind === 'phase' ? `phase:${r.phase.id}` : r.item.id}
            role="listitem"
            data-index={v.index}
            ref={virtualizer.measureElement}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${v.start - virtualizer.options.scrollMargin}px)`,
            }}
          >
            {row(r)}
          </div>
        )
      })}
    </div>
  )
})

function PhaseHeading({ phase }: { phase: Phase }) {
  const runProbes = useApp((s) => s.runProbes)
  const running = useApp((s) => s.run !== null && !s.run.done)
  const probes = phase.items.filter((i) => i.probe).length
  return (
    <>
      <div className="phase-heading">
        <h2 id={`phase-title-${phase.id}`} className="phase-title">
          {phase.title}
        </h2>
        {probes > 0 && (
          <button
            type="button"
            className="run-phase"
            disabled={running}
            aria-label={`Run phase: ${phase.title} (${probes} probe${probes === 1 ? '' : 's'})`}
            onClick={() => void runProbes(phase.id)}
          >
            Run phase
          </button>
        )}
      </div>
      {phase.notes && <pre className="phase-notes">{phase.notes}</pre>}
    </>
  )
}

/** Subscribes to just this item's result and session state, so updates re-render one row. */
function Item({
  item,
  selected,
  roles,
  onSelect,
}: {
  item: PlanItem
  selected: boolean
  roles: string[]
  onSelect: (id: string) => void
}) {
  const result = useApp((s) => s.run?.results[item.id])
  const ran = useApp((s) => s.run !== null)
  const running = useApp((s) => s.run !== null && !s.run.done)
  const state = useSession((s) => s.view?.items.find((i) => i.id === item.id))
  const sessionOpen = useSession((s) => s.view !== null)
  return (
    <ItemRow
      item={item}
      selected={selected}
      result={result}
      running={running}
      ran={ran}
      state={state}
      sessionOpen={sessionOpen}
      roles={roles}
      onSelect={onSelect}
    />
  )
}
