import type { SignerLine } from '../../shared/plan/allowed-signers'
import { pinFor, planRole, roleNames } from '../../shared/plan/roles'
import type { KeyObject } from 'node:crypto'
import type { Actor, EventInput } from '../../shared/session/events'
import { readiness } from '../../shared/session/readiness'
import type { SessionState } from '../../shared/session/state'
import {
  digestMessage,
  fingerprintOf,
  SIGNOFF_NAMESPACE,
  signSshsig,
  SshsigError,
  verifySshsig,
} from './sshsig'

/** `SHA256:… (ada@example.com)`: a pinned key as the refusal names it. */
function describePin(pin: SignerLine): string {
  let fingerprint: string
  try {
    fingerprint = fingerprintOf(pin.publicKey)
  } catch {
    fingerprint = `${pin.publicKey.slice(0, 30)}…`
  }
  const who = pin.principals ?? pin.comment
  return who ? `${fingerprint} (${who})` : fingerprint
}

/** How a sign-off's signature comes about. */
export type SignatureSource =
  { method: 'keychain'; key: KeyObject } | { method: 'ssh-key' | 'imported'; armored: string }

export type SignoffResult =
  | { ok: true; event: EventInput; digest: string; keyType: string; fingerprint: string }
  | { ok: false; message: string; digest?: string }

/** The principal in allowed_signers: one token, no patterns. */
const PRINCIPAL = /^[^\s,"'*?!]+$/

/**
 * A sign-off for `role` by `name` over the session's current digest, checked before it becomes an
 * event: the role must be one the plan asks for, and the signature must verify over the digest in
 * GoNoGo's namespace. The CLI and the window share this.
 */
export function signoffEvent(
  state: SessionState,
  now: number,
  actor: Actor,
  request: { role: string; name: string; source: SignatureSource },
): SignoffResult {
  const role = request.role.trim()
  const name = request.name.trim()
  const roles = roleNames(state.plan)
  if (!roles.includes(role))
    return {
      ok: false,
      message: `role "${role}" is not one the plan asks to sign off${roles.length ? ` (roles: ${roles.join(', ')})` : ' (the plan lists no roles)'}`,
    }
  if (!PRINCIPAL.test(name))
    return {
      ok: false,
      message: `name "${name}": use an e-mail or a name without spaces, commas, quotes or wildcards (it is the principal in allowed_signers, e.g. ada@example.com)`,
    }
  const digest = readiness(state, now).digest
  const message = digestMessage(digest)
  const armored =
    request.source.method === 'keychain'
      ? signSshsig(message, request.source.key, SIGNOFF_NAMESPACE)
      : request.source.armored
  try {
    const verified = verifySshsig(armored, message, SIGNOFF_NAMESPACE)
    const pinned = planRole(state.plan, role)
    if (
      pinned?.pinned &&
      !pinFor(pinned, { publicKey: verified.publicKey, principal: name, time: now })
    )
      return {
        ok: false,
        digest,
        message: `refused: ${verified.fingerprint} is not pinned for role "${role}"${pinned.pins.some((p) => p.publicKey === verified.publicKey) ? ` as ${name}` : ''}; the plan allows ${pinned.pins.map(describePin).join(', ')}`,
      }
    return {
      ok: true,
      digest,
      keyType: verified.keyType,
      fingerprint: verified.fingerprint,
      event: {
        actor,
        type: 'signoff.added',
        data: {
          role,
          signer: name,
          digest,
          namespace: SIGNOFF_NAMESPACE,
          signature: armored.trim() + '\n',
          publicKey: verified.publicKey,
          fingerprint: verified.fingerprint,
          method: request.source.method,
        },
      },
    }
  } catch (e) {
    if (!(e instanceof SshsigError)) throw e
    return { ok: false, message: `refused: ${e.message}`, digest }
  }
}
