import type { Table } from 'mdast'
import { splitRole } from './blocks'
import { tableShape } from './columns'
import type { Context, ImportDraft, PhaseDraft } from './draft'
import { addItem } from './items'
import { cellTexts } from './markdown-text'
import { blockingFromTier } from './tiers'
import { statusFromAnswer, statusFromCell } from './vocabulary'

const BOX_CELL = /^(\[[ xX]?\]|☐|☑|☒|✅|✔|✓|⬜|🔲)$/u

/**
 * A table: one item a row (by the columns its header names), a sign-off table of roles, page
 * properties as plan notes, or left out with the reason when its columns say nothing.
 */
export function readTable(draft: ImportDraft, table: Table, phase: PhaseDraft, ctx: Context): void {
  const [headerRow, ...rows] = table.children
  if (!headerRow) return
  const header = cellTexts(headerRow).map((h) => h.trim())
  // Cells are read only for tables that turn out to hold something (a 1 MiB table of numbers
  // is left out on its header); a box column must show a box in its first row.
  let cellCache: string[][] | undefined
  const allCells = () => (cellCache ??= rows.map(cellTexts))
  const first = rows[0] ? cellTexts(rows[0]) : []
  const boxColumn =
    header
      .map((_h, i) => i)
      .filter((i) => BOX_CELL.test((first[i] ?? '').trim()))
      .find((i) =>
        allCells().every((r) => !(r[i] ?? '').trim() || BOX_CELL.test((r[i] ?? '').trim())),
      ) ?? -1
  const from = table.position?.start.line
  const to = table.position?.end.line
  const forced = draft.forced(from, to)
  draft.mark(table, 'blank', 'table layout')
  let shape = tableShape(header, boxColumn, draft.options, ctx.signoff, rows.length)
  if (shape.kind === 'unknown' && forced)
    shape = tableShape(header, boxColumn, { ...draft.options, itemColumn: header[0] }, false)
  if (shape.kind === 'properties') {
    const lines = header.map((h, i) => `${h}: ${allCells()[0]?.[i] ?? ''}`)
    draft.planNotes.push(...lines)
    draft.mark(table, 'plan', 'plan notes (page properties)')
    return
  }
  if (shape.kind === 'unknown') {
    draft.unreadTables.push(shape.reason)
    draft.warnings.push(`left out ${shape.reason}`)
    draft.leaveOut(from, to, shape.reason)
    return
  }
  draft.mark(headerRow, 'phase', `phase ${phase.id} (table header)`)
  if (shape.kind === 'signoff') {
    rows.forEach((row, r) => {
      const role = allCells()[r]?.[shape.role] ?? ''
      const person = shape.person >= 0 ? (allCells()[r]?.[shape.person] ?? '') : ''
      draft.addRole(role, person, row.position?.start.line)
      draft.mark(row, 'role', `roles (${splitRole(role).role || 'empty row'})`)
    })
    return
  }
  const known = new Set(
    [
      shape.item,
      shape.number,
      shape.owner,
      shape.status,
      shape.answer,
      shape.tier,
      shape.notes,
      boxColumn,
    ].filter((i) => i >= 0),
  )
  rows.forEach((row, r) => {
    const c = allCells()[r] ?? []
    const title = c[shape.item] ?? ''
    if (!title.trim()) {
      if (c.some((x) => x.trim())) {
        phase.notes.push(c.filter(Boolean).join(' | '))
        draft.mark(row, 'notes', `notes of phase ${phase.id}`)
      } else draft.mark(row, 'blank', 'an empty table row')
      return
    }
    const notes: string[] = []
    const tierCell = shape.tier >= 0 ? (c[shape.tier] ?? '') : ''
    if (shape.due >= 0 && c[shape.due]) notes.push(`Due: ${c[shape.due]}`)
    if (shape.notes >= 0 && c[shape.notes]) notes.push(c[shape.notes] ?? '')
    header.forEach((h, i) => {
      if (!known.has(i) && i !== shape.due && (c[i] ?? '').trim())
        notes.push(`${h || 'Column ' + (i + 1)}: ${c[i]}`)
    })
    const statusCell = shape.status >= 0 ? (c[shape.status] ?? '') : ''
    const answerCell = shape.answer >= 0 ? (c[shape.answer] ?? '') : ''
    const tierBlocking = tierCell ? blockingFromTier(tierCell) : undefined
    const item = addItem(draft, phase, title, notes, ctx, {
      initial: answerCell
        ? statusFromAnswer(answerCell)
        : statusCell
          ? statusFromCell(statusCell)
          : undefined,
      owner: shape.owner >= 0 ? (c[shape.owner] ?? '').trim() || undefined : undefined,
      number: shape.number >= 0 ? c[shape.number] : undefined,
      blocking: tierBlocking ?? (tierCell && ctx.nonBlocking ? false : undefined),
      priority: tierCell || undefined,
    })
    if (item) draft.mark(row, 'item', `item ${item.id}`)
    else draft.mark(row, 'notes', `notes of phase ${phase.id}`)
  })
}
