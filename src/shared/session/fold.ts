import { planRole } from '../plan/roles'
import { canonicalHash } from '../canonical'
import { parseDuration } from '../plan/duration'
import { PlanSchema } from '../plan/schema'
import { EMPTY_HEAD } from './chain'
import { fastAccept } from '../fast-accept'
import {
  EVENT_DATA_SCHEMAS,
  isKnownEventType,
  type EventData,
  type Actor,
  type KnownEventType,
  type SessionEvent,
} from './events'
import type { ItemState, Observation, SessionState } from './state'

/** The log cannot be folded at all (no valid session.started). */
export class FoldError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FoldError'
  }
}

const CHECKLIST_ACTOR = { name: 'imported checklist' }

/**
 * Fold a verified event log into the session state. Pure and deterministic: the same events always
 * give the same state. Unknown event types are listed, not folded; a known event this version
 * cannot apply (unknown item, malformed data) is listed as an anomaly, never a throw.
 */
export function fold(events: readonly SessionEvent[]): SessionState {
  const folder = new Folder()
  for (const event of events) folder.add(event)
  return folder.state
}

/**
 * Folds events one at a time, so a log can be folded while it is read (replay never holds every
 * event in memory). The first event must be session.started.
 */
export class Folder {
  private current: SessionState | undefined
  private context: FoldContext = { byId: new Map(), actors: new Map() }

  get state(): SessionState {
    if (!this.current) throw new FoldError('the log does not begin with session.started')
    return this.current
  }

  add(event: SessionEvent): void {
    if (!this.current) {
      if (event.type !== 'session.started')
        throw new FoldError('the log does not begin with session.started')
      this.current = startState(event)
      this.context = foldContext(this.current)
    } else applyEvent(this.current, this.context, event)
    this.current.head = { seq: event.seq, hash: event.hash }
  }
}

/**
 * Apply further events to a state in place: what the owner of a live session does after each
 * append instead of refolding the whole log. `fold(a ++ b)` equals `foldMore(fold(a), b)`.
 */
export function foldMore(state: SessionState, events: readonly SessionEvent[]): void {
  if (events.length === 0) return
  const context = foldContext(state)
  for (const event of events) {
    applyEvent(state, context, event)
    state.head = { seq: event.seq, hash: event.hash }
  }
}

function startState(event: SessionEvent): SessionState {
  const started = EVENT_DATA_SCHEMAS['session.started'].safeParse(event.data)
  if (!started.success) throw new FoldError('session.started: malformed data')
  const plan = PlanSchema.safeParse(started.data.plan)
  if (!plan.success) throw new FoldError('session.started: the embedded plan is not a valid plan')
  if (canonicalHash(plan.data) !== started.data.planHash)
    throw new FoldError('session.started: the embedded plan does not match its planHash')
  const environment = started.data.environment
  if (environment !== undefined && !Object.hasOwn(plan.data.environments ?? {}, environment))
    throw new FoldError(
      `session.started: environment "${environment}" is not one the embedded plan declares`,
    )
  const planFreshness = parseDuration(plan.data.freshness)
  const items: ItemState[] = plan.data.phases.flatMap((phase) =>
    phase.items.map((item) => {
      const state: ItemState = {
        id: item.id,
        phaseId: phase.id,
        title: item.title,
        ...(item.owner !== undefined && { owner: item.owner }),
        blocking: item.blocking,
        freshnessMs: item.freshness ? parseDuration(item.freshness) : planFreshness,
        history: [],
        notes: [],
        evidence: [],
      }
      if (item.initial) {
        // The imported checklist's claim is where the item starts; any later event replaces it.
        const claim: Observation = {
          seq: 0,
          at: event.time,
          actor: CHECKLIST_ACTOR,
          source: 'checklist',
          status: item.initial,
          reason: 'as marked in the imported checklist',
          evidence: [],
        }
        state.observation = claim
        state.history.push({ ...claim, source: 'checklist' })
      }
      return state
    }),
  )
  return {
    plan: plan.data,
    planHash: started.data.planHash,
    vars: started.data.vars,
    ...(environment !== undefined && { environment }),
    source: started.data.source,
    sessionId: event.hash,
    startedAt: event.time,
    startedBy: event.actor,
    items,
    sessionEvidence: [],
    canaries: {},
    signoffs: [],
    decisions: [],
    head: EMPTY_HEAD,
    unknownEvents: [],
    anomalies: [],
  }
}

/** The high-volume event types: their data is accepted by a compiled check, without a parsed copy. */
const FAST_DATA: Partial<Record<KnownEventType, (data: unknown) => boolean>> = {
  'probe.result': fastAccept(EVENT_DATA_SCHEMAS['probe.result']),
  'canary.verdict': fastAccept(EVENT_DATA_SCHEMAS['canary.verdict']),
}

function parseData(type: KnownEventType, data: Record<string, unknown>) {
  if (FAST_DATA[type]?.(data)) return { success: true as const, data }
  return EVENT_DATA_SCHEMAS[type].safeParse(data)
}

interface FoldContext {
  byId: Map<string, ItemState>
  /**
   * One object per distinct actor: a replay keeps an actor in every history entry, and 100,000
   * copies of `{ name: "probe engine" }` are 100,000 objects for the garbage collector to move.
   */
  actors: Map<string, Actor>
}

function foldContext(state: SessionState): FoldContext {
  return { byId: new Map(state.items.map((item) => [item.id, item])), actors: new Map() }
}

function internActor(actors: Map<string, Actor>, actor: Actor): Actor {
  const key = actor.role === undefined ? actor.name : `${actor.name}\n${actor.role}`
  let interned = actors.get(key)
  if (!interned) {
    interned =
      actor.role === undefined ? { name: actor.name } : { name: actor.name, role: actor.role }
    actors.set(key, interned)
  }
  return interned
}

function applyEvent(state: SessionState, context: FoldContext, event: SessionEvent): void {
  const { byId } = context
  if (!isKnownEventType(event.type)) {
    state.unknownEvents.push({ seq: event.seq, type: event.type })
    return
  }
  const parsed = parseData(event.type, event.data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    state.anomalies.push({
      seq: event.seq,
      message: `${event.type}: ${where}${issue?.message ?? 'malformed data'}`,
    })
    return
  }
  const itemOf = (id: string | undefined): ItemState | undefined => {
    if (id === undefined) return undefined
    const item = byId.get(id)
    if (!item)
      state.anomalies.push({
        seq: event.seq,
        message: `${event.type}: no item "${id}" in the plan`,
      })
    return item
  }
  const { seq } = event
  const actor = internActor(context.actors, event.actor)
  /** A probe or canary saw something: it becomes the item's latest observation (evidence: this event). */
  const observe = (
    item: ItemState | undefined,
    source: 'probe' | 'canary',
    status: Observation['status'],
    reason: string | undefined,
    observedAt: string | undefined,
  ): string | undefined => {
    if (!item) return undefined
    const at = observedAt ?? event.time
    item.history.push({ seq, at, actor, source, status, reason })
    item.observation = { seq, at, actor, source, status, reason, evidence: [event.hash] }
    return at
  }
  // Plain object literals of one shape each (optional fields set to undefined, not spread in):
  // this loop runs once per event on replay, and V8 keeps it fast only with stable shapes.
  switch (event.type) {
    case 'session.started':
      state.anomalies.push({ seq, message: 'session.started: a second start is ignored' })
      return
    case 'item.status': {
      const d = parsed.data as EventData<'item.status'>
      const item = itemOf(d.item)
      if (!item) return
      const waived = d.status === 'waived'
      item.history.push({
        seq,
        at: event.time,
        actor,
        source: waived ? 'waiver' : 'manual',
        status: d.status,
        reason: d.reason,
      })
      if (waived) {
        // The schema's refine guarantees a waiver and a reason here.
        item.waiver = {
          seq,
          at: event.time,
          actor,
          role: d.waiver?.role ?? '',
          reason: d.reason ?? '',
          expiresAt: d.waiver?.expiresAt,
        }
        return
      }
      // A person re-marking the item supersedes any waiver on it.
      item.waiver = undefined
      item.observation = {
        seq,
        at: event.time,
        actor,
        source: 'manual',
        status: d.status as Observation['status'],
        reason: d.reason,
        evidence: d.evidence ?? [],
      }
      return
    }
    case 'item.note': {
      const d = parsed.data as EventData<'item.note'>
      itemOf(d.item)?.notes.push({ seq, at: event.time, actor, text: d.text })
      return
    }
    case 'evidence.attached': {
      const d = parsed.data as EventData<'evidence.attached'>
      const record = {
        seq,
        at: event.time,
        actor,
        sha256: d.sha256,
        name: d.name,
        size: d.size,
        mediaType: d.mediaType,
      }
      if (d.item === undefined) state.sessionEvidence.push(record)
      else itemOf(d.item)?.evidence.push(record)
      return
    }
    case 'probe.result': {
      const d = parsed.data as EventData<'probe.result'>
      observe(itemOf(d.item), 'probe', d.status, d.reason, d.observedAt)
      return
    }
    case 'canary.verdict': {
      const d = parsed.data as EventData<'canary.verdict'>
      const decided = d.verdict === 'pass' || d.verdict === 'fail'
      const status = d.verdict === 'pass' || d.verdict === 'fail' ? d.verdict : 'pending'
      const at = observe(
        itemOf(d.item),
        'canary',
        status,
        // An undecided canary says which way it is undecided (running, marginal, blocked, …).
        decided || d.reason === undefined ? d.reason : `canary ${d.verdict}: ${d.reason}`,
        d.observedAt,
      )
      if (at !== undefined)
        state.canaries[d.item] = {
          seq,
          at,
          verdict: d.verdict,
          reason: d.reason,
          evidence: event.hash,
        }
      return
    }
    case 'signoff.added': {
      const d = parsed.data as EventData<'signoff.added'>
      // A role with a quorum keeps one sign-off per key; any other keeps its latest.
      const quorum = planRole(state.plan, d.role)?.quorum ?? 1
      state.signoffs = state.signoffs.filter(
        (s) =>
          s.role !== d.role ||
          (quorum > 1 && s.data.publicKey !== (d as Record<string, unknown>).publicKey),
      )
      state.signoffs.push({
        seq,
        at: event.time,
        actor,
        role: d.role,
        signer: d.signer,
        digest: d.digest,
        data: d,
      })
      return
    }
    case 'signoff.revoked': {
      const d = parsed.data as EventData<'signoff.revoked'>
      state.signoffs = state.signoffs.filter((s) => s.role !== d.role)
      return
    }
    case 'decision.made': {
      const d = parsed.data as EventData<'decision.made'>
      state.decisions.push({
        seq,
        at: event.time,
        actor,
        decision: d.decision,
        reason: d.reason,
        digest: d.digest,
      })
      return
    }
  }
}
