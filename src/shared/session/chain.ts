import { canonicalHash, canonicalJson, sha256Hex } from '../canonical'
import { GENESIS_HASH, SessionEventSchema, type EventInput, type SessionEvent } from './events'

/** Where a log stops being trustworthy: the first event that does not verify, and why. */
export interface ChainProblem {
  /** The seq the bad line holds, or should hold if it is unreadable. */
  seq: number
  /** 1-based line number in events.jsonl. */
  line: number
  kind: 'not-json' | 'malformed' | 'hash' | 'seq' | 'prev'
  message: string
}

export interface ChainHead {
  seq: number
  hash: string
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH }

/** SHA-256 over the RFC 8785 canonical form of the event without its `hash` field. */
export function eventHash(event: Readonly<Record<string, unknown>>): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { hash, ...rest } = event
  return canonicalHash(rest)
}

/** Give an event its place in the chain: the next seq, the previous hash, and its own hash. */
export function sealEvent(input: EventInput, head: ChainHead, time: string): SessionEvent {
  const unsealed = {
    seq: head.seq + 1,
    time,
    actor: input.actor,
    type: input.type,
    data: input.data,
    prev: head.hash,
  }
  return { ...unsealed, hash: eventHash(unsealed) }
}

/** SHA-256 of a UTF-8 string as lower-case hex; main passes Node's native one, which is faster. */
export type HashText = (text: string) => string

/** The line GoNoGo writes for an event: its RFC 8785 canonical form, hash included. */
export function eventLine(event: SessionEvent): string {
  return canonicalJson(event)
}

const HASH_MEMBER = ',"hash":"'

/**
 * The hash of an event line, computed on its text. In a canonical line the top-level `hash`
 * member is the last `,"hash":"` (only prev, seq, time and type follow it, and none can contain
 * that text), so cutting it out leaves exactly the canonical event without its hash, with no
 * re-serialization. Returns undefined when the line is not laid out canonically.
 */
function lineHash(line: string, hashText: HashText): string | undefined {
  const at = line.lastIndexOf(HASH_MEMBER)
  const end = at + HASH_MEMBER.length + 64
  if (at < 0 || line[end] !== '"') return undefined
  return hashText(line.slice(0, at) + line.slice(end + 1))
}

export interface VerifiedChain {
  events: SessionEvent[]
  head: ChainHead
  /** Set when a line fails to verify; `events` then holds only what came before it. */
  problem?: ChainProblem
}

/**
 * Verify complete lines of a log, in order, from the start of the chain. Stops at the first line
 * that does not verify: everything after it is untrustworthy, because every later hash depends on it.
 */
export function verifyLines(
  lines: readonly string[],
  hashText: HashText = sha256Hex,
): VerifiedChain {
  const events: SessionEvent[] = []
  let head = EMPTY_HEAD
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1
    const expected = head.seq + 1
    const bad = (kind: ChainProblem['kind'], seq: number, message: string): VerifiedChain => ({
      events,
      head,
      problem: { seq, line, kind, message },
    })
    let raw: unknown
    try {
      raw = JSON.parse(lines[i] ?? '')
    } catch {
      return bad(
        'not-json',
        expected,
        `line ${line} is not a JSON event (expected seq ${expected})`,
      )
    }
    const parsed = SessionEventSchema.safeParse(raw)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
      const seq =
        typeof (raw as { seq?: unknown })?.seq === 'number'
          ? (raw as { seq: number }).seq
          : expected
      return bad('malformed', seq, `line ${line}: ${where}${issue?.message ?? 'not an event'}`)
    }
    const event = parsed.data
    // Fast path: the hash over the line's own bytes. A line that is not byte-for-byte canonical
    // (reformatted by some tool) gets the full canonicalize-and-hash of the specification.
    if (
      lineHash(lines[i] ?? '', hashText) !== event.hash &&
      eventHash(raw as Record<string, unknown>) !== event.hash
    ) {
      return bad(
        'hash',
        event.seq,
        `seq ${event.seq} (line ${line}) does not match its hash: the event was edited`,
      )
    }
    if (event.seq !== expected) {
      const what =
        event.seq > expected
          ? `events ${expected}..${event.seq - 1} are missing`
          : 'events were reordered or duplicated'
      return bad(
        'seq',
        event.seq,
        `line ${line} holds seq ${event.seq} where seq ${expected} belongs: ${what}`,
      )
    }
    if (event.prev !== head.hash) {
      return bad(
        'prev',
        event.seq,
        event.seq === 1
          ? 'seq 1 does not start the chain (its prev is not the genesis value)'
          : `seq ${event.seq} does not follow seq ${head.seq}: an earlier event was altered, removed or replaced`,
      )
    }
    // Keep the raw object: it carries any fields this version does not know, exactly as hashed.
    events.push(raw as SessionEvent)
    head = { seq: event.seq, hash: event.hash }
  }
  return { events, head }
}
