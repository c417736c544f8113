import { useEffect } from 'react'
import { rolePinning, roleName } from '../../../../shared/board/pinning'
import { BOARD_STATES, readinessHeadline, signoffWord } from '../../../../shared/board/summary'
import type { Plan } from '../../../../shared/plan/schema'
import { useBoard } from '../../board-store'
import type { SessionView } from '../../session-store'
import { useUi } from '../../ui-store'
import { Button } from '../../ui/Button'
import { StatusPill } from '../../ui/StatusPill'
import { STATUS_LOOK, toneOf } from '../../ui/status'

const TONE = { READY: 'ok', GO: 'ok', 'NOT READY': 'bad', 'NO-GO': 'bad' } as const

/**
 * For the shared screen in a call: readiness, the counts and the roll call in type large enough
 * to read from a video thumbnail, and nothing else. Esc leaves.
 */
export function PresentMode({ plan, view }: { plan: Plan; view: SessionView | null }) {
  const setPresent = useUi((s) => s.setPresent)
  const counts = useBoard((s) => s.counts)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPresent(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [setPresent])
  const h = view ? readinessHeadline(view) : undefined
  const byRole = new Map(view?.signoffs.map((s) => [s.role, s]))
  return (
    <main className="present" aria-label="Present mode">
      <header className="present-header">
        <h1>{plan.name}</h1>
        <Button variant="ghost" onClick={() => setPresent(false)}>
          Leave present mode (Esc)
        </Button>
      </header>
      <section
        className={`present-readiness tone-${h ? TONE[h.label] : 'neutral'}`}
        aria-label="Readiness"
        data-verdict={h?.label ?? 'NO SESSION'}
      >
        <div className="present-word" role="status">
          {h?.label ?? 'NO SESSION'}
        </div>
        {h && h.reasons.length > 0 && (
          <ul className="present-reasons">
            {h.reasons.map((r, i) => (
              <li key={i}>{r.message}</li>
            ))}
            {h.more > 0 && <li className="more">and {h.more} more</li>}
          </ul>
        )}
        {h?.decided && (
          <p className="present-decided">
            {h.decided.decision} by {h.decided.by}: {h.decided.reason}
          </p>
        )}
      </section>
      <h2 className="present-title">Blocking items · {counts.total}</h2>
      <section className="present-counts" aria-label="Blocking items">
        {BOARD_STATES.map((state) => (
          <div key={state} className={`present-count tone-${toneOf(state)}`} data-count={state}>
            <span className="present-number">{counts[state]}</span>
            <span className="present-label">
              <span aria-hidden="true">{STATUS_LOOK[state].icon} </span>
              {STATUS_LOOK[state].word}
            </span>
          </div>
        ))}
      </section>
      <section className="present-roll" aria-label="Roll call">
        <h2 className="present-title">Roll call</h2>
        <ol>
          {plan.roles.map((role) => {
            const name = roleName(role)
            const s = byRole.get(name)
            return (
              <li key={name} data-role={name}>
                <StatusPill status={signoffWord(s?.status ?? 'missing')} size="lg" />
                <span className="present-role">{name}</span>
                <span className="present-signer">{s?.signer ?? ''}</span>
                <span className="present-pin">{rolePinning(role).label}</span>
              </li>
            )
          })}
        </ol>
      </section>
    </main>
  )
}
