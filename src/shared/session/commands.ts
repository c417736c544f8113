import { roleNames } from '../plan/roles'
import type { ItemStatus } from '../plan/schema'
import type { Decision, EventInput, Actor } from './events'
import { checkDecision } from './readiness'
import type { Reason } from './reasons'
import type { SessionState } from './state'

/**
 * Session commands as pure checks over the state: each either yields the event to append or says
 * precisely what is wrong. The CLI and the IPC handlers share them, so the rules live in one place.
 */
export type CommandResult =
  { ok: true; event: EventInput } | { ok: false; message: string; reasons?: Reason[] }

export const MARKABLE_STATUSES = ['pass', 'fail', 'na', 'pending'] as const
export type MarkableStatus = (typeof MARKABLE_STATUSES)[number]

export function isMarkableStatus(word: string): word is MarkableStatus {
  return (MARKABLE_STATUSES as readonly string[]).includes(word)
}

export function findItem(
  state: SessionState,
  id: string,
): { ok: true } | { ok: false; message: string } {
  if (state.items.some((i) => i.id === id)) return { ok: true }
  const near = state.items.map((i) => i.id).filter((candidate) => editDistance(candidate, id) <= 2)
  const hint =
    near.length > 0
      ? ` (did you mean ${near
          .slice(0, 3)
          .map((n) => `\`${n}\``)
          .join(', ')}?)`
      : ''
  return { ok: false, message: `no item \`${id}\` in the plan${hint}` }
}

export function markCommand(
  state: SessionState,
  actor: Actor,
  mark: { item: string; status: string; reason?: string; evidence?: string[] },
): CommandResult {
  const found = findItem(state, mark.item)
  if (!found.ok) return found
  if (mark.status === 'waived')
    return {
      ok: false,
      message: 'use a waiver (with a reason and an approving role) to waive an item',
    }
  if (!isMarkableStatus(mark.status))
    return {
      ok: false,
      message: `status must be one of ${MARKABLE_STATUSES.join(', ')}; got "${mark.status}"`,
    }
  const status: ItemStatus = mark.status
  return {
    ok: true,
    event: {
      actor,
      type: 'item.status',
      data: {
        item: mark.item,
        status,
        ...(mark.reason?.trim() && { reason: mark.reason.trim() }),
        ...(mark.evidence?.length && { evidence: mark.evidence }),
      },
    },
  }
}

export function waiveCommand(
  state: SessionState,
  actor: Actor,
  waiver: { item: string; reason: string; role: string; expiresAt?: string },
  now: number,
): CommandResult {
  const found = findItem(state, waiver.item)
  if (!found.ok) return found
  if (!waiver.reason.trim()) return { ok: false, message: 'a waiver needs a reason' }
  if (!waiver.role.trim()) return { ok: false, message: 'a waiver needs an approving role' }
  const roles = roleNames(state.plan)
  if (roles.length > 0 && !roles.includes(waiver.role))
    return {
      ok: false,
      message: `role "${waiver.role}" is not one of the plan's roles: ${roles.join(', ')}`,
    }
  if (waiver.expiresAt !== undefined && Date.parse(waiver.expiresAt) <= now)
    return { ok: false, message: `the waiver would already have expired (${waiver.expiresAt})` }
  return {
    ok: true,
    event: {
      actor,
      type: 'item.status',
      data: {
        item: waiver.item,
        status: 'waived',
        reason: waiver.reason.trim(),
        waiver: {
          role: waiver.role,
          ...(waiver.expiresAt !== undefined && { expiresAt: waiver.expiresAt }),
        },
      },
    },
  }
}

export function noteCommand(
  state: SessionState,
  actor: Actor,
  note: { item: string; text: string },
): CommandResult {
  const found = findItem(state, note.item)
  if (!found.ok) return found
  if (!note.text.trim()) return { ok: false, message: 'a note needs text' }
  return {
    ok: true,
    event: { actor, type: 'item.note', data: { item: note.item, text: note.text.trim() } },
  }
}

export function decideCommand(
  state: SessionState,
  actor: Actor,
  decision: { decision: Decision; reason: string },
  now: number,
): CommandResult {
  const check = checkDecision(state, now, decision.decision, decision.reason)
  if (!check.ok) return check
  return {
    ok: true,
    event: {
      actor,
      type: 'decision.made',
      data: { decision: decision.decision, reason: decision.reason.trim(), digest: check.digest },
    },
  }
}

/** Levenshtein distance, for "did you mean" hints on item ids. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
