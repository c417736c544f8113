import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { formatSourceError } from '../../../shared/plan/errors'
import { importChecklistFile } from '../../plans/plan-files'
import { EXIT, UsageError, type CliIo } from '../io'
import { importIntoPlan } from './import-into'

export const importHelp = `gonogo import FILE [-o plan.yaml] [--json]
  Turn a Markdown or plain-text launch checklist into a plan. YAML goes to stdout (or -o FILE);
  --json prints the plan as JSON. What was left out or repaired is reported on stderr.
gonogo import FILE --into PLAN [--prune] [-o OUT] [--json]
  Merge a changed checklist into the plan made from it: items matched by id, then by title, keep
  their probes, owners, notes and vars; new items arrive in their phase; items gone from the
  checklist are listed and removed only with --prune. PLAN is edited in place (or written to -o)
  only where something changed, comments and key order kept. --json prints the summary as JSON.`

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      into: { type: 'string' },
      prune: { type: 'boolean' },
    },
  })
  if (positionals.length !== 1) throw new UsageError('import takes exactly one checklist FILE')
  const file = positionals[0] ?? ''
  if (values.into !== undefined)
    return importIntoPlan(
      file,
      values.into,
      { prune: values.prune === true, output: values.output, json: values.json === true },
      io,
    )
  if (values.prune) throw new UsageError('--prune applies only with --into PLAN')
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
