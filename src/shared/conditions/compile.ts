import { Environment, type ParseResult } from '@marcbachmann/cel-js'

/**
 * Probe conditions are CEL expressions over a documented, typed context. Every variable a
 * condition may use is declared here; anything else is a plan error when the plan loads.
 */
export const CONDITION_VARIABLES = {
  status: { type: 'int', doc: 'HTTP status code of the (last) response' },
  headers: { type: 'map<string, string>', doc: 'response headers, names lower-cased' },
  body: { type: 'dyn', doc: 'response body: parsed JSON when the response is JSON, else the text' },
  text: { type: 'string', doc: 'response body as text (capped)' },
  timing: { type: 'dyn', doc: 'dns, connect, tls, ttfb, total in ms' },
  cert: { type: 'dyn', doc: 'days_left, issuer, subject, san, protocol, authorized, host_match' },
  dns: { type: 'dyn', doc: 'records (list of strings), by_resolver (map resolver → records)' },
  latency: { type: 'dyn', doc: 'p50, p95, p99, max, mean (ms), error_rate (0..1), count, errors' },
  metric: { type: 'dyn', doc: 'value (number) and series of a metrics query' },
  findings: { type: 'dyn', doc: 'headers probe: list of policy findings (empty when all good)' },
  items: {
    type: 'dyn',
    doc: 'http probes with paginate: the items of every page, in order (null otherwise)',
  },
  vars: { type: 'map<string, string>', doc: 'plan vars and flow captures' },
  steps: { type: 'dyn', doc: 'flow: results of earlier steps by step id (status, headers, body)' },
  now: {
    type: 'google.protobuf.Timestamp',
    doc: 'when the condition is evaluated, e.g. timestamp(body.updated_at) > now - duration("36h")',
  },
} as const

export type ConditionVariable = keyof typeof CONDITION_VARIABLES

function makeEnvironment(): Environment {
  const env = new Environment({
    unlistedVariablesAreDyn: false,
    // JSON data mixes types freely; literals in conditions may too.
    homogeneousAggregateLiterals: false,
    limits: { maxAstNodes: 2000, maxDepth: 64 },
  })
  for (const [name, { type }] of Object.entries(CONDITION_VARIABLES))
    env.registerVariable(name, type)
  return env
}

let shared: Environment | undefined
/** One environment for all conditions (registration is the costly part; parsing is cheap). */
export function conditionEnvironment(): Environment {
  shared ??= makeEnvironment()
  return shared
}

export interface CompiledCondition {
  source: string
  program: ParseResult
}

export type CompileResult =
  | { ok: true; condition: CompiledCondition }
  | {
      ok: false
      message: string
      /** 0-based offset of the problem in the expression */ offset: number
    }

/** Parse and type-check a condition; a syntax or type error comes back with its offset. */
export function compileCondition(source: string): CompileResult {
  try {
    const program = conditionEnvironment().parse(source)
    const checked = program.check()
    if (!checked.valid) {
      const error = checked.error
      return {
        ok: false,
        message: firstLine(error?.message ?? 'invalid condition'),
        offset: offsetOf(error),
      }
    }
    return { ok: true, condition: { source, program } }
  } catch (e) {
    return {
      ok: false,
      message: firstLine(e instanceof Error ? e.message : String(e)),
      offset: offsetOf(e),
    }
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim()
}

function offsetOf(error: unknown): number {
  const e = error as
    { node?: { start?: number; pos?: number }; range?: { start?: number } } | undefined
  return e?.node?.start ?? e?.node?.pos ?? e?.range?.start ?? 0
}
