import { describe, expect, it } from 'vitest'
import { compileCondition } from '../../../src/shared/conditions/compile'
import { evaluateCondition, evaluateValue } from '../../../src/shared/conditions/evaluate'
import { loadPlanText } from '../../../src/shared/plan/load'

const ctx = {
  status: 503,
  headers: { 'content-type': 'application/json' },
  body: { checks: { migrations: { pending: 3 }, db: 'down' }, results: [], list: [1] },
  latency: { p95: 250.5, error_rate: 0.02 },
  vars: { tenant: 'acme' },
}

const run = (expression: string) => {
  const compiled = compileCondition(expression)
  if (!compiled.ok) throw new Error(compiled.message)
  return evaluateCondition(compiled.condition, ctx)
}

describe('conditions (CEL)', () => {
  it('passes true conditions', () => {
    expect(run('status == 503 && body.checks.db == "down" && vars.tenant == "acme"')).toEqual({
      expression: 'status == 503 && body.checks.db == "down" && vars.tenant == "acme"',
      pass: true,
    })
    expect(run('latency.p95 > 200').pass).toBe(true)
  })

  const failures: [string, string][] = [
    ['status == 200', 'status == 200 → 503 == 200'],
    ['body.checks.migrations.pending == 0', 'body.checks.migrations.pending == 0 → 3 == 0'],
    ['size(body.results) > 0', 'size(body.results) > 0 → 0 > 0'],
    [
      'latency.p95 < 200 && latency.error_rate < 0.01',
      'latency.p95 < 200 → 250.5 < 200; latency.error_rate < 0.01 → 0.02 < 0.01',
    ],
    ['status == 200 || status == 204', 'status == 200 → 503 == 200 and status == 204 → 503 == 204'],
    ['!has(body.checks)', '!has(body.checks) → has(body.checks) is true'],
    ['body.checks.queue.depth < 10', 'body.checks has no field queue'],
    ['body.list[3] == 1', 'body.list has no index 3 (it has 1 elements)'],
    ['headers["x-frame-options"] == "DENY"', 'headers has no key "x-frame-options"'],
    ['body.checks.db.x == 1', 'body.checks.db is "down", which has no fields'],
    ['body.checks.db', 'body.checks.db gives "down", not true or false'],
    [
      'headers["content-type"].startsWith("text/html")',
      'headers["content-type"].startsWith("text/html") is false, where headers["content-type"] = "application/json"',
    ],
  ]
  for (const [expression, actual] of failures) {
    it(`explains ${expression}`, () =>
      expect(run(expression)).toEqual({ expression, pass: false, actual }))
  }

  it('refuses unknown variables, type errors and syntax errors at compile time, with the offset', () => {
    expect(compileCondition('statuss == 200')).toEqual({
      ok: false,
      message: 'Unknown variable: statuss',
      offset: 0,
    })
    expect(compileCondition('status == "200"')).toMatchObject({
      ok: false,
      message: 'no such overload: int == string',
    })
    expect(compileCondition('status ==')).toMatchObject({
      ok: false,
      message: 'Unexpected token: EOF',
      offset: 9,
    })
  })

  it('evaluates capture expressions for their value, or says what is missing', () => {
    const compiled = compileCondition('body.checks.migrations.pending')
    if (!compiled.ok) throw new Error('compile')
    expect(evaluateValue(compiled.condition, ctx)).toEqual({ ok: true, value: 3 })
    const missing = compileCondition('body.job_id')
    if (!missing.ok) throw new Error('compile')
    expect(evaluateValue(missing.condition, ctx)).toEqual({
      ok: false,
      reason: 'body has no field job_id',
    })
  })

  it('a condition typo is a plan error with its line, column and the character in the expression', () => {
    const plan = [
      'name: Typo',
      'phases:',
      '  - id: p',
      '    title: P',
      '    items:',
      '      - id: health',
      '        title: Health',
      '        probe:',
      '          kind: http',
      '          url: https://example.com/health',
      '          expect:',
      '            - status == 200',
      '            - body.ok = true',
    ].join('\n')
    const result = loadPlanText(plan, 'typo.yaml')
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.errors).toEqual([
        {
          file: 'typo.yaml',
          line: 13,
          column: 15,
          path: 'phases[0].items[0].probe.expect[1]',
          message: expect.stringMatching(
            /^condition does not compile: .+ \(at character \d+ of "body\.ok = true"\)$/,
          ),
        },
      ])
  })
})

describe('a condition that held', () => {
  const run = (source: string, context: Record<string, unknown>) => {
    const compiled = compileCondition(source)
    if (!compiled.ok) throw new Error(compiled.message)
    return evaluateCondition(compiled.condition, context)
  }

  it('shows the values a top-level comparison compared (how close to the line it was)', () => {
    expect(run('latency.p95 < 250.0', { latency: { p95: 37.5 } })).toEqual({
      expression: 'latency.p95 < 250.0',
      pass: true,
      actual: 'latency.p95 < 250.0 → 37.5 < 250',
    })
    expect(run('status == 200', { status: 200 }).actual).toBe('status == 200 → 200 == 200')
  })

  it('other shapes pass with just the expression', () => {
    expect(run('body.items.exists(i, i == "a")', { body: { items: ['a'] } })).toEqual({
      expression: 'body.items.exists(i, i == "a")',
      pass: true,
    })
  })
})
