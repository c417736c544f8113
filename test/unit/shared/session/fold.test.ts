import { describe, expect, it } from 'vitest'
import { canonicalHash } from '../../../../src/shared/canonical'
import { fold, foldMore, FoldError } from '../../../../src/shared/session/fold'
import { LogBuilder, testPlan, T0 } from '../../../helpers/session-log'

const itemOf = (b: LogBuilder, id: string) => {
  const item = fold(b.events).items.find((i) => i.id === id)
  if (!item) throw new Error(`no ${id}`)
  return item
}

describe('fold', () => {
  it('starts from the plan: every item in plan order, pending, with its freshness window', () => {
    const state = fold(new LogBuilder().events)
    expect(state.items.map((i) => [i.id, i.phaseId, i.blocking, i.freshnessMs])).toEqual([
      ['health', 'pre', true, 10 * 60_000],
      ['migrations', 'pre', true, 15 * 60_000],
      ['docs', 'pre', false, 15 * 60_000],
      ['tls', 'infra', true, 15 * 60_000],
      ['canary', 'infra', true, 15 * 60_000],
    ])
    expect(state.items.every((i) => i.observation === undefined)).toBe(true)
    expect(state.startedAt).toBe(new Date(T0).toISOString())
    expect(state.head.seq).toBe(1)
  })

  it("takes an imported checklist's claimed status as the starting observation", () => {
    const plan = testPlan()
    const first = plan.phases[0]?.items[1]
    if (first) first.initial = 'pass'
    const item = itemOf(new LogBuilder(plan), 'migrations')
    expect(item.observation).toMatchObject({ source: 'checklist', status: 'pass', seq: 0 })
    expect(item.history).toHaveLength(1)
  })

  it('keeps the latest observation and the whole history of an item', () => {
    const b = new LogBuilder()
      .probe(1, 'health', 'fail', 'status == 200 → 503 == 200')
      .mark(2, 'health', 'pass', 'rechecked by hand')
    const item = itemOf(b, 'health')
    expect(item.observation).toMatchObject({
      source: 'manual',
      status: 'pass',
      reason: 'rechecked by hand',
      seq: 3,
    })
    expect(item.history.map((h) => [h.source, h.status])).toEqual([
      ['probe', 'fail'],
      ['manual', 'pass'],
    ])
  })

  it('uses the probe event hash as its evidence and observedAt as its time', () => {
    const b = new LogBuilder().add({
      at: 5,
      type: 'probe.result',
      data: {
        item: 'health',
        status: 'pass',
        observedAt: new Date(T0 + 60_000).toISOString(),
        extra: { kept: true },
      },
    })
    const item = itemOf(b, 'health')
    expect(item.observation?.evidence).toEqual([b.events[1]?.hash])
    expect(item.observation?.at).toBe(new Date(T0 + 60_000).toISOString())
  })

  it('a manual mark clears a waiver; a probe result does not', () => {
    const waived = new LogBuilder()
      .waive(1, 'tls', 'CTO', 'renewal scheduled')
      .probe(2, 'tls', 'fail')
    expect(itemOf(waived, 'tls').waiver).toMatchObject({ role: 'CTO', reason: 'renewal scheduled' })
    waived.mark(3, 'tls', 'pending')
    expect(itemOf(waived, 'tls').waiver).toBeUndefined()
  })

  it('collects notes, item evidence and session evidence', () => {
    const sha = 'a'.repeat(64)
    const b = new LogBuilder()
      .add({ at: 1, type: 'item.note', data: { item: 'docs', text: 'changelog is in review' } })
      .add({
        at: 2,
        type: 'evidence.attached',
        data: { item: 'docs', sha256: sha, name: 'shot.png', size: 10 },
      })
      .add({
        at: 3,
        type: 'evidence.attached',
        data: { sha256: 'b'.repeat(64), name: 'runbook.pdf', size: 20 },
      })
    const state = fold(b.events)
    const docs = state.items.find((i) => i.id === 'docs')
    expect(docs?.notes.map((n) => n.text)).toEqual(['changelog is in review'])
    expect(docs?.evidence.map((e) => e.sha256)).toEqual([sha])
    expect(state.sessionEvidence.map((e) => e.name)).toEqual(['runbook.pdf'])
  })

  it('keeps sign-offs per role (latest wins, revocation removes) and every decision', () => {
    const d1 = '1'.repeat(64)
    const d2 = '2'.repeat(64)
    const b = new LogBuilder()
      .signoff(1, 'CTO', d1)
      .signoff(2, 'CTO', d2)
      .signoff(3, 'SRE Lead', d1)
      .add({
        at: 4,
        type: 'signoff.revoked',
        data: { role: 'SRE Lead', reason: 'saw a new alert' },
      })
      .add({
        at: 5,
        type: 'decision.made',
        data: { decision: 'NO-GO', reason: 'alert firing', digest: d2 },
      })
    const state = fold(b.events)
    expect(state.signoffs.map((s) => [s.role, s.digest])).toEqual([['CTO', d2]])
    expect(state.decisions.map((d) => d.decision)).toEqual(['NO-GO'])
  })

  it('keeps unknown event types out of the state but lists them', () => {
    const plain = new LogBuilder().mark(1, 'health', 'pass')
    const withFuture = new LogBuilder()
      .add({ at: 0.5, type: 'chat.message', data: { text: 'hello from the future' } })
      .mark(1, 'health', 'pass')
    const a = fold(plain.events)
    const b = fold(withFuture.events)
    expect(b.unknownEvents).toEqual([{ seq: 2, type: 'chat.message' }])
    expect(b.items.find((i) => i.id === 'health')?.observation?.status).toBe('pass')
    expect(b.items.map((i) => i.observation?.status)).toEqual(
      a.items.map((i) => i.observation?.status),
    )
  })

  it('lists events it cannot apply instead of throwing', () => {
    const b = new LogBuilder()
      .mark(1, 'no-such-item', 'pass')
      .add({ at: 2, type: 'item.status', data: { item: 'health', status: 'done' } })
      .add({ at: 3, type: 'item.status', data: { item: 'health', status: 'waived' } })
    const state = fold(b.events)
    expect(state.anomalies.map((a) => a.seq)).toEqual([2, 3, 4])
    expect(state.anomalies[0]?.message).toContain('no item "no-such-item"')
    expect(state.anomalies[1]?.message).toContain('status')
    expect(state.anomalies[2]?.message).toContain('waiver needs a reason')
  })

  it('refuses a log that does not start a session or whose plan does not match its hash', () => {
    expect(() => fold([])).toThrow(FoldError)
    const b = new LogBuilder()
    const started = b.events[0]
    if (!started) throw new Error('no start')
    const forged = {
      ...started,
      data: { ...started.data, planHash: canonicalHash({ other: 'plan' }) },
    }
    expect(() => fold([forged])).toThrow(/does not match its planHash/)
    expect(() => fold(b.mark(1, 'health', 'pass').events.slice(1))).toThrow(
      /does not begin with session.started/,
    )
  })

  it('folding more events onto a state equals folding them all at once', () => {
    const b = new LogBuilder()
      .probe(1, 'health', 'fail')
      .waive(2, 'tls', 'CTO', 'r', 60)
      .mark(3, 'docs', 'na')
    const split = 3
    const partial = fold(b.events.slice(0, split))
    foldMore(partial, b.events.slice(split))
    expect(partial).toEqual(fold(b.events))
  })
})
