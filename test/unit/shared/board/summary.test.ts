import { describe, expect, it } from 'vitest'
import { rolePinning } from '../../../../src/shared/board/pinning'
import {
  attentionOrder,
  blockingCounts,
  boardState,
  goBlockedReason,
  readinessHeadline,
  signoffWord,
  type BoardState,
} from '../../../../src/shared/board/summary'
import type { SessionView } from '../../../../src/shared/session/view'
import { testPlan } from '../../../helpers/session-log'

const view = (over: Partial<SessionView>): SessionView => ({
  dir: '/s',
  planName: 'Fixture launch',
  startedAt: '2026-11-22T10:00:00.000Z',
  startedBy: 'Ada',
  events: 1,
  verdict: 'NOT_READY',
  reasons: [],
  digest: 'a'.repeat(64),
  items: [],
  phases: [],
  signoffs: [],
  ...over,
})

const reason = (level: 'blocker' | 'warning', message: string) => ({ level, code: 'x', message })

describe('the board at a glance', () => {
  it('board state: n/a is done, stale evidence is its own state, waived and fail stay', () => {
    expect(boardState('na', false)).toBe('pass')
    expect(boardState('pending', true)).toBe('stale')
    expect(boardState('pending', false)).toBe('pending')
    expect(boardState('waived', true)).toBe('waived')
    expect(boardState('fail', false)).toBe('fail')
  })

  it('counts blocking items only, unknown ones as pending, and orders failing before stale', () => {
    const plan = testPlan()
    const states: Record<string, BoardState> = {
      health: 'stale',
      migrations: 'fail',
      docs: 'fail', // non-blocking: not counted, but it still needs attention
      tls: 'waived',
    }
    const counts = blockingCounts(plan, (id) => states[id])
    expect(counts).toEqual({ pass: 0, fail: 1, pending: 1, stale: 1, waived: 1, total: 4 })
    expect(attentionOrder(plan, (id) => states[id])).toEqual(['migrations', 'docs', 'health'])
  })

  it('headline: READY / NOT READY, or the decision when it covers the current state', () => {
    const reasons = [
      reason('warning', 'w1'),
      reason('blocker', 'b1'),
      reason('blocker', 'b2'),
      reason('blocker', 'b3'),
      reason('blocker', 'b4'),
    ]
    const h = readinessHeadline(view({ reasons }))
    expect(h.label).toBe('NOT READY')
    // Blockers before warnings; three spelled out, the rest counted.
    expect(h.reasons.map((r) => r.message)).toEqual(['b1', 'b2', 'b3'])
    expect(h.more).toBe(2)
    expect(readinessHeadline(view({ verdict: 'READY' })).label).toBe('READY')
    const decision = { decision: 'GO' as const, reason: 'ok', at: 't', by: 'Ada', current: true }
    expect(readinessHeadline(view({ verdict: 'READY', decision })).label).toBe('GO')
    // A decision over an older state no longer heads the board.
    expect(readinessHeadline(view({ decision: { ...decision, current: false } })).label).toBe(
      'NOT READY',
    )
    expect(readinessHeadline(view({ decision: { ...decision, decision: 'NO-GO' } })).label).toBe(
      'NO-GO',
    )
  })

  it('GO is blocked with the first blocker and a count of the others', () => {
    expect(goBlockedReason(view({ verdict: 'READY' }))).toBeNull()
    expect(goBlockedReason(view({ reasons: [reason('blocker', 'health failed')] }))).toBe(
      'health failed',
    )
    expect(
      goBlockedReason(
        view({
          reasons: [
            reason('blocker', 'health failed'),
            reason('blocker', 'b'),
            reason('blocker', 'c'),
          ],
        }),
      ),
    ).toBe('health failed (and 2 more blockers)')
  })

  it('roll call words and pinning', () => {
    expect(signoffWord('current')).toBe('signed')
    expect(signoffWord('outdated')).toBe('outdated')
    expect(signoffWord('missing')).toBe('missing')
    expect(rolePinning('CTO')).toEqual({ pinned: false, label: 'not pinned' })
  })
})
