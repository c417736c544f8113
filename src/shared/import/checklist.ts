import type { List, RootContent } from 'mdast'
import type { SourceError } from '../plan/errors'
import { PlanSchema, type PlanInput } from '../plan/schema'
import { Importer, type ImportOptions, type Section } from './importer'
import { Ledger, type ImportMap, type LeftOutBlock } from './ledger'
import { inlineText } from './markdown-text'
import { looksLikeMojibake } from './mojibake'
import { parseMarkdownBlocks } from './parse-markdown'
import { preprocessChecklist } from './preprocess'

export type { ImportMap, LeftOutBlock, LineEntry } from './ledger'
export type { ImportOptions } from './importer'

export const MAX_CHECKLIST_BYTES = 5 * 1024 * 1024

export type ImportResult =
  | { ok: true; plan: PlanInput; warnings: string[]; map: ImportMap }
  | { ok: false; errors: SourceError[]; map?: ImportMap }

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
 * acceptance notes, a sign-off table becomes the plan's roles. Every source line is accounted for
 * in the returned map (an item, notes, or left out with the reason). Pure and deterministic, so
 * the same file always yields the same plan and hash.
 */
export function importChecklist(
  text: string,
  file: string,
  options: ImportOptions = {},
): ImportResult {
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
  const sourceLines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
  if (sourceLines.length > 1 && sourceLines[sourceLines.length - 1] === '') sourceLines.pop()
  const ledger = new Ledger(pre.origin, sourceLines)
  for (const a of pre.accounted)
    ledger.markSource(a.line, a.line, a.to.startsWith('left out') ? 'left-out' : 'plan', a.to)
  const importer = new Importer(pre.warnings, ledger, options, !hasTaskBoxes(blocks))
  const root = buildSections(blocks)
  const name = importer.run(root) ?? pre.frontMatterTitle ?? titleFromFileName(file)

  // Phases that ended up without items: their lines are left out, saying why.
  const renames = new Map<string, { to: string; kind: 'left-out' }>()
  for (const p of importer.phases) {
    if (p.items.length > 0) continue
    const reason = p.grouping
      ? `heading "${p.title}" only groups the sections below it`
      : `section "${p.title}" has no checklist items`
    if (p.heading) ledger.leaveOut(p.heading[0], p.heading[1], reason)
    const to = { to: `left out: ${reason}`, kind: 'left-out' as const }
    for (const target of [
      `phase ${p.id}`,
      `notes of phase ${p.id}`,
      `phase ${p.id} (label of its items)`,
      `phase ${p.id} (table header)`,
    ])
      renames.set(target, to)
  }
  ledger.retarget(renames)
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
        items: p.items,
      })),
  }
  const { entries, unaccounted } = ledger.lines()
  if (unaccounted.length > 0)
    importer.warnings.push(
      `${unaccounted.length} line(s) were not recognised and are left out (first at line ${unaccounted[0]})`,
    )
  const map: ImportMap = {
    lines: entries,
    leftOut: ledger.leftOut,
    counts: {
      phases: plan.phases.length,
      items: plan.phases.reduce((n, p) => n + p.items.length, 0),
      roles: plan.roles?.length ?? 0,
    },
  }
  if (plan.phases.length === 0) {
    return {
      ok: false,
      errors: [{ file, path: '', message: noChecklistMessage(importer, ledger.leftOut) }],
      map,
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
      map,
    }
  }
  if (mayHoldMojibake(pre.markdown, file) && looksLikeMojibake(JSON.stringify(plan)))
    importer.warnings.push(
      'some text still looks mis-encoded after repair; check the source file encoding',
    )
  return { ok: true, plan, warnings: importer.warnings, map }
}

/** Exit 2 says what the file holds instead, and how to import it anyway. */
function noChecklistMessage(importer: Importer, leftOut: LeftOutBlock[]): string {
  const table = importer.unreadTables[0]
  if (table) return `no checklist items found: found ${table}`
  if (importer.roles.length > 0)
    return `no checklist items found: found only a sign-off list (${importer.roles.map((r) => (typeof r === 'string' ? r : r.name)).join(', ')})`
  const reasons = [...new Set(leftOut.map((b) => b.reason))].slice(0, 3)
  const found = reasons.length ? `found ${reasons.join('; ')}` : 'found only prose'
  return `no checklist items found: ${found}; expected task lists (- [ ] …), bullet lists under headings, numbered steps, or a table with an item column (use --item-column NAME)`
}

/**
 * Every mis-decoded sequence starts with one of these characters. The plan's text comes from the
 * preprocessed Markdown (an entity such as `&Atilde;` spells one with `&`) or the file's name; when
 * neither holds one, the plan cannot, and the 2 MB JSON of a big plan need not be written.
 */
const MOJIBAKE_LEAD = /[âÃðÂ&]/
function mayHoldMojibake(markdown: string, file: string): boolean {
  return MOJIBAKE_LEAD.test(markdown) || MOJIBAKE_LEAD.test(file)
}

function hasTaskBoxes(blocks: RootContent[]): boolean {
  const inList = (list: List): boolean =>
    list.children.some(
      (li) =>
        (li.checked !== null && li.checked !== undefined) ||
        li.children.some((c) => c.type === 'list' && inList(c)),
    )
  return blocks.some(
    (b) =>
      (b.type === 'list' && inList(b)) ||
      (b.type === 'blockquote' && hasTaskBoxes(b.children as RootContent[])),
  )
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
        node,
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
      node: first.node,
      blocks: [...root.blocks, ...first.blocks],
      children: [...first.children, ...root.children.slice(1)],
    }
  }
  return root
}
