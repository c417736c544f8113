import { isMap, isSeq, type Document, type YAMLMap } from 'yaml'
import type { CredentialKind } from '../credentials'
import type { Plan } from '../plan/schema'
import type { PlanSuggestions, Suggestion } from './plan'
import type { Missing } from './types'

export interface ApplySummary {
  /** Items that got a probe or canary. */
  attached: string[]
  /** Items added next to one whose words named a second check (TLS and HSTS). */
  added: string[]
  vars: string[]
  credentials: string[]
  continuous?: string
  /** Drafts left out for their confidence. */
  skipped: number
}

const KIND_SUFFIX = (s: Suggestion) =>
  s.draft.rule.startsWith('preset:') ? s.draft.rule.slice(7).replace(/\./g, '-') : s.draft.rule

/**
 * Attach drafts to a plan's YAML document, in place, keeping its comments and key order: the first
 * draft of an item becomes its probe (or canary), a further one a new item right after it; every
 * missing var is declared without a default and every missing credential with its kind and help,
 * so `gonogo validate` then lists exactly what is left to fill in.
 */
export function applySuggestions(
  doc: Document,
  plan: Plan,
  drafted: PlanSuggestions,
  minConfidence = 0,
): ApplySummary {
  const kept = drafted.suggestions.filter((s) => s.draft.confidence >= minConfidence)
  const summary: ApplySummary = {
    attached: [],
    added: [],
    vars: [],
    credentials: [],
    skipped: drafted.suggestions.length - kept.length,
  }
  const ids = new Set(plan.phases.flatMap((p) => p.items.map((i) => i.id)))
  plan.phases.forEach((phase, p) => {
    const seq = doc.getIn(['phases', p, 'items'], true)
    if (!isSeq(seq)) return
    // Last item first, so inserting after one leaves the earlier indices where they were.
    for (let i = phase.items.length - 1; i >= 0; i--) {
      const item = phase.items[i]
      const node = seq.items[i]
      if (!item || !isMap(node)) continue
      const mine = kept.filter((s) => s.phase === phase.id && s.item === item.id && !s.criterion)
      mine.forEach((s, n) => {
        const target = n === 0 ? node : doc.createNode(newItem(item, s, ids))
        if (n > 0 && isMap(target)) seq.items.splice(i + n, 0, target)
        const map = n === 0 ? node : target
        if (!isMap(map)) return
        attach(doc, map, s)
        if (n === 0) summary.attached.push(item.id)
        else summary.added.push(String(map.get('id')))
      })
    }
  })
  // Criteria of a phase's notes that name a check become items at the end of the phase.
  plan.phases.forEach((phase, p) => {
    const seq = doc.getIn(['phases', p, 'items'], true)
    if (!isSeq(seq)) return
    const criteria = kept.filter((s) => s.phase === phase.id && s.criterion)
    const first = new Set<string>()
    for (const s of criteria) {
      const fresh = !first.has(s.item)
      first.add(s.item)
      ids.add(s.item)
      const item = { id: s.item, title: s.title, blocking: true }
      const node = doc.createNode(fresh ? item : newItem(item, s, ids))
      if (!isMap(node)) continue
      attach(doc, node, s)
      seq.items.push(node)
      summary.added.push(String(node.get('id')))
    }
  })
  const declare = declarations(
    plan,
    kept.flatMap((s) => s.draft.missing),
  )
  for (const [name, spec] of Object.entries(declare.vars)) {
    doc.setIn(['vars', name], doc.createNode(spec))
    summary.vars.push(name)
  }
  for (const [name, spec] of Object.entries(declare.credentials)) {
    doc.setIn(['credentials', name], doc.createNode(spec))
    summary.credentials.push(name)
  }
  if (drafted.continuous && kept.length > 0) {
    summary.continuous = drafted.continuous.every
    const line = ` continuous: gonogo check PLAN --every ${drafted.continuous.every} ("${drafted.continuous.because}")`
    doc.commentBefore = doc.commentBefore ? `${doc.commentBefore}\n${line}` : line
  }
  return summary
}

export interface Declarations {
  vars: Record<string, { description: string }>
  credentials: Record<string, { kind: CredentialKind; help: string }>
}

/**
 * What drafts need the plan to declare: each missing var without a default (so `gonogo validate`
 * names it) and each missing credential with its kind and help; ones the plan has are left alone.
 */
export function declarations(
  plan: Pick<Plan, 'vars' | 'credentials'>,
  missing: readonly Missing[],
): Declarations {
  const out: Declarations = { vars: {}, credentials: {} }
  for (const m of missing) {
    if (m.type === 'var' && !Object.hasOwn(plan.vars, m.name) && !Object.hasOwn(out.vars, m.name))
      out.vars[m.name] = { description: m.description }
    if (m.type === 'credential' && !(m.name in plan.credentials) && !(m.name in out.credentials))
      out.credentials[m.name] = { kind: m.kind, help: m.help }
  }
  return out
}

function attach(doc: Document, map: YAMLMap, s: Suggestion): void {
  if (s.draft.probe) map.set('probe', doc.createNode(s.draft.probe))
  if (s.draft.canary) map.set('canary', doc.createNode(s.draft.canary))
  if (s.draft.every) map.set('freshness', s.draft.every)
  if (s.draft.notes) {
    const notes = map.get('notes')
    map.set(
      'notes',
      typeof notes === 'string' && notes ? `${notes}\n${s.draft.notes}` : s.draft.notes,
    )
  }
}

function newItem(
  item: { id: string; title: string; owner?: string; blocking: boolean },
  s: Suggestion,
  ids: Set<string>,
) {
  let id = `${item.id}-${KIND_SUFFIX(s)}`.slice(0, 64)
  for (let n = 2; ids.has(id); n++) id = `${item.id}-${KIND_SUFFIX(s)}-${n}`.slice(0, 64)
  ids.add(id)
  return {
    id,
    title: `${item.title} (${s.draft.rule.replace(/^preset:/, '')})`,
    ...(item.owner !== undefined && { owner: item.owner }),
    blocking: item.blocking,
  }
}
