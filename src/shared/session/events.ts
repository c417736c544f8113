import { z } from 'zod'
import { CANARY_VERDICTS } from '../canary/analysis'
import { EnvironmentNameSchema, IdSchema, ItemStatusSchema } from '../plan/schema'

/**
 * The session event log's vocabulary. Every line of `events.jsonl` is one {@link SessionEvent}.
 * The envelope is checked strictly; `data` is checked per type by the fold, so an event type this
 * version does not know is kept in the log (and in the hash chain) and simply not folded.
 */

/** `prev` of the first event: there is no previous event. */
export const GENESIS_HASH = '0'.repeat(64)

export const HashSchema = z.string().regex(/^[0-9a-f]{64}$/, {
  message: 'expected a SHA-256 hash (64 lower-case hex digits)',
})

export const IsoTimeSchema = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 time' })

export const ActorSchema = z.strictObject({
  name: z.string().min(1).max(200),
  role: z.string().min(1).max(200).optional(),
})
export type Actor = z.infer<typeof ActorSchema>

export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/

/**
 * The envelope of every event. Unknown envelope and actor fields are tolerated (and hashed) for
 * forward compatibility. `seq`, `prev` and `hash` are only typed here: verification then requires
 * seq to be exactly the next number, hash to equal the SHA-256 it computes and prev to equal the
 * previous hash, which is stronger than any pattern (and replay checks 100,000 of these).
 */
export const SessionEventSchema = z.object({
  seq: z.number(),
  time: IsoTimeSchema,
  actor: z.object(ActorSchema.shape),
  type: z.string().max(64).regex(EVENT_TYPE_PATTERN, { message: 'expected an event type' }),
  // A plain object; what is inside is checked per type by the fold (cheaper than a record schema
  // walking every key, which matters on replay of 100,000 events).
  data: z.custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    { message: 'expected an object' },
  ),
  prev: z.string(),
  hash: z.string(),
})
export type SessionEvent = z.infer<typeof SessionEventSchema>

/** What a caller supplies; the log adds seq, time, prev and hash. */
export interface EventInput {
  actor: Actor
  type: string
  data: Record<string, unknown>
}

const Text = z.string().min(1).max(10_000)

export const SessionStartedSchema = z.object({
  /** The validated plan, exactly as hashed into `planHash`. */
  plan: z.unknown(),
  planHash: HashSchema,
  vars: z.record(z.string(), z.string()),
  /** The plan environment the vars came from (`--env`); absent in sessions without one. */
  environment: EnvironmentNameSchema.optional(),
  /** File name the plan came from (for people; the hash is what identifies it). */
  source: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
})

export const WaiverSchema = z.object({
  /** The role that approved accepting this risk. */
  role: z.string().min(1),
  /** When the waiver stops counting; absent = for the rest of the session. */
  expiresAt: IsoTimeSchema.optional(),
})
export type WaiverTerms = z.infer<typeof WaiverSchema>

export const ItemStatusDataSchema = z
  .object({
    item: IdSchema,
    status: ItemStatusSchema,
    reason: Text.optional(),
    waiver: WaiverSchema.optional(),
    /** SHA-256 of evidence files attached for this mark. */
    evidence: z.array(HashSchema).optional(),
  })
  .refine((d) => d.status !== 'waived' || (d.waiver !== undefined && d.reason !== undefined), {
    message: 'a waiver needs a reason and an approving role',
  })

export const ItemNoteDataSchema = z.object({ item: IdSchema, text: Text })

export const EvidenceAttachedDataSchema = z.object({
  /** The item the evidence belongs to; absent for session-wide evidence. */
  item: IdSchema.optional(),
  sha256: HashSchema,
  name: z.string().min(1).max(255),
  size: z.number().int().min(0),
  mediaType: z.string().optional(),
})

/**
 * Filled in by the probe engine; the fold needs only these fields, the rest is evidence (left in the
 * event, not copied: this is checked once per probe result on replay).
 */
export const ProbeResultDataSchema = z.object({
  item: IdSchema,
  status: z.enum(['pass', 'fail']),
  reason: Text.optional(),
  /** When the probe observed this; freshness counts from here (default: the event time). */
  observedAt: IsoTimeSchema.optional(),
})

/**
 * One step of a canary analysis: `running` after each interval, then the final verdict. Only pass
 * and fail decide the item; the others leave it pending with the reason (marginal, inconclusive and
 * blocked need a human). The interval's metrics and samples ride along as evidence for the record.
 */
export const CanaryVerdictDataSchema = z.looseObject({
  item: IdSchema,
  verdict: z.enum(CANARY_VERDICTS),
  reason: Text.optional(),
  observedAt: IsoTimeSchema.optional(),
})

export const SignoffAddedDataSchema = z.looseObject({
  role: z.string().min(1),
  signer: z.string().min(1),
  /** The decision digest this sign-off covers. */
  digest: HashSchema,
})

export const SignoffRevokedDataSchema = z.looseObject({
  role: z.string().min(1),
  reason: Text.optional(),
})

export const DECISIONS = ['GO', 'NO-GO'] as const
export type Decision = (typeof DECISIONS)[number]

export const DecisionMadeDataSchema = z.object({
  decision: z.enum(DECISIONS),
  reason: Text,
  digest: HashSchema,
})

/** The event types this version folds, with the schema of their `data`. */
export const EVENT_DATA_SCHEMAS = {
  'session.started': SessionStartedSchema,
  'item.status': ItemStatusDataSchema,
  'item.note': ItemNoteDataSchema,
  'evidence.attached': EvidenceAttachedDataSchema,
  'probe.result': ProbeResultDataSchema,
  'canary.verdict': CanaryVerdictDataSchema,
  'signoff.added': SignoffAddedDataSchema,
  'signoff.revoked': SignoffRevokedDataSchema,
  'decision.made': DecisionMadeDataSchema,
} as const

export type KnownEventType = keyof typeof EVENT_DATA_SCHEMAS
export type EventData<T extends KnownEventType> = z.infer<(typeof EVENT_DATA_SCHEMAS)[T]>

const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(EVENT_DATA_SCHEMAS))

export function isKnownEventType(type: string): type is KnownEventType {
  return KNOWN_EVENT_TYPES.has(type)
}
