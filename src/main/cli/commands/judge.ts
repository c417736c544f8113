import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import {
  compareSamples,
  DEFAULT_COMPARE,
  formatNumber,
  formatPValue,
  mean,
  median,
  type Direction,
} from '../../../shared/canary/stats'
import { EXIT, UsageError, type CliIo } from '../io'

export const judgeHelp = `gonogo judge --baseline FILE --canary FILE [--direction increase|decrease|either] [--allowed-effect X] [--min-samples N] [--confidence C] [--json]
  Compare two samples as a canary judge does: Mann-Whitney U (two-sided, asymptotic, tie and
  continuity corrected), the Hodges-Lehmann shift with its interval, and the classification
  (High, Low, Pass, or Insufficient with fewer than --min-samples per side, default 20).
  Each FILE holds a JSON array of numbers. --allowed-effect 0.1 tolerates a significant change of
  the mean up to 10% of the baseline's (default 0). Exit 0 on Pass, 1 otherwise.`

const Samples = z.array(z.number())

async function readSamples(file: string, flag: string): Promise<number[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    throw new UsageError(
      `${flag} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    )
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${(e as Error).message})`)
  }
  const parsed = Samples.safeParse(value)
  if (!parsed.success) {
    if (!Array.isArray(value)) throw new UsageError(`${file}: expected a JSON array of numbers`)
    const bad = value.findIndex((v) => typeof v !== 'number')
    throw new UsageError(
      `${file}: item ${bad} is ${JSON.stringify(value[bad])}, expected a number (JSON has no NaN or Infinity)`,
    )
  }
  return parsed.data
}

function numberFlag(value: string | undefined, flag: string, check: (n: number) => boolean) {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new UsageError(`${flag}: "${value}" is not valid here`)
  return n
}

export async function judgeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      baseline: { type: 'string' },
      canary: { type: 'string' },
      direction: { type: 'string' },
      'allowed-effect': { type: 'string' },
      'min-samples': { type: 'string' },
      confidence: { type: 'string' },
      json: { type: 'boolean' },
    },
  })
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
  if (!values.baseline || !values.canary)
    throw new UsageError('give both --baseline FILE and --canary FILE')
  const direction = (values.direction ?? 'increase') as Direction
  if (!['increase', 'decrease', 'either'].includes(direction))
    throw new UsageError(`--direction must be increase, decrease or either, got "${direction}"`)
  const allowedEffect = numberFlag(values['allowed-effect'], '--allowed-effect', (n) => n >= 0)
  const minSamples = numberFlag(
    values['min-samples'],
    '--min-samples',
    (n) => Number.isInteger(n) && n >= 1,
  )
  const confidence = numberFlag(values.confidence, '--confidence', (n) => n > 0.5 && n < 1)
  const [baseline, canary] = await Promise.all([
    readSamples(values.baseline, '--baseline'),
    readSamples(values.canary, '--canary'),
  ])
  const options = {
    direction,
    ...(allowedEffect !== undefined && { allowedEffect }),
    ...(minSamples !== undefined && { minSamples }),
    ...(confidence !== undefined && { confidence }),
  }
  const result = compareSamples(canary, baseline, options)
  const code = result.classification === 'Pass' ? EXIT.ok : EXIT.failed
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          classification: result.classification,
          reason: result.reason,
          canary: { count: canary.length, mean: mean(canary), median: median(canary) },
          baseline: { count: baseline.length, mean: mean(baseline), median: median(baseline) },
          options: { ...DEFAULT_COMPARE, ...options },
          ...(result.test && { u: result.test.u, p: result.test.p, z: result.test.z }),
          ...(result.shift && { hodgesLehmann: result.shift }),
          ...(result.relativeEffect !== undefined && {
            relativeEffect: Number.isFinite(result.relativeEffect)
              ? result.relativeEffect
              : 'Infinity',
          }),
        },
        null,
        2,
      ) + '\n',
    )
    return code
  }
  const side = (name: string, v: number[]) =>
    `${name.padEnd(9)}n=${v.length}${v.length ? `  mean ${formatNumber(mean(v))}  median ${formatNumber(median(v))}` : ''}`
  const lines = [side('canary', canary), side('baseline', baseline)]
  if (result.test)
    lines.push(
      `Mann-Whitney U = ${formatNumber(result.test.u)}, p = ${formatPValue(result.test.p)} (two-sided, asymptotic, tie and continuity corrected)`,
    )
  if (result.shift)
    lines.push(
      `Hodges-Lehmann shift = ${formatNumber(result.shift.estimate)}, ${Math.round(result.shift.confidence * 100)}% interval [${formatNumber(result.shift.lower)}, ${formatNumber(result.shift.upper)}]${result.shift.thinned ? ' (samples thinned)' : ''}`,
    )
  lines.push(`${result.classification}: ${result.reason}`)
  io.out(lines.join('\n') + '\n')
  return code
}
