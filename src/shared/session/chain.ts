import { canonicalHash, canonicalJson, sha256Hex } from '../canonical'
import { fastAccept } from '../fast-accept'
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

/** An event in its place in the chain (the next seq, the previous hash), before its own hash. */
function unsealedEvent(input: EventInput, head: ChainHead, time: string) {
  return {
    seq: head.seq + 1,
    time,
    actor: input.actor,
    type: input.type,
    data: input.data,
    prev: head.hash,
  }
}

/** Give an event its place in the chain: the next seq, the previous hash, and its own hash. */
export function sealEvent(input: EventInput, head: ChainHead, time: string): SessionEvent {
  const unsealed = unsealedEvent(input, head, time)
  return { ...unsealed, hash: eventHash(unsealed) }
}

/** SHA-256 of a UTF-8 string as lower-case hex; main passes Node's native one, which is faster. */
export type HashText = (text: string) => string

/** The line GoNoGo writes for an event: its RFC 8785 canonical form, hash included. */
export function eventLine(event: SessionEvent): string {
  return canonicalJson(event)
}

const PREV_MEMBER = ',"prev":"'

/**
 * {@link sealEvent} and {@link eventLine} at once, for the writer: the event is canonicalized once,
 * without its hash; the hash is taken of that text, and the line is that text with the hash member
 * put in, where canonical order puts it: right before the top-level `prev` (the last `,"prev":"`,
 * since only seq, time and type follow it). The same event and line as sealing, then serializing.
 */
export function sealEventLine(
  input: EventInput,
  head: ChainHead,
  time: string,
  hashText: HashText = sha256Hex,
): { event: SessionEvent; line: string } {
  const unsealed = unsealedEvent(input, head, time)
  const text = canonicalJson(unsealed)
  const hash = hashText(text)
  const at = text.lastIndexOf(PREV_MEMBER)
  const line = `${text.slice(0, at)},"hash":"${hash}"${text.slice(at)}`
  return { event: { ...unsealed, hash }, line }
}

const isEnvelope = fastAccept(SessionEventSchema)

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

/** The lines of a log, by 0-based index: an array, or text decoded from bytes on demand. */
export interface LineSource {
  readonly count: number
  line(index: number): string
}

export const arrayLines = (lines: readonly string[]): LineSource => ({
  count: lines.length,
  line: (index) => lines[index] ?? '',
})

/** The hash each line's text gives (see {@link lineHash}), by 0-based line index; undefined = not canonical. */
export type LineHashes = (index: number) => string | undefined

/** The text hashes of `lines`, computed here (main hands big logs to a worker thread instead). */
export function lineHashesOf(lines: LineSource, hashText: HashText = sha256Hex): LineHashes {
  return (index) => lineHash(lines.line(index), hashText)
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
  const source = arrayLines(lines)
  const links = linkLines(source, (event) => events.push(event))
  const settled = settleHashes(source, links, lineHashesOf(source, hashText))
  events.length = settled.count
  return settled.problem
    ? { events, head: settled.head, problem: settled.problem }
    : { events, head: settled.head }
}

/** What {@link linkLines} found: the events in order and linked, their hashes not yet checked. */
export interface LinkedLines {
  /** Events that parsed, are well-formed and link up (seq and prev), from the first line. */
  count: number
  /** The `hash` each of those events claims, in order. */
  claimed: string[]
  /** The first line that is not JSON, malformed, out of sequence or unlinked. */
  problem?: ChainProblem
}

/**
 * The first half of verification, everything but the hashes: parse each line, check its envelope,
 * and check that seq counts up from 1 and each prev is the previous event's claimed hash. Each
 * event is handed to `visit` in order as it passes. Split out so the hashes (the costly part) can be
 * computed elsewhere at the same time; {@link settleHashes} finishes the job.
 */
export function linkLines(
  lines: LineSource,
  visit: (event: SessionEvent) => void,
  count = lines.count,
): LinkedLines {
  const claimed: string[] = []
  // The head as two values, not an object per event.
  let headSeq = EMPTY_HEAD.seq
  let headHash = EMPTY_HEAD.hash
  let i = 0
  const bad = (kind: ChainProblem['kind'], seq: number, message: string): LinkedLines => ({
    count: i,
    claimed,
    problem: { seq, line: i + 1, kind, message },
  })
  for (; i < count; i++) {
    const line = i + 1
    const expected = headSeq + 1
    let raw: unknown
    try {
      raw = JSON.parse(lines.line(i))
    } catch {
      return bad(
        'not-json',
        expected,
        `line ${line} is not a JSON event (expected seq ${expected})`,
      )
    }
    if (!isEnvelope(raw)) {
      const parsed = SessionEventSchema.safeParse(raw)
      const issue = parsed.error?.issues[0]
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
      const seq =
        typeof (raw as { seq?: unknown })?.seq === 'number'
          ? (raw as { seq: number }).seq
          : expected
      return bad('malformed', seq, `line ${line}: ${where}${issue?.message ?? 'not an event'}`)
    }
    const event = raw
    claimed.push(event.hash)
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
    if (event.prev !== headHash) {
      return bad(
        'prev',
        event.seq,
        event.seq === 1
          ? 'seq 1 does not start the chain (its prev is not the genesis value)'
          : `seq ${event.seq} does not follow seq ${headSeq}: an earlier event was altered, removed or replaced`,
      )
    }
    // The raw object, not a parsed copy: it carries any fields this version does not know, as hashed.
    visit(event)
    headSeq = event.seq
    headHash = event.hash
  }
  return { count, claimed }
}

/** How far a log verifies: the number of events, the head, and the first problem if any. */
export interface SettledChain {
  count: number
  head: ChainHead
  problem?: ChainProblem
}

/**
 * The second half: check each linked event's hash against its line's text hash (falling back to
 * canonicalizing the parsed event, for a line some tool reformatted). A line's own hash is checked
 * before its seq and prev, so a bad hash on the line where linking stopped is reported as such.
 */
export function settleHashes(
  lines: LineSource,
  links: LinkedLines,
  hashes: LineHashes,
): SettledChain {
  const { claimed, problem, count } = links
  const headAt = (n: number): ChainHead =>
    n === 0 ? EMPTY_HEAD : { seq: n, hash: claimed[n - 1] as string }
  const checkUpTo = problem?.kind === 'seq' || problem?.kind === 'prev' ? count + 1 : count
  for (let i = 0; i < checkUpTo; i++) {
    const hash = claimed[i] as string
    if (
      hashes(i) === hash ||
      eventHash(JSON.parse(lines.line(i)) as Record<string, unknown>) === hash
    )
      continue
    // A linked event's seq is its position; the line where linking stopped has its own.
    const seq = i < count ? i + 1 : (problem as ChainProblem).seq
    return {
      count: i,
      head: headAt(i),
      problem: {
        seq,
        line: i + 1,
        kind: 'hash',
        message: `seq ${seq} (line ${i + 1}) does not match its hash: the event was edited`,
      },
    }
  }
  return problem ? { count, head: headAt(count), problem } : { count, head: headAt(count) }
}
