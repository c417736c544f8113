import { exportRecord } from '../../record/export'
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { SessionError } from '../../session/errors'
import { Session } from '../../session/session'
import { attachedFiles, verifyPdfSignature } from '../../record/verify-pdf'
import { verifyRecordJson, type Check } from '../../record/verify-record'
import type { LaunchRecord } from '../../../shared/record/record'
import { EXIT, UsageError, type CliIo } from '../io'

export const verifyHelp = `gonogo verify FILE.pdf|FILE.json [--session DIR] [--trust ROOT.pem]
  Check a launch record offline, one line per check (✓ or ✗ with the reason): the PDF signature
  covers the whole file and its CMS verifies (with --trust, the signer chains to that root); the
  embedded record.json is canonical; the digest recomputed from the record's contents equals the
  recorded one; every sign-off's SSH signature verifies; with --session, the event log verifies
  and its head is the record's. Exit 0 only if every check passes.`

function pemToDer(pem: string): Uint8Array {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1]
  if (!body) throw new UsageError('--trust expects a PEM certificate (gonogo-root-ca.pem)')
  return new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'))
}

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
    options: { session: { type: 'string' }, trust: { type: 'string' } },
  })
  const [file, ...extra] = positionals
  if (!file || extra.length > 0) throw new UsageError('verify takes one FILE.pdf or FILE.json')
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${e.code ?? e.message}`)
  })
  const trusted = values.trust
    ? pemToDer(
        await readFile(values.trust, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot read ${values.trust}: ${e.code ?? e.message}`)
        }),
      )
    : undefined
  const checks: Check[] = []
  let json: string | undefined
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    checks.push(...(await verifyPdfSignature(bytes, trusted)))
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
    const verdict = verifyRecordJson(json)
    checks.push(...verdict.checks)
    record = verdict.record
  }
  if (values.session) {
    if (record) checks.push(...(await sessionChecks(values.session, record)))
    else checks.push({ ok: false, text: '--session: no readable record to compare with' })
  } else {
    if (!trusted && file.endsWith('.pdf'))
      io.out('· certificate chain not checked: pass --trust gonogo-root-ca.pem to check it\n')
    if (!file.endsWith('.pdf'))
      io.out(
        "· record.json alone: the digest covers each item's status, evidence and waiver, the sign-offs and the decision; titles, reasons and notes are covered by the signed PDF, or pass --session to check them\n",
      )
  }
  if (record)
    io.out(
      record.environment !== undefined
        ? `· environment: ${record.environment} (the digest covers it)\n`
        : '· environment: none named (the plan declares no environments)\n',
    )
  for (const c of checks) io.out(`${c.ok ? '✓' : '✗'} ${c.text}\n`)
  const ok = checks.length > 0 && checks.every((c) => c.ok)
  io.out(
    ok
      ? 'record verified\n'
      : `record NOT verified: ${checks.filter((c) => !c.ok).length} check(s) failed\n`,
  )
  return ok ? EXIT.ok : EXIT.failed
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
