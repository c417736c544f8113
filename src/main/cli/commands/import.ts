import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import type { ImportOptions } from '../../../shared/import/checklist'
import { formatExplain } from '../../../shared/import/explain'
import { formatSourceError } from '../../../shared/plan/errors'
import { importChecklistFile } from '../../plans/plan-files'
import { EXIT, UsageError, type CliIo } from '../io'
import { importIntoPlan } from './import-into'

export const importHelp = `gonogo import FILE [-o plan.yaml] [--json] [--explain]
             [--item-column NAME] [--owner-column NAME] [--include FROM-TO]...
  Turn a Markdown or plain-text launch checklist into a plan. YAML goes to stdout (or -o FILE);
  --json prints the plan as JSON. What was left out or repaired is reported on stderr.
  --explain prints where every source line went (an item, notes, roles, or left out and why)
  instead of the plan (with -o the plan is still written); with --json it prints
  {"plan", "map", "warnings"}. --item-column / --owner-column name a table's item and owner
  columns; --include 40-52 imports left-out lines 40 to 52 as items.
gonogo import FILE --into PLAN [--prune] [--suggest [--min-confidence X]] [-o OUT] [--json]
  Merge a changed checklist into the plan made from it: items matched by id, then by title, keep
  their probes, owners, notes and vars; new items arrive in their phase; items gone from the
  checklist are listed and removed only with --prune. PLAN is edited in place (or written to -o)
  only where something changed, comments and key order kept. --json prints the summary as JSON.
  --suggest gives new items their drafted probe (as \`gonogo suggest\` drafts it) and declares the
  vars and credentials it needs, vars without values; --min-confidence (0..1) leaves out weaker
  drafts.`

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      into: { type: 'string' },
      prune: { type: 'boolean' },
      suggest: { type: 'boolean' },
      'min-confidence': { type: 'string' },
      explain: { type: 'boolean' },
      'item-column': { type: 'string' },
      'owner-column': { type: 'string' },
      include: { type: 'string', multiple: true },
    },
  })
  if (positionals.length !== 1) throw new UsageError('import takes exactly one checklist FILE')
  const file = positionals[0] ?? ''
  const min = values['min-confidence'] === undefined ? undefined : Number(values['min-confidence'])
  if (min !== undefined && !(min >= 0 && min <= 1))
    throw new UsageError(
      `--min-confidence must be a number from 0 to 1, got "${values['min-confidence']}"`,
    )
  if (min !== undefined && !values.suggest)
    throw new UsageError('--min-confidence goes with --suggest')
  if (values.into !== undefined)
    return importIntoPlan(
      file,
      values.into,
      {
        prune: values.prune === true,
        output: values.output,
        json: values.json === true,
        suggest: values.suggest === true,
        ...(min !== undefined && { minConfidence: min }),
      },
      io,
    )
  if (values.prune) throw new UsageError('--prune applies only with --into PLAN')
  if (values.suggest)
    throw new UsageError(
      '--suggest applies only with --into PLAN (`gonogo suggest FILE` drafts a checklist)',
    )
  const options: ImportOptions = {
    ...(values['item-column'] ? { itemColumn: values['item-column'] } : {}),
    ...(values['owner-column'] ? { ownerColumn: values['owner-column'] } : {}),
    ...(values.include ? { include: values.include.map(parseRange) } : {}),
  }
  const result = await importChecklistFile(file, options)
  if (!result.ok) {
    if (values.explain && result.map && result.text !== undefined) {
      io.out(
        values.json
          ? JSON.stringify({ plan: null, map: result.map, warnings: [] }, null, 2) + '\n'
          : formatExplain(result.map, result.text),
      )
    }
    for (const e of result.errors) io.err(formatSourceError(e) + '\n')
    return EXIT.usage
  }
  for (const w of result.value.warnings) io.err(`note: ${w}\n`)
  const plan = result.value.plan
  const text = values.json ? JSON.stringify(plan, null, 2) + '\n' : (result.yaml ?? '')
  if (values.output) {
    await writeFile(values.output, text)
    const items = plan.phases.reduce((n, p) => n + p.items.length, 0)
    io.err(
      `wrote ${values.output}: ${plan.phases.length} phases, ${items} items, plan hash ${result.value.hash}\n`,
    )
  }
  if (values.explain && result.map) {
    io.out(
      values.json
        ? JSON.stringify({ plan, map: result.map, warnings: result.value.warnings }, null, 2) + '\n'
        : formatExplain(result.map, result.text ?? ''),
    )
  } else if (!values.output) {
    io.out(text)
  }
  return EXIT.ok
}

/** "40-52" or "40" → a source line range. */
function parseRange(text: string): { from: number; to: number } {
  const m = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(text.trim())
  if (!m) throw new UsageError(`--include expects FROM-TO line numbers, got "${text}"`)
  const from = Number(m[1])
  const to = Number(m[2] ?? m[1])
  if (from < 1 || to < from) throw new UsageError(`--include range "${text}" is empty`)
  return { from, to }
}
