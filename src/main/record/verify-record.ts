import { canonicalHash, canonicalJson, sha256Hex } from '../../shared/canonical'
import { eventHash } from '../../shared/session/chain'
import {
  LaunchRecordSchema,
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
export function verifyRecordJson(bytes: string): { checks: Check[]; record?: LaunchRecord } {
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
  for (const s of record.signoffs) {
    const who = `sign-off ${s.role} by ${s.signer}`
    if (!s.signature) {
      checks.push({ ok: false, text: `${who}: carries no signature` })
      continue
    }
    try {
      const v = verifySshsig(s.signature, digestMessage(s.digest), s.namespace ?? '')
      if (s.publicKey && v.publicKey !== s.publicKey)
        throw new SshsigError('made by another key than the one recorded')
      const current = s.digest === record.digest
      if ((s.status === 'current') !== current)
        throw new SshsigError(
          `recorded as ${s.status}, but it signs ${current ? 'the record digest' : 'another digest'} (${s.digest.slice(0, 12)}…)`,
        )
      checks.push({
        ok: true,
        text: `${who}: ${v.keyType} ${v.fingerprint} signature valid over ${current ? 'the record digest' : `an earlier digest ${s.digest.slice(0, 12)}… (outdated)`}`,
      })
    } catch (e) {
      if (!(e instanceof SshsigError)) throw e
      checks.push({ ok: false, text: `${who}: ${e.message}` })
    }
  }
  checks.push(exportTimeCheck(record))
  if (record.decision?.decision === 'GO') {
    const missing = record.plan.content.roles.filter(
      (role) => !record.signoffs.some((s) => s.role === role && s.status === 'current'),
    )
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
