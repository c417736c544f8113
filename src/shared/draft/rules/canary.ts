import { canaryDraft, words, type Rule } from '../rule'
import { findDurations, findPercent, findThresholds, latencyThreshold } from '../text'

const CANARY = /\bcanary\b/i
/** A store's staged rollout is the Play preset's, not a metrics canary. */
const STORE = /\b(google play|play console|play store|app store|testflight)\b/i

/**
 * "Canary release (10 %) metrics stable for 2 h": a canary analysis against the baseline, error
 * rate and p95 latency, from the plan's Prometheus. The traffic share goes to the item's notes.
 */
export const canaryRule: Rule = (r) => {
  if (!CANARY.test(r.text) || STORE.test(r.text)) return []
  if (
    /\b(toggled|flag|enabled|set up|configured)\b/i.test(r.text) &&
    !/stable|metrics|error|latency|healthy/i.test(r.text)
  )
    return []
  const needs = r.needs()
  const durations = findDurations(r.text).filter((d) => d.ms >= 60_000)
  const stable =
    /\b(?:stable|healthy|holds?|green|clean)\b[^.;]{0,80}?\bfor\s+(\d+(?:\.\d+)?\s*\w+)/i.exec(
      r.text,
    )
  const stableFor = (stable ? findDurations(stable[1] ?? '')[0] : durations[0])?.text ?? '30m'
  const errorRate = findThresholds(r.text).find(
    (t) => t.unit === '%' && /error/i.test(r.text.slice(0)),
  )
  const latency = latencyThreshold(r.text)
  const share = findPercent(r.text.replace(errorRate?.words ?? '\u0000', ''))
  const target = errorRate ? errorRate.value / 100 : 0.01
  const p95 = latency ? latency.ms / 1000 : 0.5
  return [
    canaryDraft(
      {
        source: { type: 'prometheus', url: needs.prometheus() },
        analysis: { interval: '1m', stableFor },
        metrics: [
          {
            id: 'error-rate',
            query:
              'sum by (deployment) (rate(http_requests_total{code=~"5.."}[1m])) / sum by (deployment) (rate(http_requests_total[1m]))',
            split: { label: 'deployment', canary: 'canary', baseline: 'baseline' },
            target,
            alert: Math.max(target, 0.05),
            compare: { allowedEffect: 0.5 },
            critical: true,
          },
          {
            id: 'p95-latency',
            unit: 's',
            query:
              'histogram_quantile(0.95, sum by (deployment, le) (rate(http_request_duration_seconds_bucket[1m])))',
            split: { label: 'deployment', canary: 'canary', baseline: 'baseline' },
            target: p95,
            maxRatio: 1.2,
          },
        ],
      },
      needs,
      words(r.text, CANARY, /\(?\d+\s*%\)?/, /stable for \d+\s*\w+/i, /\bfor \d+\s*\w+/i),
      stable || share !== undefined ? 0.85 : 0.65,
      share !== undefined ? { notes: `Canary at ${share}% of traffic` } : {},
    ),
  ]
}
