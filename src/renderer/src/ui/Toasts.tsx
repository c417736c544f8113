import { useSession } from '../session-store'
import { useApp } from '../store'
import { Button } from './Button'
import { useToasts } from './toast-store'

/**
 * The corner of the window for messages: a refused session command (with the blocking reasons), a
 * failed probe run, and short notes (export done). Errors are alerts and stay until dismissed.
 */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts)
  const dismiss = useToasts((s) => s.dismiss)
  const sessionError = useSession((s) => s.error)
  const runError = useApp((s) => s.runError)
  return (
    <div className="toasts">
      {sessionError && (
        <div className="toast toast-bad" role="alert">
          <div className="toast-text">
            {sessionError.message}
            {sessionError.reasons && (
              <ul>
                {sessionError.reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
          </div>
          <Button
            variant="ghost"
            size="sm"
            aria-label="Dismiss"
            onClick={() => useSession.setState({ error: null })}
          >
            ✕
          </Button>
        </div>
      )}
      {runError && (
        <div className="toast toast-bad" role="alert">
          <div className="toast-text">{runError}</div>
          <Button
            variant="ghost"
            size="sm"
            aria-label="Dismiss"
            onClick={() => useApp.setState({ runError: null })}
          >
            ✕
          </Button>
        </div>
      )}
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.tone}`}
          role={t.tone === 'bad' ? 'alert' : 'status'}
          {...(t.label !== undefined && { 'aria-label': t.label })}
        >
          <div className="toast-text">{t.text}</div>
          <Button variant="ghost" size="sm" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ✕
          </Button>
        </div>
      ))}
    </div>
  )
}
