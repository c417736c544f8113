import { EVENT_DATA_SCHEMAS, isKnownEventType, type EventData, type SessionEvent } from './events'

/**
 * The session's activity timeline: one short, readable entry per logged event (who marked, waived,
 * signed, ran what, when). Entries are built from named fields only, never by copying an event's
 * data: signatures, keys, the plan's vars and evidence bodies stay in the log, and the reasons that
 * are shown were redacted by the engine before they were logged.
 */

export const ACTIVITY_KINDS = [
  'session',
  'mark',
  'waive',
  'probe',
  'canary',
  'note',
  'evidence',
  'signoff',
  'decision',
  'other',
] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]

export interface ActivityEntry {
  seq: number
  at: string
  actor: string
  role?: string
  kind: ActivityKind
  item?: string
  /** The outcome the entry is about (pass, fail, waived, GO, …), when there is one. */
  outcome?: string
  text: string
}

/** A note or a reason longer than this is cut (the drawer and the record have it whole). */
export const ACTIVITY_TEXT_MAX = 300

const cut = (text: string) =>
  text.length > ACTIVITY_TEXT_MAX ? `${text.slice(0, ACTIVITY_TEXT_MAX - 1)}…` : text
const withReason = (text: string, reason: string | undefined) =>
  reason ? `${text}: ${reason}` : text

type Described = Pick<ActivityEntry, 'kind' | 'item' | 'outcome' | 'text'>

function describe(event: SessionEvent): Described {
  const type = event.type
  if (!isKnownEventType(type)) return { kind: 'other', text: type }
  const parsed = EVENT_DATA_SCHEMAS[type].safeParse(event.data)
  if (!parsed.success) return { kind: 'other', text: `${type} (unreadable)` }
  switch (type) {
    case 'session.started': {
      const plan = event.data.plan as { name?: unknown } | undefined
      const name = typeof plan?.name === 'string' ? plan.name : 'the plan'
      return { kind: 'session', text: `started the session on ${name}` }
    }
    case 'item.status': {
      const d = parsed.data as EventData<'item.status'>
      if (d.status === 'waived')
        return {
          kind: 'waive',
          item: d.item,
          outcome: 'waived',
          text: `waived ${d.item}${d.waiver ? ` (approved by ${d.waiver.role}${d.waiver.expiresAt ? `, until ${d.waiver.expiresAt}` : ''})` : ''}: ${d.reason ?? ''}`,
        }
      return {
        kind: 'mark',
        item: d.item,
        outcome: d.status,
        text: withReason(`marked ${d.item} ${d.status === 'na' ? 'n/a' : d.status}`, d.reason),
      }
    }
    case 'probe.result': {
      const d = parsed.data as EventData<'probe.result'>
      return {
        kind: 'probe',
        item: d.item,
        outcome: d.status,
        text: withReason(`ran ${d.item}: ${d.status}`, d.reason),
      }
    }
    case 'canary.verdict': {
      const d = parsed.data as EventData<'canary.verdict'>
      return {
        kind: 'canary',
        item: d.item,
        outcome: d.verdict,
        text: withReason(`canary ${d.item}: ${d.verdict}`, d.reason),
      }
    }
    case 'item.note': {
      const d = parsed.data as EventData<'item.note'>
      return { kind: 'note', item: d.item, text: `noted on ${d.item}: ${d.text}` }
    }
    case 'evidence.attached': {
      const d = parsed.data as EventData<'evidence.attached'>
      return {
        kind: 'evidence',
        ...(d.item !== undefined && { item: d.item }),
        text: `attached ${d.name} (${d.size} bytes)${d.item ? ` to ${d.item}` : ''}`,
      }
    }
    case 'signoff.added': {
      const d = parsed.data as EventData<'signoff.added'>
      return {
        kind: 'signoff',
        outcome: 'signed',
        text: `signed off as ${d.role} (${d.signer}) on digest ${d.digest.slice(0, 12)}`,
      }
    }
    case 'signoff.revoked': {
      const d = parsed.data as EventData<'signoff.revoked'>
      return {
        kind: 'signoff',
        outcome: 'revoked',
        text: withReason(`revoked the ${d.role} sign-off`, d.reason),
      }
    }
    case 'decision.made': {
      const d = parsed.data as EventData<'decision.made'>
      return { kind: 'decision', outcome: d.decision, text: `decided ${d.decision}: ${d.reason}` }
    }
  }
}

export function activityEntry(event: SessionEvent): ActivityEntry {
  const d = describe(event)
  return {
    seq: event.seq,
    at: event.time,
    actor: event.actor.name,
    ...(event.actor.role !== undefined && { role: event.actor.role }),
    kind: d.kind,
    ...(d.item !== undefined && { item: d.item }),
    ...(d.outcome !== undefined && { outcome: d.outcome }),
    text: cut(d.text),
  }
}

export interface ActivityFilter {
  kinds?: readonly ActivityKind[]
  /** Words that must all appear in the entry (actor, item or text), any case. */
  query?: string
}

export function activityMatches(entry: ActivityEntry, filter: ActivityFilter): boolean {
  if (filter.kinds && filter.kinds.length > 0 && !filter.kinds.includes(entry.kind)) return false
  const words = (filter.query ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const text = `${entry.actor} ${entry.role ?? ''} ${entry.item ?? ''} ${entry.text}`.toLowerCase()
  return words.every((w) => text.includes(w))
}

export interface ActivityPage {
  /** Newest first. */
  entries: ActivityEntry[]
  /** Entries matching the filter in the whole log. */
  total: number
  /** Pass as `before` to read the next (older) page; absent on the last page. */
  next?: number
}

/**
 * One page of the timeline, newest first: the entries (in log order) that match, older than
 * `before` (a seq; all when absent), at most `limit` of them.
 */
export function activityPage(
  entries: readonly ActivityEntry[],
  filter: ActivityFilter & { before?: number; limit: number },
): ActivityPage {
  const page: ActivityEntry[] = []
  let total = 0
  let next: number | undefined
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!
    if (!activityMatches(e, filter)) continue
    total++
    if (filter.before !== undefined && e.seq >= filter.before) continue
    if (page.length < filter.limit) page.push(e)
    else next ??= page[page.length - 1]!.seq
  }
  return { entries: page, total, ...(next !== undefined && { next }) }
}
