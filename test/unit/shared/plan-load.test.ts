import { describe, expect, it } from 'vitest'
import { formatSourceError } from '../../../src/shared/plan/errors'
import { loadPlanText } from '../../../src/shared/plan/load'

function errorsOf(text: string, options = {}): string[] {
  const r = loadPlanText(text, 'launch.yaml', options)
  if (r.ok) throw new Error('expected the plan to be rejected')
  return r.errors.map(formatSourceError)
}

const VALID = `name: Launch
vars:
  target: http://127.0.0.1:8080
credentials:
  stripe: { kind: token, help: read-only key }
roles: [CTO, SRE Lead]
phases:
  - id: infra
    title: Infrastructure
    items:
      - id: health
        title: Health
        probe:
          kind: http
          url: \${vars.target}/health
          auth: { credential: stripe }
          expect: [status == 200]
      - id: manual
        title: Runbook reviewed
        blocking: false
`

describe('loadPlanText', () => {
  it('loads a valid plan with defaults applied and a stable hash', () => {
    const r = loadPlanText(VALID, 'launch.yaml')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.plan.freshness).toBe('15m')
    expect(r.value.plan.phases[0]?.items[0]?.blocking).toBe(true)
    expect(r.value.plan.phases[0]?.items[1]?.blocking).toBe(false)
    expect(r.value.vars).toEqual({ target: 'http://127.0.0.1:8080' })
    expect(r.value.hash).toMatch(/^[0-9a-f]{64}$/)
    // JSON of the same plan hashes identically: the hash is over the validated, canonical value.
    const asJson = loadPlanText(JSON.stringify(r.value.plan), 'launch.json')
    expect(asJson.ok && asJson.value.hash).toBe(r.value.hash)
  })

  it('refuses a var named like an Object.prototype member that the plan does not declare', () => {
    // `constructor`, `toString`… are on every object's prototype: only declared vars count.
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const text = VALID.replace('/health', `/\${vars.${name}}`)
      expect(errorsOf(text).join('\n')).toContain(name)
    }
  })

  it('names file, line, column, field path and the value for a wrong type', () => {
    const text = VALID.replace('        blocking: false', '        blocking: "yes"')
    expect(errorsOf(text)).toEqual([
      'launch.yaml:20:19: phases[0].items[1].blocking: expected boolean, got "yes"',
    ])
  })

  it('reports unknown fields at the key, and missing fields at their parent', () => {
    const text = VALID.replace(
      '        title: Runbook reviewed\n',
      '        titel: Runbook reviewed\n',
    )
    const errors = errorsOf(text)
    expect(errors).toContain('launch.yaml:19:9: phases[0].items[1].titel: unknown field "titel"')
    expect(errors).toContain(
      'launch.yaml:18:9: phases[0].items[1].title: is required (expected string)',
    )
  })

  it('lists the probe kinds when the kind is wrong', () => {
    const errors = errorsOf(VALID.replace('kind: http', 'kind: htp'))
    expect(errors).toEqual([
      expect.stringMatching(
        /^launch\.yaml:14:17: phases\[0\]\.items\[0\]\.probe\.kind: expected "http" \| "flow" .* got "htp"$/,
      ),
    ])
  })

  it('reports YAML syntax errors and duplicate keys with their position', () => {
    expect(errorsOf('name: [unclosed\nphases: []\n')[0]).toMatch(/^launch\.yaml:\d+:\d+: /)
    expect(errorsOf('name: a\nname: b\nphases: []\n')[0]).toMatch(
      /^launch\.yaml:2:1: duplicate key/,
    )
  })

  it('rejects duplicate ids, unknown credentials and unknown vars', () => {
    const dupe = VALID.replace('      - id: manual', '      - id: health')
    expect(errorsOf(dupe)).toEqual([
      'launch.yaml:18:13: phases[0].items[1].id: duplicate item id "health" (also phases[0].items[0])',
    ])
    expect(errorsOf(VALID.replace('credential: stripe', 'credential: github'))).toEqual([
      'launch.yaml:16:31: phases[0].items[0].probe.auth.credential: unknown credential "github": declare it under credentials with its kind',
    ])
    expect(errorsOf(VALID.replace('${vars.target}', '${vars.host}'))).toEqual([
      'launch.yaml:15:16: phases[0].items[0].probe.url: unknown var "host": declare it under vars',
    ])
  })

  it('checks --var overrides and required values', () => {
    expect(errorsOf(VALID, { vars: { nope: '1' } })).toEqual([
      'launch.yaml: --var nope: the plan declares no var "nope"',
    ])
    const noDefault = VALID.replace(
      '  target: http://127.0.0.1:8080',
      '  target: { description: API }',
    )
    expect(errorsOf(noDefault, { requireVarValues: true })).toEqual([
      'launch.yaml:3:3: vars.target: has no default and no value: pass --var target=VALUE',
    ])
    const r = loadPlanText(noDefault, 'launch.yaml', {
      vars: { target: 'http://x' },
      requireVarValues: true,
    })
    expect(r.ok && r.value.vars.target).toBe('http://x')
  })

  it('allows flow steps to use vars captured by earlier steps only', () => {
    const flow = (url: string) => `name: F
phases:
  - id: p
    title: P
    items:
      - id: f
        title: F
        probe:
          kind: flow
          steps:
            - id: a
              url: http://x/a
              capture: { token: body.token }
            - id: b
              url: ${url}
`
    expect(loadPlanText(flow('http://x/${vars.token}'), 'f.yaml').ok).toBe(true)
    expect(errorsOf(flow('http://x/${vars.job}'))[0]).toMatch(
      /unknown var "job": declare it under vars or capture it in an earlier step/,
    )
  })

  it('refuses an empty document and a document without phases', () => {
    expect(errorsOf('')).toEqual(['launch.yaml: the file is empty: expected a plan'])
    expect(errorsOf('name: x\nphases: []\n')).toEqual([
      'launch.yaml:2:9: phases: expected at least one phase',
    ])
  })
})

describe('canary items', () => {
  const plan = (canary: string, extra = '') => `name: Launch
vars:
  prometheus: http://127.0.0.1:9090
credentials:
  prom: { kind: token }
phases:
  - id: canary
    title: Canary
    items:
      - id: canary
        title: Canary holds${extra}
        canary:
${canary
  .split('\n')
  .map((l) => `          ${l}`)
  .join('\n')}
`
  const SOURCE =
    "source: { type: prometheus, url: '${vars.prometheus}', auth: { credential: prom } }"

  it('loads a canary with its defaults', () => {
    const r = loadPlanText(
      plan(`${SOURCE}
analysis: { count: 3 }
metrics:
  - { id: errors, query: 'sum by (d) (rate(x[1m]))', split: { label: d, canary: c, baseline: b }, target: 0.01, alert: 0.05, compare: {} }`),
      'launch.yaml',
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const canary = r.value.plan.phases[0]!.items[0]!.canary!
    expect(canary.analysis).toMatchObject({
      interval: '1m',
      failureLimit: 0,
      pass: 95,
      marginal: 75,
    })
    expect(canary.metrics[0]!.compare).toEqual({
      allowedEffect: 0.1,
      minSamples: 20,
      confidence: 0.98,
    })
  })

  it('points at the line of each mistake', () => {
    expect(
      errorsOf(
        plan(
          `source: { type: prometheus, url: '\${vars.prom_url}', auth: { credential: nope } }
analysis: { interval: 1m, count: 5, stableFor: 1h }
metrics:
  - { id: errors, canary: 'rate(x{t="\${secrets.prom}"}[1m])', target: 0.01 }`,
          '\n        probe: { kind: http, url: http://127.0.0.1 }',
        ),
      ),
    ).toEqual([
      'launch.yaml:15:58: phases[0].items[0].canary.analysis.stableFor: is longer than the analysis (5 min), so it could never pass',
    ])
    expect(
      errorsOf(
        plan(
          `source: { type: prometheus, url: '\${vars.prom_url}', auth: { credential: nope } }
analysis: { count: 5 }
metrics:
  - { id: errors, canary: 'rate(x{t="\${secrets.prom}"}[1m])', target: 0.01 }`,
          '\n        probe: { kind: http, url: http://127.0.0.1 }',
        ),
      ),
    ).toEqual([
      'launch.yaml:14:11: phases[0].items[0].canary: an item has a probe or a canary, not both (make a second item)',
      'launch.yaml:14:84: phases[0].items[0].canary.source.auth.credential: unknown credential "nope": declare it under credentials with its kind',
      'launch.yaml:14:44: phases[0].items[0].canary.source.url: unknown var "prom_url": declare it under vars',
      'launch.yaml:17:37: phases[0].items[0].canary.metrics[0].canary: unknown placeholder "prom": queries may use declared ${vars.NAME} only',
    ])
  })

  it('names a malformed analysis duration instead of throwing on it', () => {
    for (const [field, analysis] of [
      ['interval', "{ interval: ':s', count: 5, stableFor: 1h }"],
      ['duration', "{ duration: '5 minutes', stableFor: 1m }"],
      ['stableFor', "{ count: 5, stableFor: 'an hour' }"],
    ] as const)
      expect(
        errorsOf(
          plan(`source: { type: json, url: http://127.0.0.1/stats }
analysis: ${analysis}
metrics:
  - { id: p95, canary: 'body.p95', target: 300 }`),
        ),
      ).toEqual([
        expect.stringMatching(
          new RegExp(
            `^launch\\.yaml:14:\\d+: phases\\[0\\]\\.items\\[0\\]\\.canary\\.analysis\\.${field}: expected a duration such as 500ms, 30s, 15m, 2h or 7d, got .+$`,
          ),
        ),
      ])
  })

  it('compiles the CEL of a JSON source at load', () => {
    expect(
      errorsOf(
        plan(`source: { type: json, url: http://127.0.0.1/stats }
analysis: { count: 1 }
metrics:
  - { id: p95, canary: 'body.p95 +', target: 300 }`),
      )[0],
    ).toMatch(
      /^launch\.yaml:16:\d+: phases\[0\]\.items\[0\]\.canary\.metrics\[0\]\.canary: expression does not compile: .*\(at character \d+ of "body\.p95 \+"\)$/,
    )
  })
})
