/**
 * The words real checklists use. Kept in one place so the importer's judgement about what is a
 * task, a criterion, a sign-off or mere context is easy to read and extend.
 */

/** Section headings whose content is acceptance notes for the enclosing phase (or the plan). */
export const CRITERIA_HEADING =
  /\b(validation goals?|acceptance( criteria)?|exit criteria|success criteria|entry criteria|definition of done|done when|go[/ -]no[- ]go criteria)\b/i

/** "3. Tag the release", "Step 3: Tag the release", "Schritt 3 –", "第 3 步：" — a numbered step heading. */
export const STEP_HEADING =
  /^(?:(?:step|schritt)\s*(\d+)\s*[:.)–—-]?\s*|(\d+(?:\.\d+)*)[.)]?\s+|第\s*(\d+)\s*步[：:]?\s*)(\S.*)$/iu

/** Section headings that are context, not work: their bullets are not launch items. */
export const INFORMATIONAL_HEADING =
  /^(goals?|objectives?|purpose|overview|summary|background|context|(in |out of )?scope|non[- ]goals|risks?( to watch| and mitigations)?|mitigations?|dependencies|prerequisites|assumptions|timeline|schedule|references|links|see also|resources|glossary|notes?|future( considerations| phases| work)?|severity levels|.*architecture|deployment flow|open questions|faq|appendix|changelog|history|revision history|document history|(suggested )?execution plan|rollback( plan)?|if critical issues arise|incident response|response procedures|contacts?|escalation|(table of )?contents|toc|quick links|useful links|further reading|related( docs| documents| pages| links| issues)?|legend|key|translations|languages|(emergency|on[- ]call|key) contacts|metadata|release info(rmation)?|about( this (document|checklist))?|how to use( this (document|checklist|template))?|usage|instructions|inhalt(sverzeichnis)?|zweck|ziel(e)?|hintergrund|kontakte|ansprechpartner|weiterführende links|links und ressourcen|glossar|änderungshistorie|目录|目的|背景|参考(资料)?|相关(文档|链接)|联系人|附录|说明|修订记录)$/i

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
  /^(sign[- ]?offs?|approvals?|approvers|signatures?|sign[- ]?off table|(release |launch |final )?(sign[- ]?offs?|approvals?)|go[/ -]no[- ]go (sign[- ]?offs?|approvals?|signatures?)|freigaben?|abnahme|unterschriften|签字|签核|审批|签字确认|审批签字)$/i

/** Paragraph labels ("Signatures:", "Approved by:") that introduce a list of who signs. */
export const SIGNOFF_LABEL =
  /^(signatures?|sign[- ]?offs?|approved by|approvals?|approvers|required approvals|freigabe( durch)?|unterschriften|签字|审批)$/i

/** Paragraph labels whose bullets describe or refer, and are not checks. */
export const CONTEXT_LABEL =
  /^(risks?|notes?|examples?|e\.g\.|for example|background|context|assumptions|dependencies|out of scope|non[- ]goals|links|resources|references|see also|tips?|hints?|why|rationale|(week|day|month|sprint) \d+([-–]\d+)?|legend|key|contacts?|timeline|schedule|mitigations?|known issues|related|useful links|quick links|further reading|hinweise?|beispiele?|risiken|参考|说明|备注|风险)$/i

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
  [
    /^(done|complete(d)?|yes|y|passed?|ok|green|shipped|verified|closed|finished|live|ready|go|erledigt|fertig|ja|abgeschlossen|完成|已完成|通过|是|已就绪|就绪)$/iu,
    'pass',
  ],
  [
    /^(fail(ed)?|blocked|red|no[- ]go|broken|not ready|fehlgeschlagen|blockiert|失败|阻塞)$/iu,
    'fail',
  ],
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

/** A go/no-go answer ("ready", "not ready", "yes", "no", "✅"): unlike a status cell, "no" fails. */
export function statusFromAnswer(cell: string): InitialStatus {
  const text = cell
    .replace(/\uFE0F|\u200D|[*_]/g, '')
    .trim()
    .toLowerCase()
  if (/^(n\/a|not applicable|entfällt|不适用)/u.test(text)) return 'na'
  if (
    /^(no[- ]?go|not ready|no|n|nein|nicht bereit)\b/.test(text) ||
    /^(❌|✗|✘|⛔|🔴|否|未就绪|不通过)/u.test(text)
  )
    return 'fail'
  if (
    /^(ready|go|yes|y|approved|bereit|ja|freigegeben)\b/.test(text) ||
    /^(✅|✔|☑|🟢|是|就绪|通过)/u.test(text)
  )
    return 'pass'
  return statusFromCell(cell)
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
