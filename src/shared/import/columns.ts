/**
 * What each column of a checklist table holds, found by meaning rather than exact header text,
 * in the languages the corpus uses (English, German, Chinese). The caller may name the item and
 * owner columns itself (`--item-column`, `--owner-column`).
 */

export type ColumnRole =
  | 'item'
  | 'weakItem'
  | 'number'
  | 'owner'
  | 'status'
  | 'answer'
  | 'tier'
  | 'due'
  | 'notes'
  | 'signRole'
  | 'signer'

/** Header words per role; matched against the whole header, lower-cased, without markup. */
const ROLE_WORDS: Array<[ColumnRole, RegExp]> = [
  ['number', /^(#|no\.?|nr\.?|num(ber)?|id|ref\.?|step #|lfd\.? ?nr\.?|序号|编号|id\s*#)$/u],
  [
    'signer',
    /^(signature|signed( by| off)?|sign[- ]?off( by)?|approved( by)?|approver|approval|unterschrift|abgezeichnet|freigabe( durch)?|签字|签名|审批人?|批准人?|确认人)$/u,
  ],
  [
    'answer',
    /^(answer|go\s*\/\s*no[- ]go|go or no[- ]go|decision|ready\??|readiness|vote|antwort|entscheidung|回答|结论|是否就绪)$/u,
  ],
  [
    'status',
    /^(status|state|done\??|progress|complete(d)?\??|result|checked\s*\??|✓|✔|☑|erledigt|stand|zustand|ergebnis|状态|完成(情况)?|结果|是否完成)$/u,
  ],
  [
    'tier',
    /^(priority|prio|severity|must|required|blocking|blocker|tier|importance|criticality|moscow|p-level|priorität|kritikalität|pflicht|muss|优先级|级别|重要性|是否必须|是否阻塞)$/u,
  ],
  [
    'owner',
    /^(owners?|assignees?|responsible( person)?|dri|who|lead|assigned( to)?|by|contact|person|verantwortlich(e|er)?|zuständig(e|er)?|ansprechpartner(in)?|负责人|责任人|执行人|负责|跟进人)$/u,
  ],
  [
    'due',
    /^(due( date)?|deadline|date|when|target( date)?|eta|fällig(keit)?|termin|datum|日期|截止(日期|时间)?|时间|完成时间)$/u,
  ],
  [
    'notes',
    /^(notes?|comments?|remarks?|evidence|details?|how to verify|verification|acceptance( criteria)?|links?|bemerkung(en)?|kommentar|hinweis(e)?|nachweis|备注|说明|验证方法)$/u,
  ],
  [
    'item',
    /^(tasks?|items?|checks?|check ?list( item)?|steps?|actions?|activit(y|ies)|deliverables?|requirements?|descriptions?|questions?|controls?|criteri(on|a)|to ?do|what|test( case)?s?|checkpoints?|aufgaben?|punkte?|prüfpunkte?|prüfung|maßnahmen?|anforderung(en)?|beschreibung|schritte?|kontrollpunkte?|frage|检查项|检查内容|事项|任务|内容|步骤|要求|问题|工作项|检查点)$/u,
  ],
  [
    'signRole',
    /^(roles?|function|team|gate|department|area|group|stakeholder|rolle|funktion|bereich|abteilung|角色|部门|团队|职责)$/u,
  ],
  [
    'weakItem',
    /^(names?|titles?|topic|subject|feature|component|service|thema|bezeichnung|名称|标题|功能)$/u,
  ],
]

export function headerKey(header: string): string {
  return header
    .replace(/[*_:`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

export function columnRole(header: string): ColumnRole | undefined {
  const key = headerKey(header)
  for (const [role, re] of ROLE_WORDS) if (re.test(key)) return role
  return undefined
}

export interface ColumnOverrides {
  /** Header text of the column that holds the items (case-insensitive). */
  itemColumn?: string
  /** Header text of the column that holds the owner (case-insensitive). */
  ownerColumn?: string
}

export type TableShape =
  | { kind: 'signoff'; role: number; person: number }
  | {
      kind: 'items'
      item: number
      number: number
      owner: number
      status: number
      answer: number
      tier: number
      due: number
      notes: number
    }
  | { kind: 'properties' }
  | { kind: 'unknown'; reason: string }

/** Decide what a table is from its header (and whether cells hold task boxes). */
export function tableShape(
  header: string[],
  boxColumn: number,
  overrides: ColumnOverrides,
  signoffContext: boolean,
  rowCount = 2,
): TableShape {
  const roles = header.map(columnRole)
  const find = (role: ColumnRole) => roles.indexOf(role)
  const named = (name: string | undefined) =>
    name ? header.findIndex((h) => headerKey(h) === headerKey(name)) : -1
  const itemOverride = named(overrides.itemColumn)
  const ownerOverride = named(overrides.ownerColumn)
  const signer = find('signer')
  const signRole = find('signRole')
  const person = find('weakItem') >= 0 ? find('weakItem') : signer >= 0 ? signer : find('owner')
  if (
    itemOverride < 0 &&
    find('item') < 0 &&
    find('status') < 0 &&
    (signer >= 0 || signoffContext) &&
    (signRole >= 0 || signoffContext)
  ) {
    return { kind: 'signoff', role: signRole >= 0 ? signRole : 0, person }
  }
  const owner = ownerOverride >= 0 ? ownerOverride : find('owner')
  const status = find('status') >= 0 ? find('status') : boxColumn
  const answer = find('answer')
  const tier = find('tier')
  const due = find('due')
  const signals = [owner, status, answer, tier, due].some((i) => i >= 0)
  let item = itemOverride >= 0 ? itemOverride : find('item')
  // A one-row table of owner, status, dates is a page's properties (Confluence, Notion), not a list.
  if (item < 0 && rowCount <= 1 && signals) return { kind: 'properties' }
  // "Name", "Feature" hold items only when the table also tracks something about them.
  if (item < 0 && signals && find('weakItem') >= 0) item = find('weakItem')
  if (item < 0 && signals) {
    item = roles.findIndex(
      (r, i) => r === undefined && i !== boxColumn && !/^\s*$/.test(header[i] ?? ''),
    )
    if (item < 0) item = roles.findIndex((r) => r === 'signRole')
  }
  if (item < 0) {
    const columns = header.join(' | ')
    const guess = header.find((h, i) => roles[i] === 'weakItem') ?? header[0] ?? ''
    return {
      kind: 'unknown',
      reason: `a table with columns ${columns}: which column holds the items? use --item-column ${JSON.stringify(guess).replace(/^"([\w-]+)"$/, '$1')}`,
    }
  }
  return {
    kind: 'items',
    item,
    number: find('number'),
    owner,
    status: status === item ? -1 : status,
    answer,
    tier,
    due,
    notes: roles.findIndex((r, i) => r === 'notes' && i !== item),
  }
}
