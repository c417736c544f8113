import {
  allBlocks,
  blockLines,
  isStepSection,
  isTask,
  parseHeading,
  sectionExtent,
  sectionText,
  type Section,
} from './blocks'
import { tableShape } from './columns'
import type { Context, ImportDraft, PhaseDraft } from './draft'
import { addItem } from './items'
import { cellTexts } from './markdown-text'
import { readBlocks } from './read-blocks'
import { readTable } from './read-tables'
import { nonBlockingWords } from './tiers'
import {
  CRITERIA_HEADING,
  INFORMATIONAL_HEADING,
  PRUNED_HEADING,
  SIGNOFF_HEADING,
  STEP_HEADING,
} from './vocabulary'

/**
 * A heading and what stands under it: a phase of items, or the plan's sign-off roles, criteria,
 * description or context left out, or one step of a procedure.
 */
export function readSection(
  draft: ImportDraft,
  section: Section,
  ctx: Context,
  parentPhase: PhaseDraft,
): void {
  const { number, title } = parseHeading(section.heading)
  const [from, to] = sectionExtent(section)
  const forced = draft.forced(from, to)
  if (!forced && SIGNOFF_HEADING.test(title)) {
    draft.mark(section.node, 'role', 'roles (sign-off section)')
    const inner: Context = { ...ctx, signoff: true }
    readBlocks(draft, section.blocks, parentPhase, inner, false, 'roles')
    for (const child of section.children) readSection(draft, child, inner, parentPhase)
    return
  }
  if (!forced && CRITERIA_HEADING.test(title)) {
    const target = ctx.phase
    const where = target ? `notes of phase ${target.id}` : 'plan notes'
    const lines = [`${section.heading}:`, ...sectionText(section)]
    if (target) target.notes.push(...lines)
    else draft.planNotes.push(...lines)
    draft.ledger.mark(from, to, target ? 'notes' : 'plan', where)
    return
  }
  const ownTasks = section.blocks.some((b) => b.type === 'list' && b.children.some(isTask))
  if (!forced && !ownTasks && INFORMATIONAL_HEADING.test(title)) {
    const topLevel = ctx.phase === null
    if (
      topLevel &&
      /^(goals?|objectives?|purpose|overview|summary|zweck|ziele?|目的)$/i.test(title)
    ) {
      draft.description.push(...sectionText(section))
      draft.ledger.mark(from, to, 'plan', 'plan description')
    } else {
      const reason = `section "${section.heading}": context, not launch items`
      if (
        section.blocks.some(
          (b) => b.type === 'list' || b.type === 'table' || b.type === 'paragraph',
        )
      )
        draft.warnings.push(`left out ${reason}`)
      draft.leaveOut(from, to, reason)
    }
    readSignoffTables(draft, section)
    // "Scope" may hold the real work in its subsections; "Out of scope" and "Risks" never do.
    if (!PRUNED_HEADING.test(title)) {
      for (const child of section.children) readSection(draft, child, ctx, parentPhase)
    }
    return
  }
  const step = STEP_HEADING.exec(section.heading)
  if (step && draft.stepsAllowed && isStepSection(section)) {
    readStep(draft, section, step[4] ?? section.heading, step[2], ctx, ctx.phase ?? parentPhase)
    return
  }
  const phase = draft.newPhase(title, number, section.heading)
  if (section.node?.position)
    phase.heading = [section.node.position.start.line, section.node.position.end.line]
  phase.extent = [from ?? 0, to ?? 0]
  draft.mark(section.node, 'phase', `phase ${phase.id}`)
  const words = ctx.nonBlocking ?? nonBlockingWords(title)
  if (words && !ctx.nonBlocking) phase.notes.push(`Not blocking: the heading says “${words}”.`)
  const inner: Context = { phase, nonBlocking: words, signoff: ctx.signoff }
  readBlocks(draft, section.blocks, phase, inner, false)
  for (const child of section.children) readSection(draft, child, inner, phase)
  if (phase.items.length === 0 && section.children.length > 0) phase.grouping = true
}

/** A numbered step heading with prose and code under it: one item, its text as notes. */
export function readStep(
  draft: ImportDraft,
  section: Section,
  title: string,
  number: string | undefined,
  ctx: Context,
  phase: PhaseDraft,
): void {
  const notes: string[] = []
  for (const block of section.blocks) notes.push(...blockLines(block))
  const item = addItem(draft, phase, title.trim(), notes, ctx, { number })
  if (!item) return
  draft.mark(section.node, 'item', `item ${item.id}`)
  for (const block of section.blocks) draft.mark(block, 'notes', `notes of item ${item.id}`)
}

/** Sign-off tables inside a section that is otherwise left out still name the roles. */
export function readSignoffTables(draft: ImportDraft, section: Section): void {
  for (const block of allBlocks(section)) {
    if (block.type !== 'table' || !block.children[0]) continue
    const shape = tableShape(cellTexts(block.children[0]), -1, {}, false)
    if (shape.kind === 'signoff')
      readTable(draft, block, draft.rootPhase, { phase: null, signoff: false })
  }
}
