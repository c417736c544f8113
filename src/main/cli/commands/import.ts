import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { formatSourceError } from '../../../shared/plan/errors'
import { importChecklistFile } from '../../plans/plan-files'
import { EXIT, UsageError, type CliIo } from '../io'

export const importHelp = `gonogo import FILE [-o plan.yaml] [--json]
  Turn a Markdown or plain-text launch checklist into a plan. YAML goes to stdout (or -o FILE);
  --json prints the plan as JSON. What was left out or repaired is reported on stderr.`

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, json: { type: 'boolean' } },
  })
  if (positionals.length !== 1) throw new UsageError('import takes exactly one checklist FILE')
  const file = positionals[0] ?? ''
  const result = await importChecklistFile(file)
  if (!result.ok) {
    for (const e of result.errors) io.err(formatSourceError(e) + '\n')
    return EXIT.usage
  }
  for (const w of result.value.warnings) io.err(`note: ${w}\n`)
  const text = values.json ? JSON.stringify(result.value.plan, null, 2) + '\n' : (result.yaml ?? '')
  if (values.output) {
    await writeFile(values.output, text)
    const items = result.value.plan.phases.reduce((n, p) => n + p.items.length, 0)
    io.err(
      `wrote ${values.output}: ${result.value.plan.phases.length} phases, ${items} items, plan hash ${result.value.hash}\n`,
    )
  } else {
    io.out(text)
  }
  return EXIT.ok
}
