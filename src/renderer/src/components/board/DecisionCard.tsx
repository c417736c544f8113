import { Panel } from '../../ui/Panel'
import { useEffect, useRef, useState } from 'react'
import { goBlockedReason } from '../../../../shared/board/summary'
import { useSession, type SessionView } from '../../session-store'
import { useUi } from '../../ui-store'
import { Button } from '../../ui/Button'
import { Input } from '../../ui/Field'

/**
 * The decision: a reason, GO (disabled, saying why, until readiness allows it), NO-GO (always
 * possible with a reason), and the export of the signed record.
 */
export function DecisionCard({ view }: { view: SessionView | null }) {
  const decide = useSession((s) => s.decide)
  const exportRecord = useSession((s) => s.exportRecord)
  const busy = useSession((s) => s.busy)
  const decideRequests = useUi((s) => s.decideRequests)
  const [reason, setReason] = useState('')
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (decideRequests > 0) field.current?.focus()
  }, [decideRequests])
  const blocked = view ? goBlockedReason(view) : 'start a session first'
  const decided = view?.decision?.current ? view.decision : undefined
  return (
    <Panel className="card decision-card" label="Decision" title="Decision">
      <form className="decide-form" aria-label="Decide" onSubmit={(e) => e.preventDefault()}>
        <label className="visually-hidden" htmlFor="decision-reason">
          Reason
        </label>
        <Input
          ref={field}
          id="decision-reason"
          value={reason}
          disabled={!view}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Reason for the decision"
        />
        <div className="decide-buttons">
          <Button
            variant="go"
            size="lg"
            disabled={busy || blocked !== null || !reason.trim()}
            aria-describedby="go-blocked"
            onClick={() => void decide('GO', reason)}
          >
            GO
          </Button>
          <Button
            variant="nogo"
            size="lg"
            disabled={busy || !view || !reason.trim()}
            onClick={() => void decide('NO-GO', reason)}
          >
            NO-GO
          </Button>
          <Button disabled={busy || !view} onClick={() => void exportRecord()}>
            Export…
          </Button>
        </div>
        <p id="go-blocked" className="go-blocked" role="note" title={blocked ?? undefined}>
          {blocked !== null
            ? `GO is disabled: ${blocked}`
            : decided
              ? `Decided ${decided.decision} by ${decided.by}`
              : reason.trim()
                ? 'Ready: GO records the decision over the current digest'
                : 'Ready: give a reason to decide'}
        </p>
      </form>
    </Panel>
  )
}
