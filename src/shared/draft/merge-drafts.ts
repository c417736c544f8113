import type { DraftProbe } from '../plan/merge'
import type { Plan } from '../plan/schema'
import { declarations, type Declarations } from './apply'
import { draftPlan, planContext } from './plan'
import type { Missing } from './types'

export interface MergeDrafter {
  /** The hook `mergeChecklist` calls for each item it adds. */
  draft: DraftProbe
  /** Items that got a probe, in the order the merge added them. */
  drafted: { item: string; rule: string; confidence: number; because: string }[]
  /** The vars and credentials the attached probes need and the plan does not declare yet. */
  declarations(): Declarations
}

/**
 * Drafts for the items a changed checklist brings into a plan (`gonogo import --into --suggest`):
 * the checklist is drafted as a whole (journeys across its items become flows) in the plan's
 * context — its vars and credentials are reused, providers it names count — and a new item gets
 * its first drafted probe. Canary drafts are left to `gonogo suggest --apply`.
 */
export function mergeDrafter(plan: Plan, checklist: Plan, minConfidence = 0): MergeDrafter {
  const own = planContext(plan)
  const context = { ...own, text: `${own.text}\n${planContext(checklist).text}` }
  const suggestions = draftPlan(checklist, context).suggestions.filter(
    (s) => !s.criterion && s.draft.probe !== undefined && s.draft.confidence >= minConfidence,
  )
  const missing: Missing[] = []
  const drafted: MergeDrafter['drafted'] = []
  return {
    drafted,
    draft: (item, phase) => {
      const s = suggestions.find((x) => x.item === item.id && x.phase === phase.id)
      if (!s?.draft.probe) return undefined
      missing.push(...s.draft.missing)
      const { rule, confidence, because } = s.draft
      drafted.push({ item: item.id, rule, confidence, because })
      return s.draft.probe
    },
    declarations: () => declarations(plan, missing),
  }
}
