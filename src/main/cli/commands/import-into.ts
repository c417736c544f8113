import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { formatSourceError } from '../../../shared/plan/errors'
import { describeMerge, mergeChecklistIntoPlan } from '../../plans/merge-into'
import { EXIT, type CliIo } from '../io'

/**
 * `gonogo import FILE --into PLAN [--prune] [--suggest [--min-confidence X]] [-o OUT] [--json]`: merge a changed checklist into the
 * plan made from it. The plan is rewritten only where something changed, through a temporary file
 * renamed over it, so a failed write never leaves half a plan.
 */
export async function importIntoPlan(
  checklist: string,
  plan: string,
  options: {
    prune: boolean
    output?: string
    json: boolean
    suggest: boolean
    minConfidence?: number
  },
  io: CliIo,
): Promise<number> {
  const result = await mergeChecklistIntoPlan(checklist, plan, {
    prune: options.prune,
    suggest: options.suggest,
    ...(options.minConfidence !== undefined && { minConfidence: options.minConfidence }),
  })
  if (!result.ok) {
    for (const e of result.errors) io.err(formatSourceError(e) + '\n')
    return EXIT.usage
  }
  for (const w of result.warnings) io.err(`note: ${w}\n`)
  const target = options.output ?? plan
  if (result.changed || options.output !== undefined) {
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(temp, result.text)
      await rename(temp, target)
    } finally {
      await rm(temp, { force: true })
    }
  }
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          plan: target,
          changed: result.changed,
          hash: result.hash,
          ...result.summary,
          ...(options.suggest && { drafted: result.drafted, declared: result.declared }),
        },
        null,
        2,
      ) + '\n',
    )
    return EXIT.ok
  }
  for (const line of describeMerge(result.summary)) io.err(line + '\n')
  if (options.suggest) {
    io.err(`drafted ${result.drafted.length} probe(s) for new items:\n`)
    for (const d of result.drafted)
      io.err(
        `  + ${d.item}: ${d.rule} (confidence ${d.confidence.toFixed(2)}) because "${d.because}"\n`,
      )
    const { vars, credentials } = result.declared
    const names = [...vars.map((v) => `vars.${v}`), ...credentials.map((c) => `credential ${c}`)]
    if (names.length > 0)
      io.err(`declared ${names.join(', ')}: \`gonogo validate\` lists what is left to fill in\n`)
  }
  io.err(
    result.changed
      ? `wrote ${target}: plan hash ${result.hash}\n`
      : `${plan} already matches ${checklist}${options.output !== undefined ? `; copied to ${target}` : ''}: nothing changed\n`,
  )
  return EXIT.ok
}
