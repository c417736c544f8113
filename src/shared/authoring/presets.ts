import type { PresetInfo } from '../ipc-authoring'
import type { PresetCatalog, PresetDefinition } from '../presets/catalog'

/**
 * The presets a plan may name while it is edited: every built-in one and the plan's own (which
 * win over a built-in of the same id, as loading allows only with `override: true`).
 */
export function authoringCatalog(
  builtin: PresetCatalog,
  own: PresetCatalog | undefined,
): PresetCatalog {
  if (!own) return builtin
  const ids = new Set(own.presets.map((p) => p.id))
  return {
    presets: [...builtin.presets.filter((p) => !ids.has(p.id)), ...own.presets],
    overridden: [...new Set([...builtin.overridden, ...own.overridden])],
  }
}

/** A preset as the probe editor's picker shows it. */
export function presetInfo(p: PresetDefinition): PresetInfo {
  return {
    id: p.id,
    provider: p.provider,
    title: p.title,
    help: p.help,
    permission: p.permission,
    credentialKinds: [...p.credentialKinds],
    builtin: p.origin.builtin,
    params: Object.entries(p.params).map(([name, spec]) => ({
      name,
      type: spec.type,
      required: spec.required,
      description: spec.description,
      ...(spec.default !== undefined && {
        default: Array.isArray(spec.default) ? [...spec.default] : spec.default,
      }),
      ...(spec.values !== undefined && { values: [...spec.values] }),
      ...(spec.pattern !== undefined && { pattern: spec.pattern }),
    })),
  }
}
