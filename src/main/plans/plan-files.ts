import { basename, dirname, extname, resolve } from 'node:path'
import type { ImportMap, ImportOptions } from '../../shared/import/checklist'
import type { SourceError } from '../../shared/plan/errors'
import { parseAllowedSigners } from '../../shared/plan/allowed-signers'
import { loadPlanText, planHash, type LoadedPlan, type LoadOptions } from '../../shared/plan/load'
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

/** An allowed_signers file is a few lines; anything bigger is a mistake. */
const MAX_SIGNERS_BYTES = 256 * 1024

/**
 * Each role's `signersFile` (OpenSSH allowed_signers, relative to the plan) read and its keys
 * merged into the role's `signers`, in file order after the inline ones: the loaded plan carries
 * the resolved keys, so the plan hash, the session and the record all cover who may sign.
 */
async function resolveSigners(loaded: LoadedPlan): Promise<FileLoadResult> {
  const errors: SourceError[] = []
  const roles = await Promise.all(
    loaded.plan.roles.map(async (role, r) => {
      if (typeof role === 'string' || role.signersFile === undefined) return role
      const file = resolve(dirname(loaded.file), role.signersFile)
      const read = await readTextFile(file, MAX_SIGNERS_BYTES)
      if (!read.ok) {
        errors.push(
          ...read.errors.map((e) => ({ ...e, path: `roles[${r}].signersFile`, file: e.file })),
        )
        return role
      }
      const parsed = parseAllowedSigners(read.text)
      for (const e of parsed.errors)
        errors.push({ file, line: e.line, path: `roles[${r}].signersFile`, message: e.message })
      const lines = read.text.split(/\r?\n/)
      const signers = [...(role.signers ?? [])]
      for (const line of parsed.lines) {
        const text = lines[line.line - 1]!.trim()
        if (!signers.includes(text)) signers.push(text)
      }
      if (parsed.lines.length === 0 && parsed.errors.length === 0)
        errors.push({
          file,
          path: `roles[${r}].signersFile`,
          message: `names no signer: a role "${role.name}" pinned to an empty file could never be signed`,
        })
      if ((role.quorum ?? 1) > signers.length && signers.length > 0)
        errors.push({
          file: loaded.file,
          path: `roles[${r}].quorum`,
          message: `quorum ${role.quorum} needs at least ${role.quorum} pinned signers; ${signers.length} are pinned`,
        })
      return { ...role, signers }
    }),
  )
  if (errors.length > 0) return { ok: false, errors }
  const plan = { ...loaded.plan, roles }
  return { ok: true, value: { ...loaded, plan, hash: planHash(plan), warnings: [] } }
}

/**
 * Load a plan file (YAML/JSON), with the preset files it names and any given on the command line,
 * and its roles' signers files.
 */
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
    return result.ok ? resolveSigners(result.value) : result
  }
  const presets = await presetSource({
    plan: { file: path, text: read.text },
    ...(presetPaths && { paths: presetPaths }),
  })
  if (!presets.ok) return presets
  const result = loadPlanText(read.text, path, { ...loadOptions, presets: presets.source })
  if (!result.ok) return result
  const resolved = await resolveSigners(result.value)
  if (!resolved.ok) return resolved
  // A user preset standing in for a built-in one is allowed only when it says so, and then said.
  const warnings = (result.value.presets?.overridden ?? []).map(
    (id) => `preset ${id}: a user preset file overrides the built-in one`,
  )
  return { ok: true, value: { ...resolved.value, warnings } }
}

/** A plan that arrived without a file has nothing to resolve a signers file against. */
function withoutSignersFiles(result: FileLoadResult): FileLoadResult {
  if (!result.ok) return result
  const at = result.value.plan.roles.findIndex((r) => typeof r !== 'string' && r.signersFile)
  return at < 0
    ? result
    : {
        ok: false,
        errors: [
          {
            file: result.value.file,
            path: `roles[${at}].signersFile`,
            message: 'a signers file is read relative to the plan: open the plan from its file',
          },
        ],
      }
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
  return { ...(await importChecklistText(read.text, path, options)), text: read.text }
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
  return withoutSignersFiles(
    result.ok ? { ok: true, value: { ...result.value, warnings: [] } } : result,
  )
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
