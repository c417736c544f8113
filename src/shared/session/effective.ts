import type { ItemStatus } from '../plan/schema'
import type { ItemState, Observation, SessionState, Waiver } from './state'

/** An item's state as it counts at one moment: waivers and freshness applied. */
export interface EffectiveItem {
  id: string
  status: ItemStatus
  /** What decided the status; `none` when nothing has been observed yet. */
  source: Observation['source'] | 'waiver' | 'none'
  /** When the deciding observation or waiver was made. */
  at?: string
  reason?: string
  /** Evidence hashes behind the status: attached files, then the deciding observation's. */
  evidence: string[]
  /** The waiver that makes the item count as waived right now. */
  waiver?: Waiver
  /** A waiver that no longer counts because it expired. */
  expiredWaiver?: Waiver
  /** Set when the latest probe or canary result is older than the item's freshness window. */
  stale?: { observation: Observation; ageMs: number; freshnessMs: number }
}

export function isWaiverActive(waiver: Waiver, now: number): boolean {
  return waiver.expiresAt === undefined || Date.parse(waiver.expiresAt) > now
}

export function effectiveItem(item: ItemState, now: number): EffectiveItem {
  const attached = item.evidence.map((e) => e.sha256)
  const obs = item.observation
  const evidence = unique([...attached, ...(obs?.evidence ?? [])])
  const waiver = item.waiver
  if (waiver && isWaiverActive(waiver, now)) {
    return {
      id: item.id,
      status: 'waived',
      source: 'waiver',
      at: waiver.at,
      reason: waiver.reason,
      evidence,
      waiver,
    }
  }
  const expired = waiver ? { expiredWaiver: waiver } : {}
  if (!obs) return { id: item.id, status: 'pending', source: 'none', evidence, ...expired }
  const ageMs = now - Date.parse(obs.at)
  if ((obs.source === 'probe' || obs.source === 'canary') && ageMs > item.freshnessMs) {
    // Evidence goes stale: an old result says nothing about production now.
    return {
      id: item.id,
      status: 'pending',
      source: obs.source,
      at: obs.at,
      evidence,
      stale: { observation: obs, ageMs, freshnessMs: item.freshnessMs },
      ...expired,
    }
  }
  return {
    id: item.id,
    status: obs.status,
    source: obs.source,
    at: obs.at,
    ...(obs.reason !== undefined && { reason: obs.reason }),
    evidence,
    ...expired,
  }
}

export function effectiveItems(state: SessionState, now: number): EffectiveItem[] {
  return state.items.map((item) => effectiveItem(item, now))
}

export interface PhaseProgress {
  id: string
  title: string
  total: number
  counts: Record<ItemStatus, number>
  /** Items that no longer need attention: pass, na or waived. */
  done: number
}

export function phaseProgress(
  state: SessionState,
  effective: readonly EffectiveItem[],
): PhaseProgress[] {
  const statusOf = new Map(effective.map((e) => [e.id, e.status]))
  return state.plan.phases.map((phase) => {
    const counts: Record<ItemStatus, number> = { pass: 0, fail: 0, na: 0, waived: 0, pending: 0 }
    for (const item of phase.items) counts[statusOf.get(item.id) ?? 'pending']++
    return {
      id: phase.id,
      title: phase.title,
      total: phase.items.length,
      counts,
      done: counts.pass + counts.na + counts.waived,
    }
  })
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
