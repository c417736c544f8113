import { useEffect, useState } from 'react'
import type { ItemDetail, ProbeEvidenceView } from '../../../shared/ipc'
import { api } from '../api'
import { errorMessage } from '../error-message'
import { useSession } from '../session-store'
import { useApp } from '../store'
import { useAuthoring } from '../authoring-store'
import { useUi } from '../ui-store'
import type { PlanItem } from './ItemRow'
import { describeProbe } from '../../../shared/board/probe-text'
import { sessionItem } from '../board-store'
import { Button } from '../ui/Button'
import { Drawer } from '../ui/Drawer'
import { Field, TextArea } from '../ui/Field'
import { StatusPill } from '../ui/StatusPill'
import type { StatusName } from '../ui/status'
import { CanaryPanel } from './CanaryPanel'
import { ItemControls } from './ItemControls'

const when = (iso: string) => new Date(iso).toLocaleString()

/** The item's probe in the author view's editor (the board's drawer only shows it). */
function editInAuthor(item: string) {
  useUi.getState().setMode('author')
  useUi.getState().setAuthorTab('items')
  useAuthoring.getState().edit(item)
}

/**
 * Everything about the selected item: what "done" means, how it is checked, the latest evidence
 * with every condition's actual value, and its story in the session (history, notes, attachments,
 * waiver). Reloaded from main whenever the session or the item's result changes.
 */
export function ItemDrawer({
  item,
  roles,
  freshness,
}: {
  item: PlanItem
  roles: string[]
  freshness: string
}) {
  const [showJson, setShowJson] = useState(false)
  const state = useSession((s) => sessionItem(s.view, item.id))
  const select = useUi((s) => s.select)
  const events = useSession((s) => s.view?.events)
  const sessionOpen = useSession((s) => s.view !== null)
  const observedAt = useApp((s) => s.run?.results[item.id]?.observedAt)
  const ids = useApp((s) => s.run?.results[item.id]?.ids)
  const [detail, setDetail] = useState<ItemDetail | null>(null)
  const [evidence, setEvidence] = useState<ProbeEvidenceView | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [note, setNote] = useState('')
  useEffect(() => {
    let current = true
    void (async () => {
      try {
        const [d, e] = await Promise.all([
          sessionOpen ? api().itemDetail({ item: item.id }) : null,
          item.probe ? api().probeEvidence({ item: item.id }) : null,
        ])
        if (!current) return
        setDetail(d?.ok ? d.detail : null)
        setEvidence(e?.evidence ?? null)
        setProblem(d && !d.ok ? d.message : null)
      } catch (err) {
        if (current) setProblem(errorMessage(err))
      }
    })()
    return () => {
      current = false
    }
  }, [item, events, sessionOpen, observedAt])
  const addNote = async () => {
    const result = await api().addNote({ item: item.id, text: note })
    if (result.ok) setNote('')
    else setProblem(result.message)
  }
  const attach = async () => {
    const result = await api().attachEvidence({ item: item.id })
    if (!result.ok && !result.cancelled) setProblem(result.message)
  }
  return (
    <Drawer label={`Details of ${item.id}`} title={item.title} onClose={() => select(undefined)}>
      <p className="meta">
        <code>{item.id}</code>
        {item.owner && <> · owner {item.owner}</>} · {item.blocking ? 'blocking' : 'non-blocking'}
      </p>
      {sessionOpen && (
        <ItemControls
          item={item.id}
          manual={!item.probe && !item.canary}
          roles={roles}
          state={state}
        />
      )}
      {item.notes && (
        <section aria-label="Acceptance notes">
          <h3>Acceptance</h3>
          <pre className="item-notes">{item.notes}</pre>
        </section>
      )}
      {item.probe && (
        <section aria-label="Probe definition">
          <h3>Probe</h3>
          <p className="probe-text">
            {describeProbe(item.probe, { freshness: item.freshness ?? freshness })}
          </p>
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={showJson}
            onClick={() => setShowJson(!showJson)}
          >
            {showJson ? 'Hide JSON' : 'Show JSON'}
          </Button>
          {showJson && (
            // Focusable: the JSON scrolls, and the keyboard must be able to scroll it.
            <pre className="definition" tabIndex={0} aria-label="Probe JSON">
              {JSON.stringify(item.probe, null, 2)}
            </pre>
          )}
        </section>
      )}
      <Button size="sm" variant="ghost" onClick={() => editInAuthor(item.id)}>
        {item.probe || item.canary ? 'Edit probe…' : 'Add a probe…'}
      </Button>
      {item.canary && <CanaryPanel item={item.id} metrics={item.canary.metrics} />}
      {evidence && <Evidence view={evidence} />}
      {ids && (
        <p className="ids" aria-label="Captured ids">
          {Object.entries(ids).map(([k, v]) => (
            <span key={k}>
              {k}: <code>{v}</code>
            </span>
          ))}
        </p>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {detail && (
        <>
          {detail.waiver && (
            <section aria-label="Waiver">
              <h3>Waiver</h3>
              <p>
                {detail.waiver.reason} — approved by {detail.waiver.role} ({detail.waiver.by},{' '}
                {when(detail.waiver.at)})
                {detail.waiver.expiresAt && (
                  <>
                    {' '}
                    · {detail.waiver.expired ? 'expired' : 'expires'}{' '}
                    {when(detail.waiver.expiresAt)}
                  </>
                )}
              </p>
            </section>
          )}
          <section aria-label="History">
            <h3>History</h3>
            {detail.history.length === 0 ? (
              <p className="meta">Nothing recorded yet.</p>
            ) : (
              <ol className="history">
                {detail.history.map((h) => (
                  <li key={h.seq}>
                    <StatusPill size="sm" status={h.status as StatusName} /> {h.source} · {h.by} ·{' '}
                    {when(h.at)}
                    {h.reason && <div className="status-reason">{h.reason}</div>}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-label="Notes">
            <h3>Notes</h3>
            <ul className="notes">
              {detail.notes.map((n) => (
                <li key={n.seq}>
                  {n.text}{' '}
                  <span className="meta">
                    — {n.by}, {when(n.at)}
                  </span>
                </li>
              ))}
            </ul>
            <form
              onSubmit={(e) => {
                e.preventDefault()
                if (note.trim()) void addNote()
              }}
            >
              <Field label="Add a note">
                <TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
              </Field>
              <Button type="submit" size="sm" disabled={!note.trim()}>
                Add note
              </Button>
            </form>
          </section>
          <section aria-label="Attachments">
            <h3>Attachments</h3>
            <ul className="attachments">
              {detail.attachments.map((a) => (
                <li key={a.seq}>
                  {a.name} <span className="meta">({a.size} bytes)</span>{' '}
                  <code title={a.sha256}>{a.sha256.slice(0, 12)}</code>
                </li>
              ))}
            </ul>
            <Button size="sm" onClick={() => void attach()}>
              Attach a file…
            </Button>
          </section>
        </>
      )}
    </Drawer>
  )
}

/**
 * The latest evidence: request, response, each condition with its actual value, timings. The
 * probe editor's Try shows its evidence with it too (under its own title).
 */
export function Evidence({
  view,
  title = 'Latest evidence',
  conditions = true,
}: {
  view: ProbeEvidenceView
  title?: string
  /** False where the conditions are already listed (Try lists them with their actual values). */
  conditions?: boolean
}) {
  const e = view.evidence
  return (
    <section aria-label={title}>
      <h3>
        {title} <StatusPill size="sm" status={view.status} />
      </h3>
      <p className="meta">
        {e.kind} · {when(view.observedAt)} · {Math.round(e.durationMs)} ms
      </p>
      {view.reason && <p className="status-reason">{view.reason}</p>}
      {e.http?.request && (
        <p>
          <code>
            {e.http.request.method} {e.http.request.url}
          </code>
          {e.http.status !== undefined && <> → HTTP {e.http.status}</>}
        </p>
      )}
      {e.steps && (
        <ol className="steps">
          {e.steps.map((s) => (
            <li key={s.id}>
              <code>{s.id}</code>: {s.request.method} {s.request.url}
              {s.status !== undefined && <> → HTTP {s.status}</>}
            </li>
          ))}
        </ol>
      )}
      {conditions && (
        <ul className="conditions" aria-label="Conditions">
          {e.conditions.map((c, i) => (
            <li key={i} className={c.pass ? 'pass' : 'fail'}>
              {c.pass ? '✓' : '✗'}{' '}
              {/* A failure's `actual` is the expression with the values it compared. */}
              <code>{c.actual ?? c.expression}</code>
            </li>
          ))}
        </ul>
      )}
      {e.http?.timing && (
        <p className="meta">
          {Object.entries(e.http.timing)
            .map(([k, v]) => `${k} ${Math.round(v)} ms`)
            .join(' · ')}
        </p>
      )}
      {e.http?.bodyExcerpt && (
        <details>
          <summary>Response excerpt</summary>
          <pre className="definition" tabIndex={0} aria-label="Response excerpt">
            {e.http.bodyExcerpt}
          </pre>
        </details>
      )}
    </section>
  )
}
