import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoTime } from '../../../src/shared/time/iso'

describe('isoTime', () => {
  it('is toISOString for any time, in any order of calls', () => {
    const times = fc.oneof(
      fc.integer({ min: -62_000_000_000_000, max: 260_000_000_000_000 }),
      // runs of times within one second, the cache's case
      fc.integer({ min: 1_700_000_000_000, max: 1_700_000_002_000 }),
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
    )
    fc.assert(
      fc.property(fc.array(times, { minLength: 1, maxLength: 20 }), (list) => {
        for (const ms of list) expect(isoTime(ms)).toBe(new Date(Math.floor(ms)).toISOString())
      }),
      { numRuns: 500 },
    )
  })

  it('pads the milliseconds and handles the epoch and times before it', () => {
    expect(isoTime(Date.UTC(2026, 10, 22, 15, 4, 6, 7))).toBe('2026-11-22T15:04:06.007Z')
    expect(isoTime(Date.UTC(2026, 10, 22, 15, 4, 6, 70))).toBe('2026-11-22T15:04:06.070Z')
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z')
    expect(isoTime(-1)).toBe('1969-12-31T23:59:59.999Z')
    expect(isoTime(253_402_300_800_000)).toBe('+010000-01-01T00:00:00.000Z')
  })
})
