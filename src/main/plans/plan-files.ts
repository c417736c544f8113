import { basename, extname } from 'node:path'
import { importChecklist } from '../../shared/import/checklist'
import type { SourceError } from '../../shared/plan/errors'
import { loadPlanText, type LoadedPlan, type LoadOptions } from '../../shared/plan/load'
import { stringify } from 'yaml'
import { builtinPresetsFor, presetSource } from '../presets/preset-files'
import { readTextFile } from './read-text'

export { readTextFile } from './read-text'

export type FileLoadResult =
  { ok: true; value: LoadedPlan & { warnings: string[] } } | { ok: false; errors: SourceError[] }

const PLAN_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])

export function isPlanFile(path: string): boolean {
  return PLAN_EXTENSIONS.has(extname(path).toLowerCase())
}

export interface PlanFileOptions extends LoadOptions {
  /** `--presets PATH`: preset files or folders beside the plan's own `presets:`. */
  presetPaths?: readonly string[]
}

/** Load a plan file (YAML/JSON), with the preset files it names and any given on the command line. */
export async function loadPlanFile(
  path: string,
  options: PlanFileOptions = {},
): Promise<FileLoadResult> {
  const read = await readTextFile(path)
  if (!read.ok) return read
  const { presetPaths, ...loadOptions } = options
  // A plan that names no preset needs no catalog: reading the preset files is skipped.
  if (!presetPaths?.length && !read.text.includes('preset')) {
    const result = loadPlanText(read.text, path, loadOptions)
    return result.ok ? { ok: true, value: { ...result.value, warnings: [] } } : result
  }
  const presets = await presetSource({
    plan: { file: path, text: read.text },
    ...(presetPaths && { paths: presetPaths }),
  })
  if (!presets.ok) return presets
  const result = loadPlanText(read.text, path, { ...loadOptions, presets: presets.source })
  if (!result.ok) return result
  // A user preset standing in for a built-in one is allowed only when it says so, and then said.
  const warnings = (result.value.presets?.overridden ?? []).map(
    (id) => `preset ${id}: a user preset file overrides the built-in one`,
  )
  return { ok: true, value: { ...result.value, warnings } }
}

/** Import a Markdown / plain-text checklist's text and load the plan it becomes. */
export function importChecklistText(
  text: string,
  path: string,
): FileLoadResult & { yaml?: string } {
  const imported = importChecklist(text, basename(path))
  if (!imported.ok) return { ok: false, errors: imported.errors.map((e) => ({ ...e, file: path })) }
  const yaml = stringify(imported.plan, { lineWidth: 0 })
  const loaded = loadPlanText(yaml, path, { presets: (ids) => builtinPresetsFor(ids) })
  if (!loaded.ok) return loaded
  return { ok: true, value: { ...loaded.value, warnings: imported.warnings }, yaml }
}

/** Import a Markdown / plain-text checklist file and load the plan it becomes. */
export async function importChecklistFile(
  path: string,
): Promise<FileLoadResult & { yaml?: string }> {
  const read = await readTextFile(path)
  if (!read.ok) return read
  return importChecklistText(read.text, path)
}

/**
 * Text that arrived without a file (dropped onto the window): a plan if its name says YAML or JSON,
 * otherwise a checklist to import. `name` stands in for the path in every error.
 */
export function openPlanOrChecklistText(text: string, name: string): FileLoadResult {
  if (!isPlanFile(name)) return importChecklistText(text, name)
  // Text without a folder has no preset files beside it: the built-in presets only.
  const result = loadPlanText(text, name, { presets: (ids) => builtinPresetsFor(ids) })
  return result.ok ? { ok: true, value: { ...result.value, warnings: [] } } : result
}

/** Plans load as plans; anything else (Markdown, text) goes through the checklist importer. */
export async function openPlanOrChecklist(
  path: string,
  options: PlanFileOptions = {},
): Promise<FileLoadResult> {
  return isPlanFile(path) ? loadPlanFile(path, options) : importChecklistFile(path)
}
