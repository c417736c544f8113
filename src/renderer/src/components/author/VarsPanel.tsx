import { useState, type FormEvent } from 'react'
import type { AuthoringState } from '../../../../shared/ipc-authoring'
import { useAuthoring } from '../../authoring-store'
import { useCredentials } from '../../credentials-store'
import { Button } from '../../ui/Button'
import { Table, TableHead } from '../../ui/Table'
import { useToasts } from '../../ui/toast-store'
import { EnvironmentSelect } from '../EnvironmentPicker'
import { CheckBadge } from './CheckBadge'

type Var = AuthoringState['vars'][number]

/**
 * The plan's vars per environment (a default and a value per environment), the credentials its
 * probes name (set or missing, and where from; values go to the keychain screen, never here), and
 * the environment the author view shows and Try uses.
 */
export function VarsPanel({ state }: { state: AuthoringState }) {
  const setEnvironment = useAuthoring((s) => s.setEnvironment)
  const report = (outcome: { ok: boolean; message?: string }) => {
    if (!outcome.ok && outcome.message)
      useToasts.getState().show({ tone: 'bad', text: outcome.message })
  }
  return (
    <div className="vars-panel">
      <section aria-label="Environment" className="author-section">
        <h2>Environment</h2>
        {state.environments.length === 0 ? (
          <p className="muted">
            The plan declares no environments: vars have one value (their default).
          </p>
        ) : (
          <>
            <EnvironmentSelect
              names={state.environments}
              value={state.environment ?? ''}
              onChange={(name) => void setEnvironment(name).then(report)}
            />
            <p className="hint">Vars below are shown, and Try runs, in this environment.</p>
          </>
        )}
      </section>
      <section aria-label="Vars" className="author-section">
        <h2>Vars</h2>
        <Table aria-label="Plan vars">
          <TableHead
            columns={[
              'Name',
              'Default',
              ...state.environments.map((env) => (
                <>
                  {env}
                  {env === state.environment && <span className="meta"> (shown)</span>}
                </>
              )),
            ]}
          />
          <tbody>
            {state.vars.length === 0 && (
              <tr>
                <td colSpan={2 + state.environments.length}>No vars declared.</td>
              </tr>
            )}
            {state.vars.map((v) => (
              <tr key={v.name} data-var={v.name}>
                <th scope="row">
                  <code>{v.name}</code>
                  {!v.used && <span className="meta"> (unused)</span>}
                  {v.description && <div className="hint">{v.description}</div>}
                </th>
                <td>
                  <VarValue v={v} />
                </td>
                {state.environments.map((env) => (
                  <td key={env}>
                    <VarValue v={v} environment={env} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
        <AddVar />
      </section>
      <section aria-label="Credentials the plan declares" className="author-section">
        <h2>Credentials</h2>
        <Table aria-label="Plan credentials">
          <TableHead columns={['Name', 'Kind', 'Status', 'Used by']} actions />
          <tbody>
            {state.credentials.length === 0 && (
              <tr>
                <td colSpan={5}>The plan declares no credentials.</td>
              </tr>
            )}
            {state.credentials.map((c) => (
              <tr key={c.name} data-credential={c.name}>
                <th scope="row">
                  <code>{c.name}</code>
                  {c.help && <div className="hint">{c.help}</div>}
                </th>
                <td>{c.kind}</td>
                <td>
                  <CheckBadge look={c.set ? 'set' : 'missing'} />
                  {c.set && (
                    <span className="meta">
                      {' '}
                      from{' '}
                      {c.source === 'environment' ? 'a GONOGO_SECRET_* variable' : 'the keychain'}
                    </span>
                  )}
                </td>
                <td>{c.usedBy.join(', ') || '—'}</td>
                <td>
                  <Button
                    size="sm"
                    onClick={() => void useCredentials.getState().showFor(c.name, c.kind)}
                  >
                    Set…<span className="visually-hidden"> {c.name}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  )
}

/** One value of a var, saved when the field is left or Enter is pressed; empty removes it. */
function VarValue({ v, environment }: { v: Var; environment?: string }) {
  const setVar = useAuthoring((s) => s.setVar)
  const stored = environment === undefined ? (v.default ?? '') : (v.values[environment] ?? '')
  const [text, setText] = useState(stored)
  const [error, setError] = useState<string | null>(null)
  const [seen, setSeen] = useState(stored)
  // Main's answer replaces what was typed once it differs from what this field last saw.
  if (stored !== seen) {
    setSeen(stored)
    setText(stored)
  }
  const commit = async () => {
    if (text === stored) return
    const outcome = await setVar({
      name: v.name,
      value: text === '' ? null : text,
      ...(environment !== undefined && { environment }),
    })
    setError(
      outcome.ok ? null : [outcome.message, ...outcome.errors.map((e) => e.message)].join(': '),
    )
  }
  const label = `${v.name} ${environment === undefined ? 'default' : `in ${environment}`}`
  return (
    <div className="var-value">
      <input
        className="input"
        aria-label={label}
        value={text}
        placeholder={environment === undefined ? 'no default' : (v.default ?? '')}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit()
        }}
      />
      {error && <p className="field-error">{error}</p>}
    </div>
  )
}

function AddVar() {
  const setVar = useAuthoring((s) => s.setVar)
  const [name, setName] = useState('')
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const outcome = await setVar({ name: name.trim(), value: value === '' ? null : value })
    if (outcome.ok) {
      setName('')
      setValue('')
      setError(null)
    } else setError([outcome.message, ...outcome.errors.map((x) => x.message)].join(': '))
  }
  return (
    <form className="add-var" aria-label="Add a var" onSubmit={(e) => void submit(e)}>
      <label className="field field-inline">
        <span className="field-label">New var</span>
        <input
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          spellCheck={false}
          required
        />
      </label>
      <label className="field field-inline">
        <span className="field-label">Default</span>
        <input className="input" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <Button type="submit" size="sm">
        Add var
      </Button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
