import { create } from 'zustand'
import {
  attentionOrder,
  blockingCounts,
  boardState,
  type BoardCounts,
  type BoardState,
} from '../../shared/board/summary'
import type { Plan } from '../../shared/plan/schema'
import { useSession, type SessionView } from './session-store'
import { useApp, type ProbeRunState } from './store'

/**
 * The board's view of every item, derived once per change of the session or the probe run (not
 * once per component): each item's board state, the blocking counts, and the ids needing
 * attention as one string, so the list re-renders only when that membership changes.
 */
interface BoardDerived {
  states: ReadonlyMap<string, BoardState>
  counts: BoardCounts
  /** Ids needing attention (failing first, then stale), joined by newlines. */
  attention: string
}

const EMPTY: BoardDerived = {
  states: new Map(),
  counts: { pass: 0, fail: 0, pending: 0, stale: 0, waived: 0, total: 0 },
  attention: '',
}

export const useBoard = create<BoardDerived>(() => EMPTY)

const sessionIndex = new WeakMap<SessionView, Map<string, SessionView['items'][number]>>()

/** An item of the session view by id, from an index built once per view. */
export function sessionItem(
  view: SessionView | null,
  id: string,
): SessionView['items'][number] | undefined {
  if (!view) return undefined
  let index = sessionIndex.get(view)
  if (!index) {
    index = new Map(view.items.map((i) => [i.id, i]))
    sessionIndex.set(view, index)
  }
  return index.get(id)
}

function derive(plan: Plan, view: SessionView | null, run: ProbeRunState | null): BoardDerived {
  const states = new Map<string, BoardState>()
  for (const phase of plan.phases)
    for (const item of phase.items) {
      const s = sessionItem(view, item.id)
      if (s) states.set(item.id, boardState(s.status, s.stale))
      else if (run?.results[item.id]) states.set(item.id, run.results[item.id]!.status)
      else states.set(item.id, 'pending')
    }
  const stateOf = (id: string) => states.get(id)
  const attention = attentionOrder(plan, stateOf).join('\n')
  const previous = useBoard.getState()
  return {
    states,
    counts: blockingCounts(plan, stateOf),
    // The same string keeps the same identity: subscribers comparing it do not re-render.
    attention: previous.attention === attention ? previous.attention : attention,
  }
}

let last: { plan: unknown; view: unknown; results: unknown } = {
  plan: null,
  view: null,
  results: null,
}

function update() {
  const plan = useApp.getState().plan?.plan ?? null
  const view = useSession.getState().view
  const run = useApp.getState().run
  if (last.plan === plan && last.view === view && last.results === run?.results) return
  last = { plan, view, results: run?.results }
  useBoard.setState(plan ? derive(plan, view, run) : EMPTY)
}

useApp.subscribe(update)
useSession.subscribe(update)
