import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fastAccept, loadFastAccept } from '../../../src/shared/fast-accept'
import {
  CanaryVerdictDataSchema,
  ProbeResultDataSchema,
  SessionEventSchema,
} from '../../../src/shared/session/events'

const event = {
  seq: 3,
  time: '2026-11-22T10:00:00.000Z',
  actor: { name: 'probe engine' },
  type: 'probe.result',
  data: { item: 'health', status: 'pass' },
  prev: 'a'.repeat(64),
  hash: 'b'.repeat(64),
}
const probe = { item: 'health', status: 'fail', reason: 'status == 200 → 503 == 200' }

/** Every value: the fast check and zod must say the same. */
const cases: [string, z.ZodType, unknown][] = [
  ['an event', SessionEventSchema, event],
  [
    'an event with a role and unknown fields',
    SessionEventSchema,
    { ...event, actor: { name: 'Ada', role: 'CTO', x: 1 }, sig: 'x' },
  ],
  ['a string seq', SessionEventSchema, { ...event, seq: '3' }],
  ['a time that is not ISO', SessionEventSchema, { ...event, time: '22/11/2026' }],
  ['February 30', SessionEventSchema, { ...event, time: '2026-02-30T10:00:00Z' }],
  ['an empty actor name', SessionEventSchema, { ...event, actor: { name: '' } }],
  ['a 200-unit actor name', SessionEventSchema, { ...event, actor: { name: 'x'.repeat(200) } }],
  // 150 code points but 300 UTF-16 units: zod counts units, so must the fast check.
  [
    'a 300-unit actor name of emoji',
    SessionEventSchema,
    { ...event, actor: { name: '🚀'.repeat(150) } },
  ],
  ['data that is an array', SessionEventSchema, { ...event, data: [] }],
  ['data that is null', SessionEventSchema, { ...event, data: null }],
  ['a type with capitals', SessionEventSchema, { ...event, type: 'Probe.Result' }],
  ['no hash', SessionEventSchema, { ...event, hash: undefined }],
  ['a probe result', ProbeResultDataSchema, probe],
  [
    'a probe result with evidence',
    ProbeResultDataSchema,
    { ...probe, evidence: 'c'.repeat(64), durationMs: 3 },
  ],
  ['a probe result with a bad status', ProbeResultDataSchema, { ...probe, status: 'ok' }],
  ['a probe result with a bad item id', ProbeResultDataSchema, { ...probe, item: '-health' }],
  ['a probe result with an empty reason', ProbeResultDataSchema, { ...probe, reason: '' }],
  ['a probe result observed at a non-time', ProbeResultDataSchema, { ...probe, observedAt: 'now' }],
  ['a canary verdict', CanaryVerdictDataSchema, { item: 'canary', verdict: 'inconclusive' }],
  ['a canary verdict of maybe', CanaryVerdictDataSchema, { item: 'canary', verdict: 'maybe' }],
]

describe('fastAccept', () => {
  // Before Ajv is loaded every answer is zod's own (checked first, while it is not).
  it.each(cases)('before Ajv loads, answers as zod on %s', (_, schema, value) => {
    expect(fastAccept(schema)(value)).toBe(schema.safeParse(value).success)
  })
})

describe('fastAccept with Ajv', () => {
  beforeAll(() => loadFastAccept())

  it.each(cases)('agrees with zod on %s', (_, schema, value) => {
    expect(fastAccept(schema)(value)).toBe(schema.safeParse(value).success)
  })

  it('covers both answers in the cases above', () => {
    const answers = new Set(cases.map(([, schema, value]) => schema.safeParse(value).success))
    expect(answers).toEqual(new Set([true, false]))
  })

  it('refuses a schema with a refinement or a transform, which JSON Schema cannot express', () => {
    const refined = z.object({ a: z.string() }).refine((v) => v.a !== 'x')
    expect(() => fastAccept(refined)({ a: 'y' })).toThrow(/refinement/)
    const transformed = z.object({ a: z.string().transform((s) => s.length) })
    expect(() => fastAccept(transformed)({ a: 'y' })).toThrow(/output differs/)
  })
})
