import { describe, expect, it } from 'vitest'
import {
  loadFieldErrors,
  stringAt,
  zodFieldErrors,
} from '../../../../src/shared/authoring/field-errors'
import { ProbeSchema } from '../../../../src/shared/plan/probes'

describe('field errors', () => {
  it('name the path inside a probe the schema refused', () => {
    const parsed = ProbeSchema.safeParse({ kind: 'flow', steps: [{ id: 'a', url: 5 }] })
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(zodFieldErrors(parsed.error)[0]!.path).toBe('steps[0].url')
  })

  it('make plan errors inside the edited probe relative to it; the rest keep their plan path', () => {
    const probe = { expect: ['status == 200', 'body.x &&'] }
    const errors = loadFieldErrors(
      [
        {
          file: 'p',
          path: 'phases[0].items[2].probe.expect[1]',
          message:
            'condition does not compile: Unexpected token: EOF (at character 10 of "body.x &&")',
        },
        {
          file: 'p',
          path: 'phases[0].items[2].probe.url',
          message: 'unknown var "x": declare it under vars',
        },
        { file: 'p', path: 'phases[0].items[20].probe.url', message: 'elsewhere' },
        { file: 'p', path: 'vars.y', message: 'has no default' },
      ],
      'phases[0].items[2].probe',
      (path) => stringAt(probe, path),
    )
    expect(errors).toEqual([
      { path: 'expect[1]', message: expect.stringContaining('does not compile'), offset: 9 },
      { path: 'url', message: 'unknown var "x": declare it under vars' },
      { path: 'phases[0].items[20].probe.url', message: 'elsewhere' },
      { path: 'vars.y', message: 'has no default' },
    ])
  })

  it('finds strings by path and nothing else', () => {
    const value = { steps: [{ capture: { id: 'body.id' } }], expect: ['a'] }
    expect(stringAt(value, 'steps[0].capture.id')).toBe('body.id')
    expect(stringAt(value, 'expect[0]')).toBe('a')
    expect(stringAt(value, 'expect')).toBeUndefined()
    expect(stringAt(value, 'steps[3].capture')).toBeUndefined()
  })
})
