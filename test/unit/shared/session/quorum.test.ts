import { describe, expect, it } from 'vitest'
import { fold } from '../../../../src/shared/session/fold'
import { readiness } from '../../../../src/shared/session/readiness'
import { at, LogBuilder, testPlan } from '../../../helpers/session-log'

// Public keys written for these tests (valid base64, not anyone's key).
const KEY = {
  grace: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBc2iCq2uOK1xMhr3SsJmUKxoQk5BmxI5ToX4qD0dyDm',
  hopper: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPr3vYkVbsK7pYXaM6vP2gW4oHqUeBqf1N0m6bAyb0Lr',
  mallory: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMaLL0rYm4LL0rYm4LL0rYm4LL0rYm4LL0rYm4LL0rYm',
}

function sign(b: LogBuilder, when: number, role: string, who: keyof typeof KEY): LogBuilder {
  const digest = readiness(fold(b.events), at(when)).digest
  const signer = `${who}@example.com`
  return b.add({
    at: when,
    type: 'signoff.added',
    actor: { name: signer, role },
    data: { role, signer, digest, publicKey: KEY[who] },
  })
}

describe('pinned roles and quorums in the fold and readiness', () => {
  const plan = testPlan({
    roles: [
      'CTO',
      {
        name: 'SRE Lead',
        signers: [`grace@example.com ${KEY.grace}`, `hopper@example.com ${KEY.hopper}`],
        quorum: 2,
      },
    ],
  })

  it('counts distinct pinned keys; the same key twice or an unpinned key does not make a quorum', () => {
    const b = new LogBuilder(plan).passAllBut(0)
    sign(b, 1, 'CTO', 'mallory')
    sign(b, 1, 'SRE Lead', 'grace')
    sign(b, 1, 'SRE Lead', 'grace')
    sign(b, 1, 'SRE Lead', 'mallory')
    let r = readiness(fold(b.events), at(2))
    expect(r.signoffs).toEqual([
      expect.objectContaining({ role: 'CTO', status: 'current', pinned: false }),
      expect.objectContaining({
        role: 'SRE Lead',
        status: 'outdated',
        pinned: true,
        quorum: { needed: 2, signed: 1 },
        signer: 'grace@example.com',
      }),
    ])
    expect(r.reasons.map((x) => x.message)).toContain(
      'role `SRE Lead` needs 2 distinct pinned keys over the current digest; 1 signed',
    )
    expect(r.verdict).toBe('NOT_READY')
    sign(b, 2, 'SRE Lead', 'hopper')
    r = readiness(fold(b.events), at(3))
    expect(r.signoffs[1]).toMatchObject({ status: 'current', quorum: { needed: 2, signed: 2 } })
    expect(r.verdict).toBe('READY')
    // The fold keeps one sign-off per key for a quorum role, the latest per role otherwise.
    expect(fold(b.events).signoffs.map((s) => `${s.role}:${s.signer}`)).toEqual([
      'CTO:mallory@example.com',
      'SRE Lead:grace@example.com',
      'SRE Lead:mallory@example.com',
      'SRE Lead:hopper@example.com',
    ])
  })
})
