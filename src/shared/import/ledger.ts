/**
 * Where every source line of a checklist went: an item, the notes of an item or phase, the plan's
 * name, description, notes or roles, or left out with the reason. The importer marks line ranges
 * as it reads blocks; a narrower mark wins over a wider one (an item inside a left-out list),
 * and a later mark over an earlier one of the same width.
 */

export type LineKind = 'item' | 'notes' | 'phase' | 'plan' | 'role' | 'left-out' | 'blank'

export interface LineEntry {
  /** 1-based source line. */
  line: number
  kind: LineKind
  /** "item 1.2", "notes of item 1.2", "phase deploy", "plan description", "left out: …". */
  to: string
}

/** A block the importer did not turn into items, with why; `from`/`to` are source lines. */
export interface LeftOutBlock {
  from: number
  to: number
  reason: string
  /** The block's first line of text, for a reader to recognise it. */
  excerpt: string
}

export interface ImportMap {
  lines: LineEntry[]
  leftOut: LeftOutBlock[]
  counts: { phases: number; items: number; roles: number }
}

/** A line with nothing on it but whitespace (as `trim()` sees it). */
const BLANK = /^\s*$/

interface Mark {
  from: number
  to: number
  kind: LineKind
  target: string
}

export class Ledger {
  private readonly marks: Mark[] = []
  readonly leftOut: LeftOutBlock[] = []

  constructor(
    /** markdown line (1-based) → source line; 0 for lines the preprocessor added. */
    private readonly origin: readonly number[],
    private readonly sourceLines: readonly string[],
  ) {}

  /** Source line range of a markdown line range (1-based, inclusive). */
  source(from: number, to: number): { from: number; to: number } | undefined {
    let first = 0
    let last = 0
    for (let l = from; l <= to; l++) {
      const o = this.origin[l - 1] ?? 0
      if (o === 0) continue
      if (first === 0) first = o
      last = Math.max(last, o)
    }
    return first === 0 ? undefined : { from: first, to: last }
  }

  /** Mark a markdown line range. */
  mark(from: number | undefined, to: number | undefined, kind: LineKind, target: string): void {
    if (from === undefined) return
    const range = this.source(from, to ?? from)
    if (range) this.markSource(range.from, range.to, kind, target)
  }

  markSource(from: number, to: number, kind: LineKind, target: string): void {
    this.marks.push({ from, to, kind, target })
  }

  /** Mark a markdown range as left out, with the reason, and list it as a left-out block. */
  leaveOut(from: number | undefined, to: number | undefined, reason: string): void {
    if (from === undefined) return
    const range = this.source(from, to ?? from)
    if (!range) return
    this.markSource(range.from, range.to, 'left-out', `left out: ${reason}`)
    const excerpt = (this.sourceLines[range.from - 1] ?? '').trim().slice(0, 120)
    this.leftOut.push({ ...range, reason, excerpt })
  }

  /** Rename targets after the fact (a phase that ended up empty is left out): one pass. */
  retarget(renames: ReadonlyMap<string, { to: string; kind: LineKind }>): void {
    if (renames.size === 0) return
    for (const m of this.marks) {
      const r = renames.get(m.target)
      if (r) {
        m.target = r.to
        m.kind = r.kind
      }
    }
  }

  /** One entry per source line; lines nobody marked are blank, or reported as unaccounted. */
  lines(): { entries: LineEntry[]; unaccounted: number[] } {
    const count = this.sourceLines.length
    const best = new Array<Mark | undefined>(count + 1)
    // The narrowest mark wins, and among equals the later one (marks are in the order made).
    for (const m of this.marks)
      for (let l = Math.max(1, m.from); l <= Math.min(count, m.to); l++) {
        const b = best[l]
        if (!b || m.to - m.from <= b.to - b.from) best[l] = m
      }
    // Several items from one line (a checklist flattened onto one line) are all named.
    const also = new Map<number, string[]>()
    for (const m of this.marks) {
      if (m.kind !== 'item') continue
      for (let l = Math.max(1, m.from); l <= Math.min(count, m.to); l++) {
        const b = best[l]
        if (b && b !== m && b.kind === 'item' && b.to - b.from === m.to - m.from)
          also.set(l, [...(also.get(l) ?? []), m.target])
      }
    }
    const entries: LineEntry[] = []
    const unaccounted: number[] = []
    for (let l = 1; l <= count; l++) {
      const m = best[l]
      const blank = BLANK.test(this.sourceLines[l - 1] ?? '')
      if (blank && m?.kind !== 'left-out') entries.push({ line: l, kind: 'blank', to: 'blank' })
      else if (m) {
        const others = also.get(l)
        entries.push({
          line: l,
          kind: m.kind,
          to: others ? [...others, m.target].join(', ') : m.target,
        })
      } else if (blank) entries.push({ line: l, kind: 'blank', to: 'blank' })
      else {
        unaccounted.push(l)
        entries.push({
          line: l,
          kind: 'left-out',
          to: 'left out: not recognised (markup only)',
        })
      }
    }
    return { entries, unaccounted }
  }
}
