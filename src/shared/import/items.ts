import type { Context, ImportDraft, ItemDraft, PhaseDraft } from './draft'
import { parseItemTitle } from './item-title'
import { slugify } from './slug'
import { blockingFromTier, optionalItemWords, splitPriority } from './tiers'
import type { InitialStatus } from './vocabulary'

const MAX_TITLE = 160

/**
 * One item from its title text and what was found beside it: owner, status, number, priority or
 * a legend's colour dot decide its fields; whether it blocks comes from the item, its tier or
 * the part of the document it stands in. Returns undefined when nothing is left of the title.
 */
export function addItem(
  draft: ImportDraft,
  phase: PhaseDraft,
  rawTitle: string,
  extra: string[],
  ctx: Context,
  given: {
    initial?: InitialStatus
    owner?: string
    number?: string
    blocking?: boolean
    parent?: string
    priority?: string
  },
): ItemDraft | undefined {
  const parsed = parseItemTitle(rawTitle, given)
  let title = parsed.title
  const { owner, initial, number, notes } = parsed
  const prio = splitPriority(title)
  title = prio.title
  const priority = given.priority ?? prio.priority
  if (priority) notes.push(`Priority: ${priority}`)
  let blocking = given.blocking
  const dot = /^(🔴|🟠|🟡|🟢|🔵|⚪|⚫)\s*/u.exec(title)
  if (dot && draft.legend.has(dot[1] ?? '')) {
    blocking ??= draft.legend.get(dot[1] ?? '')
    title = title.slice(dot[0].length).trim()
    notes.push(`Tier: ${dot[1]} (from the document's legend)`)
  }
  if (blocking === undefined && prio.priority) blocking = blockingFromTier(prio.priority)
  if (!title) return undefined
  if (blocking === undefined) {
    const words = optionalItemWords(title)
    if (words) {
      blocking = false
      notes.push(`Not blocking: the item says “${words}”.`)
    } else if (ctx.nonBlocking) blocking = false
  }
  notes.push(...extra)
  if (title.length > MAX_TITLE) {
    notes.unshift(title)
    title = `${title.slice(0, MAX_TITLE - 1).trimEnd()}…`
  }
  const id = draft.itemIds.take(
    number && (number.includes('.') || /[A-Z]/i.test(number))
      ? number.toLowerCase()
      : slugify(title),
    'item',
  )
  const item: ItemDraft = {
    id,
    title,
    blocking: blocking ?? true,
    ...(owner ? { owner } : {}),
    ...(notes.length ? { notes: notes.join('\n') } : {}),
    ...(initial && initial !== 'pending' ? { initial } : {}),
    ...(given.parent ? { parent: given.parent } : {}),
  }
  phase.items.push(item)
  return item
}
