import { serialize, type ASTNode } from '@marcbachmann/cel-js'
import { conditionEnvironment, type CompiledCondition, type ConditionVariable } from './compile'

/** What a probe saw, as conditions see it. Absent parts are null (or empty). */
export type ConditionContext = Partial<Record<ConditionVariable, unknown>>

export interface ConditionOutcome {
  expression: string
  pass: boolean
  /**
   * The actual values compared, e.g. `body.checks.migrations.pending == 0 → 3 == 0`: always on
   * failure, and for a comparison that held.
   */
  actual?: string
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in'])
const ACCESSES = new Set(['.', '[]', 'id'])

/** A context made complete once, for evaluating several conditions over the same observation. */
export class PreparedContext {
  readonly values: Record<string, unknown>
  constructor(context: ConditionContext) {
    this.values = fullContext(context)
  }
}

/**
 * Everything a condition may name, with neutral values for what this probe kind does not fill.
 * One object literal (not a loop over the names), so every context has the same fast shape.
 */
export function fullContext(partial: ConditionContext): Record<ConditionVariable, unknown> {
  return {
    status: typeof partial.status === 'number' ? BigInt(Math.trunc(partial.status)) : 0n,
    headers: partial.headers ?? {},
    body: partial.body ?? null,
    text: partial.text ?? '',
    timing: partial.timing ?? null,
    cert: partial.cert ?? null,
    dns: partial.dns ?? null,
    latency: partial.latency ?? null,
    metric: partial.metric ?? null,
    findings: partial.findings ?? null,
    items: partial.items ?? null,
    vars: partial.vars ?? {},
    steps: partial.steps ?? null,
    now: partial.now instanceof Date ? partial.now : new Date(),
  }
}

/**
 * Evaluate a compiled condition. Never throws: a missing field, a type mismatch or a non-boolean
 * result is a failed outcome that says what was wrong and what was actually there.
 */
export function evaluateCondition(
  condition: CompiledCondition,
  context: ConditionContext | PreparedContext,
): ConditionOutcome {
  const ctx = context instanceof PreparedContext ? context.values : fullContext(context)
  const expression = condition.source
  let value: unknown
  try {
    value = condition.program(ctx)
  } catch (e) {
    return { expression, pass: false, actual: explainError(condition.program.ast, ctx, e) }
  }
  if (value === true) {
    // A comparison that held still shows what it compared: how close to the line it was.
    const compared = comparedValues(condition.program.ast, ctx)
    return compared ? { expression, pass: true, actual: compared } : { expression, pass: true }
  }
  if (typeof value !== 'boolean')
    return {
      expression,
      pass: false,
      actual: `${expression} gives ${formatValue(value)}, not true or false`,
    }
  return { expression, pass: false, actual: explainFalse(condition.program.ast, ctx) }
}

type Evaluated = { ok: true; value: unknown } | { ok: false; error: string }

/** Evaluate an expression for its value (flow captures); a failure says what was missing. */
export function evaluateValue(
  condition: CompiledCondition,
  context: ConditionContext,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  const ctx = fullContext(context)
  try {
    return { ok: true, value: condition.program(ctx) as unknown }
  } catch (e) {
    return { ok: false, reason: explainError(condition.program.ast, ctx, e) }
  }
}

function evaluateNode(node: ASTNode, ctx: Record<string, unknown>): Evaluated {
  try {
    return { ok: true, value: conditionEnvironment().evaluate(serialize(node), ctx) as unknown }
  } catch (e) {
    return {
      ok: false,
      error: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e),
    }
  }
}

type Program = ReturnType<ReturnType<typeof conditionEnvironment>['parse']>

/** A top-level comparison, prepared once per AST node (compiled conditions are cached by source). */
interface Comparison {
  text: string
  left: Program
  right: Program
}
const comparisons = new WeakMap<ASTNode, Comparison | null>()

function comparisonOf(node: ASTNode): Comparison | null {
  let comparison = comparisons.get(node)
  if (comparison === undefined) {
    comparison = null
    if (COMPARISONS.has(node.op)) {
      const [left, right] = node.args as [ASTNode, ASTNode]
      try {
        const env = conditionEnvironment()
        comparison = {
          text: serialize(node),
          left: env.parse(serialize(left)),
          right: env.parse(serialize(right)),
        }
      } catch {
        // an operand that does not parse on its own: show the expression without values
      }
    }
    comparisons.set(node, comparison)
  }
  return comparison
}

/** `latency.p95 < 250.0 → 37.2 < 250.0` for a top-level comparison; undefined otherwise. */
function comparedValues(node: ASTNode, ctx: Record<string, unknown>): string | undefined {
  const comparison = comparisonOf(node)
  if (!comparison) return undefined
  let left: unknown
  let right: unknown
  try {
    left = comparison.left(ctx)
    right = comparison.right(ctx)
  } catch {
    return undefined
  }
  return `${comparison.text} → ${formatValue(left)} ${node.op} ${formatValue(right)}`
}

/** Why a condition that evaluated to false is false, in terms of the values it compared. */
function explainFalse(node: ASTNode, ctx: Record<string, unknown>): string {
  const text = serialize(node)
  if (COMPARISONS.has(node.op)) {
    const [left, right] = node.args as [ASTNode, ASTNode]
    const l = evaluateNode(left, ctx)
    const r = evaluateNode(right, ctx)
    if (l.ok && r.ok) return `${text} → ${formatValue(l.value)} ${node.op} ${formatValue(r.value)}`
    return text
  }
  if (node.op === '&&') {
    const parts = (node.args as [ASTNode, ASTNode]).filter((a) => {
      const v = evaluateNode(a, ctx)
      return !(v.ok && v.value === true)
    })
    return parts.map((p) => explainFalse(p, ctx)).join('; ')
  }
  if (node.op === '||')
    return (node.args as [ASTNode, ASTNode]).map((a) => explainFalse(a, ctx)).join(' and ')
  if (node.op === '!_') return `${text} → ${serialize(node.args as ASTNode)} is true`
  const seen = valuesInside(node, ctx)
  return seen.length > 0 ? `${text} is false, where ${seen.join(', ')}` : `${text} is false`
}

/** Why evaluation failed: a missing field named precisely, or the evaluator's own reason. */
function explainError(root: ASTNode, ctx: Record<string, unknown>, error: unknown): string {
  const missing = findMissing(root, ctx)
  if (missing) return missing
  const message =
    error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error)
  const seen = valuesInside(root, ctx)
  return `${serialize(root)} cannot be evaluated: ${message}${seen.length ? ` (${seen.join(', ')})` : ''}`
}

/** The innermost field or index access that does not exist, as "body.checks has no field db". */
function findMissing(node: ASTNode, ctx: Record<string, unknown>): string | undefined {
  for (const child of children(node)) {
    const inner = findMissing(child, ctx)
    if (inner) return inner
  }
  if (node.op === '.') {
    const [operand, field] = node.args as [ASTNode, string]
    const base = evaluateNode(operand, ctx)
    if (!base.ok) return undefined
    if (base.value === null || base.value === undefined)
      return `${serialize(operand)} is null, so it has no field ${field}`
    if (typeof base.value !== 'object')
      return `${serialize(operand)} is ${formatValue(base.value)}, which has no fields`
    if (!hasKey(base.value, field)) return `${serialize(operand)} has no field ${field}`
  }
  if (node.op === '[]') {
    const [operand, index] = node.args as [ASTNode, ASTNode]
    const base = evaluateNode(operand, ctx)
    const key = evaluateNode(index, ctx)
    if (!base.ok || !key.ok) return undefined
    if (Array.isArray(base.value)) {
      const i = Number(key.value)
      if (!(i >= 0 && i < base.value.length))
        return `${serialize(operand)} has no index ${formatValue(key.value)} (it has ${base.value.length} elements)`
    } else if (base.value === null || base.value === undefined) {
      return `${serialize(operand)} is null, so it has no key ${formatValue(key.value)}`
    } else if (typeof base.value === 'object' && !hasKey(base.value, String(key.value))) {
      return `${serialize(operand)} has no key ${formatValue(key.value)}`
    }
  }
  return undefined
}

function hasKey(value: object, key: string): boolean {
  return value instanceof Map ? value.has(key) : Object.hasOwn(value, key)
}

function children(node: ASTNode): ASTNode[] {
  const args = node.args as unknown
  const isNode = (x: unknown): x is ASTNode =>
    typeof x === 'object' && x !== null && 'op' in x && 'args' in x
  if (isNode(args)) return [args]
  if (!Array.isArray(args)) return []
  return args.flatMap((a: unknown) => (isNode(a) ? [a] : Array.isArray(a) ? a.filter(isNode) : []))
}

/** Values of the field paths inside an expression (`body.ok = false`), to show what was seen. */
function valuesInside(node: ASTNode, ctx: Record<string, unknown>, out: string[] = []): string[] {
  if (ACCESSES.has(node.op)) {
    const v = evaluateNode(node, ctx)
    if (v.ok) out.push(`${serialize(node)} = ${formatValue(v.value)}`)
    return out
  }
  for (const child of children(node)) valuesInside(child, ctx, out)
  return out.slice(0, 5)
}

const MAX_SHOWN = 120

/** A value the way a person reads it: strings quoted, ints without a suffix, long values cut. */
export function formatValue(value: unknown): string {
  let text: string
  if (typeof value === 'bigint' || typeof value === 'boolean' || value === null)
    text = String(value)
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : 'null'
  else if (typeof value === 'string') text = JSON.stringify(value)
  else if (value === undefined) text = 'nothing'
  else {
    try {
      text =
        JSON.stringify(value, (_k, v: unknown) =>
          typeof v === 'bigint' ? Number(v) : v instanceof Map ? Object.fromEntries(v) : v,
        ) ?? String(value)
    } catch {
      text = String(value)
    }
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}
