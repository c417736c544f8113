import { useState } from 'react'
import { MAX_DROPPED_TEXT } from '../../../../shared/ipc'
import { useAuthoring, type UpdatePreview } from '../../authoring-store'
import { Button } from '../../ui/Button'

type Problems = { file: string; line?: number; path: string; message: string }[]

/**
 * Update from checklist…: merge the team's checklist into the plan being edited, seen first. The
 * checklist comes from main's open dialog or a file dropped here; main computes the merge.
 */
export function UpdateFromChecklist({ onClose }: { onClose: () => void }) {
  const preview = useAuthoring((s) => s.preview)
  const apply = useAuthoring((s) => s.apply)
  const [shown, setShown] = useState<UpdatePreview | null>(null)
  const [problems, setProblems] = useState<Problems>([])
  const [message, setMessage] = useState<string | null>(null)
  const [prune, setPrune] = useState(false)
  // Off: new items are offered under Suggested checks to accept one by one (main drafts them).
  const [suggest, setSuggest] = useState(false)
  const [busy, setBusy] = useState(false)
  const ask = async (source: Parameters<typeof preview>[0]) => {
    setBusy(true)
    setMessage(null)
    const result = await preview(source)
    setBusy(false)
    if (result.ok) {
      setShown(result.preview)
      setProblems([])
    } else if (!result.cancelled) {
      setMessage(result.message)
      setProblems(result.errors)
    }
  }
  const fromFile = async (file: File) => {
    if (file.size > MAX_DROPPED_TEXT) {
      setMessage(`${file.name} is ${file.size} bytes; the limit is ${MAX_DROPPED_TEXT}`)
      return
    }
    await ask({ source: 'text', name: file.name, text: await file.text() })
  }
  const confirm = async () => {
    if (!shown) return
    setBusy(true)
    const outcome = await apply({ token: shown.token, prune, suggest })
    setBusy(false)
    if (outcome.ok) onClose()
    else setMessage(outcome.message)
  }
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog update-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Update from checklist"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation()
            onClose()
          }
        }}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault()
          const file = e.dataTransfer.files[0]
          if (file) void fromFile(file)
        }}
      >
        <h2>Update from checklist</h2>
        {!shown && (
          <div className="update-source">
            <Button
              variant="primary"
              autoFocus
              disabled={busy}
              onClick={() => void ask({ source: 'dialog' })}
            >
              Choose a checklist…
            </Button>
            <label className="field">
              <span className="field-label">or a checklist file (or drop one here)</span>
              <input
                type="file"
                accept=".md,.markdown,.txt"
                onChange={(e) => {
                  const file = e.target.files?.[0]
                  if (file) void fromFile(file)
                }}
              />
            </label>
          </div>
        )}
        {message && (
          <div className="error" role="alert">
            {message}
            {problems.length > 0 && (
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>
                    {p.file}
                    {p.line !== undefined && `:${p.line}`} {p.path && <code>{p.path}</code>}{' '}
                    {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {shown && (
          <>
            <p className="meta">From {shown.checklist}</p>
            <section aria-label="Added items">
              <h3>Added ({shown.added.length})</h3>
              <ul>
                {shown.added.map((a) => (
                  <li key={a.id}>
                    <span aria-hidden="true">+ </span>
                    <code>{a.id}</code> {a.title} <span className="meta">· {a.phase}</span>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-label="Changed items">
              <h3>Changed ({shown.changed.length})</h3>
              <ul>
                {shown.changed.map((c, i) => (
                  <li key={i}>
                    <span aria-hidden="true">~ </span>
                    <code>{c.id}</code> {c.field}: <del>{c.from}</del> → <ins>{c.to}</ins>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-label="Removed items">
              <h3>Not in the checklist ({shown.removed.length})</h3>
              <ul>
                {shown.removed.map((r) => (
                  <li key={r.id}>
                    <span aria-hidden="true">− </span>
                    <code>{r.id}</code> {r.title}
                    {r.hasCheck && <span className="meta"> (has a check)</span>}
                  </li>
                ))}
              </ul>
            </section>
            <label className="check">
              <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} />
              Remove the items the checklist no longer has
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={suggest}
                onChange={(e) => setSuggest(e.target.checked)}
              />
              Give the new items their drafted checks at once (otherwise they wait under Suggested
              checks)
            </label>
          </>
        )}
        <div className="form-actions">
          {shown && (
            <Button variant="primary" disabled={busy} onClick={() => void confirm()}>
              Apply update
            </Button>
          )}
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </div>
    </div>
  )
}
