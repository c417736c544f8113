import { statusFromAnswer, type InitialStatus } from './vocabulary'

/**
 * What a checklist line says besides its title: a go/no-go answer, who owns it ("[Role] [what]",
 * "(owner: X)", "@Name"), a due date, an evidence slot, the source's own id ("M3:", "SEC-04 –").
 * Pure text work, so the importer's rules stay readable.
 */

/** An item's own id at the front of its title: "M3 Load test", "SEC-04: Pen test", "2.3 Rotate". */
const ITEM_NUMBER =
  /^(?:([A-Z]{1,6}[-_]?\d+(?:\.\d+)*)(?:[:.)]|\s+[–—-])|(\d+(?:\.\d+)+)[:.)]?)\s+(?=\S)/
/** "Is the load test complete? — **Ready** (Ada)" */
const QUESTION_ANSWER =
  /^(.*\?)\s*(?:[-–—:→=>|]+\s*)?(ready|not ready|no[- ]go|go|yes|no|✅|❌|✗|✘|n\/a|bereit|nicht bereit|ja|nein|就绪|未就绪|是|否)(?![a-z])\s*(.*)$/iu
/** "(due: Friday)", "(fällig 12.3.)" */
const DUE = /\s*\((?:due|fällig|bis|截止)\s*:?\s*([^)]+)\)/iu
/** "{{link to the dashboard}}" at the end: where the evidence goes. */
const EVIDENCE_SLOT = /\s*\(?\s*(\{\{[^}]*\}\})\s*\)?\s*$/
/** "(owner: Ada)", "[负责人：Ada]" at the end. */
const OWNER_IN_BRACKETS = /\s*[([]\s*(?:owner|verantwortlich|负责人)\s*[:：]\s*([^)\]]+)[)\]]\s*$/iu
/** "— @ada", "@Ada Lovelace" at the end. */
const AT_OWNER = /\s+(?:[-–—]\s*)?@(\p{L}[\p{L}\d.'_-]*(?:\s\p{Lu}[\p{L}.'-]*){0,2})\s*$/u

export interface ParsedTitle {
  title: string
  owner?: string
  initial?: InitialStatus
  number?: string
  notes: string[]
}

export function parseItemTitle(
  rawTitle: string,
  given: { owner?: string; initial?: InitialStatus; number?: string },
): ParsedTitle {
  let title = rawTitle.replace(/^\[[ xX]\]\s*/, '').trim()
  let owner = given.owner
  let initial = given.initial
  const notes: string[] = []
  // Each pattern below is tried only when the character it needs is in the title.
  const qa = title.includes('?') ? QUESTION_ANSWER.exec(title) : null
  if (qa && initial === undefined) {
    title = (qa[1] ?? '').trim()
    initial = statusFromAnswer(qa[2] ?? '')
    const after = (qa[3] ?? '').replace(/^[\s*_—–-]+/, '').trim()
    const person = /^\(?([^()]+?)\)?$/.exec(after)?.[1]?.trim()
    if (person && !owner && person.split(/\s+/).length <= 4 && !/[.:;]/.test(person)) owner = person
    else if (after) notes.push(after)
  }
  // "[Release Lead] [Create release notes]": who, then what.
  const bracketed = /^\[([^\]]{1,40})\]\s*\[([^\]]+)\]\s*$/.exec(title)
  if (bracketed) {
    owner ??= (bracketed[1] ?? '').trim()
    title = (bracketed[2] ?? '').trim()
  }
  const due = title.includes('(') ? DUE.exec(title) : null
  if (due) {
    notes.push(`Due: ${(due[1] ?? '').trim()}`)
    title = (title.slice(0, due.index) + title.slice(due.index + due[0].length)).trim()
  }
  const slot = title.includes('{{') ? EVIDENCE_SLOT.exec(title) : null
  if (slot && slot.index > 0) {
    notes.push(`Evidence: ${slot[1]}`)
    title = title.slice(0, slot.index).trim()
  }
  const ownerMatch =
    (title.includes(')') || title.includes(']') ? OWNER_IN_BRACKETS.exec(title) : null) ??
    (title.includes('@') ? AT_OWNER.exec(title) : null)
  if (ownerMatch) {
    owner ??= (ownerMatch[1] ?? '').trim()
    title = title.slice(0, ownerMatch.index).trim()
  }
  if (title.includes('@')) title = title.replace(/[:\s]+@\s*$/, '').trim()
  let number = given.number
  const own = ITEM_NUMBER.exec(title)
  if (own && !number) {
    number = own[1] ?? own[2]
    title = title.slice(own[0].length).trim()
  }
  return { title, owner, initial, number, notes }
}
