import { basename, extname } from 'node:path'
import type { ImportMap, ImportOptions } from '../../shared/import/checklist'
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

/**
 * Import a Markdown / plain-text checklist's text and load the plan it becomes. The importer (and
 * markdown-it) is loaded on first use: opening a YAML plan, as `gonogo validate` does, never needs it.
 */
export async function importChecklistText(
  text: string,
  path: string,
  options: ImportOptions = {},
): Promise<FileLoadResult & { yaml?: string; map?: ImportMap }> {
  const { importChecklist } = await import('../../shared/import/checklist')
  const imported = importChecklist(text, basename(path), options)
  if (!imported.ok)
    return {
      ok: false,
      errors: imported.errors.map((e) => ({ ...e, file: path })),
      ...(imported.map ? { map: imported.map } : {}),
    }
  const yaml = stringify(imported.plan, { lineWidth: 0 })
  const loaded = loadPlanText(yaml, path, { presets: (ids) => builtinPresetsFor(ids) })
  if (!loaded.ok) return loaded
  return {
    ok: true,
    value: { ...loaded.value, warnings: imported.warnings },
    yaml,
    map: imported.map,
  }
}

/** Import a Markdown / plain-text checklist file and load the plan it becomes. */
export async function importChecklistFile(
  path: string,
  options: ImportOptions = {},
): Promise<FileLoadResult & { yaml?: string; map?: ImportMap; text?: string }> {
  const read = await readTextFile(path)
  if (!read.ok) return read
  return { ...importChecklistText(read.text, path, options), text: read.text }
}

/**
 * Text that arrived without a file (dropped onto the window): a plan if its name says YAML or JSON,
 * otherwise a checklist to import. `name` stands in for the path in every error.
 */
export async function openPlanOrChecklistText(
  text: string,
  name: string,
  include?: ImportOptions['include'],
): Promise<FileLoadResult> {
  if (!isPlanFile(name)) return importChecklistText(text, name, include ? { include } : {})
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

export interface ChecklistPreview {
  name: string
  text: string
  counts: ImportMap['counts']
  leftOut: ImportMap['leftOut']
  warnings: string[]
  errors: SourceError[]
}

/** What importing a checklist's text gives, without opening it: for the window's import preview. */
export async function previewChecklistText(
  text: string,
  name: string,
  include?: ImportOptions['include'],
): Promise<ChecklistPreview> {
  if (isPlanFile(name))
    return {
      name,
      text,
      counts: { phases: 0, items: 0, roles: 0 },
      leftOut: [],
      warnings: [],
      errors: [
        { file: name, path: '', message: 'this is a plan, not a checklist: open it as a plan' },
      ],
    }
  const { importChecklist } = await import('../../shared/import/checklist')
  const imported = importChecklist(text, name, include ? { include } : {})
  const map = imported.map
  return {
    name,
    text,
    counts: map?.counts ?? { phases: 0, items: 0, roles: 0 },
    leftOut: map?.leftOut ?? [],
    warnings: imported.ok ? imported.warnings : [],
    errors: imported.ok ? [] : imported.errors,
  }
}

/** The same for a file the user picked. */
export async function previewChecklistFile(
  path: string,
): Promise<{ ok: true; preview: ChecklistPreview } | { ok: false; errors: SourceError[] }> {
  const read = await readTextFile(path)
  if (!read.ok) return read
  return { ok: true, preview: await previewChecklistText(read.text, basename(path)) }
}
