import { useState } from 'react'
import { useCredentials } from '../credentials-store'
import { useApp } from '../store'
import { SourceErrors } from './SourceErrors'

export function Home() {
  const { templates, recent, errors, busy, openPlan, openDropped, resume, importChecklist } =
    useApp()
  const showCredentials = useCredentials((s) => s.show)
  const [dragging, setDragging] = useState(false)
  const [captain, setCaptain] = useState('')
  return (
    <main
      className={`home${dragging ? ' dragging' : ''}`}
      aria-label="Home"
      onDragOver={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        // The file is read here and its text goes to main: a sandboxed window gets no paths.
        e.preventDefault()
        setDragging(false)
        const file = e.dataTransfer.files[0]
        // A checklist is previewed (counts, what was left out) before it opens as a plan.
        if (file && !/\.(ya?ml|json)$/i.test(file.name)) importChecklist({ kind: 'file', file })
        else if (file) void openDropped(file)
      }}
    >
      <header className="home-header">
        <h1>GoNoGo</h1>
        <p>
          Open a launch plan, run its checks, collect sign-offs, and decide GO or NO-GO with a
          record anyone can verify.
        </p>
      </header>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">Open</h2>
        <button type="button" disabled={busy} onClick={() => void openPlan({ source: 'dialog' })}>
          Open plan or checklist…
        </button>
        <button type="button" disabled={busy} onClick={() => importChecklist({ kind: 'dialog' })}>
          Import checklist…
        </button>
        <button type="button" onClick={() => void showCredentials()}>
          Credentials…
        </button>
        <p className="hint">
          Plans are YAML or JSON. Markdown and plain-text checklists are imported. Or drop a file
          anywhere on this window.
        </p>
      </section>
      <SourceErrors errors={errors} />
      {recent.length > 0 && (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent sessions</h2>
          <label className="resume-as">
            Continue as
            <input
              value={captain}
              onChange={(e) => setCaptain(e.target.value)}
              placeholder="your name"
            />
          </label>
          <ul className="recent">
            {recent.map((r) => (
              <li key={r.dir}>
                <button
                  type="button"
                  disabled={busy || !captain.trim()}
                  onClick={() => void resume(r.dir, captain.trim())}
                >
                  <span className="template-name">Continue {r.planName}</span>
                  <span className="template-description">
                    {new Date(r.startedAt).toLocaleString()} · {r.startedBy} · {r.events} events
                    {r.decision && <> · decided {r.decision}</>}
                    {r.problem && <> · ⚠ {r.problem}</>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading">Templates</h2>
        <ul className="templates">
          {templates.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className="template"
                disabled={busy}
                onClick={() => void openPlan({ source: 'template', id: t.id })}
              >
                <span className="template-name">{t.name}</span>
                {t.description && <span className="template-description">{t.description}</span>}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </main>
  )
}
