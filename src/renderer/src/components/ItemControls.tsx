import { useState } from 'react'
import { useSession, type SessionView } from '../session-store'
import { Button } from '../ui/Button'
import { Field, Input, Select } from '../ui/Field'
import { StatusPill } from '../ui/StatusPill'
import { boardState } from '../../../shared/board/summary'

const MARKS = [
  ['pass', '✓ pass'],
  ['fail', '✕ fail'],
  ['na', '– n/a'],
] as const

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
      <div className="item-status">
        <StatusPill
          status={status === 'na' ? 'na' : boardState(status, state?.stale ?? false)}
          label={`${item} is ${status}${state?.stale ? ' (stale)' : ''}`}
        />
        {state?.reason && status !== 'pass' && (
          <span className="status-reason">{state.reason}</span>
        )}
      </div>
      {manual && (
        <div className="marks" role="group" aria-label={`Mark ${item}`}>
          {MARKS.map(([s, text]) => (
            <Button
              key={s}
              size="sm"
              disabled={busy}
              onClick={() => void mark(item, s)}
              aria-label={`Mark ${item} ${s === 'na' ? 'n/a' : s}`}
            >
              {text}
            </Button>
          ))}
        </div>
      )}
      {roles.length > 0 && status !== 'pass' && status !== 'waived' && (
        <details className="waive">
          <summary>Waive…</summary>
          <form
            aria-label={`Waive ${item}`}
            className="form-grid"
            onSubmit={(e) => {
              e.preventDefault()
              void waive(item, reason, role, expires > 0 ? expires : undefined)
            }}
          >
            <Field label="Reason">
              <Input value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
            <Field label="Approved by">
              <Select value={role} onChange={(e) => setRole(e.target.value)}>
                {roles.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </Select>
            </Field>
            <Field label="Expires">
              <Select value={expires} onChange={(e) => setExpires(Number(e.target.value))}>
                <option value={0}>never</option>
                <option value={60}>in 1 hour</option>
                <option value={240}>in 4 hours</option>
                <option value={1440}>in 24 hours</option>
              </Select>
            </Field>
            <Button type="submit" variant="primary" disabled={busy || !reason.trim()}>
              Waive
            </Button>
          </form>
        </details>
      )}
    </div>
  )
}
