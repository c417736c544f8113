// Shapes that could make the line map or the role list cost more than linear time: they must stay
// fast enough to finish well inside the test timeout (the budgets themselves are in the bench).
import { describe, expect, it } from 'vitest'
import { importChecklist } from '../../../src/shared/import/checklist'

describe('checklist importer on large unusual shapes', () => {
  it('a sign-off list of 20,000 roles and 3,000 empty sections import with every line mapped', () => {
    const roles = Array.from({ length: 20_000 }, (_, i) => `- Role ${i}: Person ${i}`).join('\n')
    const empty = Array.from({ length: 3_000 }, (_, i) => `## Section ${i}\n\nprose ${i}\n`).join(
      '\n',
    )
    const text = `# Big\n\n## Launch\n\n- [ ] one task\n\n${empty}\n## Sign-off\n\n${roles}\n`
    const r = importChecklist(text, 'big.md')
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.plan.roles).toHaveLength(20_000)
    expect(r.map.lines).toHaveLength(text.replace(/\n$/, '').split('\n').length)
    expect(r.map.leftOut.filter((b) => /has no checklist items/.test(b.reason))).toHaveLength(3_000)
    expect(r.map.lines.find((l) => l.line === 9)?.to).toBe(
      'left out: section "Section 0" has no checklist items',
    )
  })
})
