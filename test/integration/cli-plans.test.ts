import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { gonogo } from '../helpers/cli'

const fixture = (name: string) => resolve('test/fixtures/checklists', name)

describe('gonogo import / validate (built CLI)', () => {
  it('imports a checklist to YAML on stdout, with notes on stderr', () => {
    const r = gonogo(['import', fixture('plain-numbered.txt')])
    expect(r.code).toBe(0)
    const plan = parse(r.stdout) as { name: string; phases: Array<{ id: string }> }
    expect(plan.name).toBe('Phase 2 - Store Release Hardening')
    expect(plan.phases.map((p) => p.id)).toEqual(['2.1', '2.2', '3.1'])
    expect(r.stderr).toContain('note: left out section "5. Risks To Watch"')
  })

  it('--json prints the plan shape other tools consume', () => {
    const r = gonogo(['import', fixture('status-table.md'), '--json'])
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout) as {
      name: string
      roles: string[]
      phases: Array<{
        id: string
        title: string
        items: Array<{ id: string; owner?: string; blocking: boolean }>
      }>
    }
    expect(plan.roles).toEqual(['CTO', 'SRE Lead', 'Finance Lead'])
    expect(plan.phases[0]?.items[0]).toMatchObject({ id: '1.1', owner: 'Dana', blocking: true })
  })

  it('-o writes a plan that validates, and importing twice gives the same plan hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gonogo-import-'))
    const out = join(dir, 'plan.yaml')
    expect(gonogo(['import', fixture('tasks-nested.md'), '-o', out]).code).toBe(0)
    const first = gonogo(['validate', out])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(
      /valid — "Web launch checklist", 3 phases, 6 items \(0 probes\), plan hash [0-9a-f]{64}/,
    )
    const again = gonogo(['import', fixture('tasks-nested.md')])
    writeFileSync(join(dir, 'again.yaml'), again.stdout)
    const hash = (s: string) => /plan hash ([0-9a-f]{64})/.exec(s)?.[1]
    expect(hash(gonogo(['validate', join(dir, 'again.yaml')]).stdout)).toBe(hash(first.stdout))
    expect(readFileSync(out, 'utf8')).toBe(again.stdout)
  })

  it('validate exits 2 with positioned errors for a bad plan, 0 for templates', () => {
    const bad = gonogo(['validate', resolve('test/fixtures/plans/bad-blocking.yaml')])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      'bad-blocking.yaml:8:19: phases[0].items[0].blocking: expected boolean, got "yes"',
    )
    expect(bad.stderr).not.toMatch(/\n\s+at /) // no stack trace
    for (const t of ['saas-launch', 'mobile-launch', 'assisted-onboarding']) {
      expect(gonogo(['validate', `resources/plans/${t}.yaml`]).code).toBe(0)
    }
  })

  it('usage errors are one clear message and exit 2', () => {
    const missing = gonogo(['import', '/nonexistent/checklist.md'])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim()).toBe('/nonexistent/checklist.md: no such file')
    const unknown = gonogo(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "frobnicate"')
    const noArg = gonogo(['validate'])
    expect(noArg.code).toBe(2)
    expect(noArg.stderr).toContain('validate takes exactly one PLAN file')
    const badVar = gonogo(['validate', 'resources/plans/saas-launch.yaml', '--var', 'oops'])
    expect(badVar.code).toBe(2)
    expect(badVar.stderr).toContain('--var expects key=value, got "oops"')
  })
})
