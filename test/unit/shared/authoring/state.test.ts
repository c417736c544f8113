import { describe, expect, it } from 'vitest'
import { buildAuthoringState, type StateContext } from '../../../../src/shared/authoring/state'
import { createWorkingCopy, withEdits } from '../../../../src/shared/authoring/working-copy'
import { planHash } from '../../../../src/shared/plan/load'
import { AuthoringStateSchema } from '../../../../src/shared/ipc-authoring'
import { loadedPlan } from './fixtures'

const plan = loadedPlan()
const hash = planHash(plan)
const context = (over: Partial<StateContext> = {}): StateContext => ({
  source: { name: 'plan.yaml', kind: 'yaml' },
  savedHash: hash,
  credentials: {},
  ...over,
})

describe('authoring state', () => {
  it('an item is ready only when its vars have values in the environment and its credentials are set', () => {
    const copy = createWorkingCopy(plan)
    const none = buildAuthoringState(copy, { ok: true, plan, hash }, context())
    expect(none.items[0]).toMatchObject({
      id: 'health',
      check: 'draft',
      missing: [
        { type: 'var', name: 'api_url', description: 'Base URL of the API' },
        { type: 'credential', name: 'status_token', kind: 'token', help: 'read-only status token' },
      ],
    })
    const staging = buildAuthoringState(
      { ...copy, environment: 'staging' },
      { ok: true, plan, hash },
      context({ credentials: { status_token: { set: true, source: 'environment' } } }),
    )
    expect(staging.items[0]).toMatchObject({ check: 'ready', missing: [] })
    expect(staging.environment).toBe('staging')
    expect(staging.items.map((i) => i.check)).toEqual(['ready', 'none', 'none', 'none'])
    expect(staging.credentials).toEqual([
      {
        name: 'status_token',
        kind: 'token',
        help: 'read-only status token',
        set: true,
        source: 'environment',
        usedBy: ['health'],
      },
    ])
    expect(() => AuthoringStateSchema.parse(staging)).not.toThrow()
  })

  it('lists vars with their default, values per environment and whether a probe uses them', () => {
    const state = buildAuthoringState(createWorkingCopy(plan), { ok: true, plan, hash }, context())
    expect(state.vars).toEqual([
      {
        name: 'api_url',
        description: 'Base URL of the API',
        values: { staging: 'https://staging.example.com' },
        used: true,
      },
      { name: 'site_url', default: 'https://example.com', values: {}, used: false },
    ])
    expect(state.environments).toEqual(['staging', 'production'])
  })

  it('says dirty when edited or hashed differently, and when a session runs on another plan', () => {
    const copy = createWorkingCopy(plan)
    expect(buildAuthoringState(copy, { ok: true, plan, hash }, context()).dirty).toBe(false)
    const edited = { ...copy, edited: withEdits(copy.edited, { vars: ['x'] }) }
    expect(buildAuthoringState(edited, { ok: true, plan, hash }, context()).dirty).toBe(true)
    const other = buildAuthoringState(
      copy,
      { ok: true, plan, hash: 'f'.repeat(64) },
      context({ sessionPlanHash: hash }),
    )
    expect(other).toMatchObject({ dirty: true, sessionOnOtherPlan: true })
    expect(
      buildAuthoringState(copy, { ok: true, plan, hash }, context({ sessionPlanHash: hash }))
        .sessionOnOtherPlan,
    ).toBe(false)
  })

  it('a copy that does not load shows its problems', () => {
    const state = buildAuthoringState(
      createWorkingCopy(plan),
      {
        ok: false,
        errors: [
          { file: 'plan.yaml', path: 'phases[0].items[0].probe.url', message: 'unknown var "x"' },
        ],
      },
      context(),
    )
    expect(state.problems).toEqual([
      { path: 'phases[0].items[0].probe.url', message: 'unknown var "x"' },
    ])
    expect(state.hash).toBe(hash)
  })
})
