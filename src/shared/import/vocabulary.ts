/**
 * The words real checklists use. Kept in one place so the importer's judgement about what is a
 * task, a criterion, a sign-off or mere context is easy to read and extend.
 */

/** Section headings whose content is acceptance notes for the enclosing phase (or the plan). */
export const CRITERIA_HEADING =
  /\b(validation goals?|acceptance( criteria)?|exit criteria|success criteria|entry criteria|definition of done|done when|go[/ -]no[- ]go criteria)\b/i

/** Section headings that are context, not work: their bullets are not launch items. */
export const INFORMATIONAL_HEADING =
  /^(goals?|objectives?|purpose|overview|summary|background|context|(in |out of )?scope|non[- ]goals|risks?( to watch| and mitigations)?|mitigations?|dependencies|prerequisites|assumptions|timeline|schedule|references|links|see also|resources|glossary|notes?|future( considerations| phases| work)?|after launch|severity levels|.*architecture|deployment flow|open questions|faq|appendix|changelog|history|(suggested )?execution plan|rollback( plan)?|if critical issues arise|incident response|response procedures|contacts?|escalation)$/i

/** Context sections whose subsections are context too (everything below them is left out). */
export const PRUNED_HEADING =
  /^(out of scope|non[- ]goals|future\b.*|risks?\b.*|mitigations?|appendix|references|changelog|history|glossary|see also)$/i

/** Sections whose items are optional or happen after the decision: their items become non-blocking. */
export const OPTIONAL_HEADING =
  /\b(post[- ]launch|optional|recommended|nice[- ]to[- ]haves?|stretch( goals)?|if (needed|required|time permits))\b/i
export const OPTIONAL_ITEM =
  /\((optional|if (needed|required)|nice[- ]to[- ]have)\)|\bif required\b|\bif needed\b|^optional\b/i

/** Sections that list who must sign off. */
export const SIGNOFF_HEADING =
  /^(sign[- ]?offs?|approvals?|approvers|go[/ -]no[- ]go (sign[- ]?off|approvals?))$/i

/** Paragraph labels ("Tasks:") that introduce launch items. */
export const ITEM_LABEL =
  /^(tasks?|to ?-?dos?|check ?lists?|steps|action items|actions|deliverables|work items|must[- ]do|required|launch items)$/i

/** Paragraph labels ("Validation goals:", "**Acceptance:** …") that introduce acceptance notes. */
export const CRITERIA_LABEL =
  /^(validation goals?|acceptance( criteria)?|exit criteria|success criteria|entry criteria|definition of done|done when|verification|expected( result)?)$/i

/** Table header cells. */
export const TABLE_COLUMNS = {
  task: /^(tasks?|items?|checks?|check ?list( item)?|steps?|actions?|activity|deliverables?|requirements?|descriptions?|what|criteri(on|a)|to ?do)$/i,
  number: /^(#|no\.?|nr\.?|num(ber)?|id|ref\.?|step #)$/i,
  owner: /^(owners?|assignees?|responsible|dri|who|lead|assigned to)$/i,
  status: /^(status|state|done\??|progress|complete\??|result)$/i,
  notes:
    /^(notes?|comments?|acceptance( criteria)?|evidence|details?|how to verify|verification)$/i,
  blocking: /^(blocking|blocker|required|priority|severity|must)$/i,
  role: /^(roles?|function|team)$/i,
  signer:
    /^(names?|signatures?|signed( by| off)?|sign[- ]?off|dates?|approval|approved( by)?|approver)$/i,
} as const

export type InitialStatus = 'pass' | 'fail' | 'na' | 'pending'

const STATUS_WORDS: Array<[RegExp, InitialStatus]> = [
  [/✅|✔|☑|🟢|\[x\]/iu, 'pass'],
  [/❌|✗|✘|🔴|🛑|⛔/u, 'fail'],
  [/➖|🚫/u, 'na'],
  [/🟡|🟠|⏳|🔄|🚧|🔲|⬜|☐|⚪|\[ \]/u, 'pending'],
  [/^(done|complete(d)?|yes|y|passed?|ok|green|shipped|verified|closed|finished|live)$/i, 'pass'],
  [/^(fail(ed)?|blocked|red|no[- ]go|broken)$/i, 'fail'],
  [/^(n\/?a|not applicable|skipped?|won'?t do|dropped)$/i, 'na'],
  [
    /^(pending|todo|to ?do|not started|open|no|n|tbd|planned|in[- ]progress|wip|started|partial|ongoing|yellow|amber|review|in review)?$/i,
    'pending',
  ],
]

/** Map a status cell ("✅", "Done", "🟡 in progress", "") to an initial state; unknown text → pending. */
export function statusFromCell(cell: string): InitialStatus {
  const text = cell.replace(/[\uFE0F\u200D]/g, '').trim()
  for (const [re, status] of STATUS_WORDS) if (re.test(text)) return status
  return 'pending'
}

/** Priority / blocking cells: "P0", "yes", "must" → blocking; "P3", "no", "nice to have" → not. */
export function blockingFromCell(cell: string): boolean | undefined {
  const text = cell.trim().toLowerCase()
  if (!text) return undefined
  if (/^(no|false|n|optional|nice[- ]to[- ]have|low|p[2-4]|minor|should|could)$/.test(text))
    return false
  if (/^(yes|true|y|required|must|high|critical|blocker|blocking|p[01])$/.test(text)) return true
  return undefined
}

/** Lines a web-page copy drags along that are never checklist content. */
export const NOISE_LINE =
  /^\s*(\d+(\.\d+)?\s*(b|bytes|kb|kib|mb|mib|gb|gib)|skip to (main )?content|skip navigation|toggle (navigation|menu|sidebar)|navigation( menu)?|main menu|menu|search( docs)?|sign (in|up)|log ?in|raw|copy( code| link)?|download( raw)?|edit( (this|on) (page|github))?|back to top|table of contents|on this page|share|print|view (source|raw)|blame|history|permalink|last (updated|modified|edited)\b.*|(©|\(c\)|copyright)\s.*|home\s*(›|»|>|\/).*|breadcrumbs?)\s*$/i
