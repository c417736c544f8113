import { readFile, stat } from 'node:fs/promises'
import { basename, dirname, extname, resolve } from 'node:path'
import { importChecklist } from '../../shared/import/checklist'
import type { SourceError } from '../../shared/plan/errors'
import { parseAllowedSigners } from '../../shared/plan/allowed-signers'
import {
  loadPlanText,
  planHash,
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

/** Load a plan file (YAML/JSON), with its roles' signers files. */
export async function loadPlanFile(
  path: string,
  options: LoadOptions = {},
): Promise<FileLoadResult> {
  const read = await readTextFile(path)
  if (!read.ok) return read
  const result = loadPlanText(read.text, path, options)
  return result.ok ? resolveSigners(result.value) : result
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

/** Import a Markdown / plain-text checklist's text and load the plan it becomes. */
export function importChecklistText(
  text: string,
  path: string,
): FileLoadResult & { yaml?: string } {
  const imported = importChecklist(text, basename(path))
  if (!imported.ok) return { ok: false, errors: imported.errors.map((e) => ({ ...e, file: path })) }
  const yaml = stringify(imported.plan, { lineWidth: 0 })
  const loaded = loadPlanText(yaml, path)
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
  const result = loadPlanText(text, name)
  return withoutSignersFiles(
    result.ok ? { ok: true, value: { ...result.value, warnings: [] } } : result,
  )
}

/** Plans load as plans; anything else (Markdown, text) goes through the checklist importer. */
export async function openPlanOrChecklist(
  path: string,
  options: LoadOptions = {},
): Promise<FileLoadResult> {
  return isPlanFile(path) ? loadPlanFile(path, options) : importChecklistFile(path)
}
