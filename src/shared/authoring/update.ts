import type { MergeResult, MergeStep } from '../plan/merge'
import type { Plan, PlanInput } from '../plan/schema'
import { cloneJson } from './working-copy'

type ItemInput = PlanInput['phases'][number]['items'][number]
type PhaseInput = PlanInput['phases'][number]

/**
 * Merge steps (src/shared/plan/merge.ts, what `gonogo import --into` computes) applied to a plan
 * as JSON. Steps index the plan as it was, so item fields are set first and items and phases are
 * then rebuilt in one pass, removals and insertions by their original positions.
 */
export function applyMergeStepsToInput(input: PlanInput, steps: readonly MergeStep[]): PlanInput {
  const plan = cloneJson(input)
  const removedItems = new Set<string>()
  const removedPhases = new Set<number>()
  for (const step of steps) {
    if (step.op === 'set') {
      const item = plan.phases[step.phase]?.items[step.item]
      if (item) (item as Record<string, unknown>)[step.key] = step.value
    } else if (step.op === 'unset') {
      const item = plan.phases[step.phase]?.items[step.item]
      if (item) delete item[step.key]
    } else if (step.op === 'rename-phase') {
      const phase = plan.phases[step.phase]
      if (phase) phase.title = step.title
    } else if (step.op === 'remove-item') removedItems.add(`${step.phase}:${step.item}`)
    else if (step.op === 'remove-phase') removedPhases.add(step.phase)
    else if (step.op === 'declare') {
      const section: Record<string, unknown> = { ...plan[step.section] }
      for (const [name, spec] of Object.entries(step.entries))
        if (!Object.hasOwn(section, name)) section[name] = cloneJson(spec)
      if (step.section === 'vars') plan.vars = section as PlanInput['vars']
      else plan.credentials = section as PlanInput['credentials']
    }
  }
  const phases: PhaseInput[] = []
  const addedPhases = (before: number | null) =>
    steps.flatMap((s) =>
      s.op === 'add-phase' && s.before === before ? [cloneJson(s.phase) as PhaseInput] : [],
    )
  plan.phases.forEach((phase, p) => {
    phases.push(...addedPhases(p))
    if (removedPhases.has(p)) return
    const added = (after: number | null) =>
      steps.flatMap((s) =>
        s.op === 'add-items' && s.phase === p && s.after === after
          ? (cloneJson(s.items) as ItemInput[])
          : [],
      )
    const items: ItemInput[] = [...added(null)]
    phase.items.forEach((item, i) => {
      if (!removedItems.has(`${p}:${i}`)) items.push(item)
      items.push(...added(i))
    })
    phases.push({ ...phase, items })
  })
  phases.push(...addedPhases(null))
  return { ...plan, phases }
}

/** What an update would change, as the window previews it. */
export interface UpdateChanges {
  added: { id: string; phase: string; title: string }[]
  changed: { id: string; field: string; from: string; to: string }[]
  removed: { id: string; title: string; hasCheck: boolean }[]
}

export function updateChanges(plan: Plan, merge: MergeResult): UpdateChanges {
  const changed: UpdateChanges['changed'] = []
  for (const step of merge.steps) {
    if (step.op !== 'set' && step.op !== 'unset') continue
    const item = plan.phases[step.phase]?.items[step.item]
    if (!item) continue
    const from = item[step.key]
    changed.push({
      id: item.id,
      field: step.key,
      from: from === undefined ? '' : String(from),
      to: step.op === 'set' ? step.value : '',
    })
  }
  const items = plan.phases.flatMap((p) => p.items)
  return {
    added: merge.summary.added.map(({ id, phase, title }) => ({ id, phase, title })),
    changed,
    removed: merge.summary.gone.map(({ id, title }) => {
      const item = items.find((i) => i.id === id)
      return { id, title, hasCheck: Boolean(item?.probe ?? item?.canary) }
    }),
  }
}
