// The canary judge on a realistic window: 2 h of 10 s samples per side, one metric, the whole
// statistical comparison (Mann-Whitney U, Hodges-Lehmann shift and interval, effect size) against
// the one step it cannot avoid: sorting the m·n pairwise differences.
import { compareSamples } from '../src/shared/canary/stats'
import { describe, interleaved, report, round, spreadOf } from './measure'

/** A seeded generator, so every run judges the same numbers. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const N = 720
const random = seeded(2026)
const latency = (shift: number) =>
  Array.from({ length: N }, () => 40 + shift - 12 * Math.log(1 - random()))
const canary = latency(3)
const baseline = latency(0)

const times = await interleaved(
  {
    judge: () => {
      if (
        compareSamples(canary, baseline, { allowedEffect: 0.1 }).classification === 'Insufficient'
      )
        throw new Error('unexpected')
    },
    sort: () => {
      const d = new Float64Array(N * N)
      let k = 0
      for (const a of canary) for (const b of baseline) d[k++] = a - b
      d.sort()
    },
  },
  15,
  2,
)
const ratio = times.judge.median / times.sort.median

report([
  {
    figure: `canary judge: one metric, ${N} + ${N} samples (U, p, Hodges-Lehmann interval, effect)`,
    value: round(times.judge.median),
    unit: 'ms',
    spread: spreadOf(times.judge),
    reference: `sorting the ${(N * N).toLocaleString('en')} pairwise differences ${describe(times.sort)}`,
    ratio: round(ratio),
    budget: '≤ 1.5× the sort',
    pass: ratio <= 1.5,
  },
])
