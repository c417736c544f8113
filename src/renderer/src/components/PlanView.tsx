import { useEffect, useMemo, useRef, useState } from 'react'
import type { ChannelResponse } from '../../../shared/ipc'
import { roleName } from '../../../shared/board/pinning'
import { useAuthoring } from '../authoring-store'
import { useBoard } from '../board-store'
import { useCredentials } from '../credentials-store'
import { SHORTCUTS, useShortcuts } from '../keyboard'
import { useSession } from '../session-store'
import { useApp } from '../store'
import { useUi } from '../ui-store'
import { Button } from '../ui/Button'
import { Input, Select } from '../ui/Field'
import { useTheme, type Theme } from '../ui/theme'
import { Activity } from './board/Activity'
import { CanaryCard } from './board/CanaryCard'
import { CommandMenu } from './board/CommandMenu'
import { CountsCard } from './board/CountsCard'
import { DecisionCard } from './board/DecisionCard'
import { PhaseRail } from './board/PhaseRail'
import { PresentMode } from './board/PresentMode'
import { ReadinessCard, StartSession } from './board/ReadinessCard'
import { RollCall } from './board/RollCall'
import { SignOffDrawer } from './board/SignOffDrawer'
import { useCommands } from './board/commands'
import { AuthorView } from './author/AuthorView'
import { ItemDrawer } from './ItemDrawer'
import { ItemList } from './ItemList'

type LoadedPlan = Extract<ChannelResponse<'plan:load'>, { ok: true }>['value']

/**
 * The launch-day board: one screen that answers "are we go?" (readiness, blocking counts, canary,
 * decision), the road to GO (phases, the items needing attention, the roll call), and the items
 * in their own scroll pane. Nothing here decides anything: the rules are src/shared's.
 */
export function PlanView({ loaded }: { loaded: LoadedPlan }) {
  const closePlan = useApp((s) => s.closePlan)
  const running = useApp((s) => s.run !== null && !s.run.done)
  const runProbes = useApp((s) => s.runProbes)
  const continuous = useApp((s) => s.continuous)
  const setContinuous = useApp((s) => s.setContinuous)
  const showCredentials = useCredentials((s) => s.show)
  const session = useSession((s) => s.view)
  const markItem = useSession((s) => s.mark)
  const ui = useUi()
  const theme = useTheme((s) => s.theme)
  const setTheme = useTheme((s) => s.setTheme)
  const [query, setQuery] = useState('')
  const [show, setShow] = useState<'all' | 'attention'>('all')
  // The start form shows for a menu "New Session" request until it is used or dismissed.
  const [answeredRequests, setAnsweredRequests] = useState(0)
  const startingNew = session !== null && ui.newSessionRequests > answeredRequests
  const search = useRef<HTMLInputElement>(null)
  // Leaving the board leaves its modes: the next plan opens on a plain board.
  useEffect(
    () => () =>
      useUi.setState({
        present: false,
        commands: false,
        signing: undefined,
        selected: undefined,
        pane: 'items',
      }),
    [],
  )
  useEffect(() => {
    if (ui.searchRequests > 0) {
      useUi.getState().setPane('items')
      requestAnimationFrame(() => search.current?.focus())
    }
  }, [ui.searchRequests])
  useEffect(() => {
    if (ui.newSessionRequests === 0) return
    // The form renders on this change; focus it on the next frame.
    requestAnimationFrame(() => document.getElementById('captain')?.focus())
  }, [ui.newSessionRequests])
  const { plan, hash, warnings } = loaded
  const allItems = useMemo(() => plan.phases.flatMap((p) => p.items), [plan])
  const wordsKey = query.trim().toLowerCase()
  // "Needing attention" depends on every state; as one string it changes only when a state does.
  const statesKey = useBoard((s) =>
    show === 'attention' ? allItems.map((i) => s.states.get(i.id) ?? 'pending').join() : '',
  )
  const visible = useMemo(() => {
    const words = wordsKey.split(/\s+/).filter(Boolean)
    const states = statesKey.split(',')
    return new Set(
      allItems
        .filter((item, index) => {
          const text = `${item.id} ${item.title} ${item.owner ?? ''}`.toLowerCase()
          if (!words.every((w) => text.includes(w))) return false
          if (show === 'attention') return !['pass', 'waived'].includes(states[index]!)
          return true
        })
        .map((i) => i.id),
    )
  }, [allItems, wordsKey, show, statesKey])
  const attention = useBoard((s) => s.attention)
  // The keyboard walks the items in the order the list shows them: attention first.
  const order = useMemo(() => {
    const first = attention ? attention.split('\n').filter((id) => visible.has(id)) : []
    const pulled = new Set(first)
    return [
      ...first,
      ...allItems.filter((i) => visible.has(i.id) && !pulled.has(i.id)).map((i) => i.id),
    ]
  }, [allItems, visible, attention])
  const selectedItem = allItems.find((i) => i.id === ui.selected)
  const authoring = ui.mode === 'author'
  const authoredHash = useAuthoring((s) => (authoring ? s.state?.hash : undefined))
  const authoredDirty = useAuthoring((s) => authoring && s.state?.dirty === true)
  useShortcuts({
    move: (delta) => {
      // The author view has its own keys (j / k walk the suggestions).
      if (authoring) return
      const at = order.indexOf(ui.selected ?? '')
      ui.select(order[Math.min(order.length - 1, Math.max(0, at < 0 ? 0 : at + delta))])
    },
    toggle: () => {
      if (authoring) return
      if (!selectedItem || selectedItem.probe || selectedItem.canary || !session) return
      const state = useBoard.getState().states.get(selectedItem.id)
      void markItem(selectedItem.id, state === 'pass' ? 'pending' : 'pass')
    },
    run: () => {
      if (!authoring && selectedItem?.probe) void runProbes(selectedItem.id)
    },
    focusSearch: () => {
      ui.setPane('items')
      requestAnimationFrame(() => search.current?.focus())
    },
    toggleHelp: () => ui.setHelp(!ui.help),
    commands: () => ui.setCommands(!ui.commands),
    escape: () => {
      if (authoring && useAuthoring.getState().editing) useAuthoring.getState().edit(undefined)
      else if (ui.help) ui.setHelp(false)
      else if (ui.selected) ui.select(undefined)
      else if (ui.signing) ui.setSigning(undefined)
    },
  })
  const commands = useCommands(plan, {
    focusSearch: () => {
      ui.setPane('items')
      requestAnimationFrame(() => search.current?.focus())
    },
    showAttention: (on) => setShow(on ? 'attention' : 'all'),
  })
  const probeCount = allItems.filter((i) => i.probe).length
  // Sign-off roles by name, whatever shape the plan gives them (src/shared/board/pinning.ts).
  const roleNames = useMemo(() => plan.roles.map(roleName), [plan])
  return (
    <>
      {ui.present && <PresentMode plan={plan} view={session} />}
      <main className="board" aria-label="Launch plan" hidden={ui.present}>
        <header className="topbar">
          <Button variant="ghost" onClick={closePlan} aria-label="Back to home">
            ←
          </Button>
          <div className="topbar-title">
            <h1 title={plan.description}>{plan.name}</h1>
            <p className="meta">
              {plan.phases.length} phases · {allItems.length} items · plan{' '}
              <code title={authoredHash ?? hash} aria-label="Plan hash">
                {(authoredHash ?? hash).slice(0, 8)}
              </code>
              {authoredDirty && <span className="meta"> (edited, unsaved)</span>}
              {session && (
                <>
                  {' '}
                  · {session.startedBy} · <Elapsed since={session.startedAt} />
                  {session.environment !== undefined && (
                    <>
                      {' '}
                      ·{' '}
                      <span role="note" aria-label="Session environment">
                        Environment: <strong>{session.environment}</strong>
                      </span>
                    </>
                  )}
                </>
              )}
            </p>
          </div>
          <div className="topbar-run">
            {probeCount > 0 && (
              <>
                <Button
                  variant="primary"
                  className="run-all"
                  disabled={running}
                  onClick={() => void runProbes()}
                >
                  ▶ Run all probes
                </Button>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={continuous !== null}
                    onChange={(e) => setContinuous(e.target.checked ? 30 : null)}
                  />
                  Continuous
                </label>
                {continuous !== null && (
                  <Select
                    aria-label="Continuous interval"
                    value={continuous}
                    onChange={(e) => setContinuous(Number(e.target.value))}
                  >
                    {CONTINUOUS_INTERVALS.map((n) => (
                      <option key={n} value={n}>
                        every {n < 60 ? `${n} s` : `${n / 60} min`}
                      </option>
                    ))}
                  </Select>
                )}
              </>
            )}
          </div>
          <div className="topbar-tools">
            <div className="mode-switch" role="group" aria-label="Mode">
              <Button
                variant={authoring ? 'ghost' : 'primary'}
                aria-pressed={!authoring}
                onClick={() => ui.setMode('board')}
              >
                Board
              </Button>
              <Button
                variant={authoring ? 'primary' : 'ghost'}
                aria-pressed={authoring}
                onClick={() => ui.setMode('author')}
              >
                Author
              </Button>
            </div>
            <Button
              variant="ghost"
              onClick={() => ui.setCommands(true)}
              aria-keyshortcuts="Control+K Meta+K"
            >
              Commands <kbd>Ctrl K</kbd>
            </Button>
            <Button variant="ghost" onClick={() => ui.setPresent(true)}>
              Present
            </Button>
            <Select
              aria-label="Theme"
              value={theme}
              onChange={(e) => setTheme(e.target.value as Theme)}
            >
              <option value="system">Theme: system</option>
              <option value="light">Theme: light</option>
              <option value="dark">Theme: dark</option>
            </Select>
            <Button variant="ghost" onClick={() => void showCredentials()}>
              Credentials…
            </Button>
          </div>
        </header>
        {authoring ? (
          <AuthorView planKey={hash} />
        ) : (
          <>
            <div className="summary">
              {startingNew ? (
                <StartSession again onKeep={() => setAnsweredRequests(ui.newSessionRequests)} />
              ) : (
                <ReadinessCard view={session} />
              )}
              <CountsCard plan={plan} />
              <CanaryCard plan={plan} />
              <DecisionCard view={session} />
            </div>
            <div className="body">
              <PhaseRail plan={plan} view={session} />
              <section className="card items-pane" aria-label="Items and activity">
                <div className="pane-tabs" role="tablist" aria-label="Show">
                  <button
                    type="button"
                    role="tab"
                    aria-selected={ui.pane === 'items'}
                    className="tab"
                    onClick={() => ui.setPane('items')}
                  >
                    Items
                  </button>
                  <button
                    type="button"
                    role="tab"
                    aria-selected={ui.pane === 'activity'}
                    className="tab"
                    disabled={!session}
                    onClick={() => ui.setPane('activity')}
                  >
                    Activity
                  </button>
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
                </div>
                {ui.pane === 'activity' && session ? (
                  <Activity />
                ) : (
                  <>
                    <div className="pane-toolbar item-filter">
                      <Input
                        ref={search}
                        type="search"
                        aria-label="Search items"
                        placeholder="Search items (/)"
                        value={query}
                        onChange={(e) => setQuery(e.target.value)}
                      />
                      <label className="field field-inline">
                        <span className="field-label">Show</span>
                        <Select
                          value={show}
                          onChange={(e) => setShow(e.target.value as 'all' | 'attention')}
                        >
                          <option value="all">all items</option>
                          <option value="attention">needing attention</option>
                        </Select>
                      </label>
                      <span className="meta" role="status" aria-label="Items shown">
                        {visible.size} of {allItems.length} items
                      </span>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => ui.setHelp(!ui.help)}
                        aria-expanded={ui.help}
                      >
                        Keyboard shortcuts (?)
                      </Button>
                    </div>
                    {ui.help && (
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
                    <ItemList plan={plan} visible={visible} />
                  </>
                )}
              </section>
              <RollCall plan={plan} view={session} />
              {selectedItem && (
                <ItemDrawer
                  key={selectedItem.id}
                  item={selectedItem}
                  roles={roleNames}
                  freshness={selectedItem.freshness ?? plan.freshness}
                />
              )}
              {!selectedItem && ui.signing !== undefined && session && (
                <SignOffDrawer
                  key={ui.signing}
                  view={session}
                  roles={roleNames}
                  initialRole={ui.signing}
                />
              )}
            </div>
          </>
        )}
        {ui.commands && <CommandMenu plan={plan} actions={commands} />}
      </main>
    </>
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
