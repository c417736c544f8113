import { exportRecord } from '../../record/export'
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { SessionError } from '../../session/errors'
import { Session } from '../../session/session'
import type { AttestedTime } from '../../record/timestamp'
import { attachedFiles, verifyPdfSignatureDetailed } from '../../record/verify-pdf'
import { verifyRecordJson, type Check } from '../../record/verify-record'
import type { LaunchRecord } from '../../../shared/record/record'
import type { SignerLine } from '../../../shared/plan/allowed-signers'
import { planRoles } from '../../../shared/plan/roles'
import { AnchorError, loadAllowedSigners, loadTrustRoots } from '../../record/anchors'
import { EXIT, UsageError, type CliIo } from '../io'

export const verifyHelp = `gonogo verify FILE.pdf|FILE.json [--trust ROOT.pem|DIR]... [--allowed-signers FILE] [--session DIR] [--json]
  Check a launch record offline, one line per check (✓ or ✗ with the reason): the PDF signature
  covers the whole file and its CMS verifies; an RFC 3161 time-stamp, if any, covers the signature
  and its time is shown; the embedded record.json is canonical; the digest recomputed from the
  record's contents equals the recorded one; every sign-off's SSH signature verifies, by a key the
  plan pins where it pins one; with --session, the event log verifies and its head is the record's.
  Who signed is checked only against anchors you hold:
    --trust ROOT.pem       a root you trust for the PDF signer and the time-stamp authority
                           (repeatable; a directory means every .pem/.crt/.cer/.der in it)
    --allowed-signers FILE your own OpenSSH allowed_signers file for the sign-offs (principals,
                           namespaces=, valid-after/valid-before at the sign-off's time)
  A role the plan pins is anchored by the PDF signer once that is trusted.
  --json prints one JSON object: verdict, exit code, every check, what was not verified.
  Exit 0 "record verified": every check passed and every signer is anchored.
  Exit 1 "record NOT verified": a check failed.
  Exit 4 "integrity verified — signers not verified: …": every check passed, but some signer
         (or all: "no trust anchor given") was not checked against an anchor of yours.`

/** Exit code of a record whose integrity holds but whose signers no anchor of the verifier's covers. */
export const EXIT_UNANCHORED = 4

async function sessionChecks(dir: string, record: LaunchRecord): Promise<Check[]> {
  let session: Session
  try {
    session = await Session.open(dir, { readOnly: true })
  } catch (e) {
    return [
      { ok: false, text: `session ${dir}: ${e instanceof SessionError ? e.message : String(e)}` },
    ]
  }
  try {
    const problem = session.report.problem
    if (problem)
      return [{ ok: false, text: `the event log in ${dir} does not verify: ${problem.message}` }]
    const state = session.state
    if (state.sessionId !== record.session.id)
      return [{ ok: false, text: `${dir} is another session (${state.sessionId.slice(0, 12)}…)` }]
    const head = record.session.head
    if (state.head.hash === head.hash && state.head.seq === head.seq) {
      // The digest covers what the decision rests on; the record also carries titles, reasons,
      // notes and evidence excerpts. Rebuilt from the log as of its export, it must be identical.
      const rebuilt = (await exportRecord(session, Date.parse(record.generatedAt))).record
      const difference = firstDifference(
        { ...rebuilt, generator: record.generator },
        record,
        'record',
      )
      return [
        {
          ok: true,
          text: `the event log verifies and its head is the record's (event ${head.seq}, ${head.hash.slice(0, 12)}…)`,
        },
        difference
          ? { ok: false, text: `record.json is not what the session records: ${difference}` }
          : {
              ok: true,
              text: 'record.json is exactly what the session records, field by field (its export time and generator are the exporter’s own statement; the signed PDF covers them)',
            },
      ]
    }
    return [
      {
        ok: false,
        text:
          state.head.seq > head.seq
            ? `the event log has ${state.head.seq - head.seq} events after the record's head (event ${head.seq}): export the record again`
            : `the event log's head (event ${state.head.seq}) is not the record's (event ${head.seq})`,
      },
    ]
  } finally {
    await session.close()
  }
}

export async function verifyCli(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      session: { type: 'string' },
      trust: { type: 'string', multiple: true },
      'allowed-signers': { type: 'string' },
      json: { type: 'boolean' },
    },
  })
  const [file, ...extra] = positionals
  if (!file || extra.length > 0) throw new UsageError('verify takes one FILE.pdf or FILE.json')
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${e.code ?? e.message}`)
  })
  let trusted: Uint8Array[]
  let allowedSigners: SignerLine[] | undefined
  try {
    trusted = await loadTrustRoots(values.trust ?? [])
    allowedSigners = values['allowed-signers']
      ? await loadAllowedSigners(values['allowed-signers'])
      : undefined
  } catch (e) {
    if (e instanceof AnchorError) throw new UsageError(e.message)
    throw e
  }
  const checks: Check[] = []
  const notes: string[] = []
  let json: string | undefined
  let attested: AttestedTime | undefined
  const isPdf = bytes.subarray(0, 5).toString('latin1') === '%PDF-'
  if (isPdf) {
    const pdf = await verifyPdfSignatureDetailed(bytes, trusted)
    checks.push(...pdf.checks)
    attested = pdf.attested
    try {
      const files = await attachedFiles(bytes)
      const embedded = files.get('record.json')
      if (!embedded) checks.push({ ok: false, text: 'the PDF has no record.json attached' })
      else json = embedded.toString('utf8')
      if (!files.has('allowed_signers'))
        checks.push({ ok: false, text: 'the PDF has no allowed_signers attached' })
    } catch (e) {
      checks.push({
        ok: false,
        text: `the PDF's attachments cannot be read: ${(e as Error).message}`,
      })
    }
  } else json = bytes.toString('utf8')
  let record: LaunchRecord | undefined
  if (json !== undefined) {
    const verdict = verifyRecordJson(json, allowedSigners)
    checks.push(...verdict.checks)
    record = verdict.record
  }
  if (attested && record) checks.push(attestedExportCheck(record, attested))
  if (values.session) {
    if (record) checks.push(...(await sessionChecks(values.session, record)))
    else checks.push({ ok: false, text: '--session: no readable record to compare with' })
  } else if (!isPdf)
    notes.push(
      "record.json alone: the digest covers each item's status, evidence and waiver, the sign-offs and the decision; titles, reasons and notes are covered by the signed PDF, or pass --session to check them",
    )
  const unverified = unanchored(isPdf, trusted.length > 0, allowedSigners !== undefined, record)
  if (attested && trusted.length === 0 && unverified[0] !== 'no trust anchor given')
    unverified.push('the time-stamping authority (pass --trust with its root)')
  const failed = checks.filter((c) => !c.ok).length
  const ok = checks.length > 0 && failed === 0
  const code = !ok ? EXIT.failed : unverified.length ? EXIT_UNANCHORED : EXIT.ok
  const summary = !ok
    ? `record NOT verified: ${failed || 1} check(s) failed`
    : unverified.length
      ? `integrity verified — signers not verified: ${unverified.join('; ')}`
      : 'record verified'
  if (values.json) {
    io.out(
      `${JSON.stringify(
        {
          file,
          verdict: !ok ? 'failed' : unverified.length ? 'integrity-only' : 'verified',
          exitCode: code,
          summary,
          checks,
          notVerified: unverified,
          notes,
          anchors: {
            trustedRoots: trusted.length,
            allowedSigners: allowedSigners?.length ?? 0,
          },
          ...(attested && {
            timestamp: { time: attested.time.toISOString(), authority: attested.authority },
          }),
        },
        null,
        2,
      )}\n`,
    )
    return code
  }
  for (const note of notes) io.out(`· ${note}\n`)
  if (record)
    io.out(
      record.environment !== undefined
        ? `· environment: ${record.environment} (the digest covers it)\n`
        : '· environment: none named (the plan declares no environments)\n',
    )
  for (const c of checks) io.out(`${c.ok ? '✓' : '✗'} ${c.text}\n`)
  io.out(`${summary}\n`)
  return code
}

/** A time-stamp's tolerance for the exporter's clock, as TSAs state their accuracy in seconds. */
const CLOCK_SKEW_MS = 5 * 60_000

/**
 * With a signature time-stamp the export time is no longer the exporter's word alone: the TSA
 * attests that the signed record existed at its time, so the record cannot claim a later export.
 */
function attestedExportCheck(record: LaunchRecord, attested: AttestedTime): Check {
  const exported = Date.parse(record.generatedAt)
  const stamped = attested.time.getTime()
  return exported <= stamped + CLOCK_SKEW_MS
    ? {
        ok: true,
        text: `the export time ${record.generatedAt} is attested: ${attested.authority} stamped the signature at ${attested.time.toISOString()}`,
      }
    : {
        ok: false,
        text: `record.json says it was exported at ${record.generatedAt}, after the time-stamp (${attested.time.toISOString()})`,
      }
}

/**
 * What no anchor of the verifier's covers: the PDF signer without --trust; each sign-off without
 * --allowed-signers, unless the plan pins the role and the PDF signer (who attests the plan) is
 * trusted. Empty: every signer is anchored.
 */
function unanchored(
  isPdf: boolean,
  trustGiven: boolean,
  signersGiven: boolean,
  record: LaunchRecord | undefined,
): string[] {
  if (!trustGiven && !signersGiven) return ['no trust anchor given']
  const out: string[] = []
  if (isPdf && !trustGiven) out.push('the PDF signer (pass --trust ROOT.pem)')
  if (!signersGiven && record) {
    const pinned = new Set(
      planRoles(record.plan.content)
        .filter((r) => r.pinned)
        .map((r) => r.name),
    )
    const loose = [
      ...new Set(
        record.signoffs
          .filter((s) => !(isPdf && trustGiven && pinned.has(s.role)))
          .map((s) => s.role),
      ),
    ]
    if (loose.length)
      out.push(
        `the sign-off(s) of ${loose.join(', ')} (pass --allowed-signers FILE${isPdf ? ', or pin the role in the plan' : ''})`,
      )
  }
  if (!isPdf && record && record.signoffs.length === 0)
    out.push('record.json alone carries no signature of anyone')
  if (!isPdf && trustGiven && !signersGiven && record?.signoffs.length)
    out.push('--trust checks a PDF signer; record.json has none')
  return out
}

/** The first path where two JSON values differ, or undefined when they are equal. */
function firstDifference(expected: unknown, actual: unknown, path: string): string | undefined {
  if (
    typeof expected !== 'object' ||
    expected === null ||
    typeof actual !== 'object' ||
    actual === null
  )
    return Object.is(expected, actual)
      ? undefined
      : `${path} is ${JSON.stringify(actual)?.slice(0, 80)}, the session has ${JSON.stringify(expected)?.slice(0, 80)}`
  if (Array.isArray(expected) !== Array.isArray(actual)) return `${path} has the wrong shape`
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
  for (const key of [...keys].sort()) {
    const e = (expected as Record<string, unknown>)[key]
    const a = (actual as Record<string, unknown>)[key]
    const at = Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`
    const found = firstDifference(e, a, at)
    if (found) return found
  }
  return undefined
}
