import { readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { ImportMap, ImportOptions } from '../../shared/import/checklist'
import type { SourceError } from '../../shared/plan/errors'
import {
  loadPlanText,
  MAX_PLAN_BYTES,
  type LoadedPlan,
  type LoadOptions,
} from '../../shared/plan/load'
import { stringify } from 'yaml'

export type FileLoadResult =
  { ok: true; value: LoadedPlan & { warnings: string[] } } | { ok: false; errors: SourceError[] }

const PLAN_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])

export function isPlanFile(path: string): boolean {
  return PLAN_EXTENSIONS.has(extname(path).toLowerCase())
}

/** Read a file as UTF-8 text with a size cap; failures become one positioned error, never a throw. */
export async function readTextFile(
  path: string,
  maxBytes = MAX_PLAN_BYTES,
): Promise<{ ok: true; text: string } | { ok: false; errors: SourceError[] }> {
  try {
    const info = await stat(path)
    if (info.isDirectory())
      return {
        ok: false,
        errors: [{ file: path, path: '', message: 'is a directory, expected a file' }],
      }
    if (info.size > maxBytes)
      return {
        ok: false,
        errors: [
          { file: path, path: '', message: `file is ${info.size} bytes; the limit is ${maxBytes}` },
        ],
      }
    return { ok: true, text: await readFile(path, 'utf8') }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const message =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot read the file (${code ?? 'unknown error'})`
    return { ok: false, errors: [{ file: path, path: '', message }] }
  }
}

/** Load a plan file (YAML/JSON). */
export async function loadPlanFile(
  path: string,
  options: LoadOptions = {},
): Promise<FileLoadResult> {
  const read = await readTextFile(path)
  if (!read.ok) return read
  const result = loadPlanText(read.text, path, options)
  return result.ok ? { ok: true, value: { ...result.value, warnings: [] } } : result
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
  const loaded = loadPlanText(yaml, path)
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
  const result = loadPlanText(text, name)
  return result.ok ? { ok: true, value: { ...result.value, warnings: [] } } : result
}

/** Plans load as plans; anything else (Markdown, text) goes through the checklist importer. */
export async function openPlanOrChecklist(
  path: string,
  options: LoadOptions = {},
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
