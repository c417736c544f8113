import { z } from 'zod'
import { PresetFileSchema } from '../src/shared/presets/format'

/** JSON Schema of the preset file format, for editor autocompletion (resources/preset.schema.json). */
export function presetJsonSchema(): string {
  const schema = z.toJSONSchema(PresetFileSchema, { io: 'input', unrepresentable: 'any' })
  return (
    JSON.stringify(
      { ...schema, $id: 'https://gonogo.dev/preset.schema.json', title: 'GoNoGo preset file' },
      null,
      2,
    ) + '\n'
  )
}
