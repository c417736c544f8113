import { useState, type FormEvent } from 'react'
import {
  CREDENTIAL_FORMS,
  CREDENTIAL_KINDS,
  type CredentialKind,
} from '../../../shared/credentials'
import { useCredentials, type CredentialInfo } from '../credentials-store'
import { TableHead } from '../ui/Table'

/** Credentials by name and kind, set or missing, where from; values can be written, never read. */
export function Credentials() {
  const { credentials, message, saved, hide, remove } = useCredentials()
  // Opened from the author view's "Set…": the form starts on that credential.
  const [editing, setEditing] = useState<{ name: string; kind: CredentialKind } | null>(
    () => useCredentials.getState().editing,
  )
  const [confirming, setConfirming] = useState<string | null>(null)
  return (
    <main className="credentials" aria-label="Credentials">
      <header className="plan-header">
        <button type="button" onClick={hide} aria-label="Back">
          ←
        </button>
        <div>
          <h1>Credentials</h1>
          <p className="meta">
            Stored in the OS keychain. GoNoGo shows names and status only; a value never comes back
            to this window.
          </p>
        </div>
        <button
          type="button"
          onClick={() => setEditing({ name: '', kind: 'token' })}
          disabled={editing !== null}
        >
          Add credential
        </button>
      </header>
      {message && (
        <p className="failure" role="alert">
          {message}
        </p>
      )}
      {saved && (
        <p className="saved" role="status">
          {saved}
        </p>
      )}
      {editing && (
        <CredentialForm
          initial={editing}
          onDone={() => setEditing(null)}
          key={`${editing.name}:${editing.kind}`}
        />
      )}
      <table className="credential-table">
        <TableHead columns={['Name', 'Kind', 'Status', 'Updated']} actions />
        <tbody>
          {credentials.length === 0 && (
            <tr>
              <td colSpan={5}>No credentials stored, and the open plan declares none.</td>
            </tr>
          )}
          {credentials.map((c) => (
            <tr key={c.name} data-credential={c.name}>
              <th scope="row">
                <code>{c.name}</code>
              </th>
              <td>{c.kind ?? '—'}</td>
              <td>
                <CredentialStatus info={c} />
              </td>
              <td>{c.updatedAt ? new Date(c.updatedAt).toLocaleString() : '—'}</td>
              <td className="actions">
                <button
                  type="button"
                  onClick={() => setEditing({ name: c.name, kind: c.kind ?? 'token' })}
                >
                  {c.set && c.source === 'keychain' ? 'Replace…' : 'Set…'}
                </button>
                {c.set &&
                  c.source === 'keychain' &&
                  (confirming === c.name ? (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        setConfirming(null)
                        void remove(c.name)
                      }}
                    >
                      Delete {c.name} from the keychain
                    </button>
                  ) : (
                    <button type="button" onClick={() => setConfirming(c.name)}>
                      Delete…
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  )
}

function CredentialStatus({ info }: { info: CredentialInfo }) {
  if (!info.set)
    return <span className="status missing">missing{info.problem ? `: ${info.problem}` : ''}</span>
  return (
    <span className="status set">
      set ({info.source === 'environment' ? 'GONOGO_SECRET_* variable' : 'keychain'})
    </span>
  )
}

/** Write-only: inputs are cleared once stored, and nothing here can read a stored value. */
function CredentialForm({
  initial,
  onDone,
}: {
  initial: { name: string; kind: CredentialKind }
  onDone: () => void
}) {
  const save = useCredentials((s) => s.save)
  const [name, setName] = useState(initial.name)
  const [kind, setKind] = useState<CredentialKind>(initial.kind)
  const [values, setValues] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const setValue = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }))
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const stored = await save(name, kind, values)
    setBusy(false)
    if (stored) {
      setValues({})
      onDone()
    }
  }
  return (
    <form className="credential-form" aria-label="Credential" onSubmit={(e) => void submit(e)}>
      <label>
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          readOnly={initial.name !== ''}
          pattern="[a-z][a-z0-9_\-]{0,63}"
          required
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label>
        Kind
        <select
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as CredentialKind)
            setValues({})
          }}
        >
          {CREDENTIAL_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      {CREDENTIAL_FORMS[kind].map((field) =>
        field.file !== undefined ? (
          <fieldset key={field.key}>
            <legend>{field.label}</legend>
            <input
              type="file"
              accept={field.file}
              aria-label={`${field.label} file`}
              onChange={(e) => {
                const file = e.target.files?.[0]
                if (file) void file.text().then((text) => setValue(field.key, text))
              }}
            />
            <textarea
              aria-label={field.label}
              value={values[field.key] ?? ''}
              onChange={(e) => setValue(field.key, e.target.value)}
              placeholder="or paste it here"
              rows={4}
              autoComplete="off"
              spellCheck={false}
              className="secret-text"
            />
          </fieldset>
        ) : (
          <label key={field.key}>
            {field.label}
            {field.optional && <span className="hint"> (optional)</span>}
            <input
              type={field.secret ? 'password' : 'text'}
              value={values[field.key] ?? ''}
              onChange={(e) => setValue(field.key, e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        ),
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          Store in keychain
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
