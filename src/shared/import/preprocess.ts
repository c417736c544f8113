import { repairMojibake } from './mojibake'
import { FENCE } from './parse-markdown'
import { NOISE_LINE } from './vocabulary'

export interface PreprocessResult {
  markdown: string
  /** `title:` from YAML front matter, when present. */
  frontMatterTitle?: string
  warnings: string[]
}

const ATX_HEADING = /^\s{0,3}#{1,6}\s+\S/
const TASK_MID_LINE = /\S\s+[-*+]\s\[[ xX]\]\s/
const HEADING_MID_LINE = /\S\s+#{1,6}\s+\S/
const LIST_LINE = /^\s*([-*+]|\d+[.)])\s+/
/** "Tasks:", "Validation goals:", "Week 1:" — a short line that introduces what follows. */
const LABEL_LINE = /^[A-Z*_][^:]{0,60}:\s*(\*\*|__)?\s*$/
/** "Acceptance: restore drill recorded" — a labelled line that starts a new block after a list. */
const LABELLED_LINE = /^(\*\*)?[A-Z][\w /&-]{0,40}:(\*\*)?\s+\S/
/** "3.1 Safety and Trust Hardening", "1. Objective", "M5.2: Migration" in plain-text documents. */
const NUMBERED_HEADING = /^([A-Z]?\d+(?:\.\d+)*)[.:)]?\s+([A-Z][^\n]{0,100})$/
const WIKI_LINK = /\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]/g

/**
 * Turn what people paste into something a Markdown parser reads as they meant it: repaired
 * encoding, no page-scrape noise, wiki links as text, checklists that were flattened onto one line
 * split back, and plain-text numbered documents given Markdown headings.
 */
export function preprocessChecklist(input: string): PreprocessResult {
  const warnings: string[] = []
  let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const repaired = repairMojibake(text)
  if (repaired.repairs > 0)
    warnings.push(
      `repaired ${repaired.repairs} mis-encoded character sequence(s) (UTF-8 read as Windows-1252)`,
    )
  text = repaired.text.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200b\u2060]/g, '')

  let frontMatterTitle: string | undefined
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)
  if (fm) {
    const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(fm[1] ?? '')
    if (title?.[1]) frontMatterTitle = title[1]
    text = text.slice(fm[0].length)
  }

  let lines = text.split('\n')
  let inFence = false
  let noise = 0
  const kept: string[] = []
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence
    if (inFence || FENCE.test(line)) {
      kept.push(line)
      continue
    }
    if (NOISE_LINE.test(line)) {
      noise++
      continue
    }
    let out = line.replace(
      WIKI_LINK,
      (_m, target: string, label?: string) => label ?? target.trim(),
    )
    const headingsHere = (out.match(/(^|\s)#{1,6}\s+\S/g) ?? []).length
    if (TASK_MID_LINE.test(out) || (HEADING_MID_LINE.test(out) && headingsHere >= 2)) {
      out = out
        .replace(/\s+(?=#{1,6}\s+\S)/g, '\n\n')
        .replace(/\s+(?=[-*+]\s\[[ xX]\]\s)/g, '\n')
        .replace(/^(#{1,6}\s.*)$/gm, '$1\n')
    }
    kept.push(...out.split('\n'))
  }
  if (noise > 0) warnings.push(`dropped ${noise} line(s) of page navigation or size noise`)
  lines = kept

  if (
    !lines.some((l) => ATX_HEADING.test(l)) &&
    lines.some((l) => NUMBERED_HEADING.test(l.trim()))
  ) {
    lines = plainTextToMarkdown(lines)
  }
  return { markdown: separateLabels(lines).join('\n'), frontMatterTitle, warnings }
}

/**
 * Plain-text checklists number their sections ("3.1 Billing and Entitlements"). Give those lines
 * Markdown heading levels by depth, and the first line (the title) a level-1 heading. A numbered
 * line directly followed by another numbered line of the same depth is a list, not a heading.
 */
function plainTextToMarkdown(lines: string[]): string[] {
  const out: string[] = []
  const nonEmpty = lines.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l)
  const firstIndex = nonEmpty[0]?.i
  lines.forEach((line, i) => {
    const trimmed = line.trim()
    if (i === firstIndex && !LIST_LINE.test(trimmed) && trimmed.length <= 120) {
      out.push(`# ${trimmed}`, '')
      return
    }
    const m = NUMBERED_HEADING.exec(trimmed)
    if (m && !/[.:;,]$/.test(trimmed) && line === trimmed) {
      const number = m[1] ?? ''
      const depth = number.split('.').length
      const following = (lines[i + 1] ?? '').trim()
      const next = NUMBERED_HEADING.exec(following)
      // "1. Pause jobs" directly followed by "2. Revert" is an ordered list, not two sections.
      const listLike =
        next !== null && (next[1] ?? '').split('.').length === depth && /^\d+$/.test(number)
      if (!listLike) {
        out.push('', `${'#'.repeat(Math.min(depth + 1, 6))} ${trimmed}`, '')
        return
      }
    }
    out.push(line)
  })
  return out
}

/** Keep "Validation goals:" from being swallowed as a lazy continuation of the list above it. */
function separateLabels(lines: string[]): string[] {
  const out: string[] = []
  let inFence = false
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence
    const prev = out[out.length - 1] ?? ''
    const atMargin = line === line.trimStart()
    const isLabel = !inFence && atMargin && LABEL_LINE.test(line.trim())
    const labelledAfterList =
      !inFence && atMargin && LABELLED_LINE.test(line) && LIST_LINE.test(prev)
    if ((isLabel || labelledAfterList) && prev.trim() !== '') out.push('')
    out.push(line)
    if (isLabel) out.push('')
  }
  return out
}
