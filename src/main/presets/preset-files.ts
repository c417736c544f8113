import { existsSync, readdirSync, readFileSync } from 'node:fs'
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
const byProvider = new Map<string, PresetCatalog>()
const builtinDir = () => join(findResourcesDir(), 'presets')

function checked(files: { file: string; text: string }[]): PresetCatalog {
  const result = catalogFromFiles(files, true)
  if (!result.ok)
    throw new Error(
      `built-in presets are invalid: ${result.errors.slice(0, 5).map(formatSourceError).join('; ')}`,
    )
  return result.catalog
}

/**
 * All of GoNoGo's own presets (resources/presets/*.yaml), read and checked once, on first use,
 * and installed as the default for plan loading. A broken built-in file is a packaging defect: it
 * throws with the file:line:column of the first problems.
 */
export function builtinCatalog(dir = builtinDir()): PresetCatalog {
  if (builtin) return builtin
  builtin = checked(
    readdirSync(dir)
      .filter(isPresetFile)
      .sort()
      .map((name) => ({ file: join(dir, name), text: readFileSync(join(dir, name), 'utf8') })),
  )
  installBuiltinPresets(builtin)
  return builtin
}

/**
 * The built-in presets of the providers these ids name, and nothing else: each provider's presets
 * are in the file named for its id prefix (`github.rulesets` → github.yaml), so a plan pays for
 * parsing only the providers it uses. Unknown prefixes add nothing.
 */
export function builtinPresetsFor(ids: readonly string[], dir = builtinDir()): PresetCatalog {
  if (builtin) return builtin
  const providers = [...new Set(ids.map((id) => id.split('.')[0] ?? ''))].filter((p) =>
    /^[a-z0-9-]+$/.test(p),
  )
  const presets = providers.flatMap((provider) => {
    let catalog = byProvider.get(provider)
    if (!catalog) {
      const file = join(dir, `${provider}.yaml`)
      catalog = existsSync(file)
        ? checked([{ file, text: readFileSync(file, 'utf8') }])
        : { presets: [], overridden: [] }
      byProvider.set(provider, catalog)
    }
    return catalog.presets
  })
  return { presets, overridden: [] }
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
 * The built-in presets plus the users' ones, as a source that gives the catalog for the preset ids
 * a plan names. Errors name the preset file's line and column, or the plan's `presets[i]` entry
 * when a named file cannot be read; a user preset shadowing a built-in one without
 * `override: true` is an error here already.
 */
export async function presetSource(
  sources: PresetSources = {},
): Promise<
  | { ok: true; source: (ids: readonly string[]) => PresetCatalog }
  | { ok: false; errors: SourceError[] }
> {
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
  if (wanted.length === 0) return { ok: true, source: (ids) => builtinPresetsFor(ids) }
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
  const userIds = user.catalog.presets.map((p) => p.id)
  // The shadowing rule needs the built-ins of the user's own id prefixes.
  const shadow = withUserPresets(builtinPresetsFor(userIds), user.catalog)
  if (!shadow.ok) return shadow
  const overridden = shadow.catalog.overridden
  return {
    ok: true,
    source: (ids) => {
      const merged = withUserPresets(builtinPresetsFor([...ids, ...userIds]), user.catalog)
      return merged.ok ? merged.catalog : { presets: user.catalog.presets, overridden }
    },
  }
}

/** The whole catalog (every built-in preset and the users'), for listings. */
export async function presetCatalog(
  sources: PresetSources = {},
): Promise<{ ok: true; catalog: PresetCatalog } | { ok: false; errors: SourceError[] }> {
  const all = builtinCatalog()
  const found = await presetSource(sources)
  if (!found.ok) return found
  return { ok: true, catalog: found.source(all.presets.map((p) => p.id)) }
}
