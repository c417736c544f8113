import { describe, expect, it } from 'vitest'
import {
  createWorkingCopy,
  findItem,
  hasEdits,
  loadWorkingCopy,
  NO_EDITS,
  withEdits,
} from '../../../../src/shared/authoring/working-copy'
import { defaultCatalog } from '../../../../src/shared/presets/catalog'
import { FILE, loadedPlan } from './fixtures'

describe('working copy', () => {
  it('offers drafts only for items without a check, best first, nothing edited', () => {
    const copy = createWorkingCopy(loadedPlan(), 'staging')
    expect(Object.keys(copy.suggestions).sort()).toEqual(['headers', 'version'])
    expect(copy.suggestions.version).toMatchObject({
      decision: 'pending',
      drafts: [{ rule: 'http', probe: { url: '${vars.api_url}/version' } }],
    })
    expect(copy.environment).toBe('staging')
    expect(copy.edited).toEqual(NO_EDITS)
    expect(hasEdits(copy.edited)).toBe(false)
  })

  it('shares nothing with the plan it came from and loads to that plan’s hash', () => {
    const plan = loadedPlan()
    const copy = createWorkingCopy(plan)
    copy.plan.phases[0]!.items[0]!.title = 'changed'
    expect(plan.phases[0]!.items[0]!.title).toBe('API is healthy')
    const again = createWorkingCopy(plan)
    const loaded = loadWorkingCopy(again, FILE, defaultCatalog())
    expect(loaded.ok).toBe(true)
  })

  it('records edits by name, each once', () => {
    const edits = withEdits(
      withEdits(NO_EDITS, { items: ['a'], environmentVars: [['staging', 'x']] }),
      {
        items: ['a', 'b'],
        environmentVars: [
          ['staging', 'x'],
          ['production', 'x'],
        ],
      },
    )
    expect(edits).toEqual({
      items: ['a', 'b'],
      vars: [],
      credentials: [],
      environmentVars: [
        ['staging', 'x'],
        ['production', 'x'],
      ],
    })
    expect(hasEdits(edits)).toBe(true)
  })

  it('finds items by id', () => {
    const copy = createWorkingCopy(loadedPlan())
    expect(findItem(copy.plan, 'briefing')).toEqual({ phase: 0, index: 3 })
    expect(findItem(copy.plan, 'ghost')).toBeUndefined()
  })
})
