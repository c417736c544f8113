import type { Plan } from '../plan/schema'
import type { SessionView } from '../session/view'

/**
 * What the launch-day board shows at a glance, derived here so the window never re-implements a
 * rule: each item's board state, blocking items counted by state, what needs attention first, and
 * the readiness headline with its first reasons.
 */

/** The five states the board counts. n/a is done (it counts as pass); stale evidence is pending. */
export const BOARD_STATES = ['pass', 'fail', 'pending', 'stale', 'waived'] as const
export type BoardState = (typeof BOARD_STATES)[number]

export type ItemStatus = SessionView['items'][number]['status']

export function boardState(status: ItemStatus, stale: boolean): BoardState {
  if (status === 'waived' || status === 'fail') return status
  if (stale) return 'stale'
  return status === 'na' ? 'pass' : status
}

/** Failing and stale items come first, under "needs attention". */
export function needsAttention(state: BoardState): boolean {
  return state === 'fail' || state === 'stale'
}

export type BoardCounts = Record<BoardState, number> & { total: number }

/** Blocking items by board state; items without a state yet are pending. */
export function blockingCounts(
  plan: Plan,
  stateOf: (id: string) => BoardState | undefined,
): BoardCounts {
  const counts: BoardCounts = { pass: 0, fail: 0, pending: 0, stale: 0, waived: 0, total: 0 }
  for (const phase of plan.phases)
    for (const item of phase.items) {
      if (!item.blocking) continue
      counts[stateOf(item.id) ?? 'pending']++
      counts.total++
    }
  return counts
}

/** Ids needing attention in the order the list shows them: failing first, then stale; plan order within. */
export function attentionOrder(
  plan: Plan,
  stateOf: (id: string) => BoardState | undefined,
): string[] {
  const fail: string[] = []
  const stale: string[] = []
  for (const phase of plan.phases)
    for (const item of phase.items) {
      const state = stateOf(item.id)
      if (state === 'fail') fail.push(item.id)
      else if (state === 'stale') stale.push(item.id)
    }
  return [...fail, ...stale]
}

export type Headline = 'READY' | 'NOT READY' | 'GO' | 'NO-GO'

export interface ReadinessHeadline {
  label: Headline
  /** GO or NO-GO when a decision covers the current state. */
  decided?: NonNullable<SessionView['decision']>
  /** The first reasons (blockers before warnings) and how many more there are. */
  reasons: SessionView['reasons']
  more: number
}

/** How many reasons the board spells out; the rest are counted. */
export const HEADLINE_REASONS = 3

export function readinessHeadline(view: SessionView, shown = HEADLINE_REASONS): ReadinessHeadline {
  const decided = view.decision?.current ? view.decision : undefined
  const label: Headline = decided
    ? decided.decision
    : view.verdict === 'READY'
      ? 'READY'
      : 'NOT READY'
  const ordered = [
    ...view.reasons.filter((r) => r.level === 'blocker'),
    ...view.reasons.filter((r) => r.level === 'warning'),
  ]
  return {
    label,
    ...(decided && { decided }),
    reasons: ordered.slice(0, shown),
    more: Math.max(0, ordered.length - shown),
  }
}

/** Why GO cannot be pressed now, in one line; null when it can. */
export function goBlockedReason(view: SessionView): string | null {
  if (view.verdict === 'READY') return null
  const blockers = view.reasons.filter((r) => r.level === 'blocker')
  const first = blockers[0]
  if (!first) return 'not ready'
  return blockers.length === 1
    ? first.message
    : `${first.message} (and ${blockers.length - 1} more blocker${blockers.length === 2 ? '' : 's'})`
}

export type SignoffWord = 'signed' | 'outdated' | 'missing'

/** The roll call's word for a role's sign-off against the current digest. */
export function signoffWord(status: SessionView['signoffs'][number]['status']): SignoffWord {
  return status === 'current' ? 'signed' : status
}
