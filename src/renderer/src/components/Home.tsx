import { useCredentials } from '../credentials-store'
import { useApp } from '../store'
import { SourceErrors } from './SourceErrors'

export function Home() {
  const { templates, errors, busy, openPlan } = useApp()
  const showCredentials = useCredentials((s) => s.show)
  return (
    <main className="home" aria-label="Home">
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
        <button type="button" onClick={() => void showCredentials()}>
          Credentials…
        </button>
        <p className="hint">
          Plans are YAML or JSON. Markdown and plain-text checklists are imported.
        </p>
      </section>
      <SourceErrors errors={errors} />
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
