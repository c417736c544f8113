import type { SourceError } from '../plan/errors'
import { presetError, presetWhere, type PresetCatalog } from './catalog'
import type { PresetDefinition } from './format'
import { parsePresetFile } from './parse'

/** A catalog of the files' presets; a duplicate id across files is an error at its preset. */
export function catalogFromFiles(
  files: readonly { file: string; text: string }[],
  builtin: boolean,
): { ok: true; catalog: PresetCatalog } | { ok: false; errors: SourceError[] } {
  const presets: PresetDefinition[] = []
  const errors: SourceError[] = []
  for (const { file, text } of files) {
    const parsed = parsePresetFile(text, file, builtin)
    if (!parsed.ok) {
      errors.push(...parsed.errors)
      continue
    }
    for (const preset of parsed.presets) {
      const prior = presets.find((p) => p.id === preset.id)
      if (prior)
        errors.push(
          presetError(preset, `duplicate preset id "${preset.id}" (also ${presetWhere(prior)})`),
        )
      else presets.push(preset)
    }
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, catalog: { presets, overridden: [] } }
}
