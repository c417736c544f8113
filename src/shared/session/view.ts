import { readiness } from './readiness'
import type { SessionState } from './state'

/**
 * What the window shows of a session: readiness with its reasons, each item's effective status,
 * phase progress, sign-offs and the latest decision. Derived here, in src/shared, so the window
 * never re-implements a rule.
 */
export interface SessionView {
  dir: string
  planName: string
  startedAt: string
  startedBy: string
  events: number
  /** The plan environment the session runs in, when it has one. */
  environment?: string
  verdict: 'READY' | 'NOT_READY'
  reasons: {
    level: 'blocker' | 'warning'
    code: string
    item?: string
    role?: string
    message: string
  }[]
  digest: string
  items: {
    id: string
    status: 'pass' | 'fail' | 'na' | 'waived' | 'pending'
    source: string
    at?: string
    reason?: string
    stale: boolean
  }[]
  phases: { id: string; title: string; total: number; done: number }[]
  signoffs: {
    role: string
    status: 'current' | 'outdated' | 'missing'
    signer?: string
    at?: string
    /** False: the plan pins no signer for the role (flagged "signer not pinned by the plan"). */
    pinned: boolean
    quorum?: { needed: number; signed: number }
  }[]
  decision?: { decision: 'GO' | 'NO-GO'; reason: string; at: string; by: string; current: boolean }
}

/** What names a session wherever it is listed or shown: its plan, start, starter and length. */
export function sessionHeading(state: SessionState, dir: string) {
  return {
    dir,
    planName: state.plan.name,
    startedAt: state.startedAt,
    startedBy: state.startedBy.name,
    events: state.head.seq,
    ...(state.environment !== undefined && { environment: state.environment }),
  }
}

export function sessionView(state: SessionState, now: number, dir: string): SessionView {
  const r = readiness(state, now)
  const latest = state.decisions[state.decisions.length - 1]
  return {
    ...sessionHeading(state, dir),
    verdict: r.verdict,
    reasons: r.reasons.map((x) => ({
      level: x.level,
      code: x.code,
      ...(x.item !== undefined && { item: x.item }),
      ...(x.role !== undefined && { role: x.role }),
      message: x.message,
    })),
    digest: r.digest,
    items: r.items.map((e) => ({
      id: e.id,
      status: e.status,
      source: e.source,
      ...(e.at !== undefined && { at: e.at }),
      ...(e.reason !== undefined && { reason: e.reason }),
      stale: e.stale !== undefined,
    })),
    phases: r.phases.map((p) => ({ id: p.id, title: p.title, total: p.total, done: p.done })),
    signoffs: r.signoffs.map((s) => ({
      role: s.role,
      status: s.status,
      ...(s.signer !== undefined && { signer: s.signer }),
      ...(s.at !== undefined && { at: s.at }),
      pinned: s.pinned,
      ...(s.quorum && { quorum: s.quorum }),
    })),
    ...(latest && {
      decision: {
        decision: latest.decision,
        reason: latest.reason,
        at: latest.at,
        by: latest.actor.name,
        current: latest.digest === r.digest,
      },
    }),
  }
}

/** The item drawer's view: everything the session knows about one item, oldest first. */
export interface ItemDetailView {
  item: string
  history: {
    seq: number
    at: string
    by: string
    source: string
    status: string
    reason?: string
  }[]
  notes: { seq: number; at: string; by: string; text: string }[]
  attachments: { seq: number; at: string; by: string; name: string; sha256: string; size: number }[]
  waiver?: {
    role: string
    reason: string
    by: string
    at: string
    expiresAt?: string
    expired: boolean
  }
}

export function itemDetail(state: SessionState, id: string, now: number): ItemDetailView | null {
  const item = state.items.find((i) => i.id === id)
  if (!item) return null
  const waiver = item.waiver
  return {
    item: id,
    history: item.history.map((h) => ({
      seq: h.seq,
      at: h.at,
      by: h.actor.name,
      source: h.source,
      status: h.status,
      ...(h.reason !== undefined && { reason: h.reason }),
    })),
    notes: item.notes.map((n) => ({ seq: n.seq, at: n.at, by: n.actor.name, text: n.text })),
    attachments: item.evidence.map((e) => ({
      seq: e.seq,
      at: e.at,
      by: e.actor.name,
      name: e.name,
      sha256: e.sha256,
      size: e.size,
    })),
    ...(waiver && {
      waiver: {
        role: waiver.role,
        reason: waiver.reason,
        by: waiver.actor.name,
        at: waiver.at,
        ...(waiver.expiresAt !== undefined && { expiresAt: waiver.expiresAt }),
        expired: waiver.expiresAt !== undefined && Date.parse(waiver.expiresAt) <= now,
      },
    }),
  }
}
