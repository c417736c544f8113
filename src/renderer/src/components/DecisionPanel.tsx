import { useState } from 'react'
import { SIGNOFF_NAMESPACE } from '../../../shared/record/signoff-namespace'
import { useSession, type SessionView } from '../session-store'

/** Sign-offs per role (sign with a keychain key, make one), the decision, and the record export. */
export function DecisionPanel({ view, roles }: { view: SessionView; roles: string[] }) {
  const { sign, importSignature, createKey, decide, exportRecord, publicKey, exported, busy } =
    useSession()
  const [role, setRole] = useState(roles[0] ?? '')
  const [name, setName] = useState('')
  const [key, setKey] = useState('')
  const [reason, setReason] = useState('')
  const ready = view.verdict === 'READY'
  const blockers = view.reasons.filter((r) => r.level === 'blocker')
  return (
    <section className="decision" aria-label="Sign-off and decision">
      <h2>Sign-offs</h2>
      <table className="signoffs">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Signed by</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {view.signoffs.map((s) => (
            <tr key={s.role} data-role={s.role} className={s.status}>
              <th scope="row">
                {s.role}
                {!s.pinned && (
                  <small className="unpinned" title="Anyone's key counts for this role">
                    {' '}
                    ⚠ signer not pinned by the plan
                  </small>
                )}
                {s.quorum && (
                  <small className="quorum">
                    {' '}
                    {s.quorum.signed}/{s.quorum.needed} keys
                  </small>
                )}
              </th>
              <td>{s.signer ?? '—'}</td>
              <td>
                {s.status === 'current'
                  ? '✓ current'
                  : s.status === 'outdated'
                    ? '⚠ outdated — sign again'
                    : 'missing'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {roles.length > 0 && (
        <form
          className="sign-form"
          aria-label="Sign off"
          onSubmit={(e) => {
            e.preventDefault()
            void sign(role, name, key)
          }}
        >
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.target.value)}>
              {roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label>
            Name or e-mail
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="ada@example.com"
            />
          </label>
          <label>
            Signing key
            <input
              value={key}
              onChange={(e) => setKey(e.target.value)}
              placeholder="keychain credential"
            />
          </label>
          <button type="submit" disabled={busy || !role || !name || !key}>
            Sign current digest
          </button>
          <button
            type="button"
            disabled={busy || !key || !name}
            onClick={() => void createKey(key, name)}
            title="Make a new Ed25519 key with this name in the keychain"
          >
            New signing key
          </button>
          <button
            type="button"
            disabled={busy || !role || !name}
            onClick={() => void importSignature(role, name)}
          >
            Import signature…
          </button>
        </form>
      )}
      {roles.length > 0 && (
        <details className="sign-elsewhere">
          <summary>Sign with your own SSH key instead</summary>
          <p>Sign the current digest with OpenSSH, then import the .sig file:</p>
          <pre aria-label="Signing command">
            {`printf '%s\\n' ${view.digest} > digest.txt\nssh-keygen -Y sign -f ~/.ssh/id_ed25519 -n ${SIGNOFF_NAMESPACE} digest.txt`}
          </pre>
        </details>
      )}
      {publicKey && (
        <p className="public-key" aria-label="Public key">
          Key <code>{publicKey.name}</code> ({publicKey.fingerprint}):{' '}
          <code>{publicKey.publicKey}</code>
        </p>
      )}
      <h2>Decision</h2>
      <form className="decide-form" aria-label="Decide" onSubmit={(e) => e.preventDefault()}>
        <label>
          Reason
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </label>
        <button
          type="button"
          className="go"
          disabled={busy || !ready || !reason.trim()}
          title={
            ready ? 'Record GO over the current digest' : blockers.map((b) => b.message).join('\n')
          }
          onClick={() => void decide('GO', reason)}
        >
          GO
        </button>
        <button
          type="button"
          className="nogo"
          disabled={busy || !reason.trim()}
          onClick={() => void decide('NO-GO', reason)}
        >
          NO-GO
        </button>
        {!ready && (
          <p className="go-blocked" role="note">
            GO is disabled: {blockers.length} blocker{blockers.length === 1 ? '' : 's'} (see the
            banner).
          </p>
        )}
      </form>
      <h2>Record</h2>
      <button type="button" disabled={busy} onClick={() => void exportRecord()}>
        Export signed record…
      </button>
      {exported && (
        <p role="status" aria-label="Export">
          Exported <code>{exported.pdf}</code> (digest <code>{exported.digest.slice(0, 16)}…</code>)
        </p>
      )}
    </section>
  )
}
