import type { CanaryUpdateView } from '../../../shared/ipc'
import { useCanary } from '../canary-store'

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

/** One canary item: start/stop, the verdict with its reason, and the latest interval per metric. */
export function CanaryPanel({ item }: { item: string }) {
  const run = useCanary((s) => s.runs[item])
  const error = useCanary((s) => s.errors[item])
  const start = useCanary((s) => s.start)
  const stop = useCanary((s) => s.stop)
  const latest = run?.updates.at(-1)
  const running = run !== undefined && !run.done
  return (
    <div className="canary" aria-label={`${item} canary`}>
      <div className="canary-actions">
        {running ? (
          <button type="button" onClick={() => void stop(item)}>
            Stop analysis
          </button>
        ) : (
          <button type="button" onClick={() => void start(item)}>
            Run canary analysis
          </button>
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
          {latest.interval && (
            <table className="canary-metrics">
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
            </table>
          )}
        </div>
      )}
    </div>
  )
}
