import type { List, ListItem, RootContent, Table } from 'mdast'
import { tableShape, type ColumnOverrides } from './columns'
import type { Ledger } from './ledger'
import {
  allBlocks,
  blockLines,
  codeChecklist,
  isBadgeLine,
  isFormField,
  isLinkOnly,
  isStepSection,
  isTask,
  listItemLines,
  parseHeading,
  sectionExtent,
  sectionText,
  splitRole,
  type Section,
} from './blocks'
import { parseItemTitle } from './item-title'
import { cellTexts, fencedLines, inlineText, splitLeadingLabel } from './markdown-text'
import { IdAllocator, slugify } from './slug'
import {
  blockingFromTier,
  legendEntry,
  nonBlockingWords,
  optionalItemWords,
  splitPriority,
} from './tiers'
import {
  CONTEXT_LABEL,
  CRITERIA_HEADING,
  CRITERIA_LABEL,
  INFORMATIONAL_HEADING,
  ITEM_LABEL,
  PRUNED_HEADING,
  SIGNOFF_HEADING,
  SIGNOFF_LABEL,
  statusFromAnswer,
  statusFromCell,
  STEP_HEADING,
  type InitialStatus,
} from './vocabulary'

const MAX_TITLE = 160
const BOX_CELL = /^(\[[ xX]?\]|☐|☑|☒|✅|✔|✓|⬜|🔲)$/u

export interface ItemDraft {
  id: string
  title: string
  owner?: string
  blocking: boolean
  notes?: string
  initial?: InitialStatus
  parent?: string
}

export interface PhaseDraft {
  id: string
  title: string
  notes: string[]
  items: ItemDraft[]
  /** Markdown lines of the heading and of the whole section, for the line map. */
  heading?: [number, number]
  extent?: [number, number]
  grouping: boolean
}

export type { Section } from './blocks'

export interface ImportOptions extends ColumnOverrides {
  /** Source line ranges the user asked to import as items although the importer left them out. */
  include?: Array<{ from: number; to: number }>
}

interface Context {
  /** Where criteria and prose go: the enclosing phase, or null for the plan. */
  phase: PhaseDraft | null
  /** Words that made this part non-blocking ("Post-launch"), if any. */
  nonBlocking?: string
  signoff: boolean
}

type ListMode = 'items' | 'criteria' | 'context' | 'roles'

/** "Owner: Ada", "Responsible: Ada", "Verantwortlich: Ada", "负责人：Ada" as a sub-bullet. */
const OWNER_LINE =
  /^(?:owner|responsible|assignee|dri|verantwortlich|zuständig|负责人|责任人)\s*[:：]\s*(\S.{0,80})$/iu
const PLACEHOLDER = /^[\s_.\-–—/]*$|^[[<{(].*[\]>})]$|^(name|tbd|n\/a|date|datum|signature)$/i

export class Importer {
  readonly description: string[] = []
  readonly planNotes: string[] = []
  /** A role, or a role with the person the checklist names for it (`notes`). */
  readonly roles: (string | { name: string; notes: string })[] = []
  private readonly roleSet = new Set<string>()
  readonly phases: PhaseDraft[] = []
  /** Reasons tables were not read, for the "no checklist" message. */
  readonly unreadTables: string[] = []
  private readonly phaseIds = new IdAllocator()
  private readonly itemIds = new IdAllocator()
  private legend = new Map<string, boolean>()
  private rootPhase!: PhaseDraft

  constructor(
    readonly warnings: string[],
    private readonly ledger: Ledger,
    private readonly options: ImportOptions,
    /** A document without any task box may be a procedure of numbered step headings. */
    private readonly stepsAllowed: boolean,
  ) {}

  /** Returns the document title, if it has one. */
  run(root: Section): string | undefined {
    if (root.node) this.mark(root.node, 'plan', 'plan name')
    this.rootPhase = this.newPhase('Checklist', undefined)
    const ctx: Context = { phase: null, signoff: false }
    this.processBlocks(root.blocks, this.rootPhase, ctx, true)
    for (const child of root.children) this.processSection(child, ctx, this.rootPhase)
    return root.heading || undefined
  }

  // ── accounting ────────────────────────────────────────────────────────────

  private mark(
    node: { position?: { start: { line: number }; end: { line: number } } } | undefined,
    kind: Parameters<Ledger['mark']>[2],
    target: string,
  ): void {
    if (node?.position)
      this.ledger.mark(node.position.start.line, node.position.end.line, kind, target)
  }

  private leaveOut(from: number | undefined, to: number | undefined, reason: string): void {
    this.ledger.leaveOut(from, to, reason)
  }

  /** Whether the user asked to import this markdown range although it would be left out. */
  private forced(from: number | undefined, to: number | undefined): boolean {
    if (!this.options.include?.length || from === undefined) return false
    const range = this.ledger.source(from, to ?? from)
    return (
      range !== undefined &&
      this.options.include.some((r) => r.from <= range.to && r.to >= range.from)
    )
  }

  // ── sections ──────────────────────────────────────────────────────────────

  private newPhase(title: string, number: string | undefined, heading = title): PhaseDraft {
    const preferred =
      number && (number.includes('.') || /[A-Z]/i.test(number))
        ? number.toLowerCase()
        : slugify(title)
    const phase: PhaseDraft = {
      id: this.phaseIds.take(preferred, 'phase'),
      title: heading,
      notes: [],
      items: [],
      grouping: false,
    }
    this.phases.push(phase)
    return phase
  }

  private processSection(section: Section, ctx: Context, parentPhase: PhaseDraft): void {
    const { number, title } = parseHeading(section.heading)
    const [from, to] = sectionExtent(section)
    const forced = this.forced(from, to)
    if (!forced && SIGNOFF_HEADING.test(title)) {
      this.mark(section.node, 'role', 'roles (sign-off section)')
      const inner: Context = { ...ctx, signoff: true }
      this.processBlocks(section.blocks, parentPhase, inner, false, 'roles')
      for (const child of section.children) this.processSection(child, inner, parentPhase)
      return
    }
    if (!forced && CRITERIA_HEADING.test(title)) {
      const target = ctx.phase
      const where = target ? `notes of phase ${target.id}` : 'plan notes'
      const lines = [`${section.heading}:`, ...sectionText(section)]
      if (target) target.notes.push(...lines)
      else this.planNotes.push(...lines)
      this.ledger.mark(from, to, target ? 'notes' : 'plan', where)
      return
    }
    const ownTasks = section.blocks.some((b) => b.type === 'list' && b.children.some(isTask))
    if (!forced && !ownTasks && INFORMATIONAL_HEADING.test(title)) {
      const topLevel = ctx.phase === null
      if (
        topLevel &&
        /^(goals?|objectives?|purpose|overview|summary|zweck|ziele?|目的)$/i.test(title)
      ) {
        this.description.push(...sectionText(section))
        this.ledger.mark(from, to, 'plan', 'plan description')
      } else {
        const reason = `section "${section.heading}": context, not launch items`
        if (
          section.blocks.some(
            (b) => b.type === 'list' || b.type === 'table' || b.type === 'paragraph',
          )
        )
          this.warnings.push(`left out ${reason}`)
        this.leaveOut(from, to, reason)
      }
      this.collectSignoffTables(section)
      // "Scope" may hold the real work in its subsections; "Out of scope" and "Risks" never do.
      if (!PRUNED_HEADING.test(title)) {
        for (const child of section.children) this.processSection(child, ctx, parentPhase)
      }
      return
    }
    const step = STEP_HEADING.exec(section.heading)
    if (step && this.stepsAllowed && isStepSection(section)) {
      this.addStep(section, step[4] ?? section.heading, step[2], ctx, ctx.phase ?? parentPhase)
      return
    }
    const phase = this.newPhase(title, number, section.heading)
    if (section.node?.position)
      phase.heading = [section.node.position.start.line, section.node.position.end.line]
    phase.extent = [from ?? 0, to ?? 0]
    this.mark(section.node, 'phase', `phase ${phase.id}`)
    const words = ctx.nonBlocking ?? nonBlockingWords(title)
    if (words && !ctx.nonBlocking) phase.notes.push(`Not blocking: the heading says “${words}”.`)
    const inner: Context = { phase, nonBlocking: words, signoff: ctx.signoff }
    this.processBlocks(section.blocks, phase, inner, false)
    for (const child of section.children) this.processSection(child, inner, phase)
    if (phase.items.length === 0 && section.children.length > 0) phase.grouping = true
  }

  /** A numbered step heading with prose and code under it: one item, its text as notes. */
  private addStep(
    section: Section,
    title: string,
    number: string | undefined,
    ctx: Context,
    phase: PhaseDraft,
  ): void {
    const notes: string[] = []
    for (const block of section.blocks) notes.push(...blockLines(block))
    const item = this.addItem(phase, title.trim(), notes, ctx, { number })
    if (!item) return
    this.mark(section.node, 'item', `item ${item.id}`)
    for (const block of section.blocks) this.mark(block, 'notes', `notes of item ${item.id}`)
  }

  // ── blocks ────────────────────────────────────────────────────────────────

  private processBlocks(
    blocks: RootContent[],
    phase: PhaseDraft,
    ctx: Context,
    isRoot: boolean,
    initialMode?: ListMode,
  ): void {
    let mode: ListMode | undefined = initialMode
    let labelWords: string | undefined
    const notesTarget = isRoot ? 'plan description' : `notes of phase ${phase.id}`
    const addNote = (lines: string[], node: RootContent) => {
      if (isRoot) this.description.push(...lines)
      else phase.notes.push(...lines)
      this.mark(node, isRoot ? 'plan' : 'notes', notesTarget)
    }
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph': {
          if (isBadgeLine(block.children)) {
            this.leaveOut(block.position?.start.line, block.position?.end.line, 'badges or images')
            break
          }
          const text = inlineText(block.children)
          const leading = splitLeadingLabel(block.children)
          if (text.endsWith(':') && text.length <= 160) {
            const label = text.slice(0, -1).replace(/[*_]/g, '').trim()
            labelWords = undefined
            if (SIGNOFF_LABEL.test(label)) {
              mode = 'roles'
              this.mark(block, 'role', 'roles (sign-off list)')
            } else if (CRITERIA_LABEL.test(label)) {
              mode = 'criteria'
              if (isRoot) this.planNotes.push(`${label}:`)
              else phase.notes.push(`${label}:`)
              this.mark(block, isRoot ? 'plan' : 'notes', isRoot ? 'plan notes' : notesTarget)
            } else if (CONTEXT_LABEL.test(label)) {
              mode = 'context'
              addNote([`${label}:`], block)
            } else {
              // "Tasks:", or a lead-in sentence ("After the fixes are merged, prepare the RC:").
              mode = initialMode === 'roles' ? 'roles' : 'items'
              labelWords = nonBlockingWords(label)
              if (ITEM_LABEL.test(label))
                this.mark(block, 'phase', `phase ${phase.id} (label of its items)`)
              else addNote([text], block)
            }
            continue
          }
          if (mode === 'roles' && leading) {
            this.addRole(leading.label, leading.rest, block.position?.start.line)
            this.mark(block, 'role', `roles (${leading.label})`)
            continue
          }
          if (leading && CRITERIA_LABEL.test(leading.label)) {
            const line = `${leading.label}: ${leading.rest}`
            if (isRoot) this.planNotes.push(line)
            else phase.notes.push(line)
            this.mark(block, isRoot ? 'plan' : 'notes', isRoot ? 'plan notes' : notesTarget)
          } else {
            addNote([inlineText(block.children, true)], block)
          }
          mode = initialMode
          labelWords = undefined
          break
        }
        case 'list':
          this.processList(
            block,
            mode ?? 'items',
            phase,
            { ...ctx, nonBlocking: ctx.nonBlocking ?? labelWords },
            isRoot,
          )
          mode = initialMode
          labelWords = undefined
          break
        case 'table':
          this.processTable(block, phase, ctx)
          mode = initialMode
          break
        case 'blockquote':
          this.processBlocks(block.children as RootContent[], phase, ctx, isRoot, mode)
          break
        case 'code': {
          const bullets = codeChecklist(block.value)
          if (bullets && !isRoot) {
            // A checklist someone fenced as code ("# Morning checks" then "- Review error logs").
            const startLine = (block.position?.start.line ?? 0) + 1
            for (const b of bullets) {
              const item = this.addItem(
                phase,
                b.text,
                b.group ? [`Group: ${b.group}`] : [],
                ctx,
                {},
              )
              if (item)
                this.ledger.mark(
                  startLine + b.offset,
                  startLine + b.offset,
                  'item',
                  `item ${item.id}`,
                )
            }
            this.mark(block, 'notes', `notes of phase ${phase.id}`)
            phase.notes.push('The items below the fenced block were written as code.')
          } else addNote(fencedLines(block.lang, block.value), block)
          break
        }
        case 'html':
          if (/^\s*<!--[\s\S]*-->\s*$/.test(block.value))
            this.mark(block, 'blank', 'an HTML comment')
          else this.leaveOut(block.position?.start.line, block.position?.end.line, 'raw HTML')
          break
        case 'thematicBreak':
          this.mark(block, 'blank', 'a separator line')
          break
        default:
          this.mark(block, 'notes', notesTarget)
      }
    }
  }

  // ── lists ─────────────────────────────────────────────────────────────────

  private processList(
    list: List,
    mode: ListMode,
    phase: PhaseDraft,
    ctx: Context,
    isRoot: boolean,
  ): void {
    const from = list.position?.start.line
    const to = list.position?.end.line
    const boxes = list.children.some(isTask)
    const forced = this.forced(from, to)
    if (mode === 'roles' || (ctx.signoff && !forced)) {
      for (const li of list.children) {
        const text = (listItemLines(li, 0)[0] ?? '').replace(/^- /, '')
        const split = splitRole(text)
        this.addRole(split.role, split.person, li.position?.start.line)
        this.mark(li, 'role', `roles (${split.role})`)
      }
      return
    }
    if (mode === 'criteria') {
      const lines = list.children.flatMap((li) => listItemLines(li, 0))
      if (isRoot) this.planNotes.push(...lines)
      else phase.notes.push(...lines)
      this.mark(
        list,
        isRoot ? 'plan' : 'notes',
        isRoot ? 'plan notes' : `notes of phase ${phase.id}`,
      )
      return
    }
    if (!boxes && !forced) {
      const legend = list.children.map((li) =>
        legendEntry(listItemLines(li, 0)[0]?.replace(/^- /, '') ?? ''),
      )
      if (legend.every((e) => e !== undefined) && legend.length > 0) {
        for (const e of legend) if (e) this.legend.set(e.colour, e.blocking)
        this.leaveOut(from, to, 'a colour legend (it decides which marked items block)')
        return
      }
      if (list.children.every(isLinkOnly)) {
        this.leaveOut(
          from,
          to,
          'a list of links (contents, references or related pages), not launch items',
        )
        return
      }
      if (list.children.every(isFormField)) {
        const lines = list.children.flatMap((li) => listItemLines(li, 0))
        if (isRoot) this.planNotes.push(...lines)
        else phase.notes.push(...lines)
        this.mark(
          list,
          isRoot ? 'plan' : 'notes',
          isRoot ? 'plan notes' : `notes of phase ${phase.id}`,
        )
        return
      }
      if (mode === 'context') {
        const lines = list.children.flatMap((li) => listItemLines(li, 0))
        if (isRoot) this.description.push(...lines)
        else phase.notes.push(...lines)
        this.mark(
          list,
          isRoot ? 'plan' : 'notes',
          isRoot ? 'plan description' : `notes of phase ${phase.id}`,
        )
        return
      }
    }
    for (const li of list.children) {
      if (mode === 'context' && !isTask(li) && !forced) {
        phase.notes.push(...listItemLines(li, 0))
        this.mark(li, 'notes', `notes of phase ${phase.id}`)
        continue
      }
      this.addListItem(li, phase, ctx, undefined)
    }
  }

  /** A list item as an item; nested task boxes become items of their own, with it as parent. */
  private addListItem(
    li: ListItem,
    phase: PhaseDraft,
    ctx: Context,
    parent: string | undefined,
  ): void {
    const [first, ...restBlocks] = li.children
    const title = first?.type === 'paragraph' ? inlineText(first.children) : ''
    const extra: string[] = []
    const nested: ListItem[] = []
    const noteNodes: Array<RootContent | ListItem> = []
    let owner: string | undefined
    const rest = first?.type === 'paragraph' ? restBlocks : li.children
    for (const block of rest) {
      if (block.type === 'list') {
        for (const sub of block.children) {
          const subText = (listItemLines(sub, 0)[0] ?? '').replace(/^- /, '')
          const ownerLine = OWNER_LINE.exec(subText)
          if (isTask(sub)) nested.push(sub)
          else if (ownerLine && !owner) {
            owner = (ownerLine[1] ?? '').trim()
            noteNodes.push(sub)
          } else {
            extra.push(...listItemLines(sub, 1))
            noteNodes.push(sub)
          }
        }
      } else {
        extra.push(...blockLines(block).map((l) => `  ${l}`))
        noteNodes.push(block)
      }
    }
    if (!title) {
      // A bare "- " or an item that is only code: its content is notes of the phase.
      phase.notes.push(...extra)
      this.mark(li, 'notes', `notes of phase ${phase.id}`)
      for (const sub of nested) this.addListItem(sub, phase, ctx, parent)
      return
    }
    const item = this.addItem(phase, title, extra, ctx, {
      initial: li.checked === true ? 'pass' : undefined,
      owner,
      parent,
    })
    if (!item) {
      this.mark(li, 'notes', `notes of phase ${phase.id}`)
      for (const sub of nested) this.addListItem(sub, phase, ctx, parent)
      return
    }
    this.mark(li, 'item', `item ${item.id}`)
    for (const node of noteNodes) this.mark(node, 'notes', `notes of item ${item.id}`)
    for (const sub of nested) this.addListItem(sub, phase, ctx, item.id)
  }

  addItem(
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
    if (dot && this.legend.has(dot[1] ?? '')) {
      blocking ??= this.legend.get(dot[1] ?? '')
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
    const id = this.itemIds.take(
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

  // ── tables ────────────────────────────────────────────────────────────────

  private processTable(table: Table, phase: PhaseDraft, ctx: Context): void {
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
    const forced = this.forced(from, to)
    this.mark(table, 'blank', 'table layout')
    let shape = tableShape(header, boxColumn, this.options, ctx.signoff, rows.length)
    if (shape.kind === 'unknown' && forced)
      shape = tableShape(header, boxColumn, { ...this.options, itemColumn: header[0] }, false)
    if (shape.kind === 'properties') {
      const lines = header.map((h, i) => `${h}: ${allCells()[0]?.[i] ?? ''}`)
      this.planNotes.push(...lines)
      this.mark(table, 'plan', 'plan notes (page properties)')
      return
    }
    if (shape.kind === 'unknown') {
      this.unreadTables.push(shape.reason)
      this.warnings.push(`left out ${shape.reason}`)
      this.leaveOut(from, to, shape.reason)
      return
    }
    this.mark(headerRow, 'phase', `phase ${phase.id} (table header)`)
    if (shape.kind === 'signoff') {
      rows.forEach((row, r) => {
        const role = allCells()[r]?.[shape.role] ?? ''
        const person = shape.person >= 0 ? (allCells()[r]?.[shape.person] ?? '') : ''
        this.addRole(role, person, row.position?.start.line)
        this.mark(row, 'role', `roles (${splitRole(role).role || 'empty row'})`)
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
          this.mark(row, 'notes', `notes of phase ${phase.id}`)
        } else this.mark(row, 'blank', 'an empty table row')
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
      const item = this.addItem(phase, title, notes, ctx, {
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
      if (item) this.mark(row, 'item', `item ${item.id}`)
      else this.mark(row, 'notes', `notes of phase ${phase.id}`)
    })
  }

  // ── roles ─────────────────────────────────────────────────────────────────

  private addRole(text: string, person: string | undefined, line: number | undefined): void {
    const role = splitRole(text).role
    if (!role || /^[-—–_.\s]*$/.test(role)) return
    const who = (person ?? '').replace(/\s+/g, ' ').trim()
    const src = line !== undefined ? this.ledger.source(line, line)?.from : undefined
    // The person named for the role goes in the role's notes, with the line it came from.
    const named =
      who && !PLACEHOLDER.test(who) && /\p{L}/u.test(who)
        ? `${who}${src ? ` (line ${src})` : ''}`
        : undefined
    if (!this.roleSet.has(role)) {
      this.roleSet.add(role)
      this.roles.push(named ? { name: role, notes: named } : role)
      return
    }
    if (!named) return
    // The same role named again (a second signer): its person joins the notes.
    const at = this.roles.findIndex((r) => (typeof r === 'string' ? r : r.name) === role)
    const known = this.roles[at]
    this.roles[at] =
      typeof known === 'object'
        ? { name: role, notes: `${known.notes}; ${named}` }
        : { name: role, notes: named }
  }

  private collectSignoffTables(section: Section): void {
    for (const block of allBlocks(section)) {
      if (block.type !== 'table' || !block.children[0]) continue
      const shape = tableShape(cellTexts(block.children[0]), -1, {}, false)
      if (shape.kind === 'signoff')
        this.processTable(block, this.rootPhase, { phase: null, signoff: false })
    }
  }
}
