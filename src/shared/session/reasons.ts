import { formatDuration } from '../plan/duration'
import type { EffectiveItem } from './effective'
import type { Actor } from './events'
import type { ItemState, Observation } from './state'

/** One line of "why": a blocker keeps the session NOT_READY, a warning is shown but does not. */
export interface Reason {
  level: 'blocker' | 'warning'
  code:
    | 'item-failed'
    | 'item-stale'
    | 'item-pending'
    | 'canary-undecided'
    | 'waiver-expired'
    | 'item-waived'
    | 'signoff-missing'
    | 'signoff-outdated'
  /** The item or role the reason is about, when it is about one. */
  item?: string
  role?: string
  message: string
}

export function describeActor(actor: Actor): string {
  return actor.role ? `${actor.name} (${actor.role})` : actor.name
}

/** "2 min ago", or "in 5 min" for a time in the future. */
export function relativeTime(at: string, now: number): string {
  const delta = now - Date.parse(at)
  if (Math.abs(delta) < 1000) return 'just now'
  return delta >= 0 ? `${formatDuration(delta)} ago` : `in ${formatDuration(delta)}`
}

function byWhom(obs: Observation): string {
  switch (obs.source) {
    case 'manual':
      return `marked by ${describeActor(obs.actor)}`
    case 'checklist':
      return 'as marked in the imported checklist'
    default:
      return obs.source
  }
}

const MAX_LISTED = 10

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_LISTED).map((id) => `\`${id}\``)
  return ids.length > MAX_LISTED
    ? `${shown.join(', ')} and ${ids.length - MAX_LISTED} more`
    : shown.join(', ')
}

/**
 * Reasons about items: failures, stale evidence, expired waivers, pending work. Blocking items
 * produce blockers; non-blocking ones only warnings. Pending items are summed up in one line.
 */
export function itemReasons(
  items: readonly ItemState[],
  effective: readonly EffectiveItem[],
  now: number,
): Reason[] {
  const blockers: Reason[] = []
  const warnings: Reason[] = []
  const pending = { blocking: [] as string[], other: [] as string[] }
  items.forEach((item, i) => {
    const eff = effective[i] as EffectiveItem
    const label = `${item.blocking ? 'blocking' : 'non-blocking'} item \`${item.id}\``
    const into = item.blocking ? blockers : warnings
    const level = item.blocking ? 'blocker' : 'warning'
    const expired = eff.expiredWaiver
      ? `; its waiver by \`${eff.expiredWaiver.role}\` expired ${relativeTime(eff.expiredWaiver.expiresAt ?? eff.expiredWaiver.at, now)}`
      : ''
    const obs = item.observation
    if (eff.status === 'waived' && eff.waiver) {
      const until = eff.waiver.expiresAt
        ? `expires ${relativeTime(eff.waiver.expiresAt, now)}`
        : 'no expiry'
      warnings.push({
        level: 'warning',
        code: 'item-waived',
        item: item.id,
        message: `${label} is waived by \`${eff.waiver.role}\` (${until}): ${eff.waiver.reason}`,
      })
    } else if (eff.status === 'fail' && obs) {
      into.push({
        level,
        code: 'item-failed',
        item: item.id,
        message: `${label} failed ${relativeTime(obs.at, now)} (${byWhom(obs)})${obs.reason ? `: ${obs.reason}` : ''}${expired}`,
      })
    } else if (eff.stale) {
      const s = eff.stale
      into.push({
        level,
        code: 'item-stale',
        item: item.id,
        message: `${label} is stale: its last ${s.observation.source} result (${s.observation.status}) is ${formatDuration(s.ageMs)} old; freshness is ${formatDuration(s.freshnessMs)}${expired}`,
      })
    } else if (eff.status === 'pending' && eff.expiredWaiver) {
      into.push({
        level,
        code: 'waiver-expired',
        item: item.id,
        message: `${label} is pending again${expired}`,
      })
    } else if (eff.status === 'pending' && obs?.source === 'canary' && obs.reason) {
      into.push({
        level,
        code: 'canary-undecided',
        item: item.id,
        message: `${label}: ${obs.reason}`,
      })
    } else if (eff.status === 'pending') {
      ;(item.blocking ? pending.blocking : pending.other).push(item.id)
    }
  })
  const count = (ids: string[], kind: string) =>
    `${ids.length} ${kind} item${ids.length === 1 ? '' : 's'} pending: ${listIds(ids)}`
  if (pending.blocking.length > 0)
    blockers.push({
      level: 'blocker',
      code: 'item-pending',
      message: count(pending.blocking, 'blocking'),
    })
  if (pending.other.length > 0)
    warnings.push({
      level: 'warning',
      code: 'item-pending',
      message: count(pending.other, 'non-blocking'),
    })
  return [...blockers, ...warnings]
}
