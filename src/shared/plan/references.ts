import type { PathSegment } from './errors'
import type { Plan } from './schema'

/** `${vars.name}` and `${secrets.name}` placeholders inside plan strings. */
const PLACEHOLDER_RE = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_-]+)\s*\}/g

export interface Reference {
  scope: string
  name: string
  path: PathSegment[]
}

export function placeholdersIn(text: string): Array<{ scope: string; name: string }> {
  // Most strings have none; this runs for every URL and header of every probe run.
  if (!text.includes('${')) return []
  return [...text.matchAll(PLACEHOLDER_RE)].map((m) => ({ scope: m[1] ?? '', name: m[2] ?? '' }))
}

/** Every placeholder in every string below `value`, with the path of the string holding it. */
export function collectReferences(value: unknown, path: PathSegment[] = []): Reference[] {
  if (typeof value === 'string') {
    return placeholdersIn(value).map((p) => ({ ...p, path }))
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => collectReferences(v, [...path, i]))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => collectReferences(v, [...path, k]))
  }
  return []
}

/** Replace `${vars.x}` with values; other scopes (secrets) are left for the engine to resolve. */
export function interpolateVars(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER_RE, (whole, scope: string, name: string) =>
    scope === 'vars' && Object.hasOwn(vars, name) ? (vars[name] ?? '') : whole,
  )
}

/** Names a plan may use as `${vars.x}` at a given place: declared vars plus earlier flow captures. */
export function flowCaptures(plan: Plan, phase: number, item: number, step: number): string[] {
  const probe = plan.phases[phase]?.items[item]?.probe
  if (probe?.kind !== 'flow') return []
  return probe.steps.slice(0, step).flatMap((s) => Object.keys(s.capture))
}
