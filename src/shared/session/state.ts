import type { CanaryVerdict } from '../canary/analysis'
import type { ItemStatus, Plan } from '../plan/schema'
import type { ChainHead } from './chain'
import type { Actor, Decision } from './events'

/** What determined an item's state at some point: a checklist claim, a person, a probe or a canary. */
export type ObservationSource = 'checklist' | 'manual' | 'probe' | 'canary'

export interface Observation {
  /** The event that carried it (0 for the imported checklist's claim). */
  seq: number
  /** When it was observed; freshness counts from here. */
  at: string
  actor: Actor
  source: ObservationSource
  status: Exclude<ItemStatus, 'waived'>
  reason?: string
  /** Evidence hashes: attached files for a manual mark, the event hash for a probe result. */
  evidence: string[]
}

export interface Waiver {
  seq: number
  at: string
  actor: Actor
  role: string
  reason: string
  expiresAt?: string
}

export interface HistoryEntry {
  seq: number
  at: string
  actor: Actor
  source: ObservationSource | 'waiver'
  status: ItemStatus
  reason?: string
}

export interface Note {
  seq: number
  at: string
  actor: Actor
  text: string
}

export interface EvidenceRecord {
  seq: number
  at: string
  actor: Actor
  sha256: string
  name: string
  size: number
  mediaType?: string
}

export interface ItemState {
  id: string
  phaseId: string
  title: string
  owner?: string
  blocking: boolean
  freshnessMs: number
  /** The latest observation; a later one always replaces an earlier one. */
  observation?: Observation
  /** The latest waiver, if no later manual mark cleared it. It may have expired. */
  waiver?: Waiver
  history: HistoryEntry[]
  notes: Note[]
  evidence: EvidenceRecord[]
}

export interface CanaryState {
  seq: number
  at: string
  verdict: CanaryVerdict
  reason?: string
  /** Hash of the canary.verdict event: the evidence for this verdict. */
  evidence: string
}

export interface Signoff {
  seq: number
  at: string
  actor: Actor
  role: string
  signer: string
  digest: string
  /** The whole event data (signature, key, ...) for later verification and the record. */
  data: Record<string, unknown>
}

export interface DecisionEntry {
  seq: number
  at: string
  actor: Actor
  decision: Decision
  reason: string
  digest: string
}

export interface SessionState {
  plan: Plan
  planHash: string
  vars: Record<string, string>
  /** The plan environment this session runs in (staging, production), when the plan has them. */
  environment?: string
  source: string
  /** The hash of the session.started event: unique to this session, pinned by every later event. */
  sessionId: string
  startedAt: string
  startedBy: Actor
  /** Items in plan order. */
  items: ItemState[]
  /** Evidence attached to the session rather than to one item. */
  sessionEvidence: EvidenceRecord[]
  /** Latest canary verdict per item id. */
  canaries: Record<string, CanaryState>
  /** Current sign-off per role (a later one replaces an earlier one; a revocation removes it). */
  signoffs: Signoff[]
  decisions: DecisionEntry[]
  head: ChainHead
  /** Events of types this version does not know: kept in the log, not folded. */
  unknownEvents: { seq: number; type: string }[]
  /** Known events whose data this version could not use (e.g. an unknown item), with why. */
  anomalies: { seq: number; message: string }[]
}
