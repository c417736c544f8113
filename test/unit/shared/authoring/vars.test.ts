import { describe, expect, it } from 'vitest'
import { declareCredential, setEnvironment, setVar } from '../../../../src/shared/authoring/vars'
import { createWorkingCopy } from '../../../../src/shared/authoring/working-copy'
import { defaultCatalog } from '../../../../src/shared/presets/catalog'
import { FILE, loadedPlan } from './fixtures'

const catalog = defaultCatalog()
const copy = createWorkingCopy(loadedPlan())
const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r as Extract<T, { ok: true }>
}

describe('vars, environments and credentials', () => {
  it('sets and removes a default, keeping the declaration’s form', () => {
    const plain = ok(setVar(copy, { name: 'site_url', value: 'https://acme.test' }, catalog, FILE))
    expect(plain.copy.plan.vars?.site_url).toBe('https://acme.test')
    const described = ok(
      setVar(copy, { name: 'api_url', value: 'https://api.acme.test' }, catalog, FILE),
    )
    expect(described.copy.plan.vars?.api_url).toEqual({
      description: 'Base URL of the API',
      default: 'https://api.acme.test',
    })
    const removed = ok(setVar(described.copy, { name: 'api_url', value: null }, catalog, FILE))
    expect(removed.copy.plan.vars?.api_url).toEqual({ description: 'Base URL of the API' })
    expect(removed.copy.edited.vars).toEqual(['api_url'])
  })

  it('declares a new var, with a description', () => {
    const result = ok(
      setVar(
        copy,
        { name: 'tenant', value: 'acme', description: 'Customer tenant' },
        catalog,
        FILE,
      ),
    )
    expect(result.copy.plan.vars?.tenant).toEqual({
      default: 'acme',
      description: 'Customer tenant',
    })
  })

  it('sets and removes a value per environment; the declaration is left alone', () => {
    const set = ok(
      setVar(
        copy,
        { name: 'site_url', environment: 'production', value: 'https://acme.com' },
        catalog,
        FILE,
      ),
    )
    expect(set.copy.plan.environments?.production?.vars).toEqual({ site_url: 'https://acme.com' })
    expect(set.copy.plan.vars?.site_url).toBe('https://example.com')
    expect(set.copy.edited).toMatchObject({
      vars: [],
      environmentVars: [['production', 'site_url']],
    })
    const removed = ok(
      setVar(set.copy, { name: 'site_url', environment: 'production', value: null }, catalog, FILE),
    )
    expect(removed.copy.plan.environments?.production?.vars).toEqual({})
    // A value for a var the plan does not declare yet declares it (without a default).
    const fresh = ok(
      setVar(
        copy,
        { name: 'tenant', environment: 'staging', value: 'acme-staging' },
        catalog,
        FILE,
      ),
    )
    expect(fresh.copy.plan.vars?.tenant).toEqual({})
    expect(fresh.copy.plan.environments?.staging?.vars?.tenant).toBe('acme-staging')
  })

  it('refuses an undeclared environment or removing what is not there, naming them', () => {
    expect(
      setVar(copy, { name: 'site_url', environment: 'qa', value: 'x' }, catalog, FILE),
    ).toMatchObject({
      ok: false,
      errors: [
        {
          path: 'environment',
          message: 'unknown environment "qa": the plan declares staging, production',
        },
      ],
    })
    expect(setVar(copy, { name: 'ghost', value: null }, catalog, FILE)).toMatchObject({
      ok: false,
      errors: [{ path: 'name', message: 'the plan declares no var "ghost"' }],
    })
    expect(setEnvironment(copy, 'qa')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"qa"'),
    })
    expect(ok(setEnvironment(copy, 'production')).copy.environment).toBe('production')
    const bare = createWorkingCopy(
      loadedPlan({ name: 'x', phases: [{ id: 'p', title: 'P', items: [] }] }),
    )
    expect(setEnvironment(bare, 'staging')).toMatchObject({
      ok: false,
      message: 'the plan declares no environments, so there is no "staging"',
    })
  })

  it('declares a credential by kind and help, never a value', () => {
    const result = ok(
      declareCredential(
        copy,
        { name: 'stripe', kind: 'token', help: 'restricted key' },
        catalog,
        FILE,
      ),
    )
    expect(result.copy.plan.credentials?.stripe).toEqual({ kind: 'token', help: 'restricted key' })
    const rekind = ok(
      declareCredential(result.copy, { name: 'stripe', kind: 'basic' }, catalog, FILE),
    )
    expect(rekind.copy.plan.credentials?.stripe).toEqual({ kind: 'basic', help: 'restricted key' })
    expect(rekind.copy.edited.credentials).toEqual(['stripe'])
  })
})
