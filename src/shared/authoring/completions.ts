import { CONDITION_VARIABLES, type ConditionVariable } from '../conditions/compile'
import type { ProbeKind } from '../plan/probes'

export const MAX_COMPLETIONS = 500
const MAX_DEPTH = 4
const MAX_NAME = 200

/** The condition context names each probe kind fills (the others are null when it runs). */
const KIND_VARIABLES: Record<ProbeKind, readonly ConditionVariable[]> = {
  http: ['status', 'headers', 'body', 'text', 'timing', 'items', 'vars', 'now'],
  flow: ['status', 'headers', 'body', 'text', 'timing', 'vars', 'steps', 'now'],
  headers: ['status', 'headers', 'findings', 'timing', 'vars', 'now'],
  tls: ['cert', 'vars', 'now'],
  dns: ['dns', 'vars', 'now'],
  latency: ['latency', 'vars', 'now'],
  metric: ['metric', 'vars', 'now'],
  preset: ['status', 'headers', 'body', 'text', 'timing', 'items', 'vars', 'steps', 'now'],
}

/** What the last response offered: its status, header names and (parsed JSON) body. */
export interface ResponseShape {
  status?: number
  headers?: Readonly<Record<string, string>>
  body?: unknown
}

/** A name that can be written as `a.b` in CEL; others would need `a["b-c"]`, still offered so. */
function member(base: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`
}

/**
 * Names a condition may use after this response, for autocompletion: the context variables the
 * kind fills, `headers.<name>`, and `body.<path>` from the JSON keys (depth ≤ 4). Names only,
 * never values; at most 500.
 */
export function conditionCompletions(
  kind: ProbeKind,
  response: ResponseShape | undefined,
): string[] {
  const out = new Set<string>(KIND_VARIABLES[kind].filter((v) => v in CONDITION_VARIABLES))
  const add = (name: string) => {
    if (out.size < MAX_COMPLETIONS && name.length <= MAX_NAME) out.add(name)
  }
  for (const name of Object.keys(response?.headers ?? {}))
    add(member('headers', name.toLowerCase()))
  const walk = (value: unknown, base: string, depth: number) => {
    if (
      depth > MAX_DEPTH ||
      out.size >= MAX_COMPLETIONS ||
      value === null ||
      typeof value !== 'object'
    )
      return
    if (Array.isArray(value)) {
      if (value.length > 0) {
        add(`${base}[0]`)
        walk(value[0], `${base}[0]`, depth + 1)
      }
      return
    }
    for (const [key, inner] of Object.entries(value)) {
      const name = member(base, key)
      add(name)
      walk(inner, name, depth + 1)
    }
  }
  walk(response?.body, 'body', 1)
  return [...out]
}

/** A body excerpt as JSON when it parses (a truncated one does not: then no body names). */
export function parseBody(excerpt: string | undefined): unknown {
  if (excerpt === undefined) return undefined
  try {
    return JSON.parse(excerpt) as unknown
  } catch {
    return undefined
  }
}
