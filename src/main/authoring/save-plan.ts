import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { stringify } from 'yaml'
import { loadWorkingCopy, type WorkingCopy } from '../../shared/authoring/working-copy'
import { loadPlanText } from '../../shared/plan/load'
import { PlanSchema, type PlanInput } from '../../shared/plan/schema'
import { loadPlanFile, type FileLoadResult } from '../plans/plan-files'
import { STRINGIFY } from '../plans/merge-yaml'
import type { HandlerDeps } from '../ipc/handlers'
import type { AuthoringSession } from './authoring-session'
import { editPlanYaml } from './yaml-edit'

type Loaded = Extract<FileLoadResult, { ok: true }>['value']

export type SaveOutcome =
  | { ok: true; file: string; text: string; loaded: Loaded; copy: WorkingCopy }
  | { ok: false; cancelled: boolean; message: string }

const failed = (message: string): SaveOutcome => ({ ok: false, cancelled: false, message })

/**
 * The text to write: the YAML the plan came from with only the edits spliced in, or (a checklist,
 * a JSON plan, text without a file) a fresh YAML document of the working copy. Either way it must
 * load to the working copy's hash before anything is written.
 */
export function planText(
  authoring: AuthoringSession,
  copy: WorkingCopy,
  hash: string,
): { ok: true; text: string } | { ok: false; message: string } {
  let text: string
  if (authoring.sourceText === undefined) text = stringify(inSchemaOrder(copy.plan), STRINGIFY)
  else {
    const edited = editPlanYaml(authoring.sourceText, copy.plan, copy.edited)
    if (!edited.ok)
      return {
        ok: false,
        message: `cannot edit ${authoring.sourceName} in place: ${edited.message}`,
      }
    text = edited.text
  }
  const loaded = loadPlanText(text, authoring.sourceName, { presets: authoring.catalog })
  if (!loaded.ok)
    return {
      ok: false,
      message: `the plan as it would be saved does not load (nothing was written): ${loaded.errors[0]?.path}: ${loaded.errors[0]?.message}`,
    }
  // A role's signers file is read only from disk: then the written file's hash is the check.
  const signersFiles = (copy.plan.roles ?? []).some((r) => typeof r === 'object' && r.signersFile)
  if (!signersFiles && loaded.value.hash !== hash)
    return {
      ok: false,
      message:
        'the plan as it would be saved has another hash than the one shown (nothing was written)',
    }
  return { ok: true, text }
}

/** Files a plan names relative to itself: its preset files and its roles' signers files. */
function filesNamed(plan: PlanInput): string[] {
  const roles = (plan.roles ?? []).flatMap((r) =>
    typeof r === 'object' && r.signersFile !== undefined ? [r.signersFile] : [],
  )
  return [...(plan.presets ?? []), ...roles]
}

/** A plan's top-level keys in the order the schema (and every plan file) has them. */
function inSchemaOrder(plan: PlanInput): PlanInput {
  const order = Object.keys(PlanSchema.shape)
  const entries = Object.entries(plan).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
  return Object.fromEntries(entries) as PlanInput
}

/** Write the working copy where the user chooses (native dialog), atomically, then reload it. */
export async function savePlan(
  authoring: AuthoringSession,
  chooseSaveFile: HandlerDeps['chooseSaveFile'],
): Promise<SaveOutcome> {
  // What is saved is the copy as it is now; edits made while the dialog is open stay unsaved.
  const copy = authoring.copy
  const working = loadWorkingCopy(copy, authoring.sourceName, authoring.catalog)
  if (!working.ok)
    return failed(
      `the plan being edited does not load, so it was not saved: ${working.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    )
  const hash = working.value.hash
  const text = planText(authoring, copy, hash)
  if (!text.ok) return failed(text.message)
  const path = await chooseSaveFile(authoring.defaultSaveName(), 'plan', authoring.saveDirectory())
  if (!path) return { ok: false, cancelled: true, message: 'not saved' }
  const relative = filesNamed(copy.plan)
  if (relative.length > 0 && dirname(path) !== dirname(authoring.savedFile ?? authoring.file))
    return failed(
      `the plan names files relative to its folder (${relative.join(', ')}): save it in the folder it came from, or it would not load`,
    )
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temp, text.text, { encoding: 'utf8', flag: 'wx', mode: 0o644 })
    await rename(temp, path)
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined)
    const code = (e as NodeJS.ErrnoException).code
    return failed(
      `could not write ${basename(path)}: ${code === 'EACCES' ? 'permission denied' : (code ?? 'write failed')}`,
    )
  }
  const reloaded = await loadPlanFile(path)
  if (!reloaded.ok)
    return failed(
      `${basename(path)} was written but does not load back: ${reloaded.errors[0]?.path}: ${reloaded.errors[0]?.message}`,
    )
  if (reloaded.value.hash !== hash)
    return failed(
      `${basename(path)} was written but loads with plan hash ${reloaded.value.hash.slice(0, 12)}…, not the ${hash.slice(0, 12)}… shown: do not use it`,
    )
  return { ok: true, file: path, text: text.text, loaded: reloaded.value, copy }
}
