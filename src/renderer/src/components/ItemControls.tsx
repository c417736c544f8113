import { useState } from 'react'
import { useSession, type SessionView } from '../session-store'

const LABEL = {
  pass: '✓ pass',
  fail: '✗ fail',
  na: '– n/a',
  waived: '≈ waived',
  pending: '… pending',
}

/** An item's effective status in the session, manual marks, and a waiver with reason and role. */
export function ItemControls({
  item,
  manual,
  roles,
  state,
}: {
  item: string
  manual: boolean
  roles: string[]
  state: SessionView['items'][number] | undefined
}) {
  const mark = useSession((s) => s.mark)
  const waive = useSession((s) => s.waive)
  const busy = useSession((s) => s.busy)
  const [reason, setReason] = useState('')
  const [role, setRole] = useState(roles[0] ?? '')
  const [expires, setExpires] = useState(0)
  const status = state?.status ?? 'pending'
  return (
    <div className="item-controls">
      <span
        className={`status-chip ${status}`}
        data-status={status}
        aria-label={`${item} is ${status}`}
      >
        {LABEL[status]}
        {state?.stale && ' (stale)'}
      </span>
      {state?.reason && status !== 'pass' && <span className="status-reason">{state.reason}</span>}
      {manual && (
        <span className="marks" role="group" aria-label={`Mark ${item}`}>
          {(['pass', 'fail', 'na'] as const).map((s) => (
            <button
              key={s}
              type="button"
              disabled={busy}
              onClick={() => void mark(item, s)}
              aria-label={`Mark ${item} ${s === 'na' ? 'n/a' : s}`}
            >
              {LABEL[s]}
            </button>
          ))}
        </span>
      )}
      {roles.length > 0 && status !== 'pass' && status !== 'waived' && (
        <details className="waive">
          <summary>Waive…</summary>
          <form
            aria-label={`Waive ${item}`}
            onSubmit={(e) => {
              e.preventDefault()
              void waive(item, reason, role, expires > 0 ? expires : undefined)
            }}
          >
            <label>
              Reason
              <input value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <label>
              Approved by
              <select value={role} onChange={(e) => setRole(e.target.value)}>
                {roles.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            </label>
            <label>
              Expires
              <select value={expires} onChange={(e) => setExpires(Number(e.target.value))}>
                <option value={0}>never</option>
                <option value={60}>in 1 hour</option>
                <option value={240}>in 4 hours</option>
                <option value={1440}>in 24 hours</option>
              </select>
            </label>
            <button type="submit" disabled={busy || !reason.trim()}>
              Waive
            </button>
          </form>
        </details>
      )}
    </div>
  )
}
