import { canonicalHash } from '../canonical'
import { effectiveItems, type EffectiveItem } from './effective'
import type { Decision } from './events'
import { itemReasons } from './reasons'
import type { SessionState } from './state'

export const SNAPSHOT_FORMAT = 'gonogo-decision-snapshot/2'

/**
 * What a sign-off vouches for. Included: the session (its first event's hash, so a sign-off cannot
 * be carried over to another session on the same plan), the plan hash and vars, each item's effective status and
 * evidence hashes, active waivers (role, reason, expiry), canary verdicts, and the decision the
 * state proposes. Left out on purpose: notes, who marked what and when (the log keeps that),
 * sign-offs themselves and earlier decisions. Time matters only through its effect on
 * status: evidence going stale or a waiver expiring changes the digest.
 */
export interface DecisionSnapshot {
  format: typeof SNAPSHOT_FORMAT
  session: string
  planHash: string
  vars: Record<string, string>
  /**
   * The environment the session runs in, when it has one: a staging rehearsal and the production
   * decision never share a digest. Absent (not null) without one, so older digests still hold.
   */
  environment?: string
  items: {
    id: string
    status: EffectiveItem['status']
    evidence: string[]
    waiver: { role: string; reason: string; expiresAt: string | null } | null
  }[]
  canaries: { item: string; verdict: string; evidence: string }[]
  proposed: Decision
}

/** GO when no blocking item stands in the way (sign-offs come after, over this very snapshot). */
export function proposedDecision(
  state: SessionState,
  effective: readonly EffectiveItem[],
  now: number,
): Decision {
  return itemReasons(state.items, effective, now).some((r) => r.level === 'blocker')
    ? 'NO-GO'
    : 'GO'
}

export function decisionSnapshot(state: SessionState, now: number): DecisionSnapshot {
  const effective = effectiveItems(state, now)
  return {
    format: SNAPSHOT_FORMAT,
    session: state.sessionId,
    planHash: state.planHash,
    vars: state.vars,
    ...(state.environment !== undefined && { environment: state.environment }),
    items: effective.map((e) => ({
      id: e.id,
      status: e.status,
      evidence: e.evidence,
      waiver: e.waiver
        ? { role: e.waiver.role, reason: e.waiver.reason, expiresAt: e.waiver.expiresAt ?? null }
        : null,
    })),
    canaries: Object.keys(state.canaries)
      .sort()
      .map((item) => {
        const c = state.canaries[item]
        return { item, verdict: c?.verdict ?? 'inconclusive', evidence: c?.evidence ?? '' }
      }),
    proposed: proposedDecision(state, effective, now),
  }
}

/** SHA-256 (hex) of the canonical decision snapshot: what every sign-off signs. */
export function digest(state: SessionState, now: number): string {
  return canonicalHash(decisionSnapshot(state, now))
}
