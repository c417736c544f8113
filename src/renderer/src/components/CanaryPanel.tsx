import type { CanaryUpdateView } from '../../../shared/ipc'
import { useMemo } from 'react'
import type { MetricSpec } from '../../../shared/canary/spec'
import { useCanary } from '../canary-store'
import { CanaryChart, type ChartSeries } from './CanaryChart'
import { Table } from '../ui/Table'
import { Button } from '../ui/Button'

const VERDICT_LABEL: Record<CanaryUpdateView['verdict'], string> = {
  running: 'running',
  pass: '✓ pass',
  marginal: '? marginal — a human decides',
  fail: '✗ fail',
  inconclusive: '? inconclusive — a human decides',
  blocked: '⊘ blocked',
}

function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`
}

function number(value: number | null): string {
  return value === null ? '—' : String(Number(value.toPrecision(4)))
}

/** Every sample the run has shown so far, per metric (windows overlap: one value per time). */
function gather(updates: readonly CanaryUpdateView[]): Record<string, ChartSeries> {
  const byMetric = new Map<string, { canary: Map<number, number>; baseline: Map<number, number> }>()
  for (const u of updates)
    for (const [id, s] of Object.entries(u.interval?.samples ?? {})) {
      const entry = byMetric.get(id) ?? { canary: new Map(), baseline: new Map() }
      for (const [t, v] of s.canary) entry.canary.set(t, v)
      for (const [t, v] of s.baseline ?? []) entry.baseline.set(t, v)
      byMetric.set(id, entry)
    }
  const out: Record<string, ChartSeries> = {}
  for (const [id, e] of byMetric)
    out[id] = {
      canary: [...e.canary.entries()].sort((a, b) => a[0] - b[0]),
      baseline: [...e.baseline.entries()].sort((a, b) => a[0] - b[0]),
    }
  return out
}

/** One canary item: start/stop, the verdict with its reason, charts, and the latest interval per metric. */
export function CanaryPanel({ item, metrics }: { item: string; metrics: readonly MetricSpec[] }) {
  const run = useCanary((s) => s.runs[item])
  const error = useCanary((s) => s.errors[item])
  const start = useCanary((s) => s.start)
  const stop = useCanary((s) => s.stop)
  const latest = run?.updates.at(-1)
  const charts = useMemo(() => gather(run?.updates ?? []), [run?.updates])
  const running = run !== undefined && !run.done
  return (
    <div className="canary" aria-label={`${item} canary`}>
      <div className="canary-actions">
        {running ? (
          <Button size="sm" onClick={() => void stop(item)}>
            Stop analysis
          </Button>
        ) : (
          <Button size="sm" onClick={() => void start(item)}>
            Run canary analysis
          </Button>
        )}
      </div>
      {error && (
        <p className="result fail" role="alert">
          {error}
        </p>
      )}
      {run && !latest && <div className="result waiting">checking the metrics source…</div>}
      {latest && (
        <div className={`result ${latest.verdict}`} data-verdict={latest.verdict} role="status">
          <span className="verdict">{VERDICT_LABEL[latest.verdict]}</span>
          {latest.interval && (
            <span className="progress">
              interval {latest.interval.index}
              {latest.interval.total !== null && ` of ${latest.interval.total}`} · score{' '}
              {latest.interval.score} · stable {seconds(latest.interval.stableMs)} of{' '}
              {seconds(latest.interval.stableForMs)}
            </span>
          )}
          <div className="reason">{latest.reason}</div>
          {metrics.map((m) =>
            charts[m.id] ? (
              <CanaryChart
                key={m.id}
                title={`${m.title ?? m.id}${m.unit ? ` (${m.unit})` : ''}`}
                series={charts[m.id]!}
                target={m.target}
                alert={m.alert}
              />
            ) : null,
          )}
          {latest.interval && (
            <Table className="canary-metrics">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Canary</th>
                  <th scope="col">Baseline</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {latest.interval.metrics.map((m) => (
                  <tr key={m.id} className={m.status} data-metric={m.id}>
                    <th scope="row">{m.id}</th>
                    <td>{number(m.value)}</td>
                    <td>{number(m.baseline)}</td>
                    <td>
                      {m.status}
                      {m.classification && ` (${m.classification})`}
                    </td>
                    <td>{m.reason}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
      )}
    </div>
  )
}
