import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPlanText } from '../../../src/shared/plan/load'
import { applyMergeSteps } from '../../../src/main/plans/merge-yaml'
import { mergeChecklistIntoPlan } from '../../../src/main/plans/merge-into'
import { useTempDirs } from '../../helpers/temp-dir'

const FIXTURES = resolve('test/fixtures/merge')
const PLAN = readFileSync(join(FIXTURES, 'launch-plan.yaml'), 'utf8')
const tempDir = useTempDirs('gonogo-merge-')

/** `text` with each [old, new] replaced exactly once (and each old present exactly once). */
function edited(text: string, edits: [string, string][]): string {
  let out = text
  for (const [from, to] of edits) {
    expect(out.split(from)).toHaveLength(2)
    out = out.replace(from, to)
  }
  return out
}

async function merge(checklist: string, options = { prune: false }, planText = PLAN) {
  const dir = tempDir()
  const plan = join(dir, 'launch-plan.yaml')
  writeFileSync(plan, planText)
  const result = await mergeChecklistIntoPlan(join(FIXTURES, checklist), plan, options)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result
}

// What launch-v2.md changes, as the only bytes that may differ in the commented plan.
const V2_EDITS: [string, string][] = [
  ['    title: Infrastructure\n', '    title: Production infrastructure\n'],
  [
    '        title: Database backups restored in staging\n',
    '        title: Database backups restored in staging and timed\n',
  ],
  ['        blocking: true\n        initial: pass\n', '        blocking: true\n'],
  [
    '        probe: { kind: tls, host: api.example.com, expect: [cert.daysLeft >= 30] }\n',
    '        probe: { kind: tls, host: api.example.com, expect: [cert.daysLeft >= 30] }\n' +
      '      - id: cdn-cache-purged-after-deploy\n' +
      '        title: CDN cache purged after deploy\n',
  ],
  [
    '        title: Stripe webhook configured\n',
    '        title: Stripe webhooks configured for production\n',
  ],
  [
    '        owner: Finance Lead\n',
    '        owner: Finance Lead\n' +
      '      - id: refund-flow-tested-end-to-end\n' +
      '        title: Refund flow tested end to end\n' +
      '        owner: Support Lead\n' +
      '  - id: communication\n' +
      '    title: Communication\n' +
      '    items:\n' +
      '      - id: status-page-updated\n' +
      '        title: Status page updated\n' +
      '      - id: customers-emailed-about-the-switch\n' +
      '        title: Customers emailed about the switch\n',
  ],
]

describe('import --into on a commented plan', () => {
  it('changes only the bytes the merge changed: renamed, new, moved claims; comments and order kept', async () => {
    const result = await merge('launch-v2.md')
    expect(result.text).toBe(edited(PLAN, V2_EDITS))
    expect(result.changed).toBe(true)
    // What the plan added by hand survives: probes, owners, notes, vars, comments.
    const merged = loadPlanText(result.text, 'merged.yaml')
    if (!merged.ok) throw new Error('the merged plan must load')
    const items = merged.value.plan.phases.flatMap((p) => p.items)
    expect(items.find((i) => i.id === 'database-backups-restored-in-staging')?.owner).toBe('DBA')
    expect(items.find((i) => i.id === 'stripe-webhook-configured')?.notes).toContain('invoice.paid')
    expect(items.filter((i) => i.probe).map((i) => i.id)).toEqual([
      'api-health-endpoint-answers-200',
      'tls-certificate-valid-for-30-more-days',
    ])
    expect(result.summary.gone.map((g) => g.id)).toEqual(['legacy-cron-jobs-disabled'])
    expect(result.summary.matched.filter((m) => m.by === 'title').map((m) => m.id)).toEqual([
      'database-backups-restored-in-staging',
      'stripe-webhook-configured',
    ])
  })

  it('removes items gone from the checklist only with --prune, and only their lines', async () => {
    const pruned = await merge('launch-v2.md', { prune: true })
    expect(pruned.text).toBe(
      edited(edited(PLAN, V2_EDITS), [
        [
          '      - id: legacy-cron-jobs-disabled\n' +
            '        title: Legacy cron jobs disabled\n' +
            '        blocking: false   # nice to have\n',
          '',
        ],
      ]),
    )
  })

  it('merging the same checklist again changes nothing', async () => {
    const once = await merge('launch-v2.md')
    const twice = await merge('launch-v2.md', { prune: false }, once.text)
    expect(twice.changed).toBe(false)
    expect(twice.text).toBe(once.text)
  })

  it('the checklist the plan came from leaves the plan byte for byte as it is', async () => {
    const same = await merge('launch-v1.md')
    expect(same.changed).toBe(false)
    expect(same.summary.matched).toHaveLength(6)
  })

  it('a block scalar, a flow-style item and an empty list are handled without touching the rest', () => {
    const text = [
      'name: X # keep',
      'phases:',
      '  - id: a',
      '    title: A',
      '    items:',
      '      - { id: one, title: "One, flow" }',
      '      - id: two',
      '        title: Two',
      '        notes: |',
      '          first',
      '          second',
      '  - id: b',
      '    title: B',
      '    items: []',
      '',
    ].join('\n')
    const out = applyMergeSteps(text, 'x.yaml', [
      { op: 'set', phase: 0, item: 0, key: 'title', value: 'One, renamed' },
      { op: 'set', phase: 0, item: 1, key: 'notes', value: 'only\nthis' },
      { op: 'add-items', phase: 1, after: null, items: [{ id: 'three', title: 'Three' }] },
    ])
    expect(out).toEqual({
      ok: true,
      text: [
        'name: X # keep',
        'phases:',
        '  - id: a',
        '    title: A',
        '    items:',
        '      - { id: one, title: "One, renamed" }',
        '      - id: two',
        '        title: Two',
        '        notes: |-',
        '          only',
        '          this',
        '  - id: b',
        '    title: B',
        '    items:',
        '      - id: three',
        '        title: Three',
        '',
      ].join('\n'),
    })
    // A key cannot be added to a flow-style item: refused with the place, nothing written.
    const refused = applyMergeSteps(text, 'x.yaml', [
      { op: 'set', phase: 0, item: 0, key: 'owner', value: 'Ada' },
    ])
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.errors[0]).toMatchObject({
      file: 'x.yaml',
      line: 6,
      path: 'phases[0].items[0].owner',
    })
  })

  it('a value set where the file has none (`owner:`) is written as a whole line', () => {
    const text =
      'phases:\n  - id: a\n    title: A\n    items:\n      - id: one\n        title: One\n        owner:\n'
    const out = applyMergeSteps(text, 'x.yaml', [
      { op: 'set', phase: 0, item: 0, key: 'owner', value: 'Ada' },
    ])
    expect(out).toEqual({ ok: true, text: text.replace('owner:\n', 'owner: Ada\n') })
    const flow =
      'phases:\n  - id: a\n    title: A\n    items:\n      - { id: one, title: One, owner: }\n'
    const refused = applyMergeSteps(flow, 'x.yaml', [
      { op: 'set', phase: 0, item: 0, key: 'owner', value: 'Ada' },
    ])
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.errors[0]?.path).toBe('phases[0].items[0].owner')
  })

  it('a removed item, phase or key takes the comment written directly over it or inside it; others stay', () => {
    const text = [
      '# The plan',
      'phases:',
      '  # Setup comes first.',
      '  - id: a',
      '    title: A',
      '    items:',
      '      # Kept: set apart by a blank line.',
      '',
      '      # Gone with its item.',
      '      - id: one',
      '        title: One',
      '        # Gone with its key.',
      '        initial: pass',
      '          # Gone with its key too: written inside it.',
      '      # Stays with two.',
      '      - id: two',
      '        title: Two',
      '  - id: b',
      '    title: B',
      '    items: []',
      '',
    ].join('\n')
    const removed = (steps: Parameters<typeof applyMergeSteps>[2]) => {
      const out = applyMergeSteps(text, 'x.yaml', steps)
      if (!out.ok) throw new Error(JSON.stringify(out.errors))
      const after = out.text.split('\n')
      return text.split('\n').filter((line) => !after.includes(line))
    }
    const initialKey = [
      '        # Gone with its key.',
      '        initial: pass',
      '          # Gone with its key too: written inside it.',
    ]
    expect(removed([{ op: 'unset', phase: 0, item: 0, key: 'initial' }])).toEqual(initialKey)
    expect(removed([{ op: 'remove-item', phase: 0, item: 0 }])).toEqual([
      '      # Gone with its item.',
      '      - id: one',
      '        title: One',
      ...initialKey,
    ])
    // Both items of a phase: adjacent cuts, each with its own comment.
    expect(
      removed([
        { op: 'remove-item', phase: 0, item: 0 },
        { op: 'remove-item', phase: 0, item: 1 },
      ]),
    ).toContain('      # Stays with two.')
    expect(removed([{ op: 'remove-phase', phase: 0 }])).toContain('  # Setup comes first.')
    expect(removed([{ op: 'remove-phase', phase: 1 }])).toEqual([
      '  - id: b',
      '    title: B',
      '    items: []',
    ])
  })

  it('new items take the probe a drafter gives them (the seam import --into --suggest uses)', async () => {
    const dir = tempDir()
    const plan = join(dir, 'launch-plan.yaml')
    writeFileSync(plan, PLAN)
    const result = await mergeChecklistIntoPlan(join(FIXTURES, 'launch-v2.md'), plan, {
      prune: false,
      draft: (item, phase) =>
        /status page/i.test(item.title) && phase.id === 'communication'
          ? { kind: 'http', url: 'https://status.example.com', expect: ['status == 200'] }
          : undefined,
    })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.text).toContain(
      [
        '      - id: status-page-updated',
        '        title: Status page updated',
        '        probe:',
        '          kind: http',
        '          url: https://status.example.com',
        '          expect:',
        '            - status == 200',
        '      - id: customers-emailed-about-the-switch',
      ].join('\n'),
    )
  })

  it('declarations the drafts need: a new section before phases, an empty one filled, a block one extended', () => {
    const entries = { resend_domain: { description: 'sending domain' } }
    const declare = { op: 'declare', section: 'vars', entries } as const
    const none = 'name: X\n# the phases\nphases:\n  - id: p\n    title: P\n    items: []\n'
    const added = applyMergeSteps(none, 'x.yaml', [declare])
    expect(added.ok && added.text).toBe(
      'name: X\n# the phases\nvars:\n  resend_domain:\n    description: sending domain\nphases:\n  - id: p\n    title: P\n    items: []\n',
    )
    const empty = applyMergeSteps(
      'name: X\nvars: {}\nphases:\n  - id: p\n    title: P\n    items: []\n',
      'x.yaml',
      [declare],
    )
    expect(empty.ok && empty.text).toBe(
      'name: X\nvars:\n  resend_domain:\n    description: sending domain\nphases:\n  - id: p\n    title: P\n    items: []\n',
    )
    const block = applyMergeSteps(
      'vars:\n    api_url: https://x # kept\nphases:\n  - id: p\n    title: P\n    items: []\n',
      'x.yaml',
      [declare],
    )
    expect(block.ok && block.text).toBe(
      'vars:\n    api_url: https://x # kept\n    resend_domain:\n      description: sending domain\nphases:\n  - id: p\n    title: P\n    items: []\n',
    )
    // A flow map with entries is not rewritten: refused with its place.
    const flow = applyMergeSteps(
      'vars: { a: b }\nphases:\n  - id: p\n    title: P\n    items: []\n',
      'x.yaml',
      [declare],
    )
    expect(!flow.ok && flow.errors[0]).toMatchObject({ line: 1, path: 'vars' })
  })

  it('a plan that does not load is reported, not merged', async () => {
    const dir = tempDir()
    const plan = join(dir, 'broken.yaml')
    writeFileSync(plan, 'name: X\nphases: 3\n')
    const result = await mergeChecklistIntoPlan(join(FIXTURES, 'launch-v2.md'), plan, {
      prune: false,
    })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors[0]).toMatchObject({ file: plan, line: 2 })
    expect(readFileSync(plan, 'utf8')).toBe('name: X\nphases: 3\n')
  })
})
