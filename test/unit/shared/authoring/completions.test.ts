import { describe, expect, it } from 'vitest'
import {
  conditionCompletions,
  MAX_COMPLETIONS,
  parseBody,
} from '../../../../src/shared/authoring/completions'
import { CONDITION_VARIABLES } from '../../../../src/shared/conditions/compile'

describe('condition completions', () => {
  it('names the context of the kind, the headers and the body paths, never values', () => {
    const names = conditionCompletions('http', {
      status: 200,
      headers: { 'Content-Type': 'application/json', server: 'demo' },
      body: {
        status: 'ok',
        checks: { db: 'ok', migrations: { pending: 0 } },
        items: [{ id: 'secret-value' }],
      },
    })
    expect(names).toEqual(
      expect.arrayContaining([
        'status',
        'body',
        'headers["content-type"]',
        'headers.server',
        'body.status',
        'body.checks.migrations.pending',
        'body.items[0]',
        'body.items[0].id',
      ]),
    )
    expect(names.join(' ')).not.toContain('secret-value')
    expect(names.join(' ')).not.toContain('demo')
    for (const name of names.filter((n) => !/[.[]/.test(n)))
      expect(name in CONDITION_VARIABLES).toBe(true)
  })

  it('offers each kind its own context', () => {
    expect(conditionCompletions('tls', undefined)).toEqual(['cert', 'vars', 'now'])
    expect(conditionCompletions('latency', undefined)).toContain('latency')
    expect(conditionCompletions('flow', undefined)).toContain('steps')
  })

  it('goes at most four levels deep and offers at most 500 names', () => {
    const deep = { a: { b: { c: { d: { e: { f: 1 } } } } } }
    const names = conditionCompletions('http', { body: deep })
    expect(names).toContain('body.a.b.c.d')
    expect(names).not.toContain('body.a.b.c.d.e')
    const wide = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]))
    expect(conditionCompletions('http', { body: wide })).toHaveLength(MAX_COMPLETIONS)
  })

  it('reads a JSON excerpt, and nothing from a truncated or non-JSON one', () => {
    expect(parseBody('{"a":1}')).toEqual({ a: 1 })
    expect(parseBody('{"a":')).toBeUndefined()
    expect(parseBody(undefined)).toBeUndefined()
  })
})
