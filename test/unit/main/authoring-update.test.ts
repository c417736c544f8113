import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyMergeStepsToInput, updateChanges } from '../../../src/shared/authoring/update'
import { importChecklist } from '../../../src/shared/import/checklist'
import { loadPlanText } from '../../../src/shared/plan/load'
import { mergeChecklist } from '../../../src/shared/plan/merge'
import type { Plan } from '../../../src/shared/plan/schema'
import { applyMergeSteps } from '../../../src/main/plans/merge-yaml'
import { mergeDrafter } from '../../../src/shared/draft/merge-drafts'

/**
 * Update from checklist… applies the merge `gonogo import --into` computes to the working copy
 * (JSON) and to the YAML it came from; both must give the same plan, or a save would not load to
 * the hash the window showed.
 */

const fixture = (name: string) => readFileSync(resolve('test/fixtures/merge', name), 'utf8')
const planText = fixture('launch-plan.yaml')
const load = (text: string): Plan => {
  const loaded = loadPlanText(text, 'launch-plan.yaml')
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors))
  return loaded.value.plan
}
const checklist = (name: string): Plan => {
  const imported = importChecklist(fixture(name), name)
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors))
  return load(JSON.stringify(imported.plan))
}

describe('merge steps on the working copy', () => {
  for (const prune of [false, true])
    for (const suggest of [false, true])
      it(`give the plan the YAML merge gives (prune ${prune}, suggest ${suggest})`, () => {
        const plan = load(planText)
        const incoming = checklist('launch-v2.md')
        const drafter = suggest ? mergeDrafter(plan, incoming) : undefined
        const { steps } = mergeChecklist(plan, incoming, {
          prune,
          ...(drafter && { draft: drafter.draft }),
        })
        const declared = drafter?.declarations() ?? { vars: {}, credentials: {} }
        const all = [
          ...steps,
          { op: 'declare' as const, section: 'vars' as const, entries: declared.vars },
          {
            op: 'declare' as const,
            section: 'credentials' as const,
            entries: declared.credentials,
          },
        ]
        expect(steps.length).toBeGreaterThan(0)
        const yaml = applyMergeSteps(planText, 'launch-plan.yaml', all)
        if (!yaml.ok) throw new Error(JSON.stringify(yaml.errors))
        const json = applyMergeStepsToInput(JSON.parse(JSON.stringify(plan)) as Plan, all)
        const fromYaml = loadPlanText(yaml.text, 'a.yaml')
        const fromJson = loadPlanText(JSON.stringify(json), 'b.json')
        expect(fromJson.ok && fromYaml.ok && fromJson.value.hash === fromYaml.value.hash).toBe(true)
      })

  it('previews what changes: new items, changed fields with from and to, items gone', () => {
    const plan = load(planText)
    const merge = mergeChecklist(plan, checklist('launch-v2.md'), { prune: false })
    const changes = updateChanges(plan, merge)
    expect(changes.added.length).toBe(merge.summary.added.length)
    expect(changes.removed.map((r) => r.id)).toEqual(merge.summary.gone.map((g) => g.id))
    const renamed = merge.summary.matched.filter((m) => m.renamedFrom !== undefined)
    for (const m of renamed)
      expect(changes.changed).toContainEqual({
        id: m.id,
        field: 'title',
        from: m.renamedFrom,
        to: m.title,
      })
    expect(changes.added.length + changes.changed.length + changes.removed.length).toBeGreaterThan(
      0,
    )
  })
})
