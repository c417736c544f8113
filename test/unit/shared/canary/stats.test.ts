import { describe, expect, it } from 'vitest'
import { compareSamples, hodgesLehmann, mannWhitneyU } from '../../../../src/shared/canary/stats'
import { referenceCases } from '../../../helpers/canary-reference'

const reference = { cases: referenceCases }

describe('Mann-Whitney U against scipy', () => {
  it('has the reference vectors', () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(15)
  })
  for (const c of reference.cases)
    it(`${c.name}: U and p agree to 1e-6`, () => {
      const r = mannWhitneyU(c.canary, c.baseline)
      expect(r.u).toBeCloseTo(c.u, 9)
      expect(Math.abs(r.p - c.p)).toBeLessThan(1e-6)
    })

  it('keeps tiny p-values precise (relative error, not just absolute)', () => {
    const c = reference.cases.find((x) => x.name === 'extreme-separation')!
    expect(c.p).toBeLessThan(1e-50)
    expect(Math.abs(mannWhitneyU(c.canary, c.baseline).p / c.p - 1)).toBeLessThan(1e-6)
  })

  it('gives p = 1 when every value is tied', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5]).p).toBe(1)
  })

  it('refuses an empty side', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/at least one value/)
  })
})

describe('Hodges-Lehmann shift and its 98% interval', () => {
  for (const c of reference.cases)
    it(`${c.name}`, () => {
      const r = hodgesLehmann(c.canary, c.baseline, 0.98)
      expect(r.estimate).toBeCloseTo(c.hodgesLehmann98.estimate, 9)
      expect(r.lower).toBeCloseTo(c.hodgesLehmann98.lower, 9)
      expect(r.upper).toBeCloseTo(c.hodgesLehmann98.upper, 9)
      expect(r.lower).toBeLessThanOrEqual(r.estimate)
      expect(r.upper).toBeGreaterThanOrEqual(r.estimate)
    })

  it('thins huge samples instead of sorting billions of differences', () => {
    const big = Array.from({ length: 5000 }, (_, i) => i % 97)
    const r = hodgesLehmann(big, big)
    expect(r.thinned).toBe(true)
    expect(r.estimate).toBe(0)
  })
})

describe('classification', () => {
  const byName = (name: string) => reference.cases.find((c) => c.name === name)!

  it('passes samples from the same distribution', () => {
    const c = byName('normal-same')
    expect(compareSamples(c.canary, c.baseline).classification).toBe('Pass')
  })

  it('flags a significant increase as High with U, p and the interval in the reason', () => {
    const c = byName('normal-shift-up')
    const r = compareSamples(c.canary, c.baseline, { direction: 'increase' })
    expect(r.classification).toBe('High')
    expect(r.reason).toMatch(/canary higher than baseline: mean \+\d+(\.\d+)?%, allowed 0%/)
    expect(r.reason).toMatch(/U=\d+.*p=.*\[.*\] at 98%/)
  })

  it('a decrease is Low when either direction matters, Pass when only increases do', () => {
    const c = byName('normal-shift-down')
    expect(compareSamples(c.canary, c.baseline, { direction: 'either' }).classification).toBe('Low')
    const onlyUp = compareSamples(c.canary, c.baseline, { direction: 'increase' })
    expect(onlyUp.classification).toBe('Pass')
    expect(onlyUp.reason).toMatch(/harmless direction/)
    expect(compareSamples(c.canary, c.baseline, { direction: 'decrease' }).classification).toBe(
      'Low',
    )
  })

  it('tolerates a significant shift within the allowed effect size', () => {
    const c = byName('normal-shift-up')
    const r = compareSamples(c.canary, c.baseline, { allowedEffect: 0.5 })
    expect(r.classification).toBe('Pass')
    expect(r.reason).toMatch(/within the allowed 50%/)
  })

  it('any significant rise from an all-zero baseline is High', () => {
    const c = byName('all-zero-baseline')
    const r = compareSamples(c.canary, c.baseline, { allowedEffect: 10, minSamples: 20 })
    expect(r.test!.p).toBeLessThan(0.02)
    expect(r.classification).toBe('High')
    expect(r.relativeEffect).toBe(Number.POSITIVE_INFINITY)
    expect(r.reason).toMatch(/baseline mean of 0/)
  })

  it('identical samples pass', () => {
    const c = byName('identical')
    const r = compareSamples(c.canary, c.baseline)
    expect(r.classification).toBe('Pass')
    expect(r.test!.p).toBe(1)
  })

  it('too few samples is insufficient data, never Pass — even when clearly different', () => {
    const c = byName('tiny-3-3-separated')
    const r = compareSamples(c.canary, c.baseline)
    expect(r.classification).toBe('Insufficient')
    expect(r.reason).toBe(
      'insufficient data: 3 canary and 3 baseline samples (at least 20 each needed)',
    )
    expect(compareSamples(c.canary, c.baseline, { minSamples: 3 }).classification).not.toBe(
      'Insufficient',
    )
  })
})
