import { transliterate } from 'transliteration'

/** Letters outside Latin (CJK, Cyrillic, Greek, …) that NFKD alone cannot turn into an id. */
const NON_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u

/**
 * Stable, readable ids: "Pre-Launch Validation" → "pre-launch-validation"; other scripts are
 * transliterated first ("回滚预案" → "hui-gun-yu-an"), so a Chinese checklist gets readable ids too.
 */
export function slugify(text: string, maxLength = 48): string {
  // eslint-disable-next-line no-control-regex -- ASCII titles (most of them) skip the script test
  const latin = !/^[\x00-\x7f]*$/.test(text) && NON_LATIN.test(text) ? transliterate(text) : text
  const base = latin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
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
  private readonly used = new Set<string>()
  /** The next suffix to try per base, so 5,000 items named alike cost 5,000 steps, not 12.5 M. */
  private readonly next = new Map<string, number>()

  take(preferred: string, fallback: string): string {
    const base = preferred || fallback
    let id = base
    let n = this.next.get(base) ?? 2
    for (; this.used.has(id); n++) id = `${base}-${n}`
    this.next.set(base, n)
    this.used.add(id)
    return id
  }
}
