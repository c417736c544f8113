import { describe, expect, it } from 'vitest'
import { decideSuggestions } from '../../../../src/shared/authoring/decide'
import { createWorkingCopy } from '../../../../src/shared/authoring/working-copy'
import { defaultCatalog } from '../../../../src/shared/presets/catalog'
import { FILE, loadedPlan } from './fixtures'
import { planOf } from '../../../helpers/drafting'

const catalog = defaultCatalog()

describe('deciding drafted checks', () => {
  it('accepting gives the item the draft and declares what it needs, as suggest --apply does', () => {
    const copy = createWorkingCopy(loadedPlan())
    const result = decideSuggestions(
      copy,
      [
        { item: 'headers', decision: 'accepted' },
        { item: 'version', decision: 'accepted', draft: 0 },
      ],
      catalog,
      FILE,
    )
    if (!result.ok) throw new Error(result.message)
    const items = result.copy.plan.phases[0]!.items
    // The plan already has site_url and api_url: nothing new is declared for them.
    expect(items.find((i) => i.id === 'headers')!.probe).toEqual({
      kind: 'headers',
      url: '${vars.site_url}',
    })
    expect(items.find((i) => i.id === 'version')!.probe).toMatchObject({
      kind: 'http',
      url: '${vars.api_url}/version',
    })
    expect(result.copy.suggestions.version).toMatchObject({ decision: 'accepted', accepted: 0 })
    expect(result.copy.edited.items).toEqual(['headers', 'version'])
    expect(result.copy.edited.vars).toEqual([])
    // The copy it came from is untouched.
    expect(copy.plan.phases[0]!.items[1]!.probe).toBeUndefined()
  })

  it('declares missing vars without a value and credentials with their kind', () => {
    const plan = planOf(['Stripe webhook endpoint is enabled for `checkout.session.completed`'])
    const copy = createWorkingCopy(plan)
    const [id] = Object.keys(copy.suggestions)
    const result = decideSuggestions(copy, [{ item: id!, decision: 'accepted' }], catalog, FILE)
    if (!result.ok) throw new Error(result.message)
    const draft = copy.suggestions[id!]!.drafts[0]!
    for (const m of draft.missing) {
      if (m.type === 'var')
        expect(result.copy.plan.vars?.[m.name]).toEqual({ description: m.description })
      else expect(result.copy.plan.credentials?.[m.name]).toEqual({ kind: m.kind, help: m.help })
    }
    expect(draft.missing.length).toBeGreaterThan(0)
    expect([...result.copy.edited.vars, ...result.copy.edited.credentials].sort()).toEqual(
      draft.missing.map((m) => m.name).sort(),
    )
  })

  it('a flow over several items goes on the first, the one it is offered for', () => {
    const plan = planOf([
      'POST /api/auth/token/integration with key set to the integration key returns 200 and an access_token',
      'Upload with the bearer token: POST /api/upload returns 202 and a job_id',
      'Poll GET /api/jobs/{job_id} until status is done within 20 seconds',
    ])
    const copy = createWorkingCopy(plan)
    const [first] = Object.keys(copy.suggestions)
    expect(copy.suggestions[first!]!.drafts[0]!.covers?.[0]).toBe(first)
    const result = decideSuggestions(copy, [{ item: first!, decision: 'accepted' }], catalog, FILE)
    if (!result.ok) throw new Error(result.message)
    const items = result.copy.plan.phases[0]!.items
    expect(items[0]!.probe).toMatchObject({ kind: 'flow' })
    expect(items.slice(1).every((i) => i.probe === undefined)).toBe(true)
  })

  it('rejecting or resetting an accepted draft takes its check off again', () => {
    const copy = createWorkingCopy(loadedPlan())
    const accepted = decideSuggestions(
      copy,
      [{ item: 'headers', decision: 'accepted' }],
      catalog,
      FILE,
    )
    if (!accepted.ok) throw new Error(accepted.message)
    const rejected = decideSuggestions(
      accepted.copy,
      [{ item: 'headers', decision: 'rejected' }],
      catalog,
      FILE,
    )
    if (!rejected.ok) throw new Error(rejected.message)
    expect(rejected.copy.plan.phases[0]!.items[1]!.probe).toBeUndefined()
    expect(rejected.copy.suggestions.headers).toMatchObject({ decision: 'rejected' })
    expect(rejected.copy.suggestions.headers!.accepted).toBeUndefined()
  })

  it('all decisions apply or none: an unknown item, one without drafts, a draft that is not there', () => {
    const copy = createWorkingCopy(loadedPlan())
    const result = decideSuggestions(
      copy,
      [
        { item: 'headers', decision: 'accepted' },
        { item: 'ghost', decision: 'accepted' },
        { item: 'health', decision: 'rejected' },
        { item: 'version', decision: 'accepted', draft: 7 },
      ],
      catalog,
      FILE,
    )
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: 'decisions[1].item', message: 'no item "ghost" in the plan' },
        {
          path: 'decisions[2].item',
          message: expect.stringContaining('"health" has no drafted checks'),
        },
        {
          path: 'decisions[3].draft',
          message: 'item "version" has 1 draft(s); there is no draft 7',
        },
      ],
    })
  })
})
