import type { Heading, ListItem, PhrasingContent, RootContent } from 'mdast'
import { cellTexts, fencedLines, inlineText } from './markdown-text'

/** Reading helpers of the importer: what a block, list entry or section is, and its text. */

export interface Section {
  depth: number
  heading: string
  node?: Heading
  blocks: RootContent[]
  children: Section[]
}

/** "M5.1: Production Infrastructure" → number "M5.1", title "Production Infrastructure". */
const SECTION_NUMBER = /^([A-Z]?\d+(?:\.\d+)*)[.:)]?\s+(\S.*)$/
export function parseHeading(heading: string): { number?: string; title: string } {
  const m = SECTION_NUMBER.exec(heading)
  return m ? { number: m[1], title: (m[2] ?? '').trim() } : { title: heading.trim() }
}

/** "CTO: Ada Lovelace", "QA Lead — ____", "Security (name, date)" → role and person. */
export function splitRole(text: string): { role: string; person: string } {
  const clean = text
    .replace(/^\[[ xX]\]\s*/, '')
    .replace(/[*_]/g, '')
    .trim()
  const m = /^(.*?)\s*(?::|：|—|–| - |\()\s*(.*)$/.exec(clean)
  const role = (m ? m[1] : clean)?.trim() ?? ''
  const person = (m?.[2] ?? '')
    .replace(/\)$/, '')
    .replace(/\b(date|datum|signature|unterschrift)\s*[:：]?.*$/i, '')
    .replace(/_{2,}.*$/, '')
    .replace(/[\s,;/]+$/, '')
    .trim()
  return { role, person }
}

export function isTask(li: ListItem): boolean {
  return li.checked !== null && li.checked !== undefined
}

/** A paragraph of badges: images, or links around images, and nothing else. */
export function isBadgeLine(nodes: readonly PhrasingContent[]): boolean {
  const parts = nodes.filter((n) => !(n.type === 'text' && n.value.trim() === ''))
  return (
    parts.length > 0 &&
    parts.every(
      (n) =>
        n.type === 'image' ||
        (n.type === 'link' &&
          n.children.length > 0 &&
          n.children.every((c) => c.type === 'image' || (c.type === 'text' && !c.value.trim()))),
    )
  )
}

/** A list entry that is only a link (or a link and a short gloss): a table of contents, references. */
export function isLinkOnly(li: ListItem): boolean {
  const first = li.children[0]
  if (first?.type !== 'paragraph') return false
  const nodes = first.children.filter((n) => !(n.type === 'text' && n.value.trim() === ''))
  const link = nodes[0]
  if (
    !link ||
    (link.type !== 'link' && !(link.type === 'strong' && link.children[0]?.type === 'link'))
  )
    return false
  const after = nodes
    .slice(1)
    .map((n) => inlineText([n]))
    .join('')
    .trim()
  return after === '' || (/^[-–—:(]/.test(after) && after.length < 100)
}

/** "**Release date**: ____", "Version: `{{version}}`" — a blank to fill in, not a check. */
export function isFormField(li: ListItem): boolean {
  const text = (listItemLines(li, 0)[0] ?? '').replace(/^- /, '')
  return /^[^:：]{1,40}[:：]\s*(_{2,}|\[[^\]]*\]|<[^>]*>|\{\{[^}]*\}\}|TBD|YYYY-MM-DD|)\s*$/i.test(
    text,
  )
}

export function sectionExtent(section: Section): [number | undefined, number | undefined] {
  const start = section.node?.position?.start.line ?? section.blocks[0]?.position?.start.line
  let end = section.node?.position?.end.line
  for (const b of section.blocks) end = Math.max(end ?? 0, b.position?.end.line ?? 0)
  for (const c of section.children) end = Math.max(end ?? 0, sectionExtent(c)[1] ?? 0)
  return [start, end]
}

/** A step section holds prose and code, not a list of its own items. */
export function isStepSection(section: Section): boolean {
  if (section.children.length > 0) return false
  let paragraphs = 0
  let listItems = 0
  let code = 0
  for (const b of section.blocks) {
    if (b.type === 'table') return false
    if (b.type === 'paragraph') paragraphs++
    if (b.type === 'code') code++
    if (b.type === 'list') listItems += b.children.length
  }
  return code > 0 || (paragraphs > 0 && listItems === 0)
}

/** Fenced text whose lines are only "- bullet" and "# group" comments: bullets with their group. */
export function codeChecklist(
  value: string,
): Array<{ text: string; group?: string; offset: number }> | undefined {
  const out: Array<{ text: string; group?: string; offset: number }> = []
  let group: string | undefined
  const lines = value.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (!line) continue
    const bullet = /^[-*]\s+(?:\[[ xX]\]\s+)?(\S.*)$/.exec(line)
    const comment = /^(?:#|\/\/)\s*(\S.*)$/.exec(line)
    if (bullet) out.push({ text: bullet[1] ?? '', group, offset: i })
    else if (comment) group = comment[1]
    else return undefined
  }
  return out.length >= 2 ? out : undefined
}

export function allBlocks(section: Section): RootContent[] {
  return [...section.blocks, ...section.children.flatMap(allBlocks)]
}

/** Lines of one block for notes: prose, list lines, fenced code. */
export function blockLines(block: RootContent): string[] {
  if (block.type === 'paragraph') return [inlineText(block.children, true)]
  if (block.type === 'list') return block.children.flatMap((li) => listItemLines(li, 0))
  if (block.type === 'code') return fencedLines(block.lang, block.value)
  if (block.type === 'blockquote')
    return block.children.flatMap((b) => blockLines(b as RootContent))
  if (block.type === 'table') return block.children.map((r) => cellTexts(r).join(' | '))
  return []
}

/** Text lines of a section (paragraphs, list items, code), for notes. */
export function sectionText(section: Section): string[] {
  const lines: string[] = []
  for (const block of section.blocks) lines.push(...blockLines(block))
  for (const child of section.children) lines.push(`${child.heading}:`, ...sectionText(child))
  return lines.filter(Boolean)
}

/** A list item as "- text" plus its nested content, indented, so sub-bullets stay with their parent. */
export function listItemLines(li: ListItem, depth: number): string[] {
  const indent = '  '.repeat(depth)
  const lines: string[] = []
  for (const child of li.children) {
    if (child.type === 'paragraph') {
      const text = inlineText(child.children)
      if (text) lines.push(lines.length === 0 ? `${indent}- ${text}` : `${indent}  ${text}`)
    } else if (child.type === 'list') {
      lines.push(...child.children.flatMap((sub) => listItemLines(sub, depth + 1)))
    } else if (child.type === 'code') {
      lines.push(...fencedLines(child.lang, child.value, `${indent}  `))
    }
  }
  return lines
}
