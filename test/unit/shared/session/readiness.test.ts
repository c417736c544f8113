import { describe, expect, it } from 'vitest'
import { fold } from '../../../../src/shared/session/fold'
import { checkDecision, readiness } from '../../../../src/shared/session/readiness'
import { at, LogBuilder } from '../../../helpers/session-log'

const blockers = (b: LogBuilder, now: number) =>
  readiness(fold(b.events), now)
    .reasons.filter((r) => r.level === 'blocker')
    .map((r) => r.message)
const warnings = (b: LogBuilder, now: number) =>
  readiness(fold(b.events), now)
    .reasons.filter((r) => r.level === 'warning')
    .map((r) => r.message)

/** Everything passed and both roles signed the digest of that state at `when`. */
function signedOff(b: LogBuilder, when: number): LogBuilder {
  const digest = readiness(fold(b.events), at(when)).digest
  return b.signoff(when, 'CTO', digest).signoff(when, 'SRE Lead', digest)
}

describe('readiness', () => {
  it('a fresh session is NOT_READY and says which blocking items are pending and who must sign', () => {
    const r = readiness(fold(new LogBuilder().events), at(1))
    expect(r.verdict).toBe('NOT_READY')
    expect(r.reasons.map((x) => x.message)).toEqual([
      '4 blocking items pending: `health`, `migrations`, `tls`, `canary`',
      'role `CTO` has not signed the current digest',
      'role `SRE Lead` has not signed the current digest',
      '1 non-blocking item pending: `docs`',
    ])
  })

  it('names a failed blocking item, how long ago, who or what saw it, and why', () => {
    const b = new LogBuilder()
      .passAllBut(0, 'health')
      .probe(3, 'health', 'fail', 'body.checks.migrations.pending == 0 → 3 == 0')
    expect(blockers(b, at(5))).toContain(
      'blocking item `health` failed 2 min ago (probe): body.checks.migrations.pending == 0 → 3 == 0',
    )
    b.mark(6, 'health', 'fail', 'pager went off')
    expect(blockers(b, at(7))[0]).toBe(
      'blocking item `health` failed 1 min ago (marked by Ada (Release Captain)): pager went off',
    )
  })

  it('a non-blocking failure is a warning, not a blocker', () => {
    const b = signedOff(
      new LogBuilder().passAllBut(0, 'docs').mark(1, 'docs', 'fail', 'typo in the changelog'),
      2,
    )
    const r = readiness(fold(b.events), at(3))
    expect(r.verdict).toBe('READY')
    expect(warnings(b, at(3))).toEqual([
      'non-blocking item `docs` failed 2 min ago (marked by Ada (Release Captain)): typo in the changelog',
    ])
  })

  it('is READY when every blocking item is done and every role signed the current digest', () => {
    const b = signedOff(new LogBuilder().passAllBut(0), 1)
    const r = readiness(fold(b.events), at(2))
    expect(r.verdict).toBe('READY')
    expect(r.reasons).toEqual([])
    expect(r.signoffs.map((s) => s.status)).toEqual(['current', 'current'])
  })

  it('a change after signing makes the sign-offs outdated', () => {
    const b = signedOff(new LogBuilder().passAllBut(0), 1).mark(2, 'tls', 'fail', 'expired')
    const reasons = blockers(b, at(3))
    expect(reasons).toContain(
      'role `CTO` signed an outdated digest 2 min ago (CTO signer); the state has changed since and needs a new sign-off',
    )
  })

  describe('freshness', () => {
    it('a probe result older than the item window counts as pending (stale)', () => {
      const b = new LogBuilder().passAllBut(0, 'health').probe(0, 'health', 'pass')
      const fresh = readiness(fold(b.events), at(9))
      expect(fresh.items.find((i) => i.id === 'health')?.status).toBe('pass')
      const stale = readiness(fold(b.events), at(11))
      expect(stale.items.find((i) => i.id === 'health')?.status).toBe('pending')
      expect(blockers(b, at(11))).toContain(
        'blocking item `health` is stale: its last probe result (pass) is 11 min old; freshness is 10 min',
      )
    })

    it('uses the plan-wide window for items without their own', () => {
      const b = new LogBuilder().passAllBut(0, 'tls').probe(0, 'tls', 'pass')
      expect(readiness(fold(b.events), at(14)).items.find((i) => i.id === 'tls')?.status).toBe(
        'pass',
      )
      expect(readiness(fold(b.events), at(16)).items.find((i) => i.id === 'tls')?.status).toBe(
        'pending',
      )
    })

    it('manual marks do not go stale', () => {
      const b = new LogBuilder().mark(0, 'health', 'pass')
      expect(readiness(fold(b.events), at(600)).items.find((i) => i.id === 'health')?.status).toBe(
        'pass',
      )
    })

    it('canary verdicts go stale like probe results, and inconclusive counts as pending', () => {
      const b = new LogBuilder().add({
        at: 0,
        type: 'canary.verdict',
        data: { item: 'canary', verdict: 'pass' },
      })
      expect(readiness(fold(b.events), at(5)).items.find((i) => i.id === 'canary')?.status).toBe(
        'pass',
      )
      expect(readiness(fold(b.events), at(20)).items.find((i) => i.id === 'canary')?.status).toBe(
        'pending',
      )
      b.add({
        at: 21,
        type: 'canary.verdict',
        data: { item: 'canary', verdict: 'inconclusive', reason: 'too few samples' },
      })
      expect(readiness(fold(b.events), at(22)).items.find((i) => i.id === 'canary')?.status).toBe(
        'pending',
      )
    })

    it('an undecided canary (running, marginal, blocked) is a blocker that says which and why', () => {
      const b = new LogBuilder().passAllBut(0, 'canary')
      const verdict = (minute: number, v: string, reason: string) =>
        b.add({ at: minute, type: 'canary.verdict', data: { item: 'canary', verdict: v, reason } })
      verdict(1, 'running', 'interval 2 of 10: pass; stable for 2 min of 5 min')
      expect(blockers(b, at(2))).toContain(
        'blocking item `canary`: canary running: interval 2 of 10: pass; stable for 2 min of 5 min',
      )
      verdict(3, 'marginal', 'not stable for 5 min: interval 9 was marginal')
      expect(blockers(b, at(4))).toContain(
        'blocking item `canary`: canary marginal: not stable for 5 min: interval 9 was marginal',
      )
      verdict(5, 'blocked', 'metrics source unreachable at http://127.0.0.1:9090')
      expect(blockers(b, at(6))[0]).toBe(
        'blocking item `canary`: canary blocked: metrics source unreachable at http://127.0.0.1:9090',
      )
      verdict(7, 'fail', '1 failed interval (limit 0)')
      expect(blockers(b, at(8))[0]).toMatch(/^blocking item `canary` failed 1 min ago \(canary\)/)
    })
  })

  describe('waivers', () => {
    it('an active waiver makes a failed blocking item count, and says so as a warning', () => {
      const b = new LogBuilder()
        .passAllBut(0, 'tls')
        .probe(1, 'tls', 'fail', 'cert expires in 5 days')
        .waive(2, 'tls', 'CTO', 'renewal is booked', 60)
      const r = readiness(fold(b.events), at(3))
      expect(r.items.find((i) => i.id === 'tls')?.status).toBe('waived')
      expect(r.reasons.filter((x) => x.level === 'blocker' && x.item === 'tls')).toEqual([])
      expect(warnings(b, at(3))).toContain(
        'blocking item `tls` is waived by `CTO` (expires in 59 min): renewal is booked',
      )
    })

    it('an expired waiver stops counting and the item is back to what was last seen', () => {
      const b = new LogBuilder()
        .passAllBut(0, 'tls')
        .mark(1, 'tls', 'fail', 'cert expires in 5 days')
        .waive(2, 'tls', 'CTO', 'renewal is booked', 60)
      expect(readiness(fold(b.events), at(61)).items.find((i) => i.id === 'tls')?.status).toBe(
        'waived',
      )
      const r = readiness(fold(b.events), at(62))
      expect(r.items.find((i) => i.id === 'tls')?.status).toBe('fail')
      expect(blockers(b, at(63))).toContain(
        'blocking item `tls` failed 1 h 2 min ago (marked by Ada (Release Captain)): cert expires in 5 days; its waiver by `CTO` expired 1 min ago',
      )
    })

    it('an expired waiver on an item never checked says it is pending again', () => {
      const b = new LogBuilder().waive(1, 'migrations', 'SRE Lead', 'reviewed offline', 10)
      expect(blockers(b, at(20))).toContain(
        'blocking item `migrations` is pending again; its waiver by `SRE Lead` expired 9 min ago',
      )
    })

    it('a waiver with no expiry keeps counting', () => {
      const b = new LogBuilder().waive(1, 'migrations', 'CTO', 'none this release')
      expect(
        readiness(fold(b.events), at(10_000)).items.find((i) => i.id === 'migrations')?.status,
      ).toBe('waived')
    })
  })

  describe('decisions', () => {
    it('refuses GO with the blocking reasons when NOT_READY', () => {
      const b = new LogBuilder().passAllBut(0, 'health')
      const check = checkDecision(fold(b.events), at(1), 'GO', 'ship it')
      expect(check.ok).toBe(false)
      if (!check.ok)
        expect(check.reasons.map((r) => r.message)).toContain('1 blocking item pending: `health`')
    })

    it('allows GO when READY, over the current digest', () => {
      const b = signedOff(new LogBuilder().passAllBut(0), 1)
      const check = checkDecision(fold(b.events), at(2), 'GO', 'all green, signed')
      expect(check).toEqual({ ok: true, digest: readiness(fold(b.events), at(2)).digest })
    })

    it('allows NO-GO at any time but never without a reason', () => {
      const state = fold(new LogBuilder().events)
      expect(checkDecision(state, at(1), 'NO-GO', 'canary red').ok).toBe(true)
      expect(checkDecision(state, at(1), 'NO-GO', '  ')).toMatchObject({
        ok: false,
        message: 'a NO-GO decision needs a reason',
      })
    })
  })
})
