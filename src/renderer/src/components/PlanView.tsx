import type { ChannelResponse } from '../../../shared/ipc'
import { useCredentials } from '../credentials-store'
import { useApp } from '../store'
import { useMemo, useRef, useState } from 'react'
import { SHORTCUTS, useShortcuts } from '../keyboard'
import { useSession } from '../session-store'
import { CanaryPanel } from './CanaryPanel'
import { DecisionPanel } from './DecisionPanel'
import { ItemControls } from './ItemControls'
import { ReadinessBanner } from './ReadinessBanner'
import { ProbeResult, RunSummary } from './ProbeResult'

type LoadedPlan = Extract<ChannelResponse<'plan:load'>, { ok: true }>['value']

export function PlanView({ loaded }: { loaded: LoadedPlan }) {
  const closePlan = useApp((s) => s.closePlan)
  const run = useApp((s) => s.run)
  const runError = useApp((s) => s.runError)
  const runProbes = useApp((s) => s.runProbes)
  const showCredentials = useCredentials((s) => s.show)
  const session = useSession((s) => s.view)
  const sessionError = useSession((s) => s.error)
  const startSession = useSession((s) => s.start)
  const [captain, setCaptain] = useState('')
  const markItem = useSession((s) => s.mark)
  const [query, setQuery] = useState('')
  const [show, setShow] = useState<'all' | 'attention'>('all')
  const [selected, setSelected] = useState<string | undefined>()
  const [help, setHelp] = useState(false)
  const search = useRef<HTMLInputElement>(null)
  const allItems = useMemo(() => loaded.plan.phases.flatMap((p) => p.items), [loaded])
  const statusOf = (id: string) =>
    session?.items.find((i) => i.id === id)?.status ?? run?.results[id]?.status ?? 'pending'
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  const visible = new Set(
    allItems
      .filter((item) => {
        const text = `${item.id} ${item.title} ${item.owner ?? ''}`.toLowerCase()
        if (!words.every((w) => text.includes(w))) return false
        if (show === 'attention') return !['pass', 'na', 'waived'].includes(statusOf(item.id))
        return true
      })
      .map((i) => i.id),
  )
  const order = allItems.filter((i) => visible.has(i.id))
  const select = (id: string | undefined) => {
    setSelected(id)
    if (id) document.getElementById(`item-${id}`)?.scrollIntoView({ block: 'nearest' })
  }
  const actions = {
    move: (delta: 1 | -1) => {
      const at = order.findIndex((i) => i.id === selected)
      const next = order[Math.min(order.length - 1, Math.max(0, at < 0 ? 0 : at + delta))]
      select(next?.id)
    },
    toggle: () => {
      const item = allItems.find((i) => i.id === selected)
      if (!item || item.probe || item.canary || !session) return
      void markItem(item.id, statusOf(item.id) === 'pass' ? 'pending' : 'pass')
    },
    run: () => {
      const item = allItems.find((i) => i.id === selected)
      if (item?.probe) void runProbes(item.id)
    },
    focusSearch: () => search.current?.focus(),
    toggleHelp: () => setHelp((h) => !h),
    escape: () => setHelp(false),
  }
  useShortcuts(actions)
  const probeCount = loaded.plan.phases.reduce(
    (n, p) => n + p.items.filter((i) => i.probe).length,
    0,
  )
  const { plan, hash, warnings } = loaded
  const itemCount = plan.phases.reduce((n, p) => n + p.items.length, 0)
  return (
    <main className="plan" aria-label="Launch plan">
      <header className="plan-header">
        <button type="button" onClick={closePlan} aria-label="Back to home">
          ←
        </button>
        <div>
          <h1>{plan.name}</h1>
          <p className="meta">
            {plan.phases.length} phases · {itemCount} items · plan{' '}
            <code title={hash}>{hash.slice(0, 12)}</code>
            {plan.roles.length > 0 && <> · sign-off: {plan.roles.join(', ')}</>}
          </p>
        </div>
        <button type="button" onClick={() => void showCredentials()}>
          Credentials…
        </button>
        {probeCount > 0 && (
          <button
            type="button"
            className="run-all"
            disabled={run !== null && !run.done}
            onClick={() => void runProbes()}
          >
            Run all probes
          </button>
        )}
      </header>
      {!session && (
        <form
          className="start-session"
          aria-label="Start a session"
          onSubmit={(e) => {
            e.preventDefault()
            if (captain.trim()) void startSession(captain.trim(), 'Release Captain')
          }}
        >
          <label>
            Release captain
            <input
              value={captain}
              onChange={(e) => setCaptain(e.target.value)}
              placeholder="your name"
            />
          </label>
          <button type="submit" disabled={!captain.trim()}>
            Start launch session
          </button>
        </form>
      )}
      {session && <ReadinessBanner view={session} />}
      {sessionError && (
        <div className="run-summary error" role="alert">
          {sessionError.message}
          {sessionError.reasons && (
            <ul>
              {sessionError.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <RunSummary run={run} error={runError} />
      <div className="item-filter">
        <input
          ref={search}
          type="search"
          aria-label="Search items"
          placeholder="Search items (/)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label>
          Show
          <select value={show} onChange={(e) => setShow(e.target.value as 'all' | 'attention')}>
            <option value="all">all items</option>
            <option value="attention">needing attention</option>
          </select>
        </label>
        <span className="meta" role="status" aria-label="Items shown">
          {visible.size} of {allItems.length} items
        </span>
        <button type="button" onClick={() => setHelp((h) => !h)} aria-expanded={help}>
          Keyboard shortcuts (?)
        </button>
      </div>
      {help && (
        <section className="shortcuts" aria-label="Keyboard shortcuts">
          <dl>
            {SHORTCUTS.map(([key, what]) => (
              <div key={key}>
                <dt>
                  <kbd>{key}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {plan.description && <p className="description">{plan.description}</p>}
      {warnings.length > 0 && (
        <details className="warnings">
          <summary>{warnings.length} import note(s)</summary>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="plan-body">
        <nav className="phase-rail" aria-label="Phases">
          <ol>
            {plan.phases.map((p) => (
              <li key={p.id}>
                <a href={`#phase-${p.id}`}>
                  {p.title} <span className="count">{p.items.length}</span>
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="phases">
          {plan.phases.map((phase) => (
            <section
              key={phase.id}
              id={`phase-${phase.id}`}
              className="phase"
              aria-labelledby={`phase-title-${phase.id}`}
            >
              <h2 id={`phase-title-${phase.id}`}>{phase.title}</h2>
              {phase.notes && <pre className="phase-notes">{phase.notes}</pre>}
              <ul className="items" aria-label={`${phase.title} items`}>
                {phase.items
                  .filter((item) => visible.has(item.id))
                  .map((item) => (
                    <li
                      key={item.id}
                      id={`item-${item.id}`}
                      className={`item${selected === item.id ? ' selected' : ''}`}
                      data-item-id={item.id}
                      aria-current={selected === item.id ? 'true' : undefined}
                      onClick={() => setSelected(item.id)}
                    >
                      <div className="item-title">
                        {item.title}
                        {!item.blocking && <span className="badge">non-blocking</span>}
                        {item.probe && <span className="badge probe">{item.probe.kind} probe</span>}
                        {item.canary && (
                          <span className="badge probe">{item.canary.source.type} canary</span>
                        )}
                        {item.initial && item.initial !== 'pending' && (
                          <span className="badge">{item.initial} (imported)</span>
                        )}
                      </div>
                      <div className="item-meta">
                        <code>{item.id}</code>
                        {item.owner && <> · {item.owner}</>}
                      </div>
                      {item.notes && <pre className="item-notes">{item.notes}</pre>}
                      {item.probe && run && (
                        <ProbeResult result={run.results[item.id]} running={!run.done} />
                      )}
                      {item.canary && <CanaryPanel item={item.id} metrics={item.canary.metrics} />}
                      {session && (
                        <ItemControls
                          item={item.id}
                          manual={!item.probe && !item.canary}
                          roles={plan.roles}
                          state={session.items.find((i) => i.id === item.id)}
                        />
                      )}
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </div>
      </div>
      {session && <DecisionPanel view={session} roles={plan.roles} />}
    </main>
  )
}
