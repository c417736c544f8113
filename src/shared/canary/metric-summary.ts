import type { IntervalRecord } from './analysis'

/** A metric's outcome as the log and the window keep it: no samples, no criteria. */
export function metricSummary(m: IntervalRecord['metrics'][number]) {
  return {
    id: m.id,
    status: m.status,
    value: m.value ?? null,
    baseline: m.baselineValue ?? null,
    ...(m.classification && { classification: m.classification }),
    ...(m.p !== undefined && { p: m.p }),
  }
}
