import { parseArgs } from 'node:util'
import { formatSourceError } from '../../../shared/plan/errors'
import type { PresetCatalog, PresetDefinition } from '../../../shared/presets/catalog'
import { describePreset, presetSummary } from '../../../shared/presets/describe'
import { readTextFile } from '../../plans/read-text'
import { presetCatalog } from '../../presets/preset-files'
import { EXIT, UsageError, type CliIo } from '../io'

export const presetsHelp = `gonogo presets list|show ID [--presets PATH ...] [--plan PLAN] [--json]
  The presets a plan may use: GoNoGo's own (resources/presets) and those of preset files given with
  --presets or named by the plan's \`presets:\`. list: one line each; show ID: what it checks, its
  params, least permission, API version, when its shape was last checked and against what.
  A user preset that overrides a built-in one is marked (override).`

export async function presetsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      presets: { type: 'string', multiple: true },
      plan: { type: 'string' },
      json: { type: 'boolean' },
    },
  })
  const [sub, id, ...extra] = positionals
  if (sub !== 'list' && sub !== 'show')
    throw new UsageError(
      sub ? `unknown presets command "${sub}"` : 'expected `presets list` or `presets show ID`',
    )
  if (sub === 'show' && !id) throw new UsageError('presets show takes a preset ID')
  if (extra.length > 0 || (sub === 'list' && id)) throw new UsageError('too many arguments')
  let plan: { file: string; text: string } | undefined
  if (values.plan) {
    const read = await readTextFile(values.plan)
    if (!read.ok) {
      for (const e of read.errors) io.err(formatSourceError(e) + '\n')
      return EXIT.usage
    }
    plan = { file: values.plan, text: read.text }
  }
  const loaded = await presetCatalog({
    ...(values.presets && { paths: values.presets }),
    ...(plan && { plan }),
  })
  if (!loaded.ok) {
    for (const e of loaded.errors) io.err(formatSourceError(e) + '\n')
    return EXIT.usage
  }
  const catalog = loaded.catalog
  if (sub === 'list') return list(catalog, values.json ?? false, io)
  const preset = catalog.presets.find((p) => p.id === id)
  if (!preset) {
    io.err(`gonogo presets: no preset "${id ?? ''}" (\`gonogo presets list\` shows them)\n`)
    return EXIT.usage
  }
  const overrides = catalog.overridden.includes(preset.id)
  if (values.json) io.out(JSON.stringify({ ...jsonOf(preset), overrides }, null, 2) + '\n')
  else io.out(describePreset(preset, overrides) + '\n')
  return EXIT.ok
}

function list(catalog: PresetCatalog, json: boolean, io: CliIo): number {
  if (json) {
    io.out(
      JSON.stringify(
        catalog.presets.map((p) => ({
          ...presetSummary(p),
          overrides: catalog.overridden.includes(p.id),
        })),
        null,
        2,
      ) + '\n',
    )
    return EXIT.ok
  }
  const width = Math.max(...catalog.presets.map((p) => p.id.length))
  for (const p of catalog.presets) {
    const mark = catalog.overridden.includes(p.id)
      ? ' (override)'
      : p.origin.builtin
        ? ''
        : ' (user)'
    io.out(`${p.id.padEnd(width)}  ${p.title}${mark}\n`)
  }
  return EXIT.ok
}

/** The definition as JSON, with where it came from. */
function jsonOf(p: PresetDefinition): Record<string, unknown> {
  const { commonHeaders, ...rest } = p
  return { ...rest, ...(Object.keys(commonHeaders).length > 0 && { headers: commonHeaders }) }
}
