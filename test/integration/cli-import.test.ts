import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { gonogo } from '../helpers/cli'

const fixture = (name: string) => resolve('test/fixtures/checklists', name)

interface PlanOut {
  roles: (string | { name: string; notes?: string })[]
  phases: Array<{
    id: string
    title: string
    items: Array<{ id: string; title: string; owner?: string }>
  }>
}

describe('gonogo import --explain, column overrides, included blocks (built CLI)', () => {
  it('--explain prints one row per source line saying where it went, and a summary', () => {
    const file = fixture('lead-in-sentences.md')
    const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n')
    const r = gonogo(['import', file, '--explain'])
    expect(r.code).toBe(0)
    const rows = r.stdout.split('\n').slice(0, lines.length)
    rows.forEach((row, i) => expect(row).toMatch(new RegExp(`^\\s*${i + 1}  .*  →  \\S`)))
    expect(rows[4]).toMatch(/After the fixes are merged.*→ {2}notes of phase release-candidate$/)
    expect(rows[6]).toMatch(
      /Rebase the release branch on main.*→ {2}item rebase-the-release-branch-on-main$/,
    )
    expect(r.stdout).toContain('2 phase(s), 8 item(s), 0 role(s)')
  })

  it('--json --explain gives the plan and the map together', () => {
    const r = gonogo(['import', fixture('signoff-gate-approver.md'), '--json', '--explain'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      plan: PlanOut
      map: { lines: Array<{ line: number; to: string }>; counts: { roles: number } }
    }
    expect(out.plan.roles).toEqual([
      { name: 'Security review', notes: 'Priya Nair (line 16)' },
      { name: 'Architecture review', notes: 'Jonas Weber (line 17)' },
      'Product',
    ])
    expect(out.map.counts.roles).toBe(3)
    expect(out.map.lines.find((l) => l.line === 16)?.to).toBe('roles (Security review)')
  })

  it('a table it cannot read exits 2 saying what it found, and --item-column / --owner-column fix it', () => {
    const refused = gonogo(['import', fixture('table-name-ambiguous.md')])
    expect(refused.code).toBe(2)
    expect(refused.stderr.trim()).toBe(
      `${fixture('table-name-ambiguous.md')}: no checklist items found: found a table with columns Name | Level | Scope: which column holds the items? use --item-column Name`,
    )
    const r = gonogo([
      'import',
      fixture('table-name-ambiguous.md'),
      '--item-column',
      'name',
      '--owner-column',
      'Scope',
    ])
    expect(r.code).toBe(0)
    const plan = parse(r.stdout) as PlanOut
    expect(plan.phases[0]?.items.map((i) => [i.title, i.owner])).toEqual([
      ['Billing', 'External'],
      ['Search', 'Internal'],
      ['Reports', 'Internal'],
    ])
  })

  it('--include imports a left-out block as items; a bad range is a usage error', () => {
    const r = gonogo(['import', fixture('links-and-toc.md'), '--include', '11-15'])
    expect(r.code).toBe(0)
    const plan = parse(r.stdout) as PlanOut
    expect(plan.phases[0]).toMatchObject({ title: 'Quick links' })
    expect(plan.phases[0]?.items.map((i) => i.title)).toEqual(['Dashboard', 'Runbook'])
    const bad = gonogo(['import', fixture('links-and-toc.md'), '--include', 'ten'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--include expects FROM-TO line numbers, got "ten"')
  })
})
