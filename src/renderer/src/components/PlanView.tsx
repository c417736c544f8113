import { roleNames } from '../../../shared/plan/roles'
import type { ChannelResponse } from '../../../shared/ipc'
import { useCredentials } from '../credentials-store'
import { useApp } from '../store'
import { useEffect, useMemo, useRef, useState } from 'react'
import { SHORTCUTS, useShortcuts } from '../keyboard'
import { useSession } from '../session-store'
import { useUi } from '../ui-store'
import { DecisionPanel } from './DecisionPanel'
import { EnvironmentBadge, EnvironmentPicker, environmentsOf } from './EnvironmentPicker'
import { ItemDrawer } from './ItemDrawer'
import { ItemList } from './ItemList'
import { ReadinessBanner } from './ReadinessBanner'
import { RunSummary } from './ProbeResult'

type LoadedPlan = Extract<ChannelResponse<'plan:load'>, { ok: true }>['value']

export function PlanView({ loaded }: { loaded: LoadedPlan }) {
  const closePlan = useApp((s) => s.closePlan)
  const running = useApp((s) => s.run !== null && !s.run.done)
  const runError = useApp((s) => s.runError)
  const runProbes = useApp((s) => s.runProbes)
  const continuous = useApp((s) => s.continuous)
  const setContinuous = useApp((s) => s.setContinuous)
  const showCredentials = useCredentials((s) => s.show)
  const session = useSession((s) => s.view)
  const sessionError = useSession((s) => s.error)
  const startSession = useSession((s) => s.start)
  const [captain, setCaptain] = useState('')
  const declared = environmentsOf(loaded.plan)
  const [environment, setEnvironment] = useState(declared.length === 1 ? (declared[0] ?? '') : '')
  const environmentMissing = declared.length > 0 && !environment
  const markItem = useSession((s) => s.mark)
  const [query, setQuery] = useState('')
  const [show, setShow] = useState<'all' | 'attention'>('all')
  const selected = useUi((s) => s.selected)
  const select = useUi((s) => s.select)
  const help = useUi((s) => s.help)
  const setHelp = useUi((s) => s.setHelp)
  const jumpToPhase = useUi((s) => s.jumpToPhase)
  const searchRequests = useUi((s) => s.searchRequests)
  const newSessionRequests = useUi((s) => s.newSessionRequests)
  // The start form shows for a menu "New Session" request until it is used or dismissed.
  const [answeredRequests, setAnsweredRequests] = useState(0)
  const startingNew = newSessionRequests > answeredRequests
  const setStartingNew = (open: boolean) => {
    if (!open) setAnsweredRequests(newSessionRequests)
  }
  const search = useRef<HTMLInputElement>(null)
  const captainField = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (searchRequests > 0) search.current?.focus()
  }, [searchRequests])
  useEffect(() => {
    if (newSessionRequests === 0) return
    // The form renders on this change; focus it on the next frame.
    requestAnimationFrame(() => captainField.current?.focus())
  }, [newSessionRequests])
  const allItems = useMemo(() => loaded.plan.phases.flatMap((p) => p.items), [loaded])
  const statusOf = (id: string) =>
    session?.items.find((i) => i.id === id)?.status ??
    useApp.getState().run?.results[id]?.status ??
    'pending'
  const wordsKey = query.trim().toLowerCase()
  // The "needing attention" filter depends on every status; as one string, it changes only when
  // a status does (and costs nothing while the filter is off).
  const results = useApp((s) => (show === 'attention' ? s.run?.results : undefined))
  const attentionKey = useMemo(() => {
    if (show !== 'attention') return ''
    const bySession = new Map(session?.items.map((i) => [i.id, i.status]))
    return allItems.map((i) => bySession.get(i.id) ?? results?.[i.id]?.status ?? 'pending').join()
  }, [show, session, results, allItems])
  const visible = useMemo(() => {
    const words = wordsKey.split(/\s+/).filter(Boolean)
    const statuses = attentionKey.split(',')
    return new Set(
      allItems
        .filter((item, index) => {
          const text = `${item.id} ${item.title} ${item.owner ?? ''}`.toLowerCase()
          if (!words.every((w) => text.includes(w))) return false
          if (show === 'attention') return !['pass', 'na', 'waived'].includes(statuses[index]!)
          return true
        })
        .map((i) => i.id),
    )
  }, [allItems, wordsKey, show, attentionKey])
  const order = useMemo(() => allItems.filter((i) => visible.has(i.id)), [allItems, visible])
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
    toggleHelp: () => setHelp(!help),
    escape: () => setHelp(false),
  }
  useShortcuts(actions)
  const probeCount = allItems.filter((i) => i.probe).length
  const { plan, hash, warnings } = loaded
  const selectedItem = allItems.find((i) => i.id === selected)
  const progress = new Map(session?.phases.map((p) => [p.id, p]) ?? [])
  return (
    <main className={`plan${selectedItem ? ' with-drawer' : ''}`} aria-label="Launch plan">
      <header className="plan-header">
        <button type="button" onClick={closePlan} aria-label="Back to home">
          ←
        </button>
        <div>
          <h1>{plan.name}</h1>
          <p className="meta">
            {plan.phases.length} phases · {allItems.length} items · plan{' '}
            <code title={hash}>{hash.slice(0, 12)}</code>
            {plan.roles.length > 0 && <> · sign-off: {roleNames(plan).join(', ')}</>}
            {session && (
              <>
                {' '}
                · <Elapsed since={session.startedAt} />
              </>
            )}
          </p>
        </div>
        <button type="button" onClick={() => void showCredentials()}>
          Credentials…
        </button>
        {probeCount > 0 && (
          <div className="run-controls">
            <button
              type="button"
              className="run-all"
              disabled={running}
              onClick={() => void runProbes()}
            >
              Run all probes
            </button>
            <label>
              <input
                type="checkbox"
                checked={continuous !== null}
                onChange={(e) => setContinuous(e.target.checked ? 30 : null)}
              />{' '}
              Continuous
            </label>
            {continuous !== null && (
              <select
                aria-label="Continuous interval"
                value={continuous}
                onChange={(e) => setContinuous(Number(e.target.value))}
              >
                {CONTINUOUS_INTERVALS.map((n) => (
                  <option key={n} value={n}>
                    every {n < 60 ? `${n} s` : `${n / 60} min`}
                  </option>
                ))}
              </select>
            )}
          </div>
        )}
      </header>
      {(!session || startingNew) && (
        <form
          className="start-session"
          aria-label="Start a session"
          onSubmit={(e) => {
            e.preventDefault()
            if (!captain.trim() || environmentMissing) return
            setStartingNew(false)
            void startSession(captain.trim(), 'Release Captain', environment || undefined)
          }}
        >
          <label>
            Release captain
            <input
              ref={captainField}
              value={captain}
              onChange={(e) => setCaptain(e.target.value)}
              placeholder="your name"
            />
          </label>
          <EnvironmentPicker plan={loaded.plan} value={environment} onChange={setEnvironment} />
          <button type="submit" disabled={!captain.trim() || environmentMissing}>
            {session ? 'Start a new launch session' : 'Start launch session'}
          </button>
          {session && (
            <button type="button" onClick={() => setStartingNew(false)}>
              Keep the current session
            </button>
          )}
        </form>
      )}
      {session && <EnvironmentBadge environment={session.environment} />}
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
      <RunSummary error={runError} plan={plan} />
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
        <button type="button" onClick={() => setHelp(!help)} aria-expanded={help}>
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
            {plan.phases.map((p) => {
              const done = progress.get(p.id)
              return (
                <li key={p.id}>
                  <a
                    href={`#phase-${p.id}`}
                    onClick={(e) => {
                      e.preventDefault()
                      jumpToPhase(p.id)
                    }}
                  >
                    {p.title}{' '}
                    <span className="count">
                      {done ? `${done.done}/${done.total}` : p.items.length}
                    </span>
                  </a>
                  {done && (
                    <progress
                      value={done.done}
                      max={Math.max(1, done.total)}
                      aria-label={`${p.title}: ${done.done} of ${done.total} done`}
                    />
                  )}
                </li>
              )
            })}
          </ol>
        </nav>
        <ItemList plan={plan} visible={visible} />
        {selectedItem && <ItemDrawer key={selectedItem.id} item={selectedItem} />}
      </div>
      {session && <DecisionPanel view={session} roles={roleNames(plan)} />}
    </main>
  )
}

const CONTINUOUS_INTERVALS = [1, 5, 10, 30, 60, 300]

/** Time since the session started, ticking once a second. */
function Elapsed({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const s = Math.max(0, Math.floor((now - Date.parse(since)) / 1000))
  const hh = Math.floor(s / 3600)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return <span aria-label="Session elapsed time">{`${hh}:${mm}:${ss}`} elapsed</span>
}
