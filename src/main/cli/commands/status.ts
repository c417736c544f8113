import { UNPINNED_NOTE } from '../../../shared/plan/roles'
import { parseArgs } from 'node:util'
import { readiness, type Readiness } from '../../../shared/session/readiness'
import { describeActor, relativeTime } from '../../../shared/session/reasons'
import type { SessionState } from '../../../shared/session/state'
import { Session } from '../../session/session'
import { SessionError } from '../../session/errors'
import { EXIT, UsageError, type CliIo } from '../io'
import { exitCodeFor, openSessionForCli } from '../session-access'

export const statusHelp = `gonogo status DIR [--json]
  Readiness of a session: READY or NOT_READY, every reason, per-phase progress, sign-offs, decision.
  Exit 0 READY, 1 NOT_READY, 3 when the log does not verify (edited, reordered, truncated inside).`

export const digestHelp = `gonogo digest DIR
  Print the current decision digest (SHA-256, hex) alone: what sign-offs sign.`

export async function statusCli(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  })
  const [dir, ...extra] = positionals
  if (!dir || extra.length > 0) throw new UsageError('status takes one session DIR')
  if (values.json) return statusJson(dir, io)
  const session = await openSessionForCli(dir, io, { command: 'status', readOnly: true })
  if (typeof session === 'number') return session
  try {
    const state = session.state
    const now = session.now()
    const r = readiness(state, now)
    io.out(formatStatus(dir, state, r, now, session.eventCount))
    return r.verdict === 'READY' ? EXIT.ok : EXIT.failed
  } finally {
    await session.close()
  }
}

/** --json: the same facts for scripts; a tampered log still answers, with `tampered` set. */
async function statusJson(dir: string, io: CliIo): Promise<number> {
  let session: Session
  try {
    session = await Session.open(dir, { readOnly: true })
  } catch (e) {
    if (!(e instanceof SessionError)) throw e
    io.out(
      JSON.stringify({ session: dir, error: { kind: e.kind, message: e.message } }, null, 2) + '\n',
    )
    return exitCodeFor(e)
  }
  try {
    const { problem, torn } = session.report
    if (problem) {
      io.out(
        JSON.stringify(
          { session: dir, verdict: null, tampered: problem, verifiedEvents: session.eventCount },
          null,
          2,
        ) + '\n',
      )
      return EXIT.tampered
    }
    const state = session.state
    const r = readiness(state, session.now())
    const latest = state.decisions[state.decisions.length - 1]
    io.out(
      JSON.stringify(
        {
          session: dir,
          plan: { name: state.plan.name, hash: state.planHash },
          ...(state.environment !== undefined && { environment: state.environment }),
          head: state.head,
          verdict: r.verdict,
          digest: r.digest,
          reasons: r.reasons,
          phases: r.phases,
          items: r.items.map(({ id, status, source, at, reason, evidence, stale, waiver }) => ({
            id,
            status,
            source,
            ...(at !== undefined && { at }),
            ...(reason !== undefined && { reason }),
            evidence,
            ...(stale && {
              stale: {
                ageMs: stale.ageMs,
                freshnessMs: stale.freshnessMs,
                lastStatus: stale.observation.status,
              },
            }),
            ...(waiver && {
              waiver: {
                role: waiver.role,
                reason: waiver.reason,
                expiresAt: waiver.expiresAt ?? null,
              },
            }),
          })),
          signoffs: r.signoffs,
          decision: latest ?? null,
          ...(torn && { torn }),
          unknownEvents: state.unknownEvents,
          anomalies: state.anomalies,
        },
        null,
        2,
      ) + '\n',
    )
    return r.verdict === 'READY' ? EXIT.ok : EXIT.failed
  } finally {
    await session.close()
  }
}

export function formatStatus(
  dir: string,
  state: SessionState,
  r: Readiness,
  now: number,
  events: number,
): string {
  const lines = [
    `"${state.plan.name}": ${r.verdict}   (session ${dir}, ${events} events, head ${state.head.hash.slice(0, 12)})`,
  ]
  if (state.environment !== undefined) lines.push(`Environment: ${state.environment}`)
  const blockers = r.reasons.filter((x) => x.level === 'blocker')
  const warnings = r.reasons.filter((x) => x.level === 'warning')
  if (blockers.length) lines.push('', 'Blocking:', ...blockers.map((x) => `  ✗ ${x.message}`))
  if (warnings.length) lines.push('', 'Warnings:', ...warnings.map((x) => `  ! ${x.message}`))
  lines.push('', 'Phases:')
  const width = Math.max(...r.phases.map((p) => p.title.length))
  for (const p of r.phases) {
    const rest = (['fail', 'pending', 'waived', 'na'] as const)
      .filter((k) => p.counts[k] > 0)
      .map((k) => `${p.counts[k]} ${k}`)
    lines.push(
      `  ${p.title.padEnd(width)}  ${p.done}/${p.total} done${rest.length ? ` (${rest.join(', ')})` : ''}`,
    )
  }
  if (r.signoffs.length) {
    lines.push('', 'Sign-offs:')
    for (const s of r.signoffs)
      lines.push(
        `  ${s.role}: ${s.status}${s.quorum ? ` ${s.quorum.signed}/${s.quorum.needed} keys` : ''}${s.signer ? ` (${s.signer}, ${relativeTime(s.at ?? '', now)})` : ''}${s.pinned ? '' : ` · ⚠ ${UNPINNED_NOTE}`}`,
      )
  }
  const latest = state.decisions[state.decisions.length - 1]
  if (latest)
    lines.push(
      '',
      `Decision: ${latest.decision} by ${describeActor(latest.actor)} ${relativeTime(latest.at, now)}: ${latest.reason}`,
    )
  if (state.unknownEvents.length)
    lines.push(
      '',
      `${state.unknownEvents.length} event(s) of types this version does not know were kept and not counted.`,
    )
  if (state.anomalies.length)
    lines.push(
      '',
      'Events not applied:',
      ...state.anomalies.map((a) => `  seq ${a.seq}: ${a.message}`),
    )
  lines.push('', `Digest: ${r.digest}`, '')
  return lines.join('\n')
}

export async function digestCli(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const [dir, ...extra] = positionals
  if (!dir || extra.length > 0) throw new UsageError('digest takes one session DIR')
  const session = await openSessionForCli(dir, io, { command: 'digest', readOnly: true })
  if (typeof session === 'number') return session
  try {
    io.out(`${readiness(session.state, session.now()).digest}\n`)
    return EXIT.ok
  } finally {
    await session.close()
  }
}
