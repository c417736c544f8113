import { repairMojibake } from './mojibake'
import { FENCE } from './parse-markdown'
import { NOISE_LINE } from './vocabulary'

export interface PreprocessResult {
  markdown: string
  /** For each line of `markdown` (0-based), the 1-based source line it came from; 0 = added. */
  origin: number[]
  /** Source lines the preprocessor itself accounted for (front matter, page noise). */
  accounted: Array<{ line: number; to: string }>
  /** `title:` from YAML front matter, when present. */
  frontMatterTitle?: string
  warnings: string[]
}

/** Lines as two parallel arrays (a 1 MiB checklist has tens of thousands): text and source line. */
interface Lines {
  text: string[]
  /** 1-based source line; 0 for a line the preprocessor added. */
  origin: number[]
}

const ATX_HEADING = /^\s{0,3}#{1,6}\s+\S/
const TASK_MID_LINE = /\S\s+[-*+]\s\[[ xX]\]\s/
const HEADING_MID_LINE = /\S\s+#{1,6}\s+\S/
const LIST_LINE = /^\s*([-*+]|\d+[.)])\s+/
/** "Tasks:", "Validation goals:", "Week 1:" — a short line that introduces what follows. */
const LABEL_LINE = /^[A-Z*_][^:]{0,60}:\s*(\*\*|__)?\s*$/
const noLines = (): Lines => ({ text: [], origin: [] })
function addLine(lines: Lines, text: string, origin: number): void {
  lines.text.push(text)
  lines.origin.push(origin)
}

/** Where a label line can start: at the margin, with what LABEL_LINE and LABELLED_LINE accept. */
const LABEL_START = /^[A-Z*_]/
/** "Acceptance: restore drill recorded" — a labelled line that starts a new block after a list. */
const LABELLED_LINE = /^(\*\*)?[A-Z][\w /&-]{0,40}:(\*\*)?\s+\S/
/** "3.1 Safety and Trust Hardening", "1. Objective", "M5.2: Migration" in plain-text documents. */
const NUMBERED_HEADING = /^([A-Z]?\d+(?:\.\d+)*)[.:)]?\s+([A-Z][^\n]{0,100})$/
/** "Teil 1: Eine Woche vor Go-Live", "Part 2 – Launch day": a plain-text part heading. */
const PART_HEADING =
  /^(teil|part|phase|abschnitt|section|stage|stufe|kapitel)\s+\d+\s*[:.–—-]\s*\S.{0,100}$/i
/** A short capitalised line with no sentence punctuation ("Technische Abnahme", "PRE-FLIGHT"). */
const TITLE_LINE = /^\p{Lu}[^:;,.!?]{0,60}$/u
const WIKI_LINK = /\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]/g
/**
 * Plain-text task boxes without a list marker ("[ ] 1. Build the release", "☐ Tag", "[x] Done"),
 * and bullets typed as "•" or "▪": given a Markdown list marker so the parser sees a task list.
 */
const BARE_BOX = /^(\s*)(\[[ xX✓✔]?\]|\([ xX]?\)|☐|□|☑|☒|✅|✔️?|✓)\s+(?:\d{1,3}[.)]\s+)?(\S.*)$/u
const UNICODE_BULLET = /^(\s*)[•▪◦·‣●○■–]\s+(\S.*)$/u
/** The first character of any line BARE_BOX or UNICODE_BULLET rewrites. */
const BOX_OR_BULLET_START = /^\s*[[(☐□☑☒✅✔✓•▪◦·‣●○■–]/u

/**
 * Turn what people paste into something a Markdown parser reads as they meant it: repaired
 * encoding, no page-scrape noise, wiki links as links, checklists that were flattened onto one line
 * split back, and plain-text numbered documents given Markdown headings. Every output line keeps
 * the source line it came from, so the importer can say where each item was found.
 */
export function preprocessChecklist(input: string): PreprocessResult {
  const warnings: string[] = []
  const accounted: PreprocessResult['accounted'] = []
  let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const repaired = repairMojibake(text)
  if (repaired.repairs > 0)
    warnings.push(
      `repaired ${repaired.repairs} mis-encoded character sequence(s) (UTF-8 read as Windows-1252)`,
    )
  text = repaired.text.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200b\u2060]/g, '')

  let frontMatterTitle: string | undefined
  let skip = 0
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)
  if (fm) {
    const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(fm[1] ?? '')
    if (title?.[1]) frontMatterTitle = title[1]
    skip = fm[0].split('\n').length - 1
    for (let l = 1; l <= skip; l++)
      accounted.push({
        line: l,
        to: title?.[1] ? 'front matter (title → plan name)' : 'front matter',
      })
  }

  const source = text.split('\n')
  let inFence = false
  let noise = 0
  let lines = noLines()
  for (let i = skip; i < source.length; i++) {
    const line = source[i] ?? ''
    const origin = i + 1
    const fence = FENCE.test(line)
    if (fence) inFence = !inFence
    if (inFence || fence) {
      addLine(lines, line, origin)
      continue
    }
    if (NOISE_LINE.test(line)) {
      noise++
      accounted.push({ line: origin, to: 'left out: page navigation or size noise' })
      continue
    }
    // Most lines need none of the rewrites below: each is tried only when the characters it
    // looks for are on the line, so a 1 MiB checklist is not copied line by line for nothing.
    let out = line
    if (out.includes('[[')) out = out.replace(WIKI_LINK, wikiLinkAsLink)
    if (BOX_OR_BULLET_START.test(out))
      out = out.replace(BARE_BOX, boxAsTask).replace(UNICODE_BULLET, '$1- $2')
    if (flattenedChecklist(out)) {
      out = out
        .replace(/\s+(?=#{1,6}\s+\S)/g, '\n\n')
        .replace(/\s+(?=[-*+]\s\[[ xX]\]\s)/g, '\n')
        .replace(/^(#{1,6}\s.*)$/gm, '$1\n')
      for (const piece of out.split('\n')) addLine(lines, piece, origin)
    } else addLine(lines, out, origin)
  }
  if (noise > 0) warnings.push(`dropped ${noise} line(s) of page navigation or size noise`)

  if (
    !lines.text.some((l) => ATX_HEADING.test(l)) &&
    lines.text.some(
      (l, i) =>
        NUMBERED_HEADING.test(l.trim()) || PART_HEADING.test(l.trim()) || titleBeforeList(lines, i),
    )
  ) {
    lines = plainTextToMarkdown(lines)
  }
  const out = separateLabels(lines)
  return {
    markdown: out.text.join('\n'),
    origin: out.origin,
    accounted,
    frontMatterTitle,
    warnings,
  }
}

/** A wiki link stays a link (so a list of them reads as links, not tasks). */
function wikiLinkAsLink(_match: string, target: string, label?: string): string {
  return `[${(label ?? target).trim()}](wiki:${encodeURIComponent(target.trim())})`
}

function boxAsTask(_match: string, indent: string, box: string, rest: string): string {
  const done = /[xX✓✔☑☒✅]/u.test(box)
  return `${indent}- [${done ? 'x' : ' '}] ${rest}`
}

/** A checklist pasted onto one line: task boxes after text, or two headings or more. */
function flattenedChecklist(line: string): boolean {
  if (line.includes('[') && TASK_MID_LINE.test(line)) return true
  if (!line.includes('#') || !HEADING_MID_LINE.test(line)) return false
  return (line.match(/(^|\s)#{1,6}\s+\S/g) ?? []).length >= 2
}

/**
 * Plain-text checklists number their sections ("3.1 Billing and Entitlements"). Give those lines
 * Markdown heading levels by depth, and the first line (the title) a level-1 heading. A numbered
 * line directly followed by another numbered line of the same depth is a list, not a heading.
 */
function plainTextToMarkdown(lines: Lines): Lines {
  const out = noLines()
  const firstIndex = lines.text.findIndex((l) => l.trim() !== '')
  lines.text.forEach((line, i) => {
    const origin = lines.origin[i] ?? 0
    const trimmed = line.trim()
    if (i === firstIndex && !LIST_LINE.test(trimmed) && trimmed.length <= 120) {
      addLine(out, `# ${trimmed}`, origin)
      addLine(out, '', 0)
      return
    }
    if (line === trimmed && (PART_HEADING.test(trimmed) || titleBeforeList(lines, i))) {
      addLine(out, '', 0)
      addLine(out, `## ${trimmed}`, origin)
      addLine(out, '', 0)
      return
    }
    const m = NUMBERED_HEADING.exec(trimmed)
    if (m && !/[.:;,]$/.test(trimmed) && line === trimmed) {
      const number = m[1] ?? ''
      const depth = number.split('.').length
      const following = (lines.text[i + 1] ?? '').trim()
      const next = NUMBERED_HEADING.exec(following)
      // "1. Pause jobs" directly followed by "2. Revert" is an ordered list, not two sections.
      const listLike =
        next !== null && (next[1] ?? '').split('.').length === depth && /^\d+$/.test(number)
      if (!listLike) {
        addLine(out, '', 0)
        addLine(out, `${'#'.repeat(Math.min(depth + 1, 6))} ${trimmed}`, origin)
        addLine(out, '', 0)
        return
      }
    }
    addLine(out, line, origin)
  })
  return out
}

/** A title line at the margin, after a blank line, directly above a list. */
function titleBeforeList(lines: Lines, i: number): boolean {
  const text = lines.text[i] ?? ''
  return (
    text === text.trim() &&
    TITLE_LINE.test(text) &&
    !LIST_LINE.test(text) &&
    (i === 0 || (lines.text[i - 1] ?? '').trim() === '') &&
    LIST_LINE.test(lines.text[i + 1] ?? '')
  )
}

/** Keep "Validation goals:" from being swallowed as a lazy continuation of the list above it. */
function separateLabels(lines: Lines): Lines {
  const out = noLines()
  let inFence = false
  lines.text.forEach((text, i) => {
    if (FENCE.test(text)) inFence = !inFence
    const prev = out.text[out.text.length - 1] ?? ''
    // Both patterns start with a capital, `*` or `_`, and end allowing trailing blanks.
    const candidate = !inFence && LABEL_START.test(text)
    const isLabel = candidate && LABEL_LINE.test(text)
    const labelledAfterList = candidate && LABELLED_LINE.test(text) && LIST_LINE.test(prev)
    if ((isLabel || labelledAfterList) && prev.trim() !== '') addLine(out, '', 0)
    addLine(out, text, lines.origin[i] ?? 0)
    if (isLabel) addLine(out, '', 0)
  })
  return out
}
