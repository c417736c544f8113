import type { SourceError } from '../plan/errors'
import type { ParamValue, PresetDefinition } from './format'
import type { ParamValues } from './template'

export type { PresetDefinition } from './format'
export type PresetParams = Record<string, ParamValue>

/**
 * The presets a plan may use: GoNoGo's own (resources/presets, read by main at startup) and the
 * plan's or the command line's preset files. Plain data, so it crosses any boundary unchanged.
 */
export interface PresetCatalog {
  readonly presets: readonly PresetDefinition[]
  /** Ids of built-in presets a user file replaced with `override: true`. */
  readonly overridden: readonly string[]
}

/**
 * What plan loading takes: a catalog, or a function giving the catalog for the preset ids the plan
 * names (so main reads only the preset files a plan needs).
 */
export type PresetSource = PresetCatalog | ((ids: readonly string[]) => PresetCatalog)

export const EMPTY_CATALOG: PresetCatalog = { presets: [], overridden: [] }

let installed: PresetCatalog = EMPTY_CATALOG

/**
 * The built-in catalog that loading falls back on when a caller gives none. Main installs it once
 * at startup (src/main/presets/builtin.ts); until then it is empty.
 */
export function installBuiltinPresets(catalog: PresetCatalog): void {
  installed = catalog
}

export function defaultCatalog(): PresetCatalog {
  return installed
}

export function findPreset(
  id: string,
  catalog: PresetCatalog = installed,
): PresetDefinition | undefined {
  return catalog.presets.find((p) => p.id === id)
}

/**
 * Users' presets over the built-in ones. A user preset may not reuse a built-in id silently: it
 * must say `override: true`, and the catalog remembers it so listings show it. `override: true`
 * on an id that is not built in is an error too (it would hide a typo).
 */
export function withUserPresets(
  base: PresetCatalog,
  user: PresetCatalog,
): { ok: true; catalog: PresetCatalog } | { ok: false; errors: SourceError[] } {
  const errors: SourceError[] = []
  const overridden = [...base.overridden]
  for (const preset of user.presets) {
    const builtin = base.presets.find((p) => p.id === preset.id)
    if (builtin && !preset.override)
      errors.push(
        presetError(
          preset,
          `id "${preset.id}" is a built-in preset (${presetWhere(builtin)}): pick another id, or say override: true to replace it`,
        ),
      )
    else if (!builtin && preset.override)
      errors.push(
        presetError(preset, `override: true, but there is no built-in preset "${preset.id}"`),
      )
    else if (builtin) overridden.push(preset.id)
  }
  if (errors.length > 0) return { ok: false, errors }
  const ids = new Set(user.presets.map((p) => p.id))
  return {
    ok: true,
    catalog: {
      presets: [...base.presets.filter((p) => !ids.has(p.id)), ...user.presets],
      overridden,
    },
  }
}

export function presetError(preset: PresetDefinition, message: string): SourceError {
  return {
    file: preset.origin.file,
    ...(preset.origin.line !== undefined && { line: preset.origin.line, column: 1 }),
    path: 'id',
    message,
  }
}

export const presetWhere = (p: PresetDefinition) =>
  p.origin.line !== undefined ? `${p.origin.file}:${p.origin.line}` : p.origin.file

const VAR_REF = /\$\{vars\.[A-Za-z_][\w.-]*\}/

/**
 * Check a preset probe's params and complete them with defaults. Problems name the param: a
 * required one missing, a wrong type, a value outside the provider's enum, an unknown name.
 */
export function resolvePresetParams(
  preset: PresetDefinition,
  params: PresetParams,
): { ok: true; values: ParamValues } | { ok: false; problems: string[] } {
  const problems: string[] = []
  const values: ParamValues = {}
  for (const [name, spec] of Object.entries(preset.params)) {
    const value = params[name] ?? spec.default
    if (value === undefined) {
      if (spec.required) problems.push(`params.${name} is required (${spec.description})`)
      continue
    }
    const type = Array.isArray(value) ? 'list' : typeof value
    if (type !== spec.type) {
      problems.push(`params.${name} must be a ${spec.type} (${spec.description})`)
      continue
    }
    // A plan var (`${vars.github_repo}`, as drafts write) is checked by the provider when it runs.
    if (typeof value === 'string' && VAR_REF.test(value)) values[name] = value
    else if (typeof value === 'string' && spec.values && !spec.values.includes(value))
      problems.push(
        `params.${name} must be one of ${spec.values.join(', ')}, got ${JSON.stringify(value)}`,
      )
    else if (typeof value === 'string' && spec.pattern && !new RegExp(spec.pattern).test(value))
      problems.push(
        `params.${name} ${JSON.stringify(value)} does not look like ${spec.description}`,
      )
    else values[name] = value
  }
  for (const name of Object.keys(params))
    if (!(name in preset.params))
      problems.push(
        `params.${name} is not a parameter of ${preset.id} (it takes ${Object.keys(preset.params).join(', ') || 'none'})`,
      )
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values }
}

/** Backwards-compatible form: just the problems. */
export function checkPresetParams(preset: PresetDefinition, params: PresetParams): string[] {
  const r = resolvePresetParams(preset, params)
  return r.ok ? [] : r.problems
}

/** CEL literals, kept for code that writes conditions itself (the drafter). */
export const celString = (value: unknown): string => JSON.stringify(String(value))
export const celDouble = (value: unknown): string => {
  const n = Number(value)
  return Number.isInteger(n) ? `${n}.0` : String(n)
}
export const celList = (values: unknown): string =>
  `[${(Array.isArray(values) ? values : [values]).map(celString).join(', ')}]`
