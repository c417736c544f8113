import { useState } from 'react'
import { SIGNOFF_NAMESPACE } from '../../../../shared/record/signoff-namespace'
import { useSession, type SessionView } from '../../session-store'
import { useUi } from '../../ui-store'
import { Button } from '../../ui/Button'
import { Drawer } from '../../ui/Drawer'
import { Field, Input, Select } from '../../ui/Field'

/** Sign the current digest for a role: with a keychain key (or a new one), or an SSH signature made elsewhere. */
export function SignOffDrawer({
  view,
  roles,
  initialRole,
}: {
  view: SessionView
  roles: string[]
  initialRole: string
}) {
  const { sign, importSignature, createKey, publicKey, busy } = useSession()
  const setSigning = useUi((s) => s.setSigning)
  const [role, setRole] = useState(initialRole)
  const [name, setName] = useState('')
  const [key, setKey] = useState('')
  return (
    <Drawer
      label="Sign off"
      title="Sign off the current digest"
      onClose={() => setSigning(undefined)}
    >
      <p className="meta">
        digest <code>{view.digest}</code>
      </p>
      <form
        className="form-grid"
        aria-label="Sign off"
        onSubmit={(e) => {
          e.preventDefault()
          void sign(role, name, key)
        }}
      >
        <Field label="Role">
          <Select value={role} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </Select>
        </Field>
        <Field label="Name or e-mail">
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="ada@example.com"
          />
        </Field>
        <Field label="Signing key">
          <Input
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder="keychain credential"
          />
        </Field>
        <div className="button-row">
          <Button type="submit" variant="primary" disabled={busy || !role || !name || !key}>
            Sign current digest
          </Button>
          <Button
            disabled={busy || !key || !name}
            onClick={() => void createKey(key, name)}
            title="Make a new Ed25519 key with this name in the keychain"
          >
            New signing key
          </Button>
          <Button
            disabled={busy || !role || !name}
            onClick={() => void importSignature(role, name)}
          >
            Import signature…
          </Button>
        </div>
      </form>
      {publicKey && (
        <p className="public-key" aria-label="Public key">
          Key <code>{publicKey.name}</code> ({publicKey.fingerprint}):{' '}
          <code>{publicKey.publicKey}</code>
        </p>
      )}
      <details className="sign-elsewhere">
        <summary>Sign with your own SSH key instead</summary>
        <p>Sign the current digest with OpenSSH, then import the .sig file:</p>
        <pre aria-label="Signing command">
          {`printf '%s\\n' ${view.digest} > digest.txt\nssh-keygen -Y sign -f ~/.ssh/id_ed25519 -n ${SIGNOFF_NAMESPACE} digest.txt`}
        </pre>
      </details>
    </Drawer>
  )
}
