import { useEffect, useRef, useState } from 'react'
import type { AuthoringState } from '../../../../shared/ipc-authoring'
import { useAuthoring } from '../../authoring-store'
import { useUi, type AuthorTab } from '../../ui-store'
import { Button } from '../../ui/Button'
import { Table, TableHead } from '../../ui/Table'
import { CheckBadge } from './CheckBadge'
import { ProbeEditor } from './ProbeEditor'
import { SuggestedChecks } from './SuggestedChecks'
import { UpdateFromChecklist } from './UpdateFromChecklist'
import { VarsPanel } from './VarsPanel'

const TABS: [AuthorTab, string][] = [
  ['suggested', 'Suggested checks'],
  ['items', 'Items'],
  ['vars', 'Vars & credentials'],
]

/**
 * Authoring the open plan in the window: the drafted checks, every item's probe, the vars,
 * environments and credentials, saving (main's dialog) and updating from the checklist. Main holds
 * the working copy; a running session stays on its own plan.
 */
export function AuthorView({ planKey }: { planKey: string }) {
  const state = useAuthoring((s) => s.state)
  const problem = useAuthoring((s) => s.problem)
  const load = useAuthoring((s) => s.load)
  const editing = useAuthoring((s) => s.editing)
  const tab = useUi((s) => s.authorTab)
  const setTab = useUi((s) => s.setAuthorTab)
  const updating = useAuthoring((s) => s.updating)
  // The working copy is main's: read it whenever the open plan changes (opened, saved, reopened).
  const shownKey = useRef(planKey)
  useEffect(() => {
    // Another plan: an editor left open on the one before is closed (its item may be gone).
    // On the first showing an editor asked for from the board's drawer stays open.
    if (shownKey.current !== planKey) useAuthoring.setState({ editing: undefined, updating: false })
    shownKey.current = planKey
    void load()
  }, [load, planKey])
  if (!state)
    return (
      <section className="card author" aria-label="Author" aria-busy={!problem}>
        {problem ? (
          <p className="error" role="alert">
            Authoring is not available: {problem}
          </p>
        ) : (
          <p className="muted">Reading the plan…</p>
        )}
      </section>
    )
  const editedItem = editing && state.items.find((i) => i.id === editing.item)
  const pending = state.items.filter((i) => i.suggestion?.decision === 'pending').length
  return (
    <div className="author">
      <AuthorBar state={state} />
      {state.problems.length > 0 && (
        <details className="warnings author-problems" open>
          <summary>
            <span aria-hidden="true">⚠ </span>
            {state.problems.length} problem(s) in the edited plan
          </summary>
          <ul>
            {state.problems.map((p, i) => (
              <li key={i}>
                {p.path && <code>{p.path}</code>} {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {/* The probe editor slides over the pane, never over the save bar above it. */}
      <div className="author-main">
        <section className="card author-pane" aria-label="Author">
          <div className="pane-tabs" role="tablist" aria-label="Author">
            {TABS.map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                className="tab"
                onClick={() => setTab(id)}
              >
                {label}
                {id === 'suggested' && pending > 0 && <span className="tab-count"> {pending}</span>}
              </button>
            ))}
          </div>
          <div
            className="author-body"
            role="tabpanel"
            aria-label={TABS.find(([id]) => id === tab)?.[1]}
          >
            {tab === 'suggested' && <SuggestedChecks state={state} />}
            {tab === 'items' && <ItemChecks state={state} />}
            {tab === 'vars' && <VarsPanel state={state} />}
          </div>
        </section>
        {editedItem && (
          <ProbeEditor
            key={`${editedItem.id}:${editing.draft ?? ''}`}
            item={editedItem}
            {...(editing.draft !== undefined && { draft: editing.draft })}
          />
        )}
      </div>
      {updating && (
        <UpdateFromChecklist onClose={() => useAuthoring.getState().setUpdating(false)} />
      )}
    </div>
  )
}

/** Save, update, where the plan was saved, and the banner for a session on the old plan. */
function AuthorBar({ state }: { state: AuthoringState }) {
  const save = useAuthoring((s) => s.save)
  const busy = useAuthoring((s) => s.busy)
  const openEdited = useAuthoring((s) => s.openEdited)
  const [starting, setStarting] = useState(false)
  return (
    <>
      {state.sessionOnOtherPlan && (
        <div className="banner banner-warn" role="status" aria-label="Running session">
          <span aria-hidden="true">◷ </span>
          <strong>The running session stays on its plan.</strong> Edits here change the plan file
          you save, never the session already running.
          <Button
            size="sm"
            variant="primary"
            disabled={starting || state.dirty}
            title={state.dirty ? 'Save the plan first' : undefined}
            onClick={() => {
              setStarting(true)
              void openEdited().finally(() => setStarting(false))
            }}
          >
            Start a new session on the edited plan
          </Button>
          {state.dirty && <span className="meta"> (save the plan first)</span>}
        </div>
      )}
      <div className="author-bar" aria-label="Plan file">
        <span className="meta">
          Editing <strong>{state.source.name}</strong> ({state.source.kind})
          {state.savedTo && <> · saved to {state.savedTo}</>} ·{' '}
          {state.dirty ? (
            <span className="unsaved" role="status" aria-label="Unsaved changes">
              <span aria-hidden="true">● </span>unsaved changes
            </span>
          ) : (
            <span role="status" aria-label="Saved">
              <span aria-hidden="true">✓ </span>saved
            </span>
          )}
        </span>
        <Button onClick={() => useAuthoring.getState().setUpdating(true)}>
          Update from checklist…
        </Button>
        <Button variant="primary" disabled={busy} onClick={() => void save()}>
          Save plan…
        </Button>
      </div>
    </>
  )
}

/** Every item with its check (manual, draft, ready) and a way into its probe editor. */
function ItemChecks({ state }: { state: AuthoringState }) {
  const edit = useAuthoring((s) => s.edit)
  return (
    <Table aria-label="Item checks" className="item-checks">
      <TableHead columns={['Item', 'Phase', 'Check', 'Still missing']} actions />
      <tbody>
        {state.items.map((item) => (
          <tr key={item.id} data-item={item.id}>
            <th scope="row">
              {item.title} <code className="meta">{item.id}</code>
              {item.edited && <span className="meta"> · edited</span>}
            </th>
            <td>{item.phase}</td>
            <td>
              <CheckBadge look={item.check} />{' '}
              <span className="meta">
                {typeof item.probe?.kind === 'string'
                  ? String(item.probe.kind)
                  : item.canary
                    ? 'canary'
                    : ''}
              </span>
            </td>
            <td>{item.missing.map((m) => `${m.type} ${m.name}`).join(', ') || '—'}</td>
            <td>
              <Button size="sm" onClick={() => edit(item.id)}>
                {item.probe || item.canary ? 'Edit probe…' : 'Add probe…'}
                <span className="visually-hidden"> of {item.id}</span>
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  )
}
