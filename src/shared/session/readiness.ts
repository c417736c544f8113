import { digest } from './digest'
import { effectiveItems, phaseProgress, type EffectiveItem, type PhaseProgress } from './effective'
import type { Decision } from './events'
import { itemReasons, relativeTime, type Reason } from './reasons'
import type { SessionState } from './state'

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
  const signoffs = state.plan.roles.map((role) => {
    const s = state.signoffs.find((x) => x.role === role)
    if (!s) return { role, status: 'missing' as const }
    return {
      role,
      status: s.digest === current ? ('current' as const) : ('outdated' as const),
      signer: s.signer,
      at: s.at,
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
