import { describe, expect, it } from 'vitest'
import { loadPlanText } from '../../../src/shared/plan/load'
import { itemNesting } from '../../../src/shared/plan/nesting'

const plan = (items: string) => `name: Nesting
phases:
  - id: build
    title: Build
    items:
${items}`

describe('item parent (nested task boxes)', () => {
  it('loads a parent that is an earlier item of the same phase, and knows each depth', () => {
    const r = loadPlanText(
      plan(`      - { id: a, title: A }
      - { id: b, title: B, parent: a }
      - { id: c, title: C, parent: b }
      - { id: d, title: D, parent: a }
`),
      'nested.yaml',
    )
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    const nesting = itemNesting(r.value.plan.phases[0]!.items)
    expect([...nesting]).toEqual([
      ['b', { depth: 1, parent: 'a' }],
      ['c', { depth: 2, parent: 'b' }],
      ['d', { depth: 1, parent: 'a' }],
    ])
  })

  it('refuses a parent that is later, itself or unknown, at file:line:column of the value', () => {
    const r = loadPlanText(
      plan(`      - { id: a, title: A, parent: b }
      - { id: b, title: B, parent: b }
      - { id: c, title: C, parent: nowhere }
`),
      'bad.yaml',
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => [e.line, e.column, e.path, e.message])).toEqual([
      [6, 36, 'phases[0].items[0].parent', 'parent "b" is not an earlier item of phase "build"'],
      [7, 36, 'phases[0].items[1].parent', 'parent "b" is not an earlier item of phase "build"'],
      [
        8,
        36,
        'phases[0].items[2].parent',
        'parent "nowhere" is not an earlier item of phase "build"',
      ],
    ])
  })
})
