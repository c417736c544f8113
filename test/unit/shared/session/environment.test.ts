import { describe, expect, it } from 'vitest'
import { canonicalHash } from '../../../../src/shared/canonical'
import { buildRecord, snapshotFromRecord } from '../../../../src/shared/record/record'
import { decisionSnapshot, digest } from '../../../../src/shared/session/digest'
import { fold, FoldError } from '../../../../src/shared/session/fold'
import { sessionHeading } from '../../../../src/shared/session/view'
import { at, LogBuilder, testPlan } from '../../../helpers/session-log'

const plan = testPlan({
  environments: {
    staging: { vars: { target: 'https://staging.example.com' } },
    production: { vars: { target: 'https://example.com' } },
  },
  vars: { target: { description: 'the API' } },
})
const VARS = { target: 'https://example.com' }
const session = (environment?: string) =>
  new LogBuilder(plan, VARS, environment).passAllBut(0).probe(25, 'health', 'pass')
const EXTRAS = {
  generator: { name: 'GoNoGo', version: 'test' },
  generatedAt: new Date(at(30)).toISOString(),
  eventCount: 0,
  probeEvidence: () => undefined,
  canaryIntervals: () => [],
}

describe('a session in an environment', () => {
  it('records the environment in its first event and its state', () => {
    const log = session('staging')
    expect(log.events[0]!.data.environment).toBe('staging')
    const state = fold(log.events)
    expect(state.environment).toBe('staging')
    expect(sessionHeading(state, '/s').environment).toBe('staging')
  })

  it('has a digest of its own: the same state on staging and on production never share one', () => {
    const staging = fold(session('staging').events)
    const production = fold(session('production').events)
    // Same session id too, so only the environment tells them apart.
    const asProduction = { ...staging, environment: 'production' }
    const a = decisionSnapshot(staging, at(30))
    const b = decisionSnapshot(asProduction, at(30))
    expect({ ...a, environment: '' }).toEqual({ ...b, environment: '' })
    expect(a.environment).toBe('staging')
    expect(digest(staging, at(30))).not.toBe(digest(asProduction, at(30)))
    expect(digest(staging, at(30))).not.toBe(digest(production, at(30)))
  })

  it('names it in the record, and the digest recomputed from the record covers it', () => {
    const state = fold(session('staging').events)
    const record = buildRecord(state, at(30), EXTRAS)
    expect(record.environment).toBe('staging')
    expect(canonicalHash(snapshotFromRecord(record))).toBe(record.digest)
    // A record whose environment was changed afterwards no longer matches its digest.
    const relabelled = { ...record, environment: 'production' }
    expect(canonicalHash(snapshotFromRecord(relabelled))).not.toBe(record.digest)
    const stripped = { ...record }
    delete stripped.environment
    expect(canonicalHash(snapshotFromRecord(stripped))).not.toBe(record.digest)
  })

  it('a session without one keeps the old shape: no environment key in the event, snapshot or record', () => {
    const state = fold(session().events)
    expect('environment' in session().events[0]!.data).toBe(false)
    expect(state.environment).toBeUndefined()
    expect('environment' in decisionSnapshot(state, at(30))).toBe(false)
    const record = buildRecord(state, at(30), EXTRAS)
    expect('environment' in record).toBe(false)
    expect(canonicalHash(snapshotFromRecord(record))).toBe(record.digest)
  })

  it('a session without one has the same first event and digest as before environments existed', () => {
    // Both values computed with the code of the commit before environments were added.
    const old = new LogBuilder(testPlan(), { target: 'https://example.com' })
      .passAllBut(0)
      .probe(25, 'health', 'pass')
    expect(old.events[0]!.hash).toBe(
      '8c1ea1220f43c0c519cd817c05dc284df0664e543f2ef30aec31b03a75df09f1',
    )
    expect(digest(fold(old.events), at(30))).toBe(
      '61d1e0c0e9ee01797e44b85ac85afa1b1bb19b1a6b3e305856b2bb466c05343d',
    )
  })

  it('an environment the embedded plan does not declare makes the log unreadable as a session', () => {
    expect(() => fold(new LogBuilder(plan, VARS, 'qa').events)).toThrow(FoldError)
    expect(() => fold(new LogBuilder(plan, VARS, 'qa').events)).toThrow(
      'environment "qa" is not one the embedded plan declares',
    )
    expect(() => fold(new LogBuilder(testPlan(), {}, 'constructor').events)).toThrow(FoldError)
  })
})
