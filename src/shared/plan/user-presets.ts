import type { PresetCatalog } from '../presets/catalog'
import { UserPresetSchema, type UserPreset } from '../presets/format'
import type { Plan } from './schema'

/** The preset ids a plan's probes name. */
export function presetIds(plan: Plan): string[] {
  return plan.phases.flatMap((p) =>
    p.items.flatMap((i) => (i.probe?.kind === 'preset' ? [i.probe.preset] : [])),
  )
}

/**
 * The plan with the user presets its probes use folded in as `userPresets`, the way a role's
 * `signersFile` keys are folded into its `signers`: the plan hash then covers the preset files'
 * contents, so a preset edited after a session started makes a different plan. Only user presets
 * (a built-in one is GoNoGo's own, fixed by its version), only those a probe uses, sorted by id
 * and without their file's path (the same preset read from another folder is the same plan).
 * Without any, the plan is returned unchanged and keeps the hash it always had.
 */
export function withUserPresets(plan: Plan, catalog: PresetCatalog): Plan {
  const used = new Set(presetIds(plan))
  const userPresets: UserPreset[] = catalog.presets
    .filter((p) => !p.origin.builtin && used.has(p.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ origin: _origin, ...definition }) => UserPresetSchema.parse(definition))
  return userPresets.length > 0 ? { ...plan, userPresets } : plan
}

/**
 * The catalog a plan carrying its user presets runs against: the built-in presets with the
 * plan's own over them. A session's plan holds its presets as they were when it started, so a
 * reopened session runs them without reading (possibly edited) preset files.
 */
export function catalogOfPlan(plan: Plan, builtin: PresetCatalog): PresetCatalog {
  const own = plan.userPresets ?? []
  if (own.length === 0) return builtin
  const ids = new Set(own.map((p) => p.id))
  return {
    presets: [
      ...builtin.presets.filter((p) => !ids.has(p.id)),
      ...own.map((p) => ({ ...p, origin: { file: `plan "${plan.name}"`, builtin: false } })),
    ],
    overridden: own.filter((p) => p.override).map((p) => p.id),
  }
}
