import type { Plan } from '../plan/schema'
import { draftItem, type DraftWithCall } from './draft'
import { joinJourneys, type Drafted } from './journey'
import { detectWithin } from './text'
import type { Draft, ItemText, PlanContext } from './types'

export interface Suggestion {
  item: string
  phase: string
  title: string
  draft: Draft
}

export interface PlanSuggestions {
  suggestions: Suggestion[]
  /** "Detect issues within 5 minutes" anywhere in the plan: run it continuously at this interval. */
  continuous?: { every: string; because: string }
}

const NEIGHBOURS = 3

export function planContext(plan: Plan): PlanContext {
  const vars: Record<string, string | undefined> = {}
  for (const [name, spec] of Object.entries(plan.vars))
    vars[name] = typeof spec === 'string' ? spec : spec.default
  return {
    vars,
    credentials: plan.credentials,
    text: [
      plan.name,
      plan.description ?? '',
      ...plan.phases.flatMap((p) => [p.title, ...p.items.map((i) => i.title)]),
    ].join('\n'),
  }
}

/** Strip what only the drafter needs (the request a flow was joined from). */
function publicDraft(d: DraftWithCall): Draft {
  const { call: _call, ...draft } = d
  void _call
  return draft
}

/**
 * Drafts for every item of a plan that has no probe or canary yet, in plan order; consecutive
 * items forming one API journey become one flow.
 */
export function draftPlan(plan: Plan): PlanSuggestions {
  const context = planContext(plan)
  const suggestions: Suggestion[] = []
  for (const phase of plan.phases) {
    const texts: ItemText[] = phase.items.map((i) => ({
      id: i.id,
      title: i.title,
      ...(i.notes !== undefined && { notes: i.notes }),
    }))
    const drafted: Drafted[] = phase.items.map((item, index) => ({
      item: texts[index] as ItemText,
      drafts:
        item.probe || item.canary
          ? []
          : draftItem({
              item: texts[index] as ItemText,
              phase: {
                id: phase.id,
                title: phase.title,
                ...(phase.notes !== undefined && { notes: phase.notes }),
              },
              neighbours: {
                before: texts.slice(Math.max(0, index - NEIGHBOURS), index).reverse(),
                after: texts.slice(index + 1, index + 1 + NEIGHBOURS),
              },
              plan: context,
            }),
    }))
    for (const { item, drafts } of joinJourneys(drafted))
      for (const d of drafts)
        suggestions.push({
          item: item.id,
          phase: phase.id,
          title: item.title,
          draft: publicDraft(d),
        })
  }
  return { suggestions, ...continuousHint(plan, suggestions) }
}

/** The shortest "detect within" interval the plan's notes or drafts ask for. */
function continuousHint(
  plan: Plan,
  suggestions: Suggestion[],
): Pick<PlanSuggestions, 'continuous'> {
  const found: { every: string; ms: number; because: string }[] = []
  for (const notes of [plan.notes, plan.description, ...plan.phases.map((p) => p.notes)]) {
    const within = notes ? detectWithin(notes) : undefined
    if (within && notes)
      found.push({
        every: within.text,
        ms: within.ms,
        because: (/[^\n.]*within[^\n.]*/i.exec(notes)?.[0] ?? within.words).trim(),
      })
  }
  for (const s of suggestions)
    if (s.draft.every) {
      const within = detectWithin(s.draft.because) ?? detectWithin(s.title)
      found.push({
        every: s.draft.every,
        ms: within?.ms ?? Number.MAX_SAFE_INTEGER,
        because: s.draft.because,
      })
    }
  found.sort((a, b) => a.ms - b.ms)
  const best = found[0]
  return best ? { continuous: { every: best.every, because: best.because } } : {}
}
