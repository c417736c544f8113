import { ItemLink } from './ItemLink'
import type { SessionView } from '../session-store'

/** GO / NO-GO once decided on the current state, else READY / NOT READY — always with the why. */
export function ReadinessBanner({ view }: { view: SessionView }) {
  const decided = view.decision?.current ? view.decision : undefined
  const label = decided ? decided.decision : view.verdict === 'READY' ? 'READY' : 'NOT READY'
  const tone = decided
    ? decided.decision === 'GO'
      ? 'go'
      : 'nogo'
    : view.verdict === 'READY'
      ? 'ready'
      : 'notready'
  const blockers = view.reasons.filter((r) => r.level === 'blocker')
  const warnings = view.reasons.filter((r) => r.level === 'warning')
  return (
    <section className={`banner ${tone}`} aria-label="Readiness" data-verdict={label}>
      <div className="banner-verdict" role="status">
        {label}
      </div>
      <div className="banner-why">
        {decided && (
          <p>
            {decided.decision} by {decided.by}: {decided.reason}
          </p>
        )}
        {blockers.length > 0 && (
          <ul aria-label="Blocking reasons">
            {blockers.map((r, i) => (
              <li key={i}>{r.item ? <ItemLink item={r.item}>{r.message}</ItemLink> : r.message}</li>
            ))}
          </ul>
        )}
        {warnings.length > 0 && (
          <ul aria-label="Warnings" className="warnings">
            {warnings.map((r, i) => (
              <li key={i}>{r.item ? <ItemLink item={r.item}>{r.message}</ItemLink> : r.message}</li>
            ))}
          </ul>
        )}
        {view.verdict === 'READY' && !decided && (
          <p>Every blocking item is done and every role signed the current digest.</p>
        )}
        <p className="meta">
          digest <code title={view.digest}>{view.digest.slice(0, 16)}…</code> · {view.events} events
        </p>
      </div>
    </section>
  )
}
