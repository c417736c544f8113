import { canonicalHash, canonicalJson, sha256Hex } from '../../shared/canonical'
import { eventHash } from '../../shared/session/chain'
import { lineAdmits, type SignerLine } from '../../shared/plan/allowed-signers'
import { pinFor, planRoles, UNPINNED_NOTE, type PlanRole } from '../../shared/plan/roles'
import {
  LaunchRecordSchema,
  recordRoles,
  snapshotFromRecord,
  type LaunchRecord,
} from '../../shared/record/record'
import { digestMessage, SshsigError, verifySshsig } from './sshsig'

export interface Check {
  ok: boolean
  /** One line: what was checked and what was found. */
  text: string
}

/**
 * Every check on record.json that needs nothing else: canonical form, schema, the digest
 * recomputed from the record's own contents, each sign-off's signature, and GO only with every
 * role signed off on the recorded state.
 */
export function verifyRecordJson(
  bytes: string,
  allowedSigners?: readonly SignerLine[],
): { checks: Check[]; record?: LaunchRecord } {
  const checks: Check[] = []
  let value: unknown
  try {
    value = JSON.parse(bytes)
  } catch (e) {
    return { checks: [{ ok: false, text: `record.json is not JSON: ${(e as Error).message}` }] }
  }
  let parsed: ReturnType<typeof LaunchRecordSchema.safeParse>
  try {
    parsed = LaunchRecordSchema.safeParse(value)
  } catch (e) {
    // A refinement that throws on hostile input is a bug, but a verifier still answers.
    return {
      checks: [
        {
          ok: false,
          text: `record.json cannot be checked against the record schema: ${String(e)}`,
        },
      ],
    }
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      checks: [
        {
          ok: false,
          text: `record.json does not match the record schema: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? ''}`,
        },
      ],
    }
  }
  const record = parsed.data
  let canonical: boolean
  try {
    canonical = canonicalJson(value) === bytes
  } catch {
    canonical = false
  }
  checks.push({
    ok: canonical,
    text: canonical
      ? 'record.json is canonical (RFC 8785) and matches the record schema'
      : 'record.json is not in canonical form (RFC 8785): it was re-encoded or edited',
  })
  const recomputed = canonicalHash(snapshotFromRecord(record))
  checks.push({
    ok: recomputed === record.digest,
    text:
      recomputed === record.digest
        ? `digest ${record.digest} recomputed from the record's items, canaries and plan`
        : `digest mismatch: the record says ${record.digest}, its contents hash to ${recomputed}`,
  })
  // Evidence excerpts chain to the digest: excerpt → its SHA-256 in the event → the event's hash,
  // which the digest covers.
  const broken: string[] = []
  let chained = 0
  for (const item of record.items) {
    if (!item.probe && !item.event) continue
    const event = item.event ?? {}
    const data = (event.data ?? {}) as { evidence?: unknown; item?: unknown }
    const ok =
      item.probe !== undefined &&
      typeof event.hash === 'string' &&
      eventHash(event) === event.hash &&
      item.evidence.includes(event.hash) &&
      data.item === item.id &&
      data.evidence === sha256Hex(canonicalJson(item.probe))
    if (ok) chained++
    else broken.push(item.id)
  }
  checks.push({
    ok: broken.length === 0,
    text:
      broken.length === 0
        ? `${chained} probe evidence excerpt(s) chain to the digest through their events`
        : `probe evidence of ${broken.map((id) => `\`${id}\``).join(', ')} does not match the event the digest covers (edited evidence)`,
  })
  const roles = planRoles(record.plan.content)
  if (record.roles !== undefined) {
    const same = canonicalJson(record.roles) === canonicalJson(recordRoles(record.plan.content))
    checks.push({
      ok: same,
      text: same
        ? `roles as the plan states them: ${describeRoles(roles)}`
        : "record.json's roles do not match its plan (who may sign was edited)",
    })
  }
  for (const s of record.signoffs) checks.push(...signoffChecks(record, s, roles, allowedSigners))
  checks.push(exportTimeCheck(record))
  if (record.decision?.decision === 'GO') {
    const missing = roles
      .filter((role) => {
        const keys = new Set(
          record.signoffs
            .filter(
              (s) =>
                s.role === role.name &&
                s.status === 'current' &&
                (!role.pinned ||
                  pinFor(role, {
                    publicKey: s.publicKey ?? '',
                    principal: s.signer,
                    time: Date.parse(s.at),
                  })),
            )
            .map((s) => s.publicKey ?? s.signer),
        )
        return keys.size < role.quorum
      })
      .map((role) => (role.quorum > 1 ? `${role.name} (quorum ${role.quorum})` : role.name))
    checks.push({
      ok: missing.length === 0,
      text:
        missing.length === 0
          ? 'GO with every role signed off on the recorded state'
          : `GO recorded without a current sign-off from ${missing.join(', ')}`,
    })
  }
  return { checks, record }
}

function describeRoles(roles: PlanRole[]): string {
  if (roles.length === 0) return 'none'
  return roles
    .map(
      (r) =>
        `${r.name} ${r.pinned ? `pinned to ${r.pins.length} key(s)${r.quorum > 1 ? `, quorum ${r.quorum}` : ''}` : `(${UNPINNED_NOTE})`}`,
    )
    .join('; ')
}

type RecordSignoff = LaunchRecord['signoffs'][number]

/**
 * One sign-off: its SSH signature over the digest it names; for a role the plan pins, a pinned
 * key; with the verifier's allowed_signers, a line there that admits it (principal, key,
 * namespace, validity at the sign-off's time), as `ssh-keygen -Y verify` would.
 */
function signoffChecks(
  record: LaunchRecord,
  s: RecordSignoff,
  roles: PlanRole[],
  allowedSigners: readonly SignerLine[] | undefined,
): Check[] {
  const who = `sign-off ${s.role} by ${s.signer}`
  if (!s.signature) return [{ ok: false, text: `${who}: carries no signature` }]
  let v: ReturnType<typeof verifySshsig>
  try {
    v = verifySshsig(s.signature, digestMessage(s.digest), s.namespace ?? '')
    if (s.publicKey && v.publicKey !== s.publicKey)
      throw new SshsigError('made by another key than the one recorded')
    const current = s.digest === record.digest
    if ((s.status === 'current') !== current)
      throw new SshsigError(
        `recorded as ${s.status}, but it signs ${current ? 'the record digest' : 'another digest'} (${s.digest.slice(0, 12)}…)`,
      )
  } catch (e) {
    if (!(e instanceof SshsigError)) throw e
    return [{ ok: false, text: `${who}: ${e.message}` }]
  }
  const current = s.digest === record.digest
  const checks: Check[] = [
    {
      ok: true,
      text: `${who}: ${v.keyType} ${v.fingerprint} signature valid over ${current ? 'the record digest' : `an earlier digest ${s.digest.slice(0, 12)}… (outdated)`}`,
    },
  ]
  const request = { publicKey: v.publicKey, principal: s.signer, time: Date.parse(s.at) }
  const role = roles.find((r) => r.name === s.role)
  if (role?.pinned) {
    const ok = pinFor(role, request) !== undefined
    checks.push({
      ok,
      text: ok
        ? `${who}: the key is one the plan pins for ${s.role}`
        : `${who}: ${v.fingerprint} is not a key the plan pins for ${s.role}`,
    })
  }
  if (allowedSigners) {
    const ok = allowedSigners.some((line) =>
      lineAdmits(line, { ...request, namespace: s.namespace ?? '' }),
    )
    checks.push({
      ok,
      text: ok
        ? `${who}: your allowed_signers admits ${v.fingerprint} as ${s.signer}`
        : `${who}: your allowed_signers does not admit ${v.fingerprint} as ${s.signer} in namespace ${s.namespace ?? '(none)'}`,
    })
  }
  return checks
}

/**
 * The export time is the exporter's own statement: nothing in the log attests it (the signed PDF
 * covers it). It can still be checked for sense: not before anything the record says happened.
 */
function exportTimeCheck(record: LaunchRecord): Check {
  const times: [string, string][] = [['the session start', record.session.startedAt]]
  for (const item of record.items) {
    if (item.at) times.push([`item \`${item.id}\``, item.at])
    for (const note of item.notes) times.push([`a note on \`${item.id}\``, note.at])
  }
  for (const canary of record.canaries) times.push([`canary \`${canary.item}\``, canary.at])
  for (const s of record.signoffs) times.push([`the ${s.role} sign-off`, s.at])
  if (record.decision) times.push(['the decision', record.decision.at])
  const exported = Date.parse(record.generatedAt)
  const later = times.find(([, at]) => Date.parse(at) > exported)
  return later
    ? {
        ok: false,
        text: `record.json says it was exported at ${record.generatedAt}, before ${later[0]} (${later[1]})`,
      }
    : { ok: true, text: `exported at ${record.generatedAt}, after everything it records` }
}
