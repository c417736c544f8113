import { declarations } from '../draft/apply'
import type { PlanInput } from '../plan/schema'
import type { PresetCatalog } from '../presets/catalog'
import type { FieldError } from './field-errors'
import { loadEdited, type EditResult } from './set-check'
import {
  cloneJson,
  findItem,
  own,
  withEdits,
  type ItemSuggestion,
  type SuggestionDecision,
  type WorkingCopy,
} from './working-copy'

export interface Decision {
  item: string
  decision: SuggestionDecision
  /** Which draft to accept (default: the first, the best). */
  draft?: number
}

type ItemInput = PlanInput['phases'][number]['items'][number]

/**
 * Accept, reject or reset drafted checks. Accepting gives the item the draft's probe or canary (a
 * flow drafted over several items goes on the first, the one it is offered for) and declares the
 * vars and credentials it needs as `gonogo suggest --apply` does (vars without a value, so the
 * item shows what is left to fill in). Rejecting or resetting an accepted draft takes its check
 * off again; what it declared stays. All decisions apply together or not at all.
 */
export function decideSuggestions(
  copy: WorkingCopy,
  decisions: readonly Decision[],
  presets: PresetCatalog,
  file: string,
): EditResult {
  const errors: FieldError[] = []
  const plan = cloneJson(copy.plan)
  const suggestions: Record<string, ItemSuggestion> = { ...copy.suggestions }
  let edits = copy.edited
  decisions.forEach((d, n) => {
    const at = findItem(plan, d.item)
    const suggestion = own(suggestions, d.item)
    if (!at)
      return errors.push({
        path: `decisions[${n}].item`,
        message: `no item "${d.item}" in the plan`,
      })
    if (!suggestion)
      return errors.push({
        path: `decisions[${n}].item`,
        message: `item "${d.item}" has no drafted checks (it had a check when the plan was opened, or nothing was drafted for it)`,
      })
    const item: ItemInput = plan.phases[at.phase]!.items[at.index]!
    if (d.decision !== 'accepted') {
      if (suggestion.decision === 'accepted') {
        delete item.probe
        delete item.canary
        edits = withEdits(edits, { items: [d.item] })
      }
      suggestions[d.item] = { decision: d.decision, drafts: suggestion.drafts }
      return
    }
    const index = d.draft ?? 0
    const draft = suggestion.drafts[index]
    if (!draft)
      return errors.push({
        path: `decisions[${n}].draft`,
        message: `item "${d.item}" has ${suggestion.drafts.length} draft(s); there is no draft ${index}`,
      })
    delete item.probe
    delete item.canary
    if (draft.probe) item.probe = cloneJson(draft.probe)
    if (draft.canary) item.canary = cloneJson(draft.canary)
    const declare = declarations(
      { vars: plan.vars ?? {}, credentials: plan.credentials ?? {} },
      draft.missing,
    )
    if (Object.keys(declare.vars).length > 0) plan.vars = { ...plan.vars, ...declare.vars }
    if (Object.keys(declare.credentials).length > 0)
      plan.credentials = { ...plan.credentials, ...declare.credentials }
    edits = withEdits(edits, {
      items: [d.item],
      vars: Object.keys(declare.vars),
      credentials: Object.keys(declare.credentials),
    })
    suggestions[d.item] = { decision: 'accepted', accepted: index, drafts: suggestion.drafts }
    return
  })
  if (errors.length > 0)
    return { ok: false, message: errors.map((e) => e.message).join('; '), errors }
  return loadEdited({ ...copy, plan, suggestions, edited: edits }, presets, file)
}
