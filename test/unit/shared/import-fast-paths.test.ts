import { transliterate } from 'transliteration'
import { describe, expect, it } from 'vitest'
import { importChecklist } from '../../../src/shared/import/checklist'
import { parseItemTitle } from '../../../src/shared/import/item-title'
import { Ledger } from '../../../src/shared/import/ledger'
import { inlineText } from '../../../src/shared/import/markdown-text'
import { preprocessChecklist } from '../../../src/shared/import/preprocess'
import { IdAllocator, slugify } from '../../../src/shared/import/slug'
import { optionalItemWords, splitPriority } from '../../../src/shared/import/tiers'

// The importer skips work a line or title cannot need (a rewrite whose characters are absent, a
// check that cannot fire). These pin down that each skipped path still fires when it should.

const STILL_MIS_ENCODED = /still looks mis-encoded/

describe('mis-encoding guard on the imported plan', () => {
  it('warns when an HTML entity spells a mis-decoded sequence the repair never saw', () => {
    const r = importChecklist('# Launch\n\n- [ ] Caf&Atilde;&copy; menu loads\n', 'launch.md')
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.plan.phases[0]?.items[0]?.title).toBe('CafÃ© menu loads')
    expect(r.warnings.some((w) => STILL_MIS_ENCODED.test(w))).toBe(true)
  })

  it('warns when the plan is named after a mis-encoded file name', () => {
    const r = importChecklist('- [ ] Tag the release\n', 'cafÃ©-launch.md')
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.plan.name).toContain('Ã©')
    expect(r.warnings.some((w) => STILL_MIS_ENCODED.test(w))).toBe(true)
  })

  it('says nothing for clean text, ampersands included', () => {
    for (const text of [
      '# Launch\n\n- [ ] Tag the release\n',
      '# R&D launch\n\n- [ ] Q&A done\n',
    ]) {
      const r = importChecklist(text, 'launch.md')
      if (!r.ok) throw new Error(JSON.stringify(r.errors))
      expect(r.warnings.filter((w) => STILL_MIS_ENCODED.test(w))).toEqual([])
    }
  })
})

describe('preprocessor rewrites run on the lines that need them', () => {
  const lines = (text: string) => preprocessChecklist(text).markdown.split('\n')

  it('boxes and bullets without a list marker, indented or not', () => {
    expect(lines('☐ Tag\n  [x] 2. Built\n• Notify\n  ▪ Nested\n- [ ] Kept')).toEqual([
      '- [ ] Tag',
      '  - [x] Built',
      '- Notify',
      '  - Nested',
      '- [ ] Kept',
    ])
  })

  it('wiki links, and checklists flattened onto one line, keep their source line', () => {
    const out = preprocessChecklist('See [[Runbook#Rollback|the runbook]]\n## A ## B - [ ] one')
    expect(out.markdown).toContain('[the runbook](wiki:Runbook)')
    expect(out.markdown.split('\n').filter((l) => l.startsWith('#'))).toEqual(['## A', '## B'])
    expect(out.origin.filter((o) => o === 2).length).toBeGreaterThan(2)
  })

  it('a label line after a list is set apart, with or without trailing blanks', () => {
    expect(lines('- one\nValidation goals:   \n- two')).toEqual([
      '- one',
      '',
      'Validation goals:   ',
      '',
      '- two',
    ])
    expect(lines('  Indented: not a label\n- two')).toEqual(['  Indented: not a label', '- two'])
  })
})

describe('title rules tried only when their characters are present', () => {
  it('reads owners, due dates, evidence slots, answers and priorities', () => {
    expect(parseItemTitle('Rotate keys (owner: Ada)', {})).toMatchObject({
      title: 'Rotate keys',
      owner: 'Ada',
    })
    expect(parseItemTitle('Rotate keys — @Ada Lovelace', {}).owner).toBe('Ada Lovelace')
    expect(parseItemTitle('Rotate keys (due: Friday)', {}).notes).toEqual(['Due: Friday'])
    expect(parseItemTitle('Dashboard green {{link}}', {}).notes).toEqual(['Evidence: {{link}}'])
    expect(parseItemTitle('Is the load test done? — Ready (Ada)', {})).toMatchObject({
      title: 'Is the load test done?',
      initial: 'pass',
      owner: 'Ada',
    })
    expect(parseItemTitle('Ping the team @', {}).title).toBe('Ping the team')
    expect(splitPriority('Tidy logs — low')).toEqual({ title: 'Tidy logs', priority: 'Low' })
    expect(splitPriority('Rotate keys [P1]')).toEqual({ title: 'Rotate keys', priority: 'P1' })
    expect(splitPriority('Rotate keys')).toEqual({ title: 'Rotate keys' })
  })

  it('optional words, in any case, and none where the words are absent', () => {
    expect(optionalItemWords('Warm the cache (Optional)')).toBe('(Optional)')
    expect(optionalItemWords('Page the DBA IF NEEDED')).toBe('IF NEEDED')
    expect(optionalItemWords('optional: add a favicon')).toBe('optional')
    expect(optionalItemWords('预热缓存（可选）')).toBe('（可选）')
    expect(optionalItemWords('Verify the optional flags are off')).toBeUndefined()
    expect(optionalItemWords('Verify the cache (warm)')).toBeUndefined()
  })

  it('collapses messy whitespace in inline text and leaves tidy text as it is', () => {
    const text = (value: string) => inlineText([{ type: 'text', value }])
    expect(text('Tag the release')).toBe('Tag the release')
    expect(text(' Tag  the\trelease\n')).toBe('Tag the release')
    expect(text('Tag\nthe release')).toBe('Tag the release')
  })
})

describe('ids', () => {
  it('slugs ASCII and accented titles alike, and hands out each id once', () => {
    expect(slugify('Pre-Launch Validation & Sign-off')).toBe('pre-launch-validation-and-sign-off')
    expect(slugify('Café Ünïcode')).toBe('cafe-unicode')
    const ids = new IdAllocator()
    const taken = ['x-2', 'x', 'x', 'x', 'y', 'y', 'y-2', ''].map((s) => ids.take(s, 'item'))
    expect(taken).toEqual(['x-2', 'x', 'x-3', 'x-4', 'y', 'y-2', 'y-2-2', 'item'])
  })
})

describe('slugs of titles with General Punctuation', () => {
  // The reference: every title through the script test and NFKD, as before the fast path.
  const NON_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u
  const reference = (text: string) => {
    const latin = NON_LATIN.test(text) ? transliterate(text) : text
    const base = latin
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
    return base.length <= 48 ? base : slugify(base)
  }

  it('match the full path for every character of the block, alone and between words', () => {
    const differ: string[] = []
    for (let code = 0x2000; code <= 0x206f; code++) {
      const c = String.fromCharCode(code)
      for (const title of [c, `a${c}b`, `Tag ${c} 1`, `${c}${c}x`, `x&${c}y`, `Ship${c}it`])
        if (slugify(title) !== reference(title)) differ.push(`U+${code.toString(16)} ${title}`)
    }
    expect(differ).toEqual([])
  })
})

describe('import ledger', () => {
  it('gives each line its narrowest mark, the later of equals, and names every item on a shared line', () => {
    const ledger = new Ledger([1, 2, 3, 4, 0], ['# T', '- [ ] a', '  note', '', 'x'])
    ledger.mark(1, 4, 'left-out', 'left out: wide')
    ledger.mark(2, 3, 'item', 'item a')
    ledger.mark(3, 3, 'notes', 'notes of item a')
    ledger.mark(3, 3, 'notes', 'notes of item b')
    ledger.mark(2, 2, 'item', 'item c')
    ledger.mark(2, 2, 'item', 'item d')
    const { entries, unaccounted } = ledger.lines()
    expect(entries.map((e) => `${e.line} ${e.kind} ${e.to}`)).toEqual([
      '1 left-out left out: wide',
      '2 item item c, item d',
      '3 notes notes of item b',
      '4 left-out left out: wide',
      '5 left-out left out: not recognised (markup only)',
    ])
    expect(unaccounted).toEqual([5])
  })
})
