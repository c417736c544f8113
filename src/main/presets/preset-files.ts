import { readdirSync, readFileSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { dirname, extname, join, resolve } from 'node:path'
import { formatSourceError, type SourceError } from '../../shared/plan/errors'
import {
  installBuiltinPresets,
  withUserPresets,
  type PresetCatalog,
} from '../../shared/presets/catalog'
import { catalogFromFiles } from '../../shared/presets/files'
import { MAX_PRESET_FILE_BYTES } from '../../shared/presets/parse'
import { planPresetPaths } from '../../shared/presets/plan-presets'
import { readTextFile } from '../plans/read-text'
import { findResourcesDir } from '../resources'

const PRESET_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])
const isPresetFile = (name: string) => PRESET_EXTENSIONS.has(extname(name).toLowerCase())

let builtin: PresetCatalog | undefined

/**
 * GoNoGo's own presets (resources/presets/*.yaml), read and checked once, on first use, and
 * installed as the default for plan loading. A broken built-in file is a packaging defect: it
 * throws with the file:line:column of the first problems.
 */
export function builtinCatalog(dir = join(findResourcesDir(), 'presets')): PresetCatalog {
  if (builtin) return builtin
  const files = readdirSync(dir)
    .filter(isPresetFile)
    .sort()
    .map((name) => ({ file: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }))
  const result = catalogFromFiles(files, true)
  if (!result.ok)
    throw new Error(
      `built-in presets are invalid: ${result.errors.slice(0, 5).map(formatSourceError).join('; ')}`,
    )
  builtin = result.catalog
  installBuiltinPresets(builtin)
  return builtin
}

/** The preset files a path stands for: the file itself, or a folder's *.yaml/*.yml/*.json. */
async function expand(path: string): Promise<string[] | SourceError> {
  try {
    const info = await stat(path)
    if (!info.isDirectory()) return [path]
    return (await readdir(path))
      .filter(isPresetFile)
      .sort()
      .map((name) => join(path, name))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return {
      file: path,
      path: '',
      message:
        code === 'ENOENT' ? 'no such preset file or folder' : `cannot read (${code ?? 'error'})`,
    }
  }
}

/** Where user presets come from: a plan's `presets:` (relative to it) and --presets paths. */
export interface PresetSources {
  /** Paths as given on the command line (relative to the working directory). */
  paths?: readonly string[]
  /** The plan's own `presets:` entries, with where the plan names them. */
  plan?: { file: string; text: string }
}

/**
 * The built-in presets plus the users' ones. Errors name the preset file's line and column, or the
 * plan's `presets[i]` entry when a named file cannot be read.
 */
export async function presetCatalog(
  sources: PresetSources = {},
): Promise<{ ok: true; catalog: PresetCatalog } | { ok: false; errors: SourceError[] }> {
  const base = builtinCatalog()
  const wanted: { path: string; given: string; from?: SourceError }[] = (sources.paths ?? []).map(
    (p) => ({ path: p, given: p }),
  )
  if (sources.plan)
    for (const ref of planPresetPaths(sources.plan.text))
      wanted.push({
        path: join(dirname(sources.plan.file), ref.path),
        given: ref.path,
        from: {
          file: sources.plan.file,
          ...(ref.line !== undefined && { line: ref.line, column: ref.column ?? 1 }),
          path: `presets[${ref.index}]`,
          message: '',
        },
      })
  if (wanted.length === 0) return { ok: true, catalog: base }
  const errors: SourceError[] = []
  const files: { file: string; text: string }[] = []
  const seen = new Set<string>()
  for (const { path, given, from } of wanted) {
    const found = await expand(path)
    if (!Array.isArray(found)) {
      errors.push(
        from ? { ...from, message: `${found.message}: ${given}` } : { ...found, file: given },
      )
      continue
    }
    for (const file of found) {
      if (seen.has(resolve(file))) continue
      seen.add(resolve(file))
      const read = await readTextFile(file, MAX_PRESET_FILE_BYTES)
      if (read.ok) files.push({ file, text: read.text })
      else errors.push(...read.errors)
    }
  }
  // Every problem at once: unreadable files and the readable files' own errors.
  const user = catalogFromFiles(files, false)
  if (!user.ok) return { ok: false, errors: [...errors, ...user.errors] }
  if (errors.length > 0) return { ok: false, errors }
  return withUserPresets(base, user.catalog)
}
