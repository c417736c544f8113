import type { Plan } from '../../../../shared/plan/schema'
import type { SessionView } from '../../session-store'
import { useUi } from '../../ui-store'
import { Bar } from '../../ui/Bar'

/** The phases in order, each with its progress; a click brings the phase into the list's view. */
export function PhaseRail({ plan, view }: { plan: Plan; view: SessionView | null }) {
  const jumpToPhase = useUi((s) => s.jumpToPhase)
  const progress = new Map(view?.phases.map((p) => [p.id, p]) ?? [])
  return (
    <nav className="card phase-rail" aria-label="Phases">
      <h2 className="card-title">Phases</h2>
      <ol>
        {plan.phases.map((p) => {
          const done = progress.get(p.id)
          const total = done?.total ?? p.items.length
          const complete = done?.done ?? 0
          return (
            <li key={p.id} className={done && complete === total ? 'complete' : undefined}>
              <a
                href={`#phase-${p.id}`}
                onClick={(e) => {
                  e.preventDefault()
                  jumpToPhase(p.id)
                }}
              >
                <span className="phase-name">{p.title}</span>
                <span className="count">{done ? `${complete}/${total}` : total}</span>
              </a>
              <Bar
                height={4}
                label={`${p.title}: ${complete} of ${total} done`}
                segments={[
                  { key: 'done', value: complete, tone: 'ok' },
                  { key: 'rest', value: total - complete, tone: 'track' },
                ]}
              />
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
