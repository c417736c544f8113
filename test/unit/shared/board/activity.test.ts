import { describe, expect, it } from 'vitest'
import {
  ACTIVITY_TEXT_MAX,
  activityEntry,
  activityPage,
  type ActivityEntry,
} from '../../../../src/shared/session/activity'
import type { SessionEvent } from '../../../../src/shared/session/events'

const H = 'b'.repeat(64)
let seq = 0
const event = (type: string, data: Record<string, unknown>, role?: string): SessionEvent => ({
  seq: ++seq,
  time: `2026-11-22T10:00:${String(seq).padStart(2, '0')}.000Z`,
  actor: role ? { name: 'Ada', role } : { name: 'Ada' },
  type,
  data,
  prev: H,
  hash: H,
})

describe('activity timeline entries', () => {
  it('says who did what to which item, from named fields only', () => {
    const entries = [
      event(
        'session.started',
        {
          plan: { name: 'Launch', vars: { token: 'SECRET-VAR' } },
          planHash: H,
          vars: { api: 'SECRET-VAR' },
          source: 'plan.yaml',
          app: { name: 'gonogo', version: '1' },
        },
        'Release Captain',
      ),
      event('item.status', { item: 'health', status: 'pass', reason: 'checked by hand' }),
      event('item.status', {
        item: 'canary',
        status: 'waived',
        reason: 'no Prometheus',
        waiver: { role: 'CTO' },
      }),
      event('probe.result', {
        item: 'health',
        status: 'fail',
        reason: 'status == 200 → 503 == 200',
        evidence: H,
      }),
      event('canary.verdict', {
        item: 'canary',
        verdict: 'blocked',
        reason: 'unreachable',
        interval: { samples: 'x' },
      }),
      event('item.note', { item: 'health', text: 'on-call says fine' }),
      event('evidence.attached', { item: 'health', sha256: H, name: 'shot.png', size: 12 }),
      event('signoff.added', {
        role: 'CTO',
        signer: 'ada@example.com',
        digest: H,
        signature: '-----BEGIN SSH SIGNATURE-----SECRET',
        publicKey: 'ssh-ed25519 AAAA',
      }),
      event('signoff.revoked', { role: 'CTO', reason: 'changed' }),
      event('decision.made', { decision: 'NO-GO', reason: 'health is red', digest: H }),
      event('future.thing', { secret: 'SECRET-FUTURE' }),
      event('item.status', { item: 'health', status: 'bogus' }),
    ].map(activityEntry)
    expect(entries.map((e) => [e.kind, e.item ?? '', e.outcome ?? '', e.text])).toEqual([
      ['session', '', '', 'started the session on Launch'],
      ['mark', 'health', 'pass', 'marked health pass: checked by hand'],
      ['waive', 'canary', 'waived', 'waived canary (approved by CTO): no Prometheus'],
      ['probe', 'health', 'fail', 'ran health: fail: status == 200 → 503 == 200'],
      ['canary', 'canary', 'blocked', 'canary canary: blocked: unreachable'],
      ['note', 'health', '', 'noted on health: on-call says fine'],
      ['evidence', 'health', '', 'attached shot.png (12 bytes) to health'],
      ['signoff', '', 'signed', `signed off as CTO (ada@example.com) on digest ${H.slice(0, 12)}`],
      ['signoff', '', 'revoked', 'revoked the CTO sign-off: changed'],
      ['decision', '', 'NO-GO', 'decided NO-GO: health is red'],
      ['other', '', '', 'future.thing'],
      ['other', '', '', 'item.status (unreadable)'],
    ])
    expect(entries[0]).toMatchObject({
      actor: 'Ada',
      role: 'Release Captain',
      at: '2026-11-22T10:00:01.000Z',
    })
    // Nothing but the entry's own words leaves: no vars, signatures or unknown data.
    expect(JSON.stringify(entries)).not.toContain('SECRET')
  })

  it('cuts long notes', () => {
    const e = activityEntry(event('item.note', { item: 'x', text: 'n'.repeat(5000) }))
    expect(e.text.length).toBe(ACTIVITY_TEXT_MAX)
    expect(e.text.endsWith('…')).toBe(true)
  })
})

describe('activity pages', () => {
  const log: ActivityEntry[] = Array.from({ length: 25 }, (_, i) => ({
    seq: i + 1,
    at: 't',
    actor: i % 2 ? 'Grace' : 'Ada',
    kind: i % 5 === 0 ? 'signoff' : 'probe',
    text: `entry ${i + 1}`,
  }))

  it('newest first, paged by seq, with the total of what matches', () => {
    const first = activityPage(log, { limit: 10 })
    expect(first.entries.map((e) => e.seq)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16])
    expect(first.total).toBe(25)
    expect(first.next).toBe(16)
    const second = activityPage(log, { limit: 10, before: first.next! })
    expect(second.entries[0]!.seq).toBe(15)
    const last = activityPage(log, { limit: 10, before: 6 })
    expect(last.entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1])
    expect(last.next).toBeUndefined()
  })

  it('filters by kind and by words (actor, item, text), before paging', () => {
    const signoffs = activityPage(log, { limit: 3, kinds: ['signoff'] })
    expect(signoffs.entries.map((e) => e.seq)).toEqual([21, 16, 11])
    expect(signoffs.total).toBe(5)
    expect(signoffs.next).toBe(11)
    const grace = activityPage(log, { limit: 50, query: 'grace ENTRY 2' })
    expect(grace.entries.map((e) => e.seq)).toEqual([24, 22, 20, 12, 2])
  })
})
