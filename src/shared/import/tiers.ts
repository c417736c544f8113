/**
 * Which parts of a checklist its own authors call non-blocking, and priority words that sit in an
 * item's title. Each rule returns the words that decided it, so the plan can say why.
 */

/** Any hyphen people type between "post" and "launch": ASCII, U+2010, U+2011 (non-breaking), dashes. */
const H = '[-\u2010\u2011\u2012\u2013\u2014 ]?'

/** Section headings, labels and tier cells that mark what follows as not blocking the launch. */
const NON_BLOCKING = new RegExp(
  [
    `\\bpost${H}(launch|release|go${H}live|deploy(ment)?|cutover)\\b`,
    `\\bafter (the )?(launch|release|go${H}live)\\b`,
    '\\bsafe after launch\\b',
    `\\bnot (a )?(launch|release)?${H}blockers?\\b`,
    `\\bnon${H}blocking\\b`,
    '\\bdeferred\\b',
    `\\bnice${H}to${H}haves?\\b`,
    '\\boptional\\b',
    '\\b(stretch( goals?)?|if (needed|required|time permits))\\b',
    '\\brecommended\\b',
    `\\blow${H}priority\\b`,
    '\\b(should|could)[ -]haves?\\b',
    '\\bfix within\\b',
    '\\bfollow[- ]ups?\\b',
    '\\bhypercare\\b',
    'nach dem (go[- ]live|launch|release)',
    '\\bnachgelagert\\b',
    '\\bP[2-4]\\b',
    '上线后',
    '发布后',
    '可选',
    '非阻塞',
    '低优先级',
    '后续',
  ].join('|'),
  'iu',
)

/** The words that made a heading or label non-blocking, or undefined. */
export function nonBlockingWords(text: string): string | undefined {
  const m = NON_BLOCKING.exec(text)
  return m ? m[0] : undefined
}

/** Words in an item's own title that make it optional ("(optional)", "if needed"). */
const OPTIONAL_ITEM =
  /\((optional|if (needed|required|applicable)|nice[- ]to[- ]have|可选|optional)\)|\bif required\b|\bif needed\b|^optional\b|（可选）/iu

/** What every OPTIONAL_ITEM match contains: a cheap test that rules most titles out. */
const OPTIONAL_ITEM_HINT = /[(（]|if |^optional/iu

export function optionalItemWords(title: string): string | undefined {
  return OPTIONAL_ITEM_HINT.test(title) ? OPTIONAL_ITEM.exec(title)?.[0] : undefined
}

/** Priority / tier cells and words: whether they block, or undefined when they say nothing. */
export function blockingFromTier(cell: string): boolean | undefined {
  const text = cell
    .replace(/\uFE0F|\u200D|[*_`]/g, '')
    .trim()
    .toLowerCase()
  if (!text) return undefined
  if (/^(🔴|⛔|🛑)/u.test(text)) return true
  if (/^(🟡|🟢|🔵|⚪|🟠)/u.test(text)) return false
  if (nonBlockingWords(text)) return false
  if (
    /^(no|false|n|optional|nice[- ]to[- ]have|low|p[2-4]|minor|should|could|won'?t|medium-low|nein|niedrig|kann|soll|低|中低|否)(?![a-z0-9])/u.test(
      text,
    )
  )
    return false
  if (
    /^(yes|true|y|required|must|high|critical|blocker|blocking|p[01]|major|medium|ja|hoch|kritisch|muss|pflicht|高|是|必须)(?![a-z0-9])/u.test(
      text,
    )
  )
    return true
  return undefined
}

/**
 * A priority word glued to the front of a title: "[P1] Rotate keys", "P2: Tidy logs",
 * "High Minify HTML", "**Low** — add a favicon". Only when the word stands apart from the title
 * (brackets, a colon or dash, or a capitalised word after it), so "Critical defects resolved" stays.
 */
const LEADING_PRIORITY =
  /^(?:[[(]([Pp][0-4]|[Hh]igh|[Mm]edium|[Ll]ow|[Cc]ritical|[Mm]ust|[Ss]hould|[Cc]ould|[Bb]locker|[Hh]och|[Mm]ittel|[Nn]iedrig)[\])][:\s–—-]*|([Pp][0-4])\b[:\s–—-]+|(High|Medium|Low|Critical|HIGH|MEDIUM|LOW|CRITICAL)(?:\s*[:–—-]\s*|\s+(?=\p{Lu})))(?=\S)/u
/** Or at the end: "Rotate keys (P1)", "Tidy logs — low". */
const TRAILING_PRIORITY =
  /\s*(?:[[(](P[0-4]|high|medium|low|critical)[\])]|[–—]\s*(P[0-4]|high|medium|low))\s*$/i

export function splitPriority(title: string): { title: string; priority?: string } {
  const lead = LEADING_PRIORITY.exec(title)
  if (lead) {
    const word = lead[1] ?? lead[2] ?? lead[3] ?? ''
    return { title: title.slice(lead[0].length).trim(), priority: capitalise(word) }
  }
  const trail = /[\])–—]/.test(title) ? TRAILING_PRIORITY.exec(title) : null
  if (trail && trail.index > 0) {
    const word = trail[1] ?? trail[2] ?? ''
    return { title: title.slice(0, trail.index).trim(), priority: capitalise(word) }
  }
  return { title }
}

function capitalise(word: string): string {
  return /^p\d$/i.test(word)
    ? word.toUpperCase()
    : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}

/**
 * A colour legend ("🔴 must fix before launch", "🟡 should — within 2 weeks", "🟢 could"): each
 * colour with whether it blocks. A list is a legend when every entry starts with a colour dot.
 */
export function legendEntry(text: string): { colour: string; blocking: boolean } | undefined {
  const m = /^(🔴|🟠|🟡|🟢|🔵|⚪|⚫)\s*\S/u.exec(text.trim())
  if (!m) return undefined
  const colour = m[1] ?? ''
  const rest = text.trim().slice(colour.length)
  const says = blockingFromTier(rest.replace(/^[\s:=–—-]+/u, ''))
  const blocking = says ?? (nonBlockingWords(rest) ? false : /must|block|before/i.test(rest))
  return { colour, blocking }
}
