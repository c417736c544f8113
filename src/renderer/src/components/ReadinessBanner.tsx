import { memo, useState } from 'react'
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
              <Reason key={i} item={r.item} message={r.message} />
            ))}
          </ul>
        )}
        {warnings.length > 0 && (
          <ul aria-label="Warnings" className="warnings">
            {warnings.map((r, i) => (
              <Reason key={i} item={r.item} message={r.message} />
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

/** Past this length a reason shows its start and a toggle: 1,000 pending ids are not a banner. */
const LONG_REASON = 240

const Reason = memo(function Reason({ item, message }: { item?: string; message: string }) {
  const [all, setAll] = useState(false)
  const long = message.length > LONG_REASON
  const text = long && !all ? `${message.slice(0, LONG_REASON)}…` : message
  return (
    <li>
      {item ? <ItemLink item={item}>{text}</ItemLink> : text}
      {long && (
        <button type="button" className="link" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'show less' : 'show all'}
        </button>
      )}
    </li>
  )
})
