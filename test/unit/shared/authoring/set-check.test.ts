import { describe, expect, it } from 'vitest'
import { setItemCheck } from '../../../../src/shared/authoring/set-check'
import { createWorkingCopy } from '../../../../src/shared/authoring/working-copy'
import { defaultCatalog } from '../../../../src/shared/presets/catalog'
import { FILE, loadedPlan } from './fixtures'

const catalog = defaultCatalog()
const copy = createWorkingCopy(loadedPlan())
const set = (item: string, probe: unknown, canary?: unknown) =>
  setItemCheck(
    copy,
    {
      item,
      probe: probe as Record<string, never> | null,
      ...(canary !== undefined && { canary: canary as Record<string, never> | null }),
    },
    catalog,
    FILE,
  )

describe('setting an item’s check', () => {
  it('sets a valid probe, marks the item edited and leaves the copy it came from', () => {
    const result = set('briefing', {
      kind: 'http',
      url: '${vars.api_url}/brief',
      expect: ['status == 204'],
    })
    if (!result.ok) throw new Error(result.message)
    expect(result.copy.plan.phases[0]!.items[3]!.probe).toEqual({
      kind: 'http',
      url: '${vars.api_url}/brief',
      expect: ['status == 204'],
    })
    expect(result.copy.edited.items).toEqual(['briefing'])
    expect(result.loaded.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(copy.plan.phases[0]!.items[3]!.probe).toBeUndefined()
  })

  it('removes a probe with null', () => {
    const result = set('health', null)
    if (!result.ok) throw new Error(result.message)
    expect(result.copy.plan.phases[0]!.items[0]!.probe).toBeUndefined()
  })

  it('schema errors name the field inside the probe', () => {
    expect(set('briefing', { kind: 'http', url: 7 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('the probe of "briefing" is not valid: url:'),
      errors: [{ path: 'url', message: expect.stringContaining('string') }],
    })
    expect(set('briefing', { kind: 'tls', host: 'x', port: 70000 })).toMatchObject({
      ok: false,
      errors: [{ path: 'port' }],
    })
  })

  it('a CEL condition that does not compile comes back at its character', () => {
    const result = set('briefing', {
      kind: 'http',
      url: 'https://x.test',
      expect: ['status == 200', 'body.ok &&'],
    })
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: 'expect[1]', message: expect.stringContaining('does not compile'), offset: 10 },
      ],
    })
    const unknownName = set('briefing', {
      kind: 'http',
      url: 'https://x.test',
      expect: ['stat == 200'],
    })
    expect(unknownName).toMatchObject({ ok: false, errors: [{ path: 'expect[0]', offset: 0 }] })
  })

  it('checks against the whole plan: undeclared vars and credentials, unknown presets, bad params', () => {
    expect(set('briefing', { kind: 'http', url: '${vars.nope}/x' })).toMatchObject({
      ok: false,
      errors: [{ path: 'url', message: 'unknown var "nope": declare it under vars' }],
    })
    expect(
      set('briefing', { kind: 'http', url: 'https://x.test', auth: { credential: 'ghost' } }),
    ).toMatchObject({
      ok: false,
      errors: [
        { path: 'auth.credential', message: expect.stringContaining('unknown credential "ghost"') },
      ],
    })
    expect(
      set('briefing', { kind: 'preset', preset: 'nope.nothing', credential: 'status_token' }),
    ).toMatchObject({
      ok: false,
      errors: [{ path: 'preset', message: expect.stringContaining('nope.nothing') }],
    })
    const badParams = set('briefing', {
      kind: 'preset',
      preset: 'github.branch-protection',
      credential: 'status_token',
      params: { repo: 'not a repo', check: 'ci' },
    })
    expect(badParams).toMatchObject({ ok: false, errors: [{ path: 'params' }] })
  })

  it('an item has a probe or a canary, not both', () => {
    const canary = {
      source: { type: 'prometheus', url: 'http://127.0.0.1:9090' },
      analysis: { interval: '10s', count: 6 },
      metrics: [
        {
          id: 'error-rate',
          title: 'Error rate',
          query: 'sum(rate(http_requests_total{outcome="error"}[10s]))',
          split: { label: 'deployment', canary: 'canary', baseline: 'baseline' },
          target: 0.01,
          alert: 0.05,
        },
      ],
    }
    const alone = set('briefing', undefined, canary)
    expect(alone.ok, alone.ok ? '' : alone.message).toBe(true)
    const both = set('health', undefined, canary)
    expect(both.ok).toBe(false)
    if (!both.ok)
      expect(both.errors.map((e) => e.message).join()).toMatch(/a probe or a canary, not both/)
  })

  it('refuses an unknown item', () => {
    expect(set('ghost', null)).toMatchObject({ ok: false, message: 'no item "ghost" in the plan' })
  })
})
