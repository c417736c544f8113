import { describe, expect, it } from 'vitest'
import {
  mergeChecklist,
  TITLE_SIMILARITY,
  titleSimilarity,
  titleWords,
} from '../../../src/shared/plan/merge'
import { PlanSchema, type PlanInput } from '../../../src/shared/plan/schema'

type PhaseSpec = [id: string, title: string, items: [id: string, title: string][]]
const plan = (phases: PhaseSpec[], extra: Partial<PlanInput> = {}) =>
  PlanSchema.parse({
    name: 'Launch',
    phases: phases.map(([id, title, items]) => ({
      id,
      title,
      items: items.map(([itemId, itemTitle]) => ({ id: itemId, title: itemTitle })),
    })),
    ...extra,
  })

const BASE: PhaseSpec[] = [
  [
    'infra',
    'Infrastructure',
    [
      ['health', 'API health endpoint answers 200'],
      ['backups', 'Database backups restored in staging'],
      ['legacy', 'Legacy cron jobs disabled'],
    ],
  ],
  ['billing', 'Billing', [['webhook', 'Stripe webhook configured']]],
]

describe('title similarity', () => {
  it('is token-set Jaccard over words, plural s and function words aside', () => {
    expect([...titleWords('The Stripe webhooks are configured for production')]).toEqual([
      'stripe',
      'webhook',
      'configured',
      'production',
    ])
    expect(titleSimilarity('Stripe webhook configured', 'Stripe webhooks configured')).toBe(1)
    expect(
      titleSimilarity('Stripe webhook configured', 'Stripe webhooks configured for prod'),
    ).toBe(0.75)
    expect(titleSimilarity('Backups restored', 'Status page updated')).toBe(0)
    // "class" keeps its s; short words too.
    expect([...titleWords('CSS class bus')]).toEqual(['css', 'class', 'bus'])
    expect(TITLE_SIMILARITY).toBe(0.5)
  })
})

describe('mergeChecklist', () => {
  it('an unchanged checklist changes nothing', () => {
    const r = mergeChecklist(plan(BASE), plan(BASE), { prune: false })
    expect(r.steps).toEqual([])
    expect(r.summary.matched.map((m) => [m.id, m.by])).toEqual([
      ['health', 'id'],
      ['backups', 'id'],
      ['legacy', 'id'],
      ['webhook', 'id'],
    ])
    expect(r.summary.gone).toEqual([])
  })

  it('a renamed item (new id from its new title) is matched by title and renamed in place', () => {
    const changed = plan([
      [
        'infra',
        'Infrastructure',
        [
          ['health', 'API health endpoint answers 200'],
          [
            'database-backups-restored-in-staging-and-timed',
            'Database backups restored in staging and timed',
          ],
          ['legacy', 'Legacy cron jobs disabled'],
        ],
      ],
      ['billing', 'Billing', [['webhook', 'Stripe webhook configured']]],
    ])
    const r = mergeChecklist(plan(BASE), changed, { prune: false })
    expect(r.steps).toEqual([
      {
        op: 'set',
        phase: 0,
        item: 1,
        key: 'title',
        value: 'Database backups restored in staging and timed',
      },
    ])
    expect(r.summary.matched[1]).toEqual({
      id: 'backups',
      title: 'Database backups restored in staging and timed',
      by: 'title',
      similarity: 0.8,
      renamedFrom: 'Database backups restored in staging',
      changed: ['title'],
    })
  })

  it('new items arrive after the checklist item before them, in their phase, with fresh ids', () => {
    const changed = plan([
      [
        'infra',
        'Infrastructure',
        [
          ['cdn', 'CDN cache purged'],
          ['health', 'API health endpoint answers 200'],
          ['backups', 'Database backups restored in staging'],
          ['dns', 'DNS records point at the new load balancer'],
          ['smoke', 'Smoke tests green'],
        ],
      ],
      [
        'billing',
        'Billing',
        [
          ['webhook', 'Stripe webhook configured'],
          ['refunds', 'Refunds tested'],
        ],
      ],
    ])
    const r = mergeChecklist(plan(BASE), changed, { prune: false })
    expect(r.steps).toEqual([
      { op: 'add-items', phase: 0, after: null, items: [{ id: 'cdn', title: 'CDN cache purged' }] },
      {
        op: 'add-items',
        phase: 0,
        after: 1,
        items: [
          { id: 'dns', title: 'DNS records point at the new load balancer' },
          { id: 'smoke', title: 'Smoke tests green' },
        ],
      },
      {
        op: 'add-items',
        phase: 1,
        after: 0,
        items: [{ id: 'refunds', title: 'Refunds tested' }],
      },
    ])
    expect(r.summary.added.map((a) => `${a.phase}/${a.id}`)).toEqual([
      'infra/cdn',
      'infra/dns',
      'infra/smoke',
      'billing/refunds',
    ])
  })

  it('items gone from the checklist are listed, and removed only with prune', () => {
    const changed = plan([
      ['infra', 'Infrastructure', [['health', 'API health endpoint answers 200']]],
      ['billing', 'Billing', [['webhook', 'Stripe webhook configured']]],
    ])
    const kept = mergeChecklist(plan(BASE), changed, { prune: false })
    expect(kept.steps).toEqual([])
    expect(kept.summary.gone).toEqual([
      { id: 'backups', title: 'Database backups restored in staging', phase: 'infra' },
      { id: 'legacy', title: 'Legacy cron jobs disabled', phase: 'infra' },
    ])
    const pruned = mergeChecklist(plan(BASE), changed, { prune: true })
    expect(pruned.steps).toEqual([
      { op: 'remove-item', phase: 0, item: 1 },
      { op: 'remove-item', phase: 0, item: 2 },
    ])
    expect(pruned.summary.pruned).toBe(true)
  })

  it('phases: renamed by title, renamed beyond recognition by their items, new, and emptied', () => {
    const changed = plan([
      [
        'production-infrastructure',
        'Production infrastructure',
        [['health', 'API health endpoint answers 200']],
      ],
      ['comms', 'Communication', [['status', 'Status page updated']]],
      ['payments', 'Payments', [['webhook', 'Stripe webhook configured']]],
    ])
    const r = mergeChecklist(plan(BASE), changed, { prune: true })
    expect(r.summary.phasesRenamed).toEqual([
      { id: 'infra', from: 'Infrastructure', to: 'Production infrastructure' },
      { id: 'billing', from: 'Billing', to: 'Payments' },
    ])
    expect(r.steps).toContainEqual({
      op: 'add-phase',
      before: 1,
      phase: {
        id: 'comms',
        title: 'Communication',
        items: [{ id: 'status', title: 'Status page updated' }],
      },
    })
    // A plan phase whose every item is gone (and that matches no checklist phase) goes with prune.
    const emptied = mergeChecklist(
      plan(BASE),
      plan([['billing', 'Billing', [['webhook', 'Stripe webhook configured']]]]),
      { prune: true },
    )
    expect(emptied.steps).toEqual([{ op: 'remove-phase', phase: 0 }])
    expect(emptied.summary.phasesRemoved).toEqual([{ id: 'infra', title: 'Infrastructure' }])
  })

  it('matched items keep what the plan added; the checklist fills only missing owner and notes', () => {
    const mine = PlanSchema.parse({
      name: 'Launch',
      phases: [
        {
          id: 'infra',
          title: 'Infrastructure',
          items: [
            { id: 'health', title: 'Health', owner: 'SRE', initial: 'pass' },
            { id: 'backups', title: 'Backups' },
          ],
        },
      ],
    })
    const theirs = PlanSchema.parse({
      name: 'Launch',
      phases: [
        {
          id: 'infra',
          title: 'Infrastructure',
          items: [
            { id: 'health', title: 'Health', owner: 'Someone else', notes: 'see runbook' },
            { id: 'backups', title: 'Backups', owner: 'DBA', initial: 'fail', blocking: false },
          ],
        },
      ],
    })
    const r = mergeChecklist(mine, theirs, { prune: false })
    expect(r.steps).toEqual([
      { op: 'set', phase: 0, item: 0, key: 'notes', value: 'see runbook' },
      { op: 'unset', phase: 0, item: 0, key: 'initial' },
      { op: 'set', phase: 0, item: 1, key: 'owner', value: 'DBA' },
      { op: 'set', phase: 0, item: 1, key: 'initial', value: 'fail' },
    ])
  })

  it('is deterministic: equally similar candidates go to the earlier plan item', () => {
    const mine = plan([
      [
        'p',
        'P',
        [
          ['a', 'Smoke test passes'],
          ['b', 'Smoke test passes'],
        ],
      ],
    ])
    const theirs = plan([['p', 'P', [['x', 'Smoke tests pass']]]])
    const r = mergeChecklist(mine, theirs, { prune: false })
    expect(r.summary.matched.map((m) => m.id)).toEqual(['a'])
    expect(r.summary.gone.map((g) => g.id)).toEqual(['b'])
    expect(mergeChecklist(mine, theirs, { prune: false })).toEqual(r)
  })
})
