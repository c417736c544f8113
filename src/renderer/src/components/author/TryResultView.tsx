import { ProbeEvidenceViewSchema } from '../../../../shared/ipc'
import type { TryResult } from '../../../../shared/ipc-authoring'
import { StatusPill } from '../../ui/StatusPill'
import { Evidence } from '../ItemDrawer'

/**
 * What one Try saw: the verdict, every condition with its actual value, how long it took, and the
 * evidence as the item drawer shows a run's (request, status, timings, excerpt). Nothing of it was
 * written to a session.
 */
export function TryResultView({ result }: { result: TryResult }) {
  // The evidence is checked against the drawer's schema before the drawer's view draws it.
  const evidence = ProbeEvidenceViewSchema.safeParse({
    item: result.item,
    observedAt: new Date().toISOString(),
    status: result.status,
    evidence: result.evidence,
  })
  return (
    <section className="try-result" aria-label="Try result" data-status={result.status}>
      <h3>
        Try <StatusPill status={result.status} />{' '}
        <span className="meta">{Math.round(result.durationMs)} ms</span>
      </h3>
      {result.reason && <p className="status-reason">{result.reason}</p>}
      <ul className="conditions" aria-label="Conditions tried">
        {result.conditions.map((c, i) => (
          <li key={i} className={c.pass ? 'pass' : 'fail'}>
            <span aria-hidden="true">{c.pass ? '✓' : '✕'} </span>
            <span className="visually-hidden">{c.pass ? 'pass: ' : 'fail: '}</span>
            <code>{c.expression}</code>
            {c.actual !== undefined && (
              <>
                {' '}
                — actual <code className="actual">{c.actual}</code>
              </>
            )}
          </li>
        ))}
        {result.conditions.length === 0 && <li className="muted">No conditions were checked.</li>}
      </ul>
      {evidence.success ? (
        <Evidence view={evidence.data} title="Evidence of the try" conditions={false} />
      ) : (
        <p className="meta">Evidence: {result.evidence.kind}</p>
      )}
      <p className="hint">Tried once in main; nothing was written to a session.</p>
    </section>
  )
}
