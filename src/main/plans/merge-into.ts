import type { SourceError } from '../../shared/plan/errors'
import { loadPlanText } from '../../shared/plan/load'
import { mergeDrafter, type MergeDrafter } from '../../shared/draft/merge-drafts'
import {
  mergeChecklist,
  type DraftProbe,
  type MergeStep,
  type MergeSummary,
} from '../../shared/plan/merge'
import { builtinCatalog } from '../presets/preset-files'
import { applyMergeSteps } from './merge-yaml'
import { importChecklistFile, readTextFile } from './plan-files'

export type MergeIntoResult =
  | {
      ok: true
      /** The plan's new text; equal to the old one when nothing changed. */
      text: string
      changed: boolean
      hash: string
      summary: MergeSummary
      warnings: string[]
      /** With `suggest`: new items that got a drafted probe, and what the plan now declares for them. */
      drafted: MergeDrafter['drafted']
      declared: { vars: string[]; credentials: string[] }
    }
  | { ok: false; errors: SourceError[] }

/**
 * Merge a changed checklist into the plan file made from it (`gonogo import FILE --into PLAN`).
 * Nothing is written here; the result is validated as a plan before the caller may write it.
 * `suggest`: new items get drafted probes, and the vars and credentials those need are declared
 * (vars without values, so `gonogo validate` names them), as `gonogo suggest --apply` does.
 */
export async function mergeChecklistIntoPlan(
  checklistPath: string,
  planPath: string,
  options: { prune: boolean; suggest?: boolean; minConfidence?: number; draft?: DraftProbe },
): Promise<MergeIntoResult> {
  const read = await readTextFile(planPath)
  if (!read.ok) return read
  const current = loadPlanText(read.text, planPath)
  if (!current.ok) return current
  const imported = await importChecklistFile(checklistPath)
  if (!imported.ok) return imported
  // Drafting considers every built-in preset, so their files are all read (and installed).
  if (options.suggest) builtinCatalog()
  const drafter = options.suggest
    ? mergeDrafter(current.value.plan, imported.value.plan, options.minConfidence)
    : undefined
  // A hook of the caller's own (tests) wins; it declares nothing.
  const draft = options.draft ?? drafter?.draft
  const { steps, summary } = mergeChecklist(current.value.plan, imported.value.plan, {
    prune: options.prune,
    ...(draft && { draft }),
  })
  const declared = drafter?.declarations() ?? { vars: {}, credentials: {} }
  const declare: MergeStep[] = (['vars', 'credentials'] as const).map((section) => ({
    op: 'declare',
    section,
    entries: declared[section],
  }))
  const edited = applyMergeSteps(read.text, planPath, [...steps, ...declare])
  if (!edited.ok) return edited
  const merged = loadPlanText(edited.text, planPath)
  if (!merged.ok)
    return {
      ok: false,
      errors: merged.errors.map((e) => ({
        ...e,
        message: `the merged plan would be invalid, so nothing was written: ${e.message}`,
      })),
    }
  return {
    ok: true,
    text: edited.text,
    changed: edited.text !== read.text,
    hash: merged.value.hash,
    summary,
    warnings: imported.value.warnings,
    drafted: drafter?.drafted ?? [],
    declared: { vars: Object.keys(declared.vars), credentials: Object.keys(declared.credentials) },
  }
}

/** The summary as people read it: what matched, was renamed, arrived, is gone, per phase. */
export function describeMerge(summary: MergeSummary): string[] {
  const lines: string[] = []
  const byTitle = summary.matched.filter((m) => m.by === 'title').length
  lines.push(
    `matched ${summary.matched.length} item(s): ${summary.matched.length - byTitle} by id, ${byTitle} by title`,
  )
  for (const m of summary.matched) {
    if (m.renamedFrom !== undefined)
      lines.push(
        `  ~ ${m.id}: renamed "${m.renamedFrom}" → "${m.title}"${m.by === 'title' ? ` (title similarity ${m.similarity})` : ''}`,
      )
    const other = m.changed.filter((k) => k !== 'title')
    if (other.length) lines.push(`  ~ ${m.id}: ${other.join(', ')} updated from the checklist`)
    if (m.checklistPhase !== undefined)
      lines.push(`  ! ${m.id}: the checklist has it under "${m.checklistPhase}"; kept where it is`)
  }
  for (const p of summary.phasesRenamed)
    lines.push(`phase ${p.id}: renamed "${p.from}" → "${p.to}"`)
  for (const p of summary.phasesAdded) lines.push(`phase ${p.id}: new, "${p.title}"`)
  if (summary.added.length) lines.push(`added ${summary.added.length} item(s):`)
  for (const a of summary.added) lines.push(`  + ${a.id}: "${a.title}" in ${a.phase}`)
  if (summary.gone.length)
    lines.push(
      summary.pruned
        ? `removed ${summary.gone.length} item(s) no longer in the checklist:`
        : `kept ${summary.gone.length} item(s) no longer in the checklist (pass --prune to remove them):`,
    )
  for (const g of summary.gone) lines.push(`  - ${g.id}: "${g.title}" in ${g.phase}`)
  for (const p of summary.phasesRemoved) lines.push(`phase ${p.id}: removed, "${p.title}"`)
  return lines
}
