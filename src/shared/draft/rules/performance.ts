import { probeDraft, words, type Rule } from '../rule'
import {
  findDurations,
  findEndpoint,
  findPercentile,
  findThresholds,
  latencyThreshold,
  varName,
  type Comparator,
} from '../text'

const LATENCY_WORDS =
  /\b(p50|p95|p99|percentile|median|latency|response times?|responds?|returns?|loads?|ttfb|fast)\b/i
const LOAD_TEST =
  /\b(load[- ]test\w*|stress test\w*|under load|benchmark\w*|\d+\s*(?:rps|req\/s|requests))\b/i
/** Words that say the figure comes from production traffic, not from requests we send. */
const FROM_METRICS =
  /\b(in production|production traffic|real traffic|over the last|prometheus|grafana|dashboard|from metrics|slo|sli)\b/i

/** The thing whose speed is measured, when it is not an endpoint: "crisis path returns under …". */
function subject(text: string): string | undefined {
  const m =
    /^(?:the\s+)?((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+(?:returns?|responds?|loads?)\b/i.exec(text)
  const words = m?.[1]?.toLowerCase()
  if (!words || /\b(api|p\d\d|latency|it|service|endpoint|server|app)\b/.test(words))
    return undefined
  return words
}

/** "API p95 ≤ 200 ms in load test", "`/search` responds under 1 second": the latency probe. */
export const latencyRule: Rule = (r) => {
  const threshold = latencyThreshold(r.text)
  const percentile = findPercentile(r.text)
  if (!threshold || !LATENCY_WORDS.test(r.text)) return []
  if (FROM_METRICS.test(r.text) && !LOAD_TEST.test(r.text)) return []
  if (/\b(alerts?|alerting)\b/i.test(r.text)) return []
  const needs = r.needs()
  const endpoint = findEndpoint(r.text)
  const named = subject(r.text)
  const url = endpoint
    ? endpoint.target.startsWith('http')
      ? endpoint.target
      : `${needs.apiBase()}${endpoint.target}`
    : named
      ? needs.var(`${varName(named)}_url`, `URL of the ${named}`)
      : needs.apiBase()
  const requests = Number(/(\d+)\s*requests\b/i.exec(r.text)?.[1] ?? 100)
  const rate = Number(/(\d+)\s*(?:rps|req\/s|requests? per second|\/s)\b/i.exec(r.text)?.[1] ?? 20)
  const concurrency = Number(
    /(\d+)\s*(?:concurrent|connections|parallel)\b/i.exec(r.text)?.[1] ?? 4,
  )
  const p = `p${percentile ?? 95}`
  const errorRate = findThresholds(r.text).find((t) => t.unit === '%' && /error/i.test(r.text))
  return [
    probeDraft(
      'latency',
      {
        kind: 'latency',
        ...(endpoint?.method && endpoint.method !== 'GET' && { method: endpoint.method as 'POST' }),
        url,
        requests: Math.min(requests, 100_000),
        rate: Math.min(rate, 10_000),
        concurrency: Math.min(Math.max(concurrency, 1), 256),
        expect: [
          `latency.${p} ${threshold.comparator} ${threshold.ms}`,
          `latency.error_rate ${errorRate ? `${errorRate.comparator} ${errorRate.value / 100}` : '< 0.01'}`,
        ],
      },
      needs,
      words(
        r.text,
        /\b(p50|p95|p99|\d+th percentile|median)\b/i,
        new RegExp(escape(threshold.words)),
        LOAD_TEST,
      ),
      percentile ? 0.85 : 0.7,
    ),
  ]
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

interface MetricShape {
  words: RegExp
  /** PromQL with WINDOW for the range the text gives. */
  query: string
  /** How the text's number becomes the query's unit. */
  scale: (value: number, unit?: string) => number
  comparator: Comparator
  /** When the text gives no number. */
  fallback?: number
}

const round = (v: number) => Number(v.toPrecision(12))
const percentOf = (v: number, unit?: string) => round(unit === '%' || v > 1 ? v / 100 : v)
const seconds = (v: number, unit?: string) =>
  round(unit === 's' ? v : unit === 'm' ? v * 60 : v / 1000)

/** The metrics a launch checklist names, as Prometheus queries over common exporters' series. */
export const METRIC_SHAPES: readonly MetricShape[] = [
  {
    words: /\berror[- ]rate\b|\b5xx( rate)?\b|\berrors?\b.*%/i,
    query:
      'sum(rate(http_requests_total{code=~"5.."}[WINDOW])) / sum(rate(http_requests_total[WINDOW]))',
    scale: percentOf,
    comparator: '<',
    fallback: 0.01,
  },
  {
    words: /\b(uptime|availability|available)\b/i,
    query: 'avg(avg_over_time(up[WINDOW]))',
    scale: percentOf,
    comparator: '>=',
  },
  {
    words: /\bcpu\b/i,
    query: '1 - avg(rate(node_cpu_seconds_total{mode="idle"}[WINDOW]))',
    scale: percentOf,
    comparator: '<',
  },
  {
    words: /\bmemory\b/i,
    query: '1 - sum(node_memory_MemAvailable_bytes) / sum(node_memory_MemTotal_bytes)',
    scale: percentOf,
    comparator: '<',
  },
  {
    words: /\bdisk\b/i,
    query: '1 - sum(node_filesystem_avail_bytes) / sum(node_filesystem_size_bytes)',
    scale: percentOf,
    comparator: '<',
  },
  {
    words: /\b(p50|p95|p99|latency|response time)\b/i,
    query:
      'histogram_quantile(Q, sum by (le) (rate(http_request_duration_seconds_bucket[WINDOW])))',
    scale: seconds,
    comparator: '<',
  },
]

/** "Error rate ≤ 1% over 1 h", "uptime ≥ 99.9%": a Prometheus query against a threshold. */
export const metricRule: Rule = (r) => {
  if (/\bcanary\b/i.test(r.text) || /\b(alerts?|alerting|dashboards?)\b/i.test(r.text)) return []
  const shape = METRIC_SHAPES.find((s) => s.words.test(r.text))
  if (!shape) return []
  const isLatency = shape === METRIC_SHAPES[METRIC_SHAPES.length - 1]
  if (isLatency && !(FROM_METRICS.test(r.text) && !LOAD_TEST.test(r.text))) return []
  const threshold = findThresholds(r.text).find((t) =>
    isLatency ? t.unit !== '%' : t.unit === '%' || t.unit === undefined,
  )
  const watch = /\b(watch|stable|steady|holds?|stays?)\b/i.test(r.text)
  if (!threshold && (shape.fallback === undefined || !watch)) return []
  const needs = r.needs()
  const window =
    findDurations(r.text).find((d) => d.ms >= 60_000 && d.ms <= 90 * 86_400_000)?.text ?? '5m'
  const percentile = findPercentile(r.text) ?? 95
  const query = shape.query.replaceAll('WINDOW', window).replace('Q', String(percentile / 100))
  const value = threshold ? shape.scale(threshold.value, threshold.unit) : (shape.fallback ?? 0)
  const comparator = threshold?.comparator ?? shape.comparator
  return [
    probeDraft(
      'metric',
      {
        kind: 'metric',
        source: needs.prometheus(),
        query,
        expect: [`metric.value ${comparator} ${value}`],
      },
      needs,
      words(
        r.text,
        shape.words,
        threshold ? new RegExp(escape(threshold.words)) : /$^/,
        /\b(over|for|in) (the last )?\d+\s*\w+/i,
      ),
      threshold ? 0.75 : 0.55,
    ),
  ]
}
