import type { List, ListItem, RootContent } from 'mdast'
import { blockLines, isFormField, isLinkOnly, isTask, listItemLines, splitRole } from './blocks'
import type { Context, ImportDraft, ListMode, PhaseDraft } from './draft'
import { addItem } from './items'
import { inlineText } from './markdown-text'
import { legendEntry } from './tiers'

/** "Owner: Ada", "Responsible: Ada", "Verantwortlich: Ada", "负责人：Ada" as a sub-bullet. */
const OWNER_LINE =
  /^(?:owner|responsible|assignee|dri|verantwortlich|zuständig|负责人|责任人)\s*[:：]\s*(\S.{0,80})$/iu

/**
 * A list: items (task boxes or plain bullets), or roles, criteria, a colour legend, links,
 * form fields or context, as the label before it or its own shape says.
 */
export function readList(
  draft: ImportDraft,
  list: List,
  mode: ListMode,
  phase: PhaseDraft,
  ctx: Context,
  isRoot: boolean,
): void {
  const from = list.position?.start.line
  const to = list.position?.end.line
  const boxes = list.children.some(isTask)
  const forced = draft.forced(from, to)
  if (mode === 'roles' || (ctx.signoff && !forced)) {
    for (const li of list.children) {
      const text = (listItemLines(li, 0)[0] ?? '').replace(/^- /, '')
      const split = splitRole(text)
      draft.addRole(split.role, split.person, li.position?.start.line)
      draft.mark(li, 'role', `roles (${split.role})`)
    }
    return
  }
  if (mode === 'criteria') {
    const lines = list.children.flatMap((li) => listItemLines(li, 0))
    draft.addNotes(lines, list, phase, isRoot, 'notes')
    return
  }
  if (!boxes && !forced) {
    const legend = list.children.map((li) =>
      legendEntry(listItemLines(li, 0)[0]?.replace(/^- /, '') ?? ''),
    )
    if (legend.every((e) => e !== undefined) && legend.length > 0) {
      for (const e of legend) if (e) draft.legend.set(e.colour, e.blocking)
      draft.leaveOut(from, to, 'a colour legend (it decides which marked items block)')
      return
    }
    if (list.children.every(isLinkOnly)) {
      draft.leaveOut(
        from,
        to,
        'a list of links (contents, references or related pages), not launch items',
      )
      return
    }
    if (list.children.every(isFormField)) {
      const lines = list.children.flatMap((li) => listItemLines(li, 0))
      draft.addNotes(lines, list, phase, isRoot, 'notes')
      return
    }
    if (mode === 'context') {
      const lines = list.children.flatMap((li) => listItemLines(li, 0))
      draft.addNotes(lines, list, phase, isRoot, 'description')
      return
    }
  }
  for (const li of list.children) {
    if (mode === 'context' && !isTask(li) && !forced) {
      phase.notes.push(...listItemLines(li, 0))
      draft.mark(li, 'notes', `notes of phase ${phase.id}`)
      continue
    }
    readListItem(draft, li, phase, ctx, undefined)
  }
}

/** A list item as an item; nested task boxes become items of their own, with it as parent. */
export function readListItem(
  draft: ImportDraft,
  li: ListItem,
  phase: PhaseDraft,
  ctx: Context,
  parent: string | undefined,
): void {
  const first = li.children[0]
  const title = first?.type === 'paragraph' ? inlineText(first.children) : ''
  const extra: string[] = []
  const nested: ListItem[] = []
  const noteNodes: Array<RootContent | ListItem> = []
  let owner: string | undefined
  for (let b = first?.type === 'paragraph' ? 1 : 0; b < li.children.length; b++) {
    const block = li.children[b]!
    if (block.type === 'list') {
      for (const sub of block.children) {
        if (isTask(sub)) {
          nested.push(sub)
          continue
        }
        // Its lines as notes of this item, one level in; the first (level 0) may name the owner.
        const subLines = listItemLines(sub, 1)
        const ownerLine = OWNER_LINE.exec((subLines[0]?.slice(2) ?? '').replace(/^- /, ''))
        if (ownerLine && !owner) owner = (ownerLine[1] ?? '').trim()
        else extra.push(...subLines)
        noteNodes.push(sub)
      }
    } else {
      extra.push(...blockLines(block).map((l) => `  ${l}`))
      noteNodes.push(block)
    }
  }
  if (!title) {
    // A bare "- " or an item that is only code: its content is notes of the phase.
    phase.notes.push(...extra)
    draft.mark(li, 'notes', `notes of phase ${phase.id}`)
    for (const sub of nested) readListItem(draft, sub, phase, ctx, parent)
    return
  }
  const item = addItem(draft, phase, title, extra, ctx, {
    initial: li.checked === true ? 'pass' : undefined,
    owner,
    parent,
  })
  if (!item) {
    draft.mark(li, 'notes', `notes of phase ${phase.id}`)
    for (const sub of nested) readListItem(draft, sub, phase, ctx, parent)
    return
  }
  draft.mark(li, 'item', `item ${item.id}`)
  for (const node of noteNodes) draft.mark(node, 'notes', `notes of item ${item.id}`)
  for (const sub of nested) readListItem(draft, sub, phase, ctx, item.id)
}
