import { compileCondition, type CompiledCondition } from '../../shared/conditions/compile'
import {
  evaluateCondition,
  evaluateValue,
  PreparedContext,
  type ConditionContext,
  type ConditionOutcome,
} from '../../shared/conditions/evaluate'
import { ProbeFailure } from './failures'

const cache = new Map<string, CompiledCondition>()

/** Compile once per expression (plans are checked at load, so this fails only for unchecked input). */
export function compiled(source: string): CompiledCondition {
  let condition = cache.get(source)
  if (!condition) {
    const result = compileCondition(source)
    if (!result.ok)
      throw new ProbeFailure(
        `condition ${JSON.stringify(source)} does not compile: ${result.message}`,
      )
    condition = result.condition
    if (cache.size > 10_000) cache.clear()
    cache.set(source, condition)
  }
  return condition
}

export function checkConditions(
  sources: readonly string[],
  context: ConditionContext,
): ConditionOutcome[] {
  if (sources.length === 0) return []
  // One complete context for all of a probe's conditions.
  const prepared = new PreparedContext(context)
  return sources.map((source) => evaluateCondition(compiled(source), prepared))
}

/** A flow capture: the expression's value as a string, or a failure naming what was missing. */
export function captureValue(name: string, source: string, context: ConditionContext): string {
  const result = evaluateValue(compiled(source), context)
  if (!result.ok) throw new ProbeFailure(`capture ${name}: ${result.reason}`)
  const value = result.value
  if (value === null || value === undefined)
    throw new ProbeFailure(`capture ${name}: ${source} is null`)
  if (typeof value === 'string') return value
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean')
    return String(value)
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))
}

/** The reason of a failed set of conditions: the first failure, and how many more there are. */
export function conditionsReason(outcomes: readonly ConditionOutcome[]): string | undefined {
  const failed = outcomes.filter((o) => !o.pass)
  if (failed.length === 0) return undefined
  const first = failed[0]?.actual ?? failed[0]?.expression ?? ''
  return failed.length > 1
    ? `${first} (and ${failed.length - 1} more failed condition${failed.length > 2 ? 's' : ''})`
    : first
}
