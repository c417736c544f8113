import { describe, expect, it } from 'vitest'
import { formatSourceError } from '../../../src/shared/plan/errors'
import { withEnvironment } from '../../../src/shared/plan/environments'
import { loadPlanText, type LoadOptions } from '../../../src/shared/plan/load'

const PLAN = `name: Launch
vars:
  api_url: https://api.example.com
  region: { default: eu-west-1 }
  tenant: { description: no default anywhere but staging }
environments:
  staging:
    description: the rehearsal
    vars:
      api_url: https://api.staging.example.com
      tenant: acme-test
  production:
    vars:
      api_url: https://api.example.com
phases:
  - id: infra
    title: Infrastructure
    items:
      - id: health
        title: Health
        probe: { kind: http, url: '\${vars.api_url}/health', expect: [status == 200] }
`

function load(text: string, options: LoadOptions = {}) {
  const r = loadPlanText(text, 'launch.yaml', options)
  if (!r.ok) throw new Error(r.errors.map(formatSourceError).join('\n'))
  return r.value
}

function errorsOf(text: string, options: LoadOptions = {}): string[] {
  const r = loadPlanText(text, 'launch.yaml', options)
  if (r.ok) throw new Error('expected the plan to be rejected')
  return r.errors.map(formatSourceError)
}

describe('plan environments', () => {
  it("applies the chosen environment's vars over the defaults, and --var over both", () => {
    const staging = load(PLAN, { environment: 'staging' })
    expect(staging.environment).toBe('staging')
    expect(staging.vars).toEqual({
      api_url: 'https://api.staging.example.com',
      region: 'eu-west-1',
      tenant: 'acme-test',
    })
    const overridden = load(PLAN, {
      environment: 'staging',
      vars: { api_url: 'http://127.0.0.1:9' },
    })
    expect(overridden.vars.api_url).toBe('http://127.0.0.1:9')
    expect(overridden.vars.tenant).toBe('acme-test')
    const production = load(PLAN, { environment: 'production', vars: { tenant: 'acme' } })
    expect(production.vars).toEqual({
      api_url: 'https://api.example.com',
      region: 'eu-west-1',
      tenant: 'acme',
    })
    // The plan (and its hash) is the same whichever environment runs it.
    expect(production.hash).toBe(staging.hash)
  })

  it('an unknown environment is refused, naming it and the declared ones', () => {
    expect(errorsOf(PLAN, { environment: 'prod' })).toEqual([
      'launch.yaml: --env: unknown environment "prod": the plan declares staging, production',
    ])
    const without = PLAN.replace(/environments:[\s\S]*?(?=phases:)/, '')
    expect(errorsOf(without, { environment: 'staging' })).toEqual([
      'launch.yaml: --env: the plan declares no environments, so there is no "staging" (remove --env or declare environments)',
    ])
  })

  it('a run of a plan with several environments must name one; loading to look at it need not', () => {
    expect(errorsOf(PLAN, { requireVarValues: true, vars: { tenant: 'x' } })).toEqual([
      'launch.yaml: --env: the plan declares 2 environments (staging, production): choose one with --env NAME',
    ])
    const browsing = load(PLAN)
    expect(browsing.environment).toBeUndefined()
    expect(browsing.vars.api_url).toBe('https://api.example.com')
    // One declared environment is the environment.
    const single = PLAN.replace(
      '  production:\n    vars:\n      api_url: https://api.example.com\n',
      '',
    )
    const only = load(single, { requireVarValues: true })
    expect(only.environment).toBe('staging')
    expect(only.vars.tenant).toBe('acme-test')
  })

  it('a var left without a value says which environment it is missing from', () => {
    expect(errorsOf(PLAN, { environment: 'production', requireVarValues: true })).toEqual([
      'launch.yaml:5:3: vars.tenant: has no default and no value in environment "production": pass --var tenant=VALUE',
    ])
  })

  it('an environment may set only declared vars, and its name must be a plain word', () => {
    const undeclared = PLAN.replace('      tenant: acme-test', '      tennant: acme-test')
    expect(errorsOf(undeclared)).toEqual([
      'launch.yaml:11:7: environments.staging.vars.tennant: unknown var "tennant": an environment may only set vars declared under vars',
    ])
    const badName = PLAN.replace('  production:', '  Prod Env:')
    expect(errorsOf(badName)[0]).toMatch(
      /^launch\.yaml:12:3: environments\["Prod Env"\]: .*expected an environment name/,
    )
    expect(
      errorsOf(PLAN.replace(/environments:[\s\S]*?(?=phases:)/, 'environments: {}\n')),
    ).toEqual([
      'launch.yaml:6:1: environments: declares no environment: name at least one, or remove `environments`',
    ])
  })

  it('a var named like an Object member finds no value it was not given', () => {
    const text = PLAN.replace(
      '  region: { default: eu-west-1 }',
      '  constructor: { description: x }',
    )
    const loaded = load(text, { environment: 'production', vars: { tenant: 't' } })
    expect(Object.hasOwn(loaded.vars, 'constructor')).toBe(false)
    expect(errorsOf(text, { environment: 'constructor' })[0]).toContain('unknown environment')
  })

  it('a plan without environments keeps its shape and hash (no environments key appears)', () => {
    const without = PLAN.replace(/environments:[\s\S]*?(?=phases:)/, '')
    const loaded = load(without)
    expect('environments' in loaded.plan).toBe(false)
    expect(loaded.environment).toBeUndefined()
    expect(loaded.hash).toBe(load(JSON.stringify(loaded.plan)).hash)
  })

  it('the window switches a loaded plan to the environment a session starts in', () => {
    const loaded = load(PLAN)
    const staging = withEnvironment(loaded, 'staging')
    expect(staging.ok && staging.value.vars.api_url).toBe('https://api.staging.example.com')
    expect(staging.ok && staging.value.environment).toBe('staging')
    expect(withEnvironment(loaded, undefined)).toEqual({
      ok: false,
      message: 'the plan declares 2 environments (staging, production): choose one with --env NAME',
    })
    const plain = load(PLAN.replace(/environments:[\s\S]*?(?=phases:)/, ''))
    expect(withEnvironment(plain, undefined)).toEqual({ ok: true, value: plain })
  })
})
