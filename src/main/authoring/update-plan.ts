import { basename } from 'node:path'
import { z } from 'zod'
import type { UpdatePreviewSchema } from '../../shared/ipc-authoring'
import { mergeDrafter } from '../../shared/draft/merge-drafts'
import { applyMergeStepsToInput, updateChanges } from '../../shared/authoring/update'
import { createWorkingCopy, type WorkingCopy } from '../../shared/authoring/working-copy'
import { loadEdited, type EditResult } from '../../shared/authoring/set-check'
import { mergeChecklist, type MergeStep } from '../../shared/plan/merge'
import type { SourceError } from '../../shared/plan/errors'
import { describeMerge } from '../plans/merge-into'
import { applyMergeSteps } from '../plans/merge-yaml'
import { importChecklistText, readTextFile } from '../plans/plan-files'
import type { AuthoringSession } from './authoring-session'

type Preview = z.infer<typeof UpdatePreviewSchema>

export type PreviewOutcome =
  | { ok: true; preview: Preview }
  | { ok: false; cancelled: boolean; message: string; errors: SourceError[] }

/** The checklist to merge: picked in main's open dialog, or text the window already holds. */
export async function readChecklist(
  request: { source: 'dialog' } | { source: 'text'; name: string; text: string },
  chooseOpenFile: () => Promise<string | undefined>,
): Promise<{ ok: true; name: string; text: string } | Extract<PreviewOutcome, { ok: false }>> {
  if (request.source === 'text')
    return { ok: true, name: basename(request.name), text: request.text }
  const path = await chooseOpenFile()
  if (!path) return { ok: false, cancelled: true, message: 'no checklist chosen', errors: [] }
  const read = await readTextFile(path)
  if (!read.ok)
    return {
      ok: false,
      cancelled: false,
      message: `cannot read ${basename(path)}`,
      errors: read.errors,
    }
  return { ok: true, name: basename(path), text: read.text }
}

/**
 * Update from checklist…: what merging the checklist into the working copy would change (the
 * merge `gonogo import --into` does). Nothing changes until the preview's token is applied.
 */
export async function previewUpdate(
  authoring: AuthoringSession,
  checklist: { name: string; text: string },
): Promise<PreviewOutcome> {
  const imported = await importChecklistText(checklist.text, checklist.name)
  if (!imported.ok)
    return {
      ok: false,
      cancelled: false,
      message: `${checklist.name} does not import as a checklist`,
      errors: imported.errors.map((e) => ({ ...e, file: basename(e.file) })),
    }
  const current = authoring.load()
  if (!current.ok)
    return {
      ok: false,
      cancelled: false,
      message: 'the plan being edited does not load; fix its problems first',
      errors: current.errors,
    }
  const merge = mergeChecklist(current.plan, imported.value.plan, { prune: false })
  const token = authoring.nextUpdateToken()
  authoring.update = { token, checklist: imported.value.plan, checklistName: checklist.name, merge }
  return {
    ok: true,
    preview: {
      token,
      checklist: checklist.name,
      ...updateChanges(current.plan, merge),
      summary: describeMerge(merge.summary),
    },
  }
}

/**
 * Apply a previewed update: to the working copy, and to the YAML it came from (so a later save
 * still changes only what changed). `suggest`: new items get drafted probes and what those need
 * is declared, as `import --into --suggest` does. Without it they wait under Suggested checks with
 * their drafts, for review (what the window asks by default).
 */
export function applyUpdate(
  authoring: AuthoringSession,
  request: { token: string; prune: boolean; suggest: boolean },
): EditResult {
  const pending = authoring.update
  const refuse = (message: string): EditResult => ({
    ok: false,
    message,
    errors: [{ path: 'token', message }],
  })
  if (!pending || pending.token !== request.token)
    return refuse('that preview is no longer current: preview the update again')
  const current = authoring.load()
  if (!current.ok) return refuse('the plan being edited does not load; fix its problems first')
  const drafter = request.suggest ? mergeDrafter(current.plan, pending.checklist) : undefined
  const { steps } = mergeChecklist(current.plan, pending.checklist, {
    prune: request.prune,
    ...(drafter && { draft: drafter.draft }),
  })
  const declared = drafter?.declarations() ?? { vars: {}, credentials: {} }
  const all: MergeStep[] = [
    ...steps,
    ...(['vars', 'credentials'] as const).map((section) => ({
      op: 'declare' as const,
      section,
      entries: declared[section],
    })),
  ]
  let sourceText = authoring.sourceText
  if (sourceText !== undefined) {
    const edited = applyMergeSteps(sourceText, authoring.sourceName, all)
    if (!edited.ok)
      return {
        ok: false,
        message: `${authoring.sourceName} cannot take the update in place: ${edited.errors[0]?.message ?? 'unknown problem'}`,
        errors: edited.errors.map((e) => ({ path: e.path, message: e.message })),
      }
    sourceText = edited.text
  }
  const plan = applyMergeStepsToInput(authoring.copy.plan, all)
  const next: WorkingCopy = { ...authoring.copy, plan }
  const result = loadEdited(next, authoring.catalog, authoring.sourceName)
  if (!result.ok) return result
  // New items without a check get drafts, as if the plan had been opened with them.
  const fresh = createWorkingCopy(result.loaded.plan).suggestions
  const known = new Set(authoring.copy.plan.phases.flatMap((p) => p.items.map((i) => i.id)))
  const suggestions = { ...result.copy.suggestions }
  for (const [id, s] of Object.entries(fresh)) if (!known.has(id)) suggestions[id] = s
  authoring.sourceText = sourceText
  authoring.update = undefined
  return { ...result, copy: { ...result.copy, suggestions } }
}
