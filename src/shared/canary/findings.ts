import { compileCondition } from '../conditions/compile'
import { parseDuration } from '../plan/duration'
import type { PathSegment } from '../plan/errors'
import type { CanarySpec } from './spec'

// Kept apart from the spec's schema: a session replays plans through the schema alone, and
// should not load the CEL compiler to do it.

export interface SpecFinding {
  path: PathSegment[]
  message: string
}

/** Plan-load checks that need more than the schema: unique metric ids, CEL that compiles. */
export function canaryFindings(spec: CanarySpec, base: PathSegment[]): SpecFinding[] {
  const findings: SpecFinding[] = []
  const ids = new Set<string>()
  spec.metrics.forEach((metric, i) => {
    const at = [...base, 'metrics', i]
    if (ids.has(metric.id))
      findings.push({ path: [...at, 'id'], message: `duplicate metric id "${metric.id}"` })
    ids.add(metric.id)
    if (spec.source.type === 'json') {
      if (metric.query)
        findings.push({
          path: [...at, 'query'],
          message: 'a json source extracts with canary/baseline (CEL over body), not query',
        })
      for (const side of ['canary', 'baseline'] as const) {
        const source = metric[side]
        if (source === undefined) continue
        const compiled = compileCondition(source)
        if (!compiled.ok)
          findings.push({
            path: [...at, side],
            message: `expression does not compile: ${compiled.message} (at character ${compiled.offset + 1} of ${JSON.stringify(source)})`,
          })
      }
    }
  })
  const step = spec.analysis.step ? parseDuration(spec.analysis.step) : undefined
  if (step !== undefined && step < 1000)
    findings.push({ path: [...base, 'analysis', 'step'], message: 'must be at least 1s' })
  return findings
}
