import { describe, expect, it } from 'vitest'
import { canonicalHash, canonicalJson } from '../../../../src/shared/canonical'
import {
  arrayLines,
  eventHash,
  lineHashesOf,
  eventLine,
  sealEvent,
  sealEventLine,
  verifyLines,
} from '../../../../src/shared/session/chain'
import type { EventInput } from '../../../../src/shared/session/events'
import { GENESIS_HASH } from '../../../../src/shared/session/events'
import { LogBuilder } from '../../../helpers/session-log'

const lines = () =>
  new LogBuilder()
    .mark(1, 'health', 'pass')
    .mark(2, 'tls', 'fail', 'expired')
    .mark(3, 'docs', 'na')
    .events.map(eventLine)

const edit = (line: string, fn: (e: Record<string, unknown>) => void, rehash = false) => {
  const event = JSON.parse(line) as Record<string, unknown>
  fn(event)
  if (rehash) event.hash = eventHash(event)
  return JSON.stringify(event)
}

describe('hash chain', () => {
  it('each event hashes the canonical form of itself without its hash, and links to the previous', () => {
    const ls = lines()
    const events = ls.map((l) => JSON.parse(l) as Record<string, unknown>)
    events.forEach((e, i) => {
      const { hash, ...rest } = e
      expect(hash).toBe(canonicalHash(rest))
      expect(e.seq).toBe(i + 1)
      expect(e.prev).toBe(i === 0 ? GENESIS_HASH : events[i - 1]?.hash)
    })
    const chain = verifyLines(ls)
    expect(chain.problem).toBeUndefined()
    expect(chain.head).toEqual({ seq: 4, hash: events[3]?.hash })
  })

  it('writes each line as RFC 8785 canonical JSON', () => {
    for (const l of lines()) expect(l).toBe(canonicalJson(JSON.parse(l)))
  })

  it('accepts a line reformatted without changing its content (the hash is over the canonical form)', () => {
    const ls = lines()
    ls[2] = JSON.stringify(JSON.parse(ls[2] ?? ''), null, 0).replace('{', '{ ')
    expect(verifyLines(ls).problem).toBeUndefined()
  })

  const tampers: [
    string,
    (ls: string[]) => string[],
    { seq: number; kind: string; text: RegExp },
  ][] = [
    [
      'an edited field',
      (ls) =>
        ls.map((l, i) =>
          i === 2 ? edit(l, (e) => ((e.data as Record<string, unknown>).status = 'pass')) : l,
        ),
      { seq: 3, kind: 'hash', text: /seq 3 .*does not match its hash: the event was edited/ },
    ],
    [
      'an edited field with its hash recomputed',
      (ls) =>
        ls.map((l, i) =>
          i === 2 ? edit(l, (e) => ((e.data as Record<string, unknown>).status = 'pass'), true) : l,
        ),
      {
        seq: 4,
        kind: 'prev',
        text: /seq 4 does not follow seq 3: an earlier event was altered, removed or replaced/,
      },
    ],
    [
      'an edited time',
      (ls) =>
        ls.map((l, i) => (i === 1 ? edit(l, (e) => (e.time = '2020-01-01T00:00:00.000Z')) : l)),
      { seq: 2, kind: 'hash', text: /seq 2/ },
    ],
    [
      'an edited actor',
      (ls) => ls.map((l, i) => (i === 1 ? edit(l, (e) => (e.actor = { name: 'Mallory' })) : l)),
      { seq: 2, kind: 'hash', text: /seq 2/ },
    ],
    [
      'a removed event',
      (ls) => ls.filter((_, i) => i !== 1),
      {
        seq: 3,
        kind: 'seq',
        text: /line 2 holds seq 3 where seq 2 belongs: events 2..2 are missing/,
      },
    ],
    [
      'two events swapped',
      (ls) => [ls[0], ls[2], ls[1], ls[3]] as string[],
      { seq: 3, kind: 'seq', text: /line 2 holds seq 3/ },
    ],
    [
      'a duplicated event',
      (ls) => [ls[0], ls[1], ls[1], ls[2], ls[3]] as string[],
      { seq: 2, kind: 'seq', text: /reordered or duplicated/ },
    ],
    [
      'a forged event inserted with the right seq',
      (ls) => [
        ls[0] ?? '',
        edit(ls[1] ?? '', (e) => ((e.data as Record<string, unknown>).item = 'migrations'), true),
        ...ls.slice(1),
      ],
      { seq: 2, kind: 'seq', text: /line 3 holds seq 2 where seq 3 belongs/ },
    ],
    [
      'the first event removed',
      (ls) => ls.slice(1),
      { seq: 2, kind: 'seq', text: /seq 1 belongs/ },
    ],
    [
      'a line that is not JSON',
      (ls) => ls.map((l, i) => (i === 2 ? l.slice(0, 40) : l)),
      { seq: 3, kind: 'not-json', text: /line 3 is not a JSON event/ },
    ],
    [
      'an empty line inside',
      (ls) => [ls[0], '', ...ls.slice(1)] as string[],
      { seq: 2, kind: 'not-json', text: /line 2/ },
    ],
    [
      'an envelope field removed',
      (ls) => ls.map((l, i) => (i === 1 ? edit(l, (e) => delete e.actor, true) : l)),
      { seq: 2, kind: 'malformed', text: /line 2: actor/ },
    ],
    [
      'a chain that does not start at genesis',
      (ls) => [edit(ls[0] ?? '', (e) => (e.prev = 'f'.repeat(64)), true)],
      { seq: 1, kind: 'prev', text: /seq 1 does not start the chain/ },
    ],
  ]
  for (const [what, tamper, expected] of tampers) {
    it(`detects ${what} and names the first bad seq`, () => {
      const chain = verifyLines(tamper(lines()))
      expect(chain.problem).toMatchObject({ seq: expected.seq, kind: expected.kind })
      expect(chain.problem?.message).toMatch(expected.text)
      expect(chain.events.length).toBe(chain.problem ? chain.problem.line - 1 : -1)
    })
  }
})

describe('sealEventLine (the writer: canonicalize once, put the hash in)', () => {
  const head = { seq: 41, hash: 'c'.repeat(64) }
  const inputs: EventInput[] = [
    {
      actor: { name: 'Ada', role: 'SRE Lead' },
      type: 'item.status',
      data: { item: 'health', status: 'pass' },
    },
    // Nested members named prev and hash come before the top-level ones; text that looks like them.
    {
      actor: { name: 'gonogo check' },
      type: 'probe.result',
      data: { item: 'tls', prev: 'x', hash: 'y', reason: ',"prev":"z"', status: 'fail' },
    },
    {
      actor: { name: 'Zoë – captain' },
      type: 'item.note',
      data: { item: 'docs', text: 'ünïcode ✓' },
    },
  ]
  it('gives the same event and line as sealing and then serializing', () => {
    for (const input of inputs) {
      const { event, line } = sealEventLine(input, head, '2026-12-07T23:00:00.000Z')
      const sealed = sealEvent(input, head, '2026-12-07T23:00:00.000Z')
      expect(event).toEqual(sealed)
      expect(line).toBe(eventLine(sealed))
      // Its hash checks out both ways a reader checks it: from the text and from the event.
      expect(lineHashesOf(arrayLines([line]))(0)).toBe(event.hash)
      expect(eventHash(JSON.parse(line) as Record<string, unknown>)).toBe(event.hash)
    }
  })

  it('refuses a value JSON cannot hold, naming where it is', () => {
    expect(() =>
      sealEventLine(
        { actor: { name: 'Ada' }, type: 'item.note', data: { item: 'docs', n: Number.NaN } },
        head,
        '2026-12-07T23:00:00.000Z',
      ),
    ).toThrow('$.data.n: NaN is not representable in JSON')
  })
})
