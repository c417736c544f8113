import { memo, useState } from 'react'
import { readinessHeadline } from '../../../../shared/board/summary'
import type { SessionView } from '../../session-store'
import { useSession } from '../../session-store'
import { useApp } from '../../store'
import { Button } from '../../ui/Button'
import { Field, Input } from '../../ui/Field'
import { EnvironmentPicker, environmentsOf } from '../EnvironmentPicker'
import { ItemLink } from '../ItemLink'

const TONE = { READY: 'ok', GO: 'ok', 'NOT READY': 'bad', 'NO-GO': 'bad' } as const
const ICON = { READY: '✓', GO: '✓', 'NOT READY': '✕', 'NO-GO': '✕' } as const

/**
 * "Are we go?": READY / NOT READY, or GO / NO-GO once decided on the current state, with the first
 * three reasons and a count of the rest. Before a session it is where the session starts.
 */
export function ReadinessCard({ view }: { view: SessionView | null }) {
  if (!view) return <StartSession />
  const h = readinessHeadline(view)
  return (
    <section
      className={`card readiness tone-${TONE[h.label]}`}
      aria-label="Readiness"
      data-verdict={h.label}
    >
      <div className="readiness-word">
        <span className="readiness-icon" aria-hidden="true">
          {ICON[h.label]}
        </span>
        <span role="status">{h.label}</span>
      </div>
      <div className="readiness-why">
        {h.decided && (
          <p className="decided">
            {h.decided.decision} by {h.decided.by}: {h.decided.reason}
          </p>
        )}
        {h.reasons.length > 0 ? (
          <ul aria-label="Blocking reasons" className="reasons">
            {h.reasons.map((r, i) => (
              <Reason key={i} item={r.item} message={r.message} level={r.level} />
            ))}
          </ul>
        ) : (
          !h.decided && <p>Every blocking item is done and every role signed the current digest.</p>
        )}
        {h.more > 0 && <p className="more">and {h.more} more</p>}
        <p className="meta digest">
          digest <code title={view.digest}>{view.digest.slice(0, 12)}</code> · {view.events} event
          {view.events === 1 ? '' : 's'}
        </p>
      </div>
    </section>
  )
}

const Reason = memo(function Reason({
  item,
  message,
  level,
}: {
  item?: string | undefined
  message: string
  level: 'blocker' | 'warning'
}) {
  return (
    <li className={`reason-${level}`} title={message}>
      <span aria-hidden="true">{level === 'blocker' ? '✕ ' : '! '}</span>
      {item ? <ItemLink item={item}>{message}</ItemLink> : message}
    </li>
  )
})

/** No session yet: the captain names themself and starts one on this plan. */
export function StartSession({ again, onKeep }: { again?: boolean; onKeep?: () => void }) {
  const start = useSession((s) => s.start)
  const plan = useApp((s) => s.plan?.plan)
  const [captain, setCaptain] = useState('')
  const declared = plan ? environmentsOf(plan) : []
  const [environment, setEnvironment] = useState(declared.length === 1 ? (declared[0] ?? '') : '')
  const environmentMissing = declared.length > 0 && !environment
  return (
    <section className="card readiness start tone-neutral" aria-label="Start">
      <form
        className="start-session"
        aria-label="Start a session"
        onSubmit={(e) => {
          e.preventDefault()
          if (!captain.trim() || environmentMissing) return
          onKeep?.()
          void start(captain.trim(), 'Release Captain', environment || undefined)
        }}
      >
        <p className="start-lead">
          {again
            ? 'Start a new session on this plan?'
            : 'No session yet. Readiness, sign-offs and the decision start with one.'}
        </p>
        <div className="start-row">
          <Field label="Release captain">
            <Input
              id="captain"
              value={captain}
              onChange={(e) => setCaptain(e.target.value)}
              placeholder="your name"
              autoComplete="name"
            />
          </Field>
          {plan && <EnvironmentPicker plan={plan} value={environment} onChange={setEnvironment} />}
          <Button type="submit" variant="primary" disabled={!captain.trim() || environmentMissing}>
            {again ? 'Start a new launch session' : 'Start launch session'}
          </Button>
          {again && <Button onClick={onKeep}>Keep the current session</Button>}
        </div>
      </form>
    </section>
  )
}
