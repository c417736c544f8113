import { digest } from './digest'
import { effectiveItems, phaseProgress, type EffectiveItem, type PhaseProgress } from './effective'
import type { Decision } from './events'
import { itemReasons, relativeTime, type Reason } from './reasons'
import type { SessionState } from './state'
import { pinFor, planRoles } from '../plan/roles'

export type Verdict = 'READY' | 'NOT_READY'

export interface Readiness {
  verdict: Verdict
  /** Blockers first, then warnings. Empty blockers ⇔ READY. */
  reasons: Reason[]
  /** The digest sign-offs must cover right now. */
  digest: string
  items: EffectiveItem[]
  phases: PhaseProgress[]
  /** Required roles and whether each has signed the current digest. */
  signoffs: {
    role: string
    status: 'current' | 'outdated' | 'missing'
    signer?: string
    at?: string
    /** False: anyone may sign for the role (the plan pins no signer). */
    pinned: boolean
    /** Distinct pinned keys needed, and how many signed the current digest (a quorum > 1). */
    quorum?: { needed: number; signed: number }
  }[]
}

/**
 * Is the session ready for GO at `now`, and if not, why not. READY needs every blocking item to be
 * pass, na or (actively) waived with fresh evidence, and every role the plan names to have signed
 * the current digest.
 */
export function readiness(state: SessionState, now: number): Readiness {
  const items = effectiveItems(state, now)
  const current = digest(state, now)
  const reasons = itemReasons(state.items, items, now)
  const signoffs = planRoles(state.plan).map((plan) => {
    const role = plan.name
    const base = { role, pinned: plan.pinned }
    // A pinned role counts only sign-offs by its pinned keys, each key once.
    const mine = state.signoffs.filter(
      (x) =>
        x.role === role &&
        (!plan.pinned ||
          pinFor(plan, {
            publicKey: String(x.data.publicKey ?? ''),
            principal: x.signer,
            time: Date.parse(x.at),
          }) !== undefined),
    )
    const keys = new Set(
      mine.filter((x) => x.digest === current).map((x) => String(x.data.publicKey ?? x.seq)),
    )
    const quorum = plan.quorum > 1 ? { quorum: { needed: plan.quorum, signed: keys.size } } : {}
    const latest = mine[mine.length - 1]
    if (!latest) return { ...base, status: 'missing' as const, ...quorum }
    return {
      ...base,
      status: keys.size >= plan.quorum ? ('current' as const) : ('outdated' as const),
      signer: [...new Set(mine.map((x) => x.signer))].join(', '),
      at: latest.at,
      ...quorum,
    }
  })
  const signoffReasons: Reason[] = signoffs.flatMap((s): Reason[] => {
    if (s.status === 'current') return []
    if (s.status === 'missing')
      return [
        {
          level: 'blocker',
          code: 'signoff-missing',
          role: s.role,
          message: `role \`${s.role}\` has not signed the current digest`,
        },
      ]
    if (s.quorum && s.quorum.signed > 0)
      return [
        {
          level: 'blocker',
          code: 'signoff-missing',
          role: s.role,
          message: `role \`${s.role}\` needs ${s.quorum.needed} distinct pinned keys over the current digest; ${s.quorum.signed} signed`,
        },
      ]
    return [
      {
        level: 'blocker',
        code: 'signoff-outdated',
        role: s.role,
        message: `role \`${s.role}\` signed an outdated digest ${relativeTime(s.at ?? '', now)} (${s.signer ?? 'unknown'}); the state has changed since and needs a new sign-off`,
      },
    ]
  })
  const blockers = reasons.filter((r) => r.level === 'blocker')
  const warnings = reasons.filter((r) => r.level === 'warning')
  const all = [...blockers, ...signoffReasons, ...warnings]
  return {
    verdict: all.some((r) => r.level === 'blocker') ? 'NOT_READY' : 'READY',
    reasons: all,
    digest: current,
    items,
    phases: phaseProgress(state, items),
    signoffs,
  }
}

export type DecisionCheck =
  { ok: true; digest: string } | { ok: false; message: string; reasons: Reason[] }

/** GO only when READY (items and sign-offs); NO-GO always, with a reason. */
export function checkDecision(
  state: SessionState,
  now: number,
  decision: Decision,
  reason: string,
): DecisionCheck {
  if (reason.trim() === '')
    return { ok: false, message: `a ${decision} decision needs a reason`, reasons: [] }
  const r = readiness(state, now)
  if (decision === 'GO' && r.verdict !== 'READY') {
    return {
      ok: false,
      message: 'GO is refused: the session is NOT_READY',
      reasons: r.reasons.filter((x) => x.level === 'blocker'),
    }
  }
  return { ok: true, digest: r.digest }
}
