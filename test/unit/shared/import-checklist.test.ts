import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importChecklist } from '../../../src/shared/import/checklist'
import { looksLikeMojibake, repairMojibake } from '../../../src/shared/import/mojibake'
import { planHash } from '../../../src/shared/plan/load'
import { PlanSchema, type PlanInput } from '../../../src/shared/plan/schema'

function importFixture(name: string): { plan: PlanInput; warnings: string[] } {
  const file = resolve('test/fixtures/checklists', name)
  const r = importChecklist(readFileSync(file, 'utf8'), name)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r
}

const phase = (plan: PlanInput, id: string) => {
  const p = plan.phases.find((x) => x.id === id)
  if (!p) throw new Error(`no phase ${id} in ${plan.phases.map((x) => x.id).join(', ')}`)
  return p
}
const titles = (plan: PlanInput, id: string) => phase(plan, id).items.map((i) => i.title)

describe('importChecklist', () => {
  it('turns numbered plain-text sections into phases, "Tasks:" bullets into items, and "Validation goals:" into notes', () => {
    const { plan, warnings } = importFixture('plain-numbered.txt')
    expect(plan.name).toBe('Phase 2 - Store Release Hardening')
    expect(plan.phases.map((p) => p.id)).toEqual(['2.1', '2.2', '3.1'])
    expect(titles(plan, '2.1')).toEqual([
      'ingest App Store Server Notifications',
      'reconcile entitlements nightly (optional)',
      'test refunds',
    ])
    expect(phase(plan, '2.1').notes).toBe(
      'Validation goals:\n- entitlement converges within 5 minutes\n- no premium access after expiry',
    )
    expect(phase(plan, '2.2').notes).toBe('Acceptance: restore drill recorded')
    // Bullets directly under a checklist heading are items too.
    expect(titles(plan, '3.1')).toEqual(['migration plan reviewed', 'rollback plan documented'])
    // Exit criteria become plan-level notes; objectives the description; risks are left out.
    expect(plan.notes).toContain('You can exit when:\n- both stores approved')
    expect(plan.description).toContain('Get both store builds ready:')
    expect(JSON.stringify(plan)).not.toMatch(/webhook delays|KiB|Skip to Content/)
    expect(warnings).toContain('left out section "5. Risks To Watch": context, not launch items')
  })

  it('keeps nested bullets with their parent item and marks optional items non-blocking', () => {
    const { plan } = importFixture('plain-numbered.txt')
    const item = phase(plan, '2.1').items[1]
    expect(item?.notes).toContain('compare with Play RTDN state')
    expect(item?.blocking).toBe(false)
    expect(phase(plan, '2.1').items[0]?.blocking).toBe(true)
  })

  it('reads GFM task lists: checked items start as pass, owners, front-matter title, criteria headings', () => {
    const { plan } = importFixture('tasks-nested.md')
    expect(plan.name).toBe('Web launch checklist')
    expect(plan.description).toBe('Launch of the public web app.')
    const pre = phase(plan, 'pre-launch')
    expect(pre.items.map((i) => [i.id, i.initial ?? 'pending'])).toEqual([
      ['staging-soak-test-passed', 'pass'],
      ['production-secrets-rotated', 'pending'],
      ['security-scan-passed', 'pending'],
    ])
    expect(pre.items[1]?.notes).toBe('  - Stripe and Resend keys\n  - GitHub deploy key')
    expect(pre.items[2]?.owner).toBe('Priya')
    expect(pre.notes).toBe('Success Criteria:\n- p95 latency under 300 ms')
    expect(phase(plan, 'operations').notes).toBe(
      'Goal: Be able to see problems\nAcceptance: Alerts reach on-call within 5 minutes',
    )
    expect(phase(plan, 'recommended-additions').items[0]?.blocking).toBe(false)
    expect(plan.phases.map((p) => p.id)).not.toContain('out-of-scope')
    expect(JSON.stringify(plan)).not.toContain('Not a task')
  })

  it('reads task tables: numbers as ids, owner and status columns, and a sign-off table as roles', () => {
    const { plan } = importFixture('status-table.md')
    expect(plan.roles).toEqual(['CTO', 'SRE Lead', 'Finance Lead'])
    expect(phase(plan, 'readiness').items).toEqual([
      {
        id: '1.1',
        title: 'Stripe live keys rotated',
        owner: 'Dana',
        blocking: true,
        initial: 'pass',
      },
      { id: '1.2', title: 'Webhook endpoint enabled', owner: 'Lee', blocking: true },
      { id: '1.3', title: 'Refund flow tested', owner: 'Sam', blocking: true },
      { id: '1.4', title: 'Tax settings reviewed', owner: 'Dana', blocking: true, initial: 'na' },
    ])
  })

  it('a sign-off list or table that names a person gives the role with the person as its notes', () => {
    const text = readFileSync(
      resolve('test/fixtures/checklists/signoff-team-name-signature.md'),
      'utf8',
    )
    const r = importChecklist(text, 'signoff-team-name-signature.md')
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.plan.roles).toContainEqual({ name: 'Head of Data', notes: 'Mei Chen (line 14)' })
    expect(r.plan.roles).toContainEqual({ name: 'SRE', notes: 'Rafael Souza (line 22)' })
    // No person (a blank or a line to sign on): the plain role.
    expect(r.plan.roles).toContain('SRE Manager')
    expect(r.plan.roles).toContain('Analytics')
    // The person is not repeated in the plan's notes, and the plan validates with role objects.
    expect(r.plan.notes ?? '').not.toContain('Mei Chen')
    expect(PlanSchema.safeParse(r.plan).success).toBe(true)
    // --explain: the lines that named them went to the roles.
    expect(r.map?.lines.find((l) => l.line === 14)).toMatchObject({ kind: 'role' })
    expect(r.map?.lines.find((l) => l.line === 22)).toMatchObject({ kind: 'role' })
  })

  it('repairs UTF-8 read as Windows-1252 and never emits mojibake, leaving real Latin-1 alone', () => {
    const { plan, warnings } = importFixture('mojibake.md')
    expect(plan.name).toBe('Launch — go/no-go')
    expect(phase(plan, 'performance').title).toBe('Performance 🚀')
    expect(titles(plan, 'performance')).toEqual([
      'p95 ≤ 300 ms on /api',
      'Error rate ≤ 1% — measured over 1 h',
      'Café menu page loads',
    ])
    expect(titles(plan, 'naive-cafe-items')).toEqual(['Keep genuine Latin-1 text: café, naïve'])
    expect(looksLikeMojibake(JSON.stringify(plan))).toBe(false)
    expect(warnings[0]).toMatch(/repaired 6 mis-encoded/)
    expect(repairMojibake('cafÃ©').text).toBe('café')
    expect(repairMojibake('café').text).toBe('café')
  })

  it('splits a checklist flattened onto one line back into phases and items', () => {
    const { plan } = importFixture('flattened-one-line.md')
    expect(plan.name).toBe('Launch Day Checklist')
    expect(plan.phases.map((p) => [p.title, p.items.map((i) => i.title)])).toEqual([
      ['Before deploy', ['Freeze merges', 'Notify support']],
      ['Deploy', ['Run migrations', 'Deploy API']],
      ['After deploy', ['Smoke test', 'Watch error rate for 1 hour']],
    ])
    expect(phase(plan, 'deploy').items[1]?.initial).toBe('pass')
  })

  it('drops page-scrape noise and keeps ids unique', () => {
    const { plan, warnings } = importFixture('noisy-scrape.md')
    expect(plan.name).toBe('Release checklist')
    expect(plan.phases.map((p) => p.id)).toEqual(['go-live'])
    expect(phase(plan, 'go-live').items.map((i) => i.id)).toEqual([
      'dns-cut-over',
      'tls-certificate-issued',
      'dns-cut-over-2',
    ])
    expect(JSON.stringify(plan)).not.toMatch(/Skip|Toggle|Raw|Copy|Back to top|©|Last updated|KiB/)
    expect(warnings).toContain('dropped 9 line(s) of page navigation or size noise')
  })

  it('produces valid plans with the same hash every time', () => {
    for (const name of [
      'plain-numbered.txt',
      'tasks-nested.md',
      'status-table.md',
      'mojibake.md',
      'flattened-one-line.md',
      'noisy-scrape.md',
    ]) {
      const a = PlanSchema.parse(importFixture(name).plan)
      const b = PlanSchema.parse(importFixture(name).plan)
      expect(planHash(a)).toBe(planHash(b))
    }
  })

  it('explains when a document has no checklist items', () => {
    const r = importChecklist('# Notes\n\nJust prose, nothing to check.\n', 'notes.md')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/^no checklist items found/)
  })
})

describe('checklist shape limits (refused before parsing, at the line)', () => {
  it('refuses a paragraph that runs over the limit, naming where it starts', () => {
    const text = `# Launch\n\n- [ ] one task\n\n${'word '.repeat(6000)}\n`
    const r = importChecklist(text, 'wall.md')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]).toMatchObject({ file: 'wall.md', line: 5, column: 1 })
  })

  it('refuses too many headings or list items at the line that crosses the limit', () => {
    const headings = Array.from({ length: 5001 }, (_, i) => `## H${i}\n- [ ] t`).join('\n')
    const r = importChecklist(headings, 'h.md')
    expect(!r.ok && r.errors[0]).toMatchObject({ line: 10001, message: /more than 5,000 headings/ })
    const items = `# L\n\n${Array.from({ length: 50_001 }, (_, i) => `- [ ] t${i}${i % 50 === 49 ? '\n' : ''}`).join('\n')}`
    const many = importChecklist(items, 'i.md')
    expect(!many.ok && many.errors[0]?.message).toMatch(/more than 50,000 list items/)
  })

  it('a long but ordinary checklist stays well inside the limits', () => {
    const text = `# Launch\n\n${Array.from({ length: 40 }, (_, p) => `## Phase ${p}\n\n${Array.from({ length: 50 }, (_, i) => `- [ ] Task ${i} of phase ${p}`).join('\n')}\n`).join('\n')}`
    const r = importChecklist(text, 'long.md')
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.plan.phases.flatMap((p) => p.items)).toHaveLength(2000)
  })
})
