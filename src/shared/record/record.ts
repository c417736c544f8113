import { z } from 'zod'
import { canonicalHash, canonicalJson } from '../canonical'
import { planRoles, UNPINNED_NOTE } from '../plan/roles'
import { ITEM_STATUSES, PlanSchema, type Plan } from '../plan/schema'
import { decisionSnapshot, SNAPSHOT_FORMAT, type DecisionSnapshot } from '../session/digest'
import { effectiveItems } from '../session/effective'
import type { SessionState } from '../session/state'

/**
 * The launch decision record: the canonical (RFC 8785) JSON that outlives launch day. Everything a
 * reader needs to see what was checked, by whom, with what evidence, and to recompute the digest
 * every sign-off signed. Only JSON-safe values: ISO time strings, finite numbers.
 */

export const RECORD_FORMAT = 'gonogo-launch-record/1'

const Hash = z.string().regex(/^[0-9a-f]{64}$/)
const Time = z.iso.datetime({ offset: true })
const ActorSchema = z.object({ name: z.string(), role: z.string().optional() })

export const RecordItemSchema = z.object({
  id: z.string(),
  phase: z.string(),
  title: z.string(),
  owner: z.string().optional(),
  blocking: z.boolean(),
  status: z.enum(ITEM_STATUSES),
  source: z.enum(['checklist', 'manual', 'probe', 'canary', 'waiver', 'none']),
  at: Time.optional(),
  reason: z.string().optional(),
  stale: z.boolean(),
  /** SHA-256 of the evidence behind the status (attached files, the deciding event). */
  evidence: z.array(Hash),
  waiver: z.object({ role: z.string(), reason: z.string(), expiresAt: Time.nullable() }).nullable(),
  /** Redacted probe evidence (request, status, conditions with actual values, ids), when a probe decided. */
  probe: z.record(z.string(), z.unknown()).optional(),
  /**
   * The probe.result event behind `probe`, as logged: its hash is in `evidence` (so the digest
   * covers it) and its data names the evidence's SHA-256, which chains the excerpt to the digest.
   */
  event: z.record(z.string(), z.unknown()).optional(),
  notes: z.array(z.object({ at: Time, by: z.string(), text: z.string() })),
})

export const RecordCanarySchema = z.object({
  item: z.string(),
  verdict: z.string(),
  reason: z.string().optional(),
  at: Time,
  evidence: Hash,
  /** Each interval as judged, with its samples ([unix seconds, value] per side and metric). */
  intervals: z.array(z.record(z.string(), z.unknown())),
})

export const RecordSignoffSchema = z.object({
  role: z.string(),
  signer: z.string(),
  at: Time,
  digest: Hash,
  /** current: over the record's digest; outdated: over an earlier state. */
  status: z.enum(['current', 'outdated']),
  namespace: z.string().optional(),
  signature: z.string().optional(),
  publicKey: z.string().optional(),
  fingerprint: z.string().optional(),
  method: z.string().optional(),
})

export const LaunchRecordSchema = z.object({
  format: z.literal(RECORD_FORMAT),
  /**
   * The plan environment the session ran in (staging, production), when the plan declares them.
   * Top level so no reader misses it; covered by the digest.
   */
  environment: z.string().optional(),
  generator: z.object({ name: z.string(), version: z.string() }),
  generatedAt: Time,
  session: z.object({
    id: Hash,
    startedAt: Time,
    startedBy: ActorSchema,
    source: z.string(),
    /** The event log this record was made from: its last event and how many there were. */
    head: z.object({ seq: z.number().int(), hash: Hash }),
    eventCount: z.number().int(),
  }),
  plan: z.object({ hash: Hash, vars: z.record(z.string(), z.string()), content: PlanSchema }),
  items: z.array(RecordItemSchema),
  canaries: z.array(RecordCanarySchema),
  signoffs: z.array(RecordSignoffSchema),
  decision: z
    .object({
      decision: z.enum(['GO', 'NO-GO']),
      reason: z.string(),
      at: Time,
      captain: ActorSchema,
      digest: Hash,
    })
    .nullable(),
  /** The decision digest of the recorded state: what current sign-offs signed. */
  digest: Hash,
  /**
   * Each role the plan asks to sign, whether the plan pins its signers, and its quorum; an
   * unpinned role carries the note "signer not pinned by the plan". Derived from the plan
   * (verify recomputes it); absent from records made before roles could be pinned.
   */
  roles: z
    .array(
      z.object({
        name: z.string(),
        pinned: z.boolean(),
        quorum: z.number().int(),
        note: z.string().optional(),
      }),
    )
    .optional(),
})
export type LaunchRecord = z.infer<typeof LaunchRecordSchema>

export interface RecordExtras {
  generator: { name: string; version: string }
  generatedAt: string
  eventCount: number
  /** Redacted probe evidence by evidence hash (the stored attachment of a probe.result). */
  probeEvidence: (
    item: string,
  ) => { evidence: Record<string, unknown>; event: Record<string, unknown> } | undefined
  canaryIntervals: (item: string) => Record<string, unknown>[]
}

/** The record of a session at `now`. */
export function buildRecord(state: SessionState, now: number, extras: RecordExtras): LaunchRecord {
  const effective = effectiveItems(state, now)
  const snapshot = decisionSnapshot(state, now)
  const digest = canonicalHash(snapshot)
  const latest = state.decisions[state.decisions.length - 1]
  const record: LaunchRecord = {
    format: RECORD_FORMAT,
    ...(state.environment !== undefined && { environment: state.environment }),
    generator: extras.generator,
    generatedAt: extras.generatedAt,
    session: {
      id: state.sessionId,
      startedAt: state.startedAt,
      startedBy: state.startedBy,
      source: state.source,
      head: state.head,
      eventCount: extras.eventCount,
    },
    plan: { hash: state.planHash, vars: state.vars, content: state.plan },
    items: state.items.map((item, i) => {
      const e = effective[i]!
      const snap = snapshot.items[i]!
      const probe = e.source === 'probe' || e.stale ? extras.probeEvidence(item.id) : undefined
      return {
        id: item.id,
        phase: item.phaseId,
        title: item.title,
        ...(item.owner !== undefined && { owner: item.owner }),
        blocking: item.blocking,
        status: e.status,
        source: e.source,
        ...(e.at !== undefined && { at: e.at }),
        ...(e.reason !== undefined && { reason: e.reason }),
        stale: e.stale !== undefined,
        evidence: e.evidence,
        waiver: snap.waiver,
        ...(probe && { probe: probe.evidence, event: probe.event }),
        notes: item.notes.map((n) => ({ at: n.at, by: n.actor.name, text: n.text })),
      }
    }),
    canaries: Object.keys(state.canaries)
      .sort()
      .map((item) => {
        const c = state.canaries[item]!
        return {
          item,
          verdict: c.verdict,
          ...(c.reason !== undefined && { reason: c.reason }),
          at: c.at,
          evidence: c.evidence,
          intervals: extras.canaryIntervals(item),
        }
      }),
    signoffs: state.signoffs.map((s) => {
      const d = s.data as Record<string, unknown>
      const text = (k: string) => (typeof d[k] === 'string' ? { [k]: d[k] as string } : {})
      return {
        role: s.role,
        signer: s.signer,
        at: s.at,
        digest: s.digest,
        status: s.digest === digest ? ('current' as const) : ('outdated' as const),
        ...text('namespace'),
        ...text('signature'),
        ...text('publicKey'),
        ...text('fingerprint'),
        ...text('method'),
      }
    }),
    decision: latest
      ? {
          decision: latest.decision,
          reason: latest.reason,
          at: latest.at,
          captain: latest.actor,
          digest: latest.digest,
        }
      : null,
    digest,
    roles: recordRoles(state.plan),
  }
  // Only JSON-safe values: canonicalJson refuses NaN and Infinity.
  canonicalJson(record)
  return record
}

/** The record's `roles`: what the plan says about who may sign, flagged where anyone may. */
export function recordRoles(plan: Plan): NonNullable<LaunchRecord['roles']> {
  return planRoles(plan).map((role) => ({
    name: role.name,
    pinned: role.pinned,
    quorum: role.quorum,
    ...(!role.pinned && { note: UNPINNED_NOTE }),
  }))
}

/** The decision snapshot as the record's own contents state it: what `digest` must hash to. */
export function snapshotFromRecord(record: LaunchRecord): DecisionSnapshot {
  const blockingDone = record.items
    .filter((i) => i.blocking)
    .every((i) => i.status === 'pass' || i.status === 'na' || i.status === 'waived')
  return {
    format: SNAPSHOT_FORMAT,
    session: record.session.id,
    planHash: record.plan.hash,
    vars: record.plan.vars,
    ...(record.environment !== undefined && { environment: record.environment }),
    items: record.items.map((i) => ({
      id: i.id,
      status: i.status,
      evidence: i.evidence,
      waiver: i.waiver,
    })),
    canaries: record.canaries.map((c) => ({
      item: c.item,
      verdict: c.verdict,
      evidence: c.evidence,
    })),
    proposed: blockingDone ? 'GO' : 'NO-GO',
  }
}
