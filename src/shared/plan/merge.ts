import type { z } from 'zod'
import type { ProbeSchema } from './probes'
import { ID_PATTERN, type Item, type Phase, type Plan } from './schema'

/**
 * Merging a changed checklist into the plan made from it, as a list of steps over the plan's
 * phases and items (by their index in the plan as it is) plus a summary of what changed. Pure: the
 * YAML file is edited elsewhere (src/main/plans/merge-yaml.ts), only where a step says.
 *
 * Items are matched by id first, then by title similarity: token-set Jaccard over the titles' words
 * (lower-cased, split on anything that is not a letter or digit, a plural "s" dropped, a few
 * function words left out), at least TITLE_SIMILARITY, best pairs first, ties to the earlier
 * item. A matched item keeps everything the plan added (probe, canary, owner, notes, blocking,
 * freshness); the checklist owns only its title and the status it claims (`initial`), and fills an
 * owner or notes the plan lacks. Phases are matched by id, then title similarity, then by where
 * most of their matched items are.
 */

export const TITLE_SIMILARITY = 0.5

const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'to',
  'for',
  'in',
  'on',
  'at',
  'is',
  'are',
  'be',
  'with',
])

export function titleWords(title: string): Set<string> {
  const words = new Set<string>()
  for (const raw of title.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || FUNCTION_WORDS.has(raw)) continue
    words.add(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw)
  }
  return words
}

/** |A ∩ B| / |A ∪ B| over the titles' words: 1 for the same words, 0 for none in common. */
export function titleSimilarity(a: string, b: string): number {
  const x = titleWords(a)
  const y = titleWords(b)
  if (x.size === 0 && y.size === 0) return a.trim().toLowerCase() === b.trim().toLowerCase() ? 1 : 0
  let common = 0
  for (const w of x) if (y.has(w)) common++
  return common / (x.size + y.size - common)
}

export type MergeKey = 'title' | 'owner' | 'notes' | 'initial'

export interface NewItem {
  id: string
  title: string
  owner?: string
  blocking?: false
  notes?: string
  initial?: NonNullable<Item['initial']>
  probe?: DraftedProbe
}

/** A probe as a plan file contains it (defaults not filled in). */
export type DraftedProbe = z.input<typeof ProbeSchema>

/**
 * Where drafted probes come in (`import --into --suggest`): given a new item and the checklist
 * phase it is in, the probe to attach, if any. The merge itself never guesses probes.
 */
export type DraftProbe = (item: Item, phase: Phase) => DraftedProbe | undefined

export interface NewPhase {
  id: string
  title: string
  notes?: string
  items: NewItem[]
}

/** Indices are positions in the plan as it was read; steps never refer to each other's results. */
export type MergeStep =
  | { op: 'rename-phase'; phase: number; title: string }
  | { op: 'add-phase'; before: number | null; phase: NewPhase }
  | { op: 'remove-phase'; phase: number }
  | { op: 'set'; phase: number; item: number; key: MergeKey; value: string }
  | { op: 'unset'; phase: number; item: number; key: 'initial' }
  /** New items go after item `after` of the phase (null: first), in the order listed. */
  | { op: 'add-items'; phase: number; after: number | null; items: NewItem[] }
  | { op: 'remove-item'; phase: number; item: number }
  /** Top-level `vars:` or `credentials:` entries the drafted probes need (added, never replaced). */
  | { op: 'declare'; section: 'vars' | 'credentials'; entries: Record<string, object> }

export interface MergeSummary {
  matched: {
    id: string
    title: string
    by: 'id' | 'title'
    similarity: number
    /** The plan's title before the checklist renamed it. */
    renamedFrom?: string
    /** Fields the checklist changed or filled in. */
    changed: MergeKey[]
    /** The checklist has it in another phase; the plan keeps it where it is. */
    checklistPhase?: string
  }[]
  added: { id: string; title: string; phase: string }[]
  /** In the plan, not in the checklist: removed with prune, otherwise kept. */
  gone: { id: string; title: string; phase: string }[]
  pruned: boolean
  phasesAdded: { id: string; title: string }[]
  phasesRenamed: { id: string; from: string; to: string }[]
  phasesRemoved: { id: string; title: string }[]
}

export interface MergeResult {
  steps: MergeStep[]
  summary: MergeSummary
}

interface Located {
  phase: number
  index: number
  item: Item
}

/** Merge `checklist` (a plan just imported from the checklist) into `plan`. */
export function mergeChecklist(
  plan: Plan,
  checklist: Plan,
  options: { prune: boolean; draft?: DraftProbe },
): MergeResult {
  const newItem = (l: Located, used: Set<string>): NewItem => {
    const probe = options.draft?.(l.item, checklist.phases[l.phase]!)
    return { ...freshItem(l.item, used), ...(probe && { probe }) }
  }
  const planItems: Located[] = plan.phases.flatMap((p, phase) =>
    p.items.map((item, index) => ({ phase, index, item })),
  )
  const incoming: Located[] = checklist.phases.flatMap((p, phase) =>
    p.items.map((item, index) => ({ phase, index, item })),
  )
  const matchOf = matchItems(planItems, incoming)
  const phaseOf = matchPhases(plan, checklist, incoming, matchOf)

  const steps: MergeStep[] = []
  const summary: MergeSummary = {
    matched: [],
    added: [],
    gone: [],
    pruned: options.prune,
    phasesAdded: [],
    phasesRenamed: [],
    phasesRemoved: [],
  }
  const usedIds = new Set([...planItems.map((l) => l.item.id)])
  const usedPhaseIds = new Set(plan.phases.map((p) => p.id))

  // Matched items: the checklist's title and claimed status; an owner or notes the plan lacks.
  for (const [k, inc] of incoming.entries()) {
    const m = matchOf.get(k)
    if (!m) continue
    const { target, by, similarity } = m
    const mine = target.item
    const changed: MergeKey[] = []
    const set = (key: MergeKey, value: string) => {
      steps.push({ op: 'set', phase: target.phase, item: target.index, key, value })
      changed.push(key)
    }
    if (inc.item.title !== mine.title) set('title', inc.item.title)
    if (inc.item.owner !== undefined && mine.owner === undefined) set('owner', inc.item.owner)
    if (inc.item.notes !== undefined && mine.notes === undefined) set('notes', inc.item.notes)
    if (inc.item.initial !== undefined && inc.item.initial !== mine.initial)
      set('initial', inc.item.initial)
    if (inc.item.initial === undefined && mine.initial !== undefined) {
      steps.push({ op: 'unset', phase: target.phase, item: target.index, key: 'initial' })
      changed.push('initial')
    }
    const home = phaseOf.get(inc.phase)
    summary.matched.push({
      id: mine.id,
      title: inc.item.title,
      by,
      similarity: Math.round(similarity * 100) / 100,
      ...(inc.item.title !== mine.title && { renamedFrom: mine.title }),
      changed,
      ...(home !== target.phase && { checklistPhase: checklist.phases[inc.phase]!.title }),
    })
  }

  // Phases: renamed when matched, added (with their new items) when not.
  let lastMatchedPhase = -1
  checklist.phases.forEach((incPhase, p) => {
    const mine = phaseOf.get(p)
    if (mine !== undefined) {
      lastMatchedPhase = Math.max(lastMatchedPhase, mine)
      const current = plan.phases[mine]!
      if (incPhase.title !== current.title) {
        steps.push({ op: 'rename-phase', phase: mine, title: incPhase.title })
        summary.phasesRenamed.push({ id: current.id, from: current.title, to: incPhase.title })
      }
      addItemsToPhase(p, mine)
      return
    }
    const items = incoming
      .filter((l, k) => l.phase === p && !matchOf.has(k))
      .map((l) => newItem(l, usedIds))
    if (items.length === 0) return
    const id = uniqueId(incPhase.id, usedPhaseIds)
    const phase: NewPhase = {
      id,
      title: incPhase.title,
      ...(incPhase.notes !== undefined && { notes: incPhase.notes }),
      items,
    }
    const before = lastMatchedPhase + 1 < plan.phases.length ? lastMatchedPhase + 1 : null
    steps.push({ op: 'add-phase', before, phase })
    summary.phasesAdded.push({ id, title: incPhase.title })
    for (const item of items) summary.added.push({ id: item.id, title: item.title, phase: id })
  })

  function addItemsToPhase(incPhase: number, mine: number): void {
    // Each run of new items goes after the checklist item before it, if the plan has that one here.
    let after: number | null = null
    let run: NewItem[] = []
    const flush = () => {
      if (run.length) steps.push({ op: 'add-items', phase: mine, after, items: run })
      run = []
    }
    incoming.forEach((l, k) => {
      if (l.phase !== incPhase) return
      const m = matchOf.get(k)
      if (m) {
        if (m.target.phase === mine) {
          flush()
          after = m.target.index
        }
        return
      }
      const item = newItem(l, usedIds)
      run.push(item)
      summary.added.push({ id: item.id, title: item.title, phase: plan.phases[mine]!.id })
    })
    flush()
  }

  // Items gone from the checklist: listed; removed only with prune (a phase left empty goes too).
  const matchedTargets = new Set([...matchOf.values()].map((m) => m.target))
  const matchedPhases = new Set(phaseOf.values())
  plan.phases.forEach((phase, p) => {
    const gone = planItems.filter((l) => l.phase === p && !matchedTargets.has(l))
    for (const l of gone) summary.gone.push({ id: l.item.id, title: l.item.title, phase: phase.id })
    if (!options.prune || gone.length === 0) return
    const receives = steps.some((s) => s.op === 'add-items' && s.phase === p)
    if (gone.length === phase.items.length && !matchedPhases.has(p) && !receives) {
      steps.push({ op: 'remove-phase', phase: p })
      summary.phasesRemoved.push({ id: phase.id, title: phase.title })
    } else for (const l of gone) steps.push({ op: 'remove-item', phase: p, item: l.index })
  })
  return { steps, summary }
}

interface Match {
  target: Located
  by: 'id' | 'title'
  similarity: number
}

/** Incoming item index → the plan item it continues. */
function matchItems(planItems: Located[], incoming: Located[]): Map<number, Match> {
  const out = new Map<number, Match>()
  const taken = new Set<Located>()
  const byId = new Map(planItems.map((l) => [l.item.id, l]))
  incoming.forEach((inc, k) => {
    const same = byId.get(inc.item.id)
    if (same) {
      out.set(k, {
        target: same,
        by: 'id',
        similarity: titleSimilarity(inc.item.title, same.item.title),
      })
      taken.add(same)
    }
  })
  const pairs: { k: number; target: Located; t: number; score: number }[] = []
  planItems.forEach((target, t) => {
    if (taken.has(target)) return
    incoming.forEach((inc, k) => {
      if (out.has(k)) return
      const score = titleSimilarity(inc.item.title, target.item.title)
      if (score >= TITLE_SIMILARITY) pairs.push({ k, target, t, score })
    })
  })
  pairs.sort((a, b) => b.score - a.score || a.t - b.t || a.k - b.k)
  for (const pair of pairs) {
    if (out.has(pair.k) || taken.has(pair.target)) continue
    out.set(pair.k, { target: pair.target, by: 'title', similarity: pair.score })
    taken.add(pair.target)
  }
  return out
}

/** Incoming phase index → plan phase index. */
function matchPhases(
  plan: Plan,
  checklist: Plan,
  incoming: Located[],
  items: Map<number, Match>,
): Map<number, number> {
  const out = new Map<number, number>()
  const taken = new Set<number>()
  const claim = (inc: number, mine: number) => {
    out.set(inc, mine)
    taken.add(mine)
  }
  checklist.phases.forEach((phase, p) => {
    const mine = plan.phases.findIndex((q) => q.id === phase.id)
    if (mine >= 0 && !taken.has(mine)) claim(p, mine)
  })
  const pairs: { p: number; q: number; score: number }[] = []
  checklist.phases.forEach((phase, p) => {
    if (out.has(p)) return
    plan.phases.forEach((q, qi) => {
      if (taken.has(qi)) return
      const score = titleSimilarity(phase.title, q.title)
      if (score >= TITLE_SIMILARITY) pairs.push({ p, q: qi, score })
    })
  })
  pairs.sort((a, b) => b.score - a.score || a.q - b.q || a.p - b.p)
  for (const { p, q } of pairs) if (!out.has(p) && !taken.has(q)) claim(p, q)
  // A phase renamed beyond recognition: where most of its matched items live (more than half).
  checklist.phases.forEach((_, p) => {
    if (out.has(p)) return
    const mine = incoming.flatMap((l, k) => (l.phase === p ? [items.get(k)?.target.phase] : []))
    const counts = new Map<number, number>()
    for (const q of mine) if (q !== undefined) counts.set(q, (counts.get(q) ?? 0) + 1)
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]
    if (best && !taken.has(best[0]) && best[1] * 2 > mine.length) claim(p, best[0])
  })
  return out
}

function freshItem(item: Item, used: Set<string>): NewItem {
  return {
    id: uniqueId(item.id, used),
    title: item.title,
    ...(item.owner !== undefined && { owner: item.owner }),
    ...(!item.blocking && { blocking: false as const }),
    ...(item.notes !== undefined && { notes: item.notes }),
    ...(item.initial !== undefined && { initial: item.initial }),
  }
}

/** `id`, or `id-2`, `id-3` … (still a valid id) when the plan already has it. */
function uniqueId(id: string, used: Set<string>): string {
  let candidate = id
  for (let n = 2; used.has(candidate); n++) {
    const suffix = `-${n}`
    candidate = id.slice(0, 64 - suffix.length) + suffix
  }
  if (!ID_PATTERN.test(candidate)) candidate = `item-${used.size + 1}`
  used.add(candidate)
  return candidate
}
