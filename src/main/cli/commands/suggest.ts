import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { parseDocument, stringify } from 'yaml'
import { applySuggestions } from '../../../shared/draft/apply'
import { draftPlan, type Suggestion } from '../../../shared/draft/plan'
import { missingText } from '../../../shared/draft/types'
import { formatSourceError } from '../../../shared/plan/errors'
import { loadPlanText } from '../../../shared/plan/load'
import { importChecklistText, isPlanFile, readTextFile } from '../../plans/plan-files'
import { builtinCatalog } from '../../presets/preset-files'
import { EXIT, UsageError, type CliIo } from '../io'

export const suggestHelp = `gonogo suggest FILE [--json] [--apply [--min-confidence X] [-o plan.yaml]]
  Draft live checks for the items of a plan or a checklist (imported first) from their words:
  one block per item with the probe, what is missing and the words that decided it.
  --json prints {"suggestions": [...]}. --apply writes the plan with the drafts attached (to -o
  FILE, else stdout), declaring missing vars (without defaults) and credentials, so that
  \`gonogo validate\` lists what is left to fill in. --min-confidence (0..1) leaves out weaker drafts.`

export async function suggestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      apply: { type: 'boolean' },
      'min-confidence': { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
  })
  if (positionals.length !== 1) throw new UsageError('suggest takes exactly one FILE')
  const file = positionals[0] ?? ''
  const min = values['min-confidence'] === undefined ? 0 : Number(values['min-confidence'])
  if (!Number.isFinite(min) || min < 0 || min > 1)
    throw new UsageError(
      `--min-confidence must be a number from 0 to 1, got "${values['min-confidence']}"`,
    )
  if (!values.apply && (values.output || values['min-confidence'] !== undefined))
    throw new UsageError('-o and --min-confidence go with --apply')

  // Drafting considers every built-in preset, so their files are all read (and installed).
  builtinCatalog()
  const read = await readTextFile(file)
  if (!read.ok) return fail(read.errors, io)
  let yamlText = read.text
  if (!isPlanFile(file)) {
    const imported = await importChecklistText(read.text, file)
    if (!imported.ok) return fail(imported.errors, io)
    for (const w of imported.value.warnings) io.err(`note: ${w}\n`)
    yamlText = imported.yaml ?? ''
  }
  const loaded = loadPlanText(yamlText, file)
  if (!loaded.ok) return fail(loaded.errors, io)
  const { plan } = loaded.value
  const drafted = draftPlan(plan)

  if (!values.apply) {
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            suggestions: drafted.suggestions.map(jsonSuggestion),
            ...(drafted.continuous && { continuous: drafted.continuous }),
          },
          null,
          2,
        ) + '\n',
      )
      return EXIT.ok
    }
    io.out(
      humanText(
        drafted.suggestions,
        plan.phases.reduce((n, p) => n + p.items.length, 0),
      ),
    )
    if (drafted.continuous)
      io.out(
        `\ncontinuous: "${drafted.continuous.because}" → gonogo check ${file} --every ${drafted.continuous.every}\n`,
      )
    return EXIT.ok
  }

  const doc = parseDocument(yamlText)
  const summary = applySuggestions(doc, plan, drafted, min)
  const text = doc.toString({ lineWidth: 0 })
  // What we write must load: a draft that breaks the plan is our bug, said plainly.
  const check = loadPlanText(text, values.output ?? file)
  if (!check.ok) return fail(check.errors, io)
  if (values.output) await writeFile(values.output, text)
  else io.out(text)
  const where = values.output ?? 'stdout'
  io.err(
    [
      `wrote ${where}: ${summary.attached.length} item(s) got a drafted check${summary.added.length ? `, ${summary.added.length} item(s) added for a second check or an acceptance line (${summary.added.join(', ')})` : ''}${summary.skipped ? `, ${summary.skipped} draft(s) below --min-confidence ${min} left out` : ''}`,
      summary.vars.length ? `vars to fill in: ${summary.vars.join(', ')}` : '',
      summary.credentials.length ? `credentials to provide: ${summary.credentials.join(', ')}` : '',
      summary.continuous
        ? `run it continuously: gonogo check ${where} --every ${summary.continuous}`
        : '',
      `next: gonogo validate ${where === 'stdout' ? 'PLAN' : where}`,
    ]
      .filter(Boolean)
      .join('\n') + '\n',
  )
  return EXIT.ok
}

function fail(errors: Parameters<typeof formatSourceError>[0][], io: CliIo): number {
  for (const e of errors) io.err(formatSourceError(e) + '\n')
  return EXIT.usage
}

function jsonSuggestion(s: Suggestion) {
  const d = s.draft
  return {
    item: s.item,
    title: s.title,
    phase: s.phase,
    rule: d.rule,
    ...(d.probe && { probe: d.probe }),
    ...(d.canary && { canary: d.canary }),
    missing: d.missing.map(missingText),
    because: d.because,
    confidence: d.confidence,
    ...(d.every && { every: d.every }),
    ...(d.covers && { covers: d.covers }),
    ...(d.notes && { notes: d.notes }),
    ...(s.criterion && { criterion: true }),
  }
}

function humanText(suggestions: Suggestion[], items: number): string {
  if (suggestions.length === 0)
    return `no drafts: none of the ${items} items names something to check live\n`
  const blocks = suggestions.map((s) => {
    const d = s.draft
    const body = stringify(d.probe ? { probe: d.probe } : { canary: d.canary }, { lineWidth: 0 })
    return [
      `${s.item} — ${s.title}`,
      `  ${d.rule} (confidence ${d.confidence.toFixed(2)})${d.covers ? `, covers ${d.covers.join(' → ')}` : ''}`,
      ...(s.criterion ? [`  new item: from the acceptance notes of phase ${s.phase}`] : []),
      `  because: "${d.because}"`,
      ...body
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
      ...d.missing.map((m) => `  missing: ${missingText(m)}`),
      ...(d.every ? [`  continuous: run with --every ${d.every}`] : []),
      ...(d.notes ? [`  notes: ${d.notes}`] : []),
    ].join('\n')
  })
  const drafted = new Set(suggestions.flatMap((s) => s.draft.covers ?? [s.item])).size
  return `${blocks.join('\n\n')}\n\n${suggestions.length} draft(s) for ${drafted} of ${items} items\n`
}
