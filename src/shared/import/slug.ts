import { transliterate } from 'transliteration'

/** Letters outside Latin (CJK, Cyrillic, Greek, …) that NFKD alone cannot turn into an id. */
const NON_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u

/**
 * ASCII and General Punctuation (dashes, curly quotes, ellipsis, bullets; not the unassigned
 * U+2065): most titles. Those marks are Common script and decompose under NFKD into no letter or
 * digit, so they end as a separator either way, and such a title needs neither the script test
 * nor NFKD (a test compares both paths over the whole block).
 */
// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const ASCII_AND_PUNCTUATION = /^[\x00-\x7f\u2000-\u2064\u2066-\u206f]*$/

/**
 * Stable, readable ids: "Pre-Launch Validation" → "pre-launch-validation"; other scripts are
 * transliterated first ("回滚预案" → "hui-gun-yu-an"), so a Chinese checklist gets readable ids too.
 */
export function slugify(text: string, maxLength = 48): string {
  const simple = ASCII_AND_PUNCTUATION.test(text)
  const latin = !simple && NON_LATIN.test(text) ? transliterate(text) : text
  // Accents come off after NFKD splits them from their letters; simple text has neither to undo.
  const plain = simple ? latin : latin.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  const base = plain
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (base.length <= maxLength) return base
  const cut = base.slice(0, maxLength)
  const lastDash = cut.lastIndexOf('-')
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/g, '')
}

/** Hands out ids unique within one plan: the second "runbooks" becomes "runbooks-2". */
export class IdAllocator {
  /**
   * Each id handed out, with the next suffix to try when it is asked for again, so 5,000 items
   * named alike cost 5,000 steps, not 12.5 M.
   */
  private readonly used = new Map<string, number>()

  take(preferred: string, fallback: string): string {
    const base = preferred || fallback
    let n = this.used.get(base)
    if (n === undefined) {
      this.used.set(base, 2)
      return base
    }
    let id = `${base}-${n++}`
    while (this.used.has(id)) id = `${base}-${n++}`
    this.used.set(base, n)
    this.used.set(id, 2)
    return id
  }
}
