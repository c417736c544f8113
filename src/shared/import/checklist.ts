import type { List, ListItem, RootContent, Table } from 'mdast'
import type { SourceError } from '../plan/errors'
import { PlanSchema, type PlanInput } from '../plan/schema'
import { cellTexts, inlineText, splitLeadingLabel } from './markdown-text'
import { looksLikeMojibake } from './mojibake'
import { parseMarkdownBlocks } from './parse-markdown'
import { preprocessChecklist } from './preprocess'
import { IdAllocator, slugify } from './slug'
import {
  blockingFromCell,
  CRITERIA_HEADING,
  CRITERIA_LABEL,
  INFORMATIONAL_HEADING,
  ITEM_LABEL,
  OPTIONAL_HEADING,
  OPTIONAL_ITEM,
  PRUNED_HEADING,
  SIGNOFF_HEADING,
  statusFromCell,
  TABLE_COLUMNS,
  type InitialStatus,
} from './vocabulary'

export const MAX_CHECKLIST_BYTES = 5 * 1024 * 1024
const MAX_TITLE = 160

export type ImportResult =
  { ok: true; plan: PlanInput; warnings: string[] } | { ok: false; errors: SourceError[] }

interface ItemDraft {
  id: string
  title: string
  owner?: string
  blocking: boolean
  notes?: string
  initial?: InitialStatus
}

interface PhaseDraft {
  id: string
  title: string
  notes: string[]
  items: ItemDraft[]
}

interface Section {
  depth: number
  heading: string
  blocks: RootContent[]
  children: Section[]
}

/** "M5.1: Production Infrastructure" → number "M5.1", title "Production Infrastructure". */
const SECTION_NUMBER = /^([A-Z]?\d+(?:\.\d+)*)[.:)]?\s+(\S.*)$/

/**
 * Past these, a file is not a launch checklist anyone runs, and parsing it could take seconds:
 * Markdown's inline rules (unclosed emphasis, brackets, backticks) cost more than linear time
 * within one paragraph, so paragraphs are bounded; lists are parsed item by item.
 */
export const CHECKLIST_LIMITS = { items: 50_000, headings: 5_000, paragraphBytes: 24 * 1024 }

const LIST_ITEM_LINE = /^\s*(?:[-*+]|\d{1,9}[.)])\s/
const HEADING_LINE = /^\s{0,3}#{1,6}(?:\s|$)/

/**
 * One pass over the lines before any parsing: too many items or headings, or one paragraph (lines
 * that are neither blank nor list items nor headings, in a row) too large, is refused at the line
 * where it starts or where the limit is crossed.
 */
function checklistShapeError(text: string, file: string): SourceError | undefined {
  const refuse = (line: number, message: string): SourceError => ({
    file,
    line,
    column: 1,
    path: '',
    message,
  })
  let items = 0
  let headings = 0
  let paragraphStart = 0
  let paragraphBytes = 0
  let line = 0
  for (let at = 0; at <= text.length;) {
    const end = text.indexOf('\n', at)
    const stop = end === -1 ? text.length : end
    const content = text.slice(at, stop)
    line++
    const listItem = LIST_ITEM_LINE.test(content)
    const heading = !listItem && HEADING_LINE.test(content)
    if (listItem && ++items > CHECKLIST_LIMITS.items)
      return refuse(
        line,
        `more than ${CHECKLIST_LIMITS.items.toLocaleString('en')} list items; split the checklist into several plans`,
      )
    if (heading && ++headings > CHECKLIST_LIMITS.headings)
      return refuse(
        line,
        `more than ${CHECKLIST_LIMITS.headings.toLocaleString('en')} headings; split the checklist into several plans`,
      )
    if (listItem || heading || content.trim() === '') paragraphBytes = 0
    else {
      if (paragraphBytes === 0) paragraphStart = line
      paragraphBytes += content.length + 1
    }
    // A list item's own line counts too: one 1 MiB line is one 1 MiB paragraph.
    if (
      paragraphBytes > CHECKLIST_LIMITS.paragraphBytes ||
      content.length > CHECKLIST_LIMITS.paragraphBytes
    )
      return refuse(
        paragraphBytes > CHECKLIST_LIMITS.paragraphBytes ? paragraphStart : line,
        `the text starting here runs over ${CHECKLIST_LIMITS.paragraphBytes / 1024} KiB without a break; a checklist line or paragraph is rarely over a few hundred bytes`,
      )
    if (end === -1) break
    at = end + 1
  }
  return undefined
}

/**
 * Turn a launch checklist written by people (Markdown, GFM task lists and tables, or numbered
 * plain text) into a plan: headings become phases, tasks become items, criteria blocks become
 * acceptance notes, a sign-off table becomes the plan's roles. Pure and deterministic, so the same
 * file always yields the same plan and hash.
 */
export function importChecklist(text: string, file: string): ImportResult {
  if (text.length > MAX_CHECKLIST_BYTES) {
    return {
      ok: false,
      errors: [
        { file, path: '', message: `file is larger than ${MAX_CHECKLIST_BYTES / 1024 / 1024} MiB` },
      ],
    }
  }
  const tooBig = checklistShapeError(text, file)
  if (tooBig) return { ok: false, errors: [tooBig] }
  const pre = preprocessChecklist(text)
  const blocks = parseMarkdownBlocks(pre.markdown)
  const importer = new Importer(pre.warnings)
  const root = buildSections(blocks)
  const name = importer.run(root) ?? pre.frontMatterTitle ?? titleFromFileName(file)

  const plan: PlanInput = {
    version: 1,
    name: pre.frontMatterTitle ?? name,
    ...(importer.description.length ? { description: importer.description.join('\n') } : {}),
    ...(importer.planNotes.length ? { notes: importer.planNotes.join('\n') } : {}),
    roles: importer.roles,
    phases: importer.phases
      .filter((p) => p.items.length > 0)
      .map((p) => ({
        id: p.id,
        title: p.title,
        ...(p.notes.length ? { notes: p.notes.join('\n') } : {}),
        items: p.items.map((i) => ({ ...i })),
      })),
  }
  if (plan.phases.length === 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          path: '',
          message:
            'no checklist items found: expected task lists (- [ ] …), bullet lists under headings, or a table with a Task column',
        },
      ],
    }
  }
  const checked = PlanSchema.safeParse(plan)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    return {
      ok: false,
      errors: [
        {
          file,
          path: issue?.path.join('.') ?? '',
          message: `the imported plan is invalid: ${issue?.message ?? 'unknown reason'}`,
        },
      ],
    }
  }
  if (looksLikeMojibake(JSON.stringify(plan)))
    importer.warnings.push(
      'some text still looks mis-encoded after repair; check the source file encoding',
    )
  return { ok: true, plan, warnings: importer.warnings }
}

function titleFromFileName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file
  const stem = base
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ')
    .trim()
  return stem ? stem.charAt(0).toUpperCase() + stem.slice(1) : 'Imported checklist'
}

function buildSections(nodes: RootContent[]): Section {
  const root: Section = { depth: 0, heading: '', blocks: [], children: [] }
  const stack: Section[] = [root]
  for (const node of nodes) {
    if (node.type === 'heading') {
      while ((stack[stack.length - 1]?.depth ?? 0) >= node.depth) stack.pop()
      const section: Section = {
        depth: node.depth,
        heading: inlineText(node.children),
        blocks: [],
        children: [],
      }
      ;(stack[stack.length - 1] ?? root).children.push(section)
      stack.push(section)
    } else {
      ;(stack[stack.length - 1] ?? root).blocks.push(node)
    }
  }
  // A single leading level-1 heading is the document's title, not a phase.
  const h1s = root.children.filter((s) => s.depth === 1)
  const first = root.children[0]
  if (h1s.length === 1 && first && first.depth === 1) {
    return {
      depth: 0,
      heading: first.heading,
      blocks: [...root.blocks, ...first.blocks],
      children: [...first.children, ...root.children.slice(1)],
    }
  }
  return root
}

function parseHeading(heading: string): { number?: string; title: string } {
  const m = SECTION_NUMBER.exec(heading)
  return m ? { number: m[1], title: (m[2] ?? '').trim() } : { title: heading.trim() }
}

interface Context {
  /** Where criteria blocks go: the enclosing phase, or null for plan-level notes. */
  criteriaTarget: PhaseDraft | null
  optional: boolean
}

class Importer {
  readonly description: string[] = []
  readonly planNotes: string[] = []
  readonly roles: string[] = []
  readonly phases: PhaseDraft[] = []
  private readonly phaseIds = new IdAllocator()
  private readonly itemIds = new IdAllocator()

  constructor(readonly warnings: string[]) {}

  /** Returns the document title, if it has one. */
  run(root: Section): string | undefined {
    const rootPhase = this.newPhase('Checklist', undefined)
    this.processBlocks(root.blocks, rootPhase, { criteriaTarget: null, optional: false }, true)
    for (const child of root.children)
      this.processSection(child, { criteriaTarget: null, optional: false }, true)
    return root.heading || undefined
  }

  private newPhase(title: string, number: string | undefined, heading = title): PhaseDraft {
    const preferred = number?.includes('.') ? number.toLowerCase() : slugify(title)
    const phase: PhaseDraft = {
      id: this.phaseIds.take(preferred, 'phase'),
      title: heading,
      notes: [],
      items: [],
    }
    this.phases.push(phase)
    return phase
  }

  private processSection(section: Section, ctx: Context, topLevel: boolean): void {
    const { number, title } = parseHeading(section.heading)
    if (SIGNOFF_HEADING.test(title)) {
      this.collectRoles(section)
      return
    }
    if (CRITERIA_HEADING.test(title)) {
      const lines = [`${section.heading}:`, ...sectionText(section)]
      if (ctx.criteriaTarget) ctx.criteriaTarget.notes.push(...lines)
      else this.planNotes.push(...lines)
      return
    }
    if (INFORMATIONAL_HEADING.test(title)) {
      if (topLevel && /^(goals?|objectives?|purpose|overview|summary)$/i.test(title)) {
        this.description.push(...sectionText(section))
      } else if (
        section.blocks.some(
          (b) => b.type === 'list' || b.type === 'table' || b.type === 'paragraph',
        )
      ) {
        this.warnings.push(`left out section "${section.heading}": context, not launch items`)
      }
      this.collectSignoffTables(section)
      // "Scope" may hold the real work in its subsections; "Out of scope" and "Risks" never do.
      if (!PRUNED_HEADING.test(title)) {
        for (const child of section.children) this.processSection(child, ctx, false)
      }
      return
    }
    const phase = this.newPhase(title, number, section.heading)
    const inner: Context = {
      criteriaTarget: phase,
      optional: ctx.optional || OPTIONAL_HEADING.test(title),
    }
    this.processBlocks(section.blocks, phase, inner, false)
    const childCtx: Context = { criteriaTarget: phase, optional: inner.optional }
    for (const child of section.children) this.processSection(child, childCtx, false)
  }

  private processBlocks(
    blocks: RootContent[],
    phase: PhaseDraft,
    ctx: Context,
    isRoot: boolean,
  ): void {
    let label: string | undefined
    for (const block of blocks) {
      if (block.type === 'paragraph') {
        const text = inlineText(block.children)
        const leading = splitLeadingLabel(block.children)
        if (text.endsWith(':') && text.length <= 100) {
          label = text.slice(0, -1).replace(/[*_]/g, '').trim()
          if (CRITERIA_LABEL.test(label) && !isRoot) phase.notes.push(`${label}:`)
          continue
        }
        if (leading && CRITERIA_LABEL.test(leading.label)) {
          const line = `${leading.label}: ${leading.rest}`
          if (isRoot) this.planNotes.push(line)
          else phase.notes.push(line)
        } else if (isRoot) {
          this.description.push(inlineText(block.children, true))
        } else if (leading) {
          phase.notes.push(`${leading.label}: ${leading.rest}`)
        }
        label = undefined
      } else if (block.type === 'list') {
        this.processList(block, label, phase, ctx, isRoot)
        label = undefined
      } else if (block.type === 'table') {
        this.processTable(block, phase, ctx)
        label = undefined
      } else if (block.type === 'blockquote') {
        this.processBlocks(block.children as RootContent[], phase, ctx, isRoot)
      }
    }
  }

  private processList(
    list: List,
    label: string | undefined,
    phase: PhaseDraft,
    ctx: Context,
    isRoot: boolean,
  ): void {
    const role =
      label === undefined || ITEM_LABEL.test(label)
        ? 'items'
        : CRITERIA_LABEL.test(label)
          ? 'criteria'
          : 'context'
    if (role === 'criteria') {
      const lines = list.children.flatMap((li) => listItemLines(li, 0))
      if (isRoot) this.planNotes.push(`${label ?? ''}:`, ...lines)
      else phase.notes.push(...lines)
      return
    }
    if (role === 'context') {
      // Bullets under "Week 1:" or "Risk:" describe, they are not checks; task boxes still count.
      const tasks = list.children.filter((li) => li.checked !== null && li.checked !== undefined)
      if (tasks.length === 0) {
        if (isRoot)
          this.description.push(
            `${label ?? ''}:`,
            ...list.children.flatMap((li) => listItemLines(li, 0)),
          )
        else
          phase.notes.push(
            `${label ?? ''}:`,
            ...list.children.flatMap((li) => listItemLines(li, 0)),
          )
        return
      }
    }
    for (const li of list.children) {
      if (role === 'context' && (li.checked === null || li.checked === undefined)) continue
      const [first, ...rest] = listItemLines(li, 0)
      if (!first) continue
      this.addItem(
        phase,
        first.replace(/^- /, ''),
        rest,
        ctx,
        li.checked === true ? 'pass' : undefined,
      )
    }
  }

  private addItem(
    phase: PhaseDraft,
    rawTitle: string,
    extra: string[],
    ctx: Context,
    initial?: InitialStatus,
    owner?: string,
    number?: string,
    blocking?: boolean,
  ): void {
    let title = rawTitle.replace(/^\[[ xX]\]\s*/, '').trim()
    let itemOwner = owner
    const ownerMatch =
      /\s*[([]\s*owner:\s*([^)\]]+)[)\]]\s*$/i.exec(title) ?? /\s+@([\w.-]+)\s*$/.exec(title)
    if (ownerMatch && !itemOwner) {
      itemOwner = (ownerMatch[1] ?? '').trim()
      title = title.slice(0, ownerMatch.index).trim()
    }
    if (!title) return
    const notes = [...extra]
    if (title.length > MAX_TITLE) {
      notes.unshift(title)
      title = `${title.slice(0, MAX_TITLE - 1).trimEnd()}…`
    }
    const id = this.itemIds.take(number?.includes('.') ? number : slugify(title), 'item')
    const item: ItemDraft = {
      id,
      title,
      blocking: blocking ?? !(ctx.optional || OPTIONAL_ITEM.test(title)),
      ...(itemOwner ? { owner: itemOwner } : {}),
      ...(notes.length ? { notes: notes.join('\n') } : {}),
      ...(initial && initial !== 'pending' ? { initial } : {}),
    }
    phase.items.push(item)
  }

  private processTable(table: Table, phase: PhaseDraft, ctx: Context): void {
    const [headerRow, ...rows] = table.children
    if (!headerRow) return
    const header = cellTexts(headerRow).map((h) => h.replace(/[*_:]/g, '').trim())
    const col = (re: RegExp) => header.findIndex((h) => re.test(h))
    const roleCol = col(TABLE_COLUMNS.role)
    if (roleCol >= 0 && col(TABLE_COLUMNS.signer) >= 0) {
      for (const row of rows) this.addRole(cellTexts(row)[roleCol] ?? '')
      return
    }
    const numberCol = col(TABLE_COLUMNS.number)
    const ownerCol = col(TABLE_COLUMNS.owner)
    const statusCol = col(TABLE_COLUMNS.status)
    const blockingCol = col(TABLE_COLUMNS.blocking)
    let taskCol = col(TABLE_COLUMNS.task)
    if (taskCol < 0 && (ownerCol >= 0 || statusCol >= 0)) {
      taskCol = header.findIndex(
        (_h, i) => ![numberCol, ownerCol, statusCol, blockingCol].includes(i),
      )
    }
    if (taskCol < 0) {
      this.warnings.push(
        `left out a table with columns ${header.map((h) => `"${h}"`).join(', ')}: no task, owner or status column`,
      )
      return
    }
    const notesCol = header.findIndex((h, i) => i !== taskCol && TABLE_COLUMNS.notes.test(h))
    for (const row of rows) {
      const cells = cellTexts(row)
      const title = cells[taskCol] ?? ''
      if (!title) continue
      const notes = notesCol >= 0 && cells[notesCol] ? [cells[notesCol] ?? ''] : []
      this.addItem(
        phase,
        title,
        notes,
        ctx,
        statusCol >= 0 ? statusFromCell(cells[statusCol] ?? '') : undefined,
        ownerCol >= 0 ? cells[ownerCol] || undefined : undefined,
        numberCol >= 0 ? cells[numberCol] : undefined,
        blockingCol >= 0 ? blockingFromCell(cells[blockingCol] ?? '') : undefined,
      )
    }
  }

  private addRole(text: string): void {
    const role =
      text
        .split(/\s*(?::|—|–| - |\()\s*/)[0]
        ?.replace(/[*_]/g, '')
        .trim() ?? ''
    if (role && !/^[-—–_.\s]*$/.test(role) && !this.roles.includes(role)) this.roles.push(role)
  }

  private collectRoles(section: Section): void {
    for (const block of allBlocks(section)) {
      if (block.type === 'list')
        for (const li of block.children)
          this.addRole(listItemLines(li, 0)[0]?.replace(/^- /, '') ?? '')
      if (block.type === 'table')
        this.processTable(
          block,
          { id: '', title: '', notes: [], items: [] },
          { criteriaTarget: null, optional: false },
        )
    }
  }

  private collectSignoffTables(section: Section): void {
    for (const block of allBlocks(section)) {
      if (block.type !== 'table' || !block.children[0]) continue
      const header = cellTexts(block.children[0])
      if (
        header.some((h) => TABLE_COLUMNS.role.test(h)) &&
        header.some((h) => TABLE_COLUMNS.signer.test(h))
      ) {
        this.processTable(
          block,
          { id: '', title: '', notes: [], items: [] },
          { criteriaTarget: null, optional: false },
        )
      }
    }
  }
}

function allBlocks(section: Section): RootContent[] {
  return [...section.blocks, ...section.children.flatMap(allBlocks)]
}

/** Text lines of a section (paragraphs and list items), for notes. */
function sectionText(section: Section): string[] {
  const lines: string[] = []
  for (const block of section.blocks) {
    if (block.type === 'paragraph') lines.push(inlineText(block.children))
    if (block.type === 'list') lines.push(...block.children.flatMap((li) => listItemLines(li, 0)))
  }
  for (const child of section.children) lines.push(`${child.heading}:`, ...sectionText(child))
  return lines.filter(Boolean)
}

/** A list item as "- text" plus its nested content, indented, so sub-bullets stay with their parent. */
function listItemLines(li: ListItem, depth: number): string[] {
  const indent = '  '.repeat(depth)
  const lines: string[] = []
  for (const child of li.children) {
    if (child.type === 'paragraph') {
      const text = inlineText(child.children)
      if (text) lines.push(lines.length === 0 ? `${indent}- ${text}` : `${indent}  ${text}`)
    } else if (child.type === 'list') {
      lines.push(...child.children.flatMap((sub) => listItemLines(sub, depth + 1)))
    } else if (child.type === 'code') {
      lines.push(`${indent}  ${child.value.split('\n').join(' ')}`)
    }
  }
  return lines
}
