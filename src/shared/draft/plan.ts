import type { Plan } from '../plan/schema'
import { draftItem, type DraftWithCall } from './draft'
import { joinJourneys, type Drafted } from './journey'
import { slugify } from '../import/slug'
import { detectWithin } from './text'
import type { Draft, ItemText, PlanContext } from './types'

export interface Suggestion {
  item: string
  phase: string
  title: string
  draft: Draft
  /**
   * Drafted from an acceptance line of the phase's notes ("crisis path returns under 1 second"):
   * `item` is the id of the item `--apply` adds for it.
   */
  criterion?: boolean
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
 * items forming one API journey become one flow. `context` is another plan's vars, credentials and
 * words when the items are to join it (`import --into --suggest`).
 */
export function draftPlan(plan: Plan, context: PlanContext = planContext(plan)): PlanSuggestions {
  const suggestions: Suggestion[] = []
  const ids = new Set(plan.phases.flatMap((p) => p.items.map((i) => i.id)))
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
    suggestions.push(...criteriaDrafts(phase, context, ids))
  }
  return { suggestions, ...continuousHint(plan, suggestions) }
}

/** Lines of acceptance notes: bullets, or the text after "Acceptance:", "Validation goals:" …. */
function criteria(notes: string | undefined): string[] {
  const out: string[] = []
  for (const line of (notes ?? '').split('\n')) {
    const bullet = /^\s*(?:[-*+]|\d+[.)])\s+(.+)$/.exec(line)?.[1]
    const labelled = /^\s*[A-Za-z][\w /-]{2,40}:\s*(\S.*)$/.exec(line)?.[1]
    const text = (bullet ?? labelled)?.trim()
    if (text) out.push(text)
  }
  return out
}

/**
 * Acceptance criteria that name a check ("crisis path returns under 1 second in most cases")
 * become new items with their drafts. "Detect within" lines are left to the continuous hint.
 */
function criteriaDrafts(
  phase: Plan['phases'][number],
  context: PlanContext,
  ids: Set<string>,
): Suggestion[] {
  const out: Suggestion[] = []
  for (const text of criteria(phase.notes)) {
    const drafts = draftItem({
      item: { id: 'criterion', title: text },
      phase: { id: phase.id, title: phase.title },
      plan: context,
    }).filter((d) => !d.every)
    if (drafts.length === 0) continue
    const base = `${phase.id}-${slugify(text, 40)}`.slice(0, 64).replace(/-+$/, '')
    let id = base
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`
    ids.add(id)
    for (const d of drafts)
      out.push({ item: id, phase: phase.id, title: text, draft: publicDraft(d), criterion: true })
  }
  return out
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
        because: (notes.split('\n').find((line) => detectWithin(line)) ?? within.words).trim(),
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
