import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { canonicalJson } from '../../shared/canonical'
import { buildRecord, type LaunchRecord } from '../../shared/record/record'
import type { SessionEvent } from '../../shared/session/events'
import { GONOGO_NAME, GONOGO_VERSION } from '../../shared/version'
import { EVENTS_FILE } from '../session/event-log'
import type { Session } from '../session/session'
import { SIGNOFF_NAMESPACE } from './sshsig'

export interface ExportedRecord {
  record: LaunchRecord
  /** The canonical JSON bytes (RFC 8785), exactly what is embedded in the PDF and hashed. */
  json: string
  /** `ssh-keygen -Y verify -f` input: one line per signer key. */
  allowedSigners: string
}

/**
 * The record of an open (verified) session at `now`: the fold gives the state, the event log and
 * the stored evidence give the details (probe evidence, canary intervals with their samples).
 */
export async function exportRecord(session: Session, now = session.now()): Promise<ExportedRecord> {
  const state = session.state
  const byHash = new Map<string, SessionEvent>()
  const lines = (await readFile(join(session.dir, EVENTS_FILE), 'utf8')).split('\n')
  for (const line of lines.slice(0, session.eventCount)) {
    if (!line) continue
    const event = JSON.parse(line) as SessionEvent
    if (event.type === 'probe.result' || event.type === 'canary.verdict')
      byHash.set(event.hash, event)
  }
  const attachment = async (sha: unknown): Promise<Record<string, unknown> | undefined> => {
    if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha)) return undefined
    try {
      return JSON.parse(await readFile(join(session.dir, 'attachments', sha), 'utf8')) as Record<
        string,
        unknown
      >
    } catch {
      return undefined
    }
  }
  const probeEvidence = new Map<
    string,
    { evidence: Record<string, unknown>; event: Record<string, unknown> }
  >()
  for (const item of state.items) {
    const obs = item.observation
    if (obs?.source !== 'probe') continue
    const event = byHash.get(obs.evidence[0] ?? '')
    const stored = event && (await attachment(event.data.evidence))
    if (stored) probeEvidence.set(item.id, { evidence: stored, event: { ...event } })
  }
  // Every interval of each canary's latest run (a run starts after a final verdict or at the start).
  const canaryIntervals = new Map<string, Record<string, unknown>[]>()
  for (const event of byHash.values()) {
    if (event.type !== 'canary.verdict') continue
    const item = String(event.data.item)
    const list = canaryIntervals.get(item) ?? []
    const interval = event.data.interval as { index?: number } | undefined
    if (interval?.index === 1) list.length = 0
    if (interval) {
      const stored = await attachment(event.data.evidence)
      list.push({
        ...interval,
        verdict: event.data.verdict,
        at: event.data.observedAt ?? event.time,
        ...(stored && { samples: stored.samples }),
      })
    }
    canaryIntervals.set(item, list)
  }
  const record = buildRecord(state, now, {
    generator: { name: GONOGO_NAME, version: GONOGO_VERSION },
    generatedAt: new Date(now).toISOString(),
    eventCount: session.eventCount,
    probeEvidence: (item) => probeEvidence.get(item),
    canaryIntervals: (item) => canaryIntervals.get(item) ?? [],
  })
  const signers = new Set<string>()
  for (const s of record.signoffs)
    if (s.publicKey) signers.add(`${s.signer} namespaces="${SIGNOFF_NAMESPACE}" ${s.publicKey}`)
  return {
    record,
    json: canonicalJson(record),
    allowedSigners: [...signers].map((l) => `${l}\n`).join(''),
  }
}
