import { describe, expect, it } from 'vitest'
import { canonicalHash } from '../../../../src/shared/canonical'
import { decisionSnapshot, digest } from '../../../../src/shared/session/digest'
import { fold } from '../../../../src/shared/session/fold'
import { at, LogBuilder, testPlan } from '../../../helpers/session-log'

const digestOf = (b: LogBuilder, now = at(30)) => digest(fold(b.events), now)
/** A state with something in every part of the snapshot. */
const base = () =>
  new LogBuilder(testPlan(), { target: 'https://example.com' })
    .passAllBut(0, 'health', 'tls')
    .probe(25, 'health', 'pass')
    .waive(1, 'tls', 'CTO', 'renewal booked', 120)
    .add({ at: 20, type: 'canary.verdict', data: { item: 'canary', verdict: 'pass' } })

describe('digest', () => {
  it('belongs to one session: the same state in another session on the same plan differs', () => {
    const rebuilt = new LogBuilder(testPlan(), { target: 'https://example.com' })
    expect(fold(rebuilt.events).sessionId).toBe(rebuilt.events[0]!.hash)
    const a = decisionSnapshot(fold(rebuilt.events), at(1))
    const b = decisionSnapshot({ ...fold(rebuilt.events), sessionId: 'f'.repeat(64) }, at(1))
    expect({ ...a, session: '' }).toEqual({ ...b, session: '' })
    expect(canonicalHash(a)).not.toBe(canonicalHash(b))
  })

  it('is the same for the same state and moment', () => {
    expect(digestOf(base())).toBe(digestOf(base()))
    expect(digestOf(base())).toMatch(/^[0-9a-f]{64}$/)
  })

  describe('changes with every input of the decision', () => {
    const changes: [string, () => LogBuilder][] = [
      [
        'the plan',
        () =>
          new LogBuilder(testPlan({ name: 'Another launch' }), { target: 'https://example.com' })
            .passAllBut(0, 'health', 'tls')
            .probe(25, 'health', 'pass')
            .waive(1, 'tls', 'CTO', 'renewal booked', 120)
            .add({ at: 20, type: 'canary.verdict', data: { item: 'canary', verdict: 'pass' } }),
      ],
      [
        'a var',
        () =>
          new LogBuilder(testPlan(), { target: 'https://staging.example.com' })
            .passAllBut(0, 'health', 'tls')
            .probe(25, 'health', 'pass')
            .waive(1, 'tls', 'CTO', 'renewal booked', 120)
            .add({ at: 20, type: 'canary.verdict', data: { item: 'canary', verdict: 'pass' } }),
      ],
      ['an item status', () => base().mark(26, 'docs', 'fail')],
      ['new evidence for the same status (probe re-run)', () => base().probe(26, 'health', 'pass')],
      [
        'an attached evidence file',
        () =>
          base().add({
            at: 26,
            type: 'evidence.attached',
            data: { item: 'docs', sha256: 'c'.repeat(64), name: 'x.png', size: 1 },
          }),
      ],
      ['the waiver role', () => base().waive(26, 'tls', 'SRE Lead', 'renewal booked', 95)],
      ['the waiver reason', () => base().waive(26, 'tls', 'CTO', 'renewal booked for Monday', 95)],
      ['the waiver expiry', () => base().waive(26, 'tls', 'CTO', 'renewal booked', 100)],
      [
        'a canary verdict',
        () =>
          base().add({ at: 26, type: 'canary.verdict', data: { item: 'canary', verdict: 'fail' } }),
      ],
    ]
    for (const [what, changed] of changes) {
      it(what, () => expect(digestOf(changed())).not.toBe(digestOf(base())))
    }

    it('evidence going stale and a waiver expiring (through the status they change)', () => {
      expect(digestOf(base(), at(36))).not.toBe(digestOf(base(), at(34)))
      expect(digestOf(base(), at(122))).not.toBe(digestOf(base(), at(120)))
    })

    it('the proposed decision', () => {
      const ready = decisionSnapshot(fold(base().events), at(30))
      const notReady = decisionSnapshot(fold(base().mark(26, 'migrations', 'fail').events), at(30))
      expect([ready.proposed, notReady.proposed]).toEqual(['GO', 'NO-GO'])
    })
  })

  describe('ignores what does not bear on the decision', () => {
    const same: [string, () => LogBuilder][] = [
      [
        'notes',
        () =>
          base().add({ at: 26, type: 'item.note', data: { item: 'docs', text: 'looked fine' } }),
      ],
      ['sign-offs', () => base().signoff(26, 'CTO', 'd'.repeat(64))],
      [
        'decisions',
        () =>
          base().add({
            at: 26,
            type: 'decision.made',
            data: { decision: 'NO-GO', reason: 'wait', digest: 'd'.repeat(64) },
          }),
      ],
      [
        'event types this version does not know',
        () => base().add({ at: 26, type: 'chat.message', data: { text: 'hi' } }),
      ],
      [
        'who re-marked an item, when nothing else changed',
        () =>
          base().add({
            at: 26,
            type: 'item.status',
            actor: { name: 'Someone else' },
            data: { item: 'docs', status: 'pass' },
          }),
      ],
    ]
    for (const [what, unchanged] of same) {
      it(what, () => expect(digestOf(unchanged())).toBe(digestOf(base())))
    }

    it('time passing without a status changing', () => {
      expect(digestOf(base(), at(26))).toBe(digestOf(base(), at(34)))
    })
  })
})
