import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseDocument, stringify } from 'yaml'
import { applySuggestions } from '../../src/shared/draft/apply'
import { draftPlan, type PlanSuggestions } from '../../src/shared/draft/plan'
import { importChecklist } from '../../src/shared/import/checklist'
import { loadPlanText } from '../../src/shared/plan/load'
import { PlanSchema, type Plan, type PlanInput } from '../../src/shared/plan/schema'

/** Import a checklist file and validate the plan it becomes (defaults filled, as the CLI does). */
export function importedPlan(path: string): Plan {
  const r = importChecklist(readFileSync(resolve(path), 'utf8'), path)
  if (!r.ok) throw new Error(`${path}: ${JSON.stringify(r.errors)}`)
  return PlanSchema.parse(r.plan)
}

/** A one-phase plan of these item titles (ids i0, i1, …). */
export function planOf(titles: string[], extra: Partial<PlanInput> = {}): Plan {
  return PlanSchema.parse({
    name: 'Corpus',
    ...extra,
    phases: [
      { id: 'p', title: 'Launch', items: titles.map((title, i) => ({ id: `i${i}`, title })) },
    ],
  })
}

/** Item id → the rules of its drafts (a flow counts for every item it covers). */
export function rulesByItem(drafted: PlanSuggestions): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const s of drafted.suggestions)
    for (const id of s.draft.covers ?? [s.item]) out.set(id, [...(out.get(id) ?? []), s.draft.rule])
  return out
}

/** Attach every draft and load the result as a plan: what `suggest --apply` writes must load. */
export function applyAndLoad(plan: Plan, drafted = draftPlan(plan)) {
  const doc = parseDocument(stringify(plan))
  const summary = applySuggestions(doc, plan, drafted)
  const text = doc.toString()
  return { summary, text, loaded: loadPlanText(text, 'applied.yaml') }
}

/** Drafting precision and recall over labelled items. */
export class Score {
  drafts = 0
  right = 0
  automatable = 0
  found = 0
  readonly misses: string[] = []

  add(label: string, expected: readonly string[], got: readonly string[]): void {
    this.drafts += got.length
    const right = got.filter((r) => expected.includes(r)).length
    this.right += right
    if (expected.length > 0) {
      this.automatable++
      if (right > 0) this.found++
    }
    if (got.length !== right || (expected.length > 0 && right === 0))
      this.misses.push(`${label}: expected [${expected.join(', ')}], got [${got.join(', ')}]`)
  }

  get precision(): number {
    return this.drafts === 0 ? 0 : this.right / this.drafts
  }

  get recall(): number {
    return this.automatable === 0 ? 0 : this.found / this.automatable
  }
}
