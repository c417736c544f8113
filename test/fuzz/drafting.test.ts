import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { draftItem } from '../../src/shared/draft/draft'
import { draftPlan } from '../../src/shared/draft/plan'
import { CanarySpecSchema } from '../../src/shared/canary/spec'
import { ProbeSchema } from '../../src/shared/plan/probes'
import { applyAndLoad, planOf } from '../helpers/drafting'

// Whatever an item says, the drafter answers with drafts a plan accepts, or none; never an
// exception. Words the rules react to are mixed in so the rules actually run.
const WORDS = [
  'GET',
  'POST',
  '/health',
  '/api/jobs/{job_id}',
  'returns',
  '200',
  '401',
  '`status`',
  'is',
  '`ok`',
  'or',
  'p95',
  '≤',
  '200 ms',
  'under',
  '1 second',
  'error rate',
  '1%',
  'canary',
  '10 %',
  'stable for',
  '2 h',
  'TLS',
  'HSTS',
  'DNS',
  'CNAME',
  '→',
  'api.example.com',
  'Stripe',
  'webhook',
  'Cloudflare',
  'KV',
  'namespaces',
  'poll',
  'until',
  'with',
  'key',
  'set to',
  'the integration key',
  'revoked key',
  'detect issues within',
  '5 minutes',
  'Google Play',
  'rollout',
  'Sentry',
  'release',
  '`a.b`',
  '`',
  'branch protection',
  'on `main`',
  'check',
  '2 approvals',
  'nightly',
  'successful',
  '36 hours',
]
const itemText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc
    .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { maxLength: 30 })
    .map((w) => w.join(' ')),
)

describe('drafter on hostile input', () => {
  it('every draft is a probe or canary the plan schema accepts, with a confidence in 0..1', () => {
    fc.assert(
      fc.property(itemText, fc.array(itemText, { maxLength: 3 }), (title, before) => {
        const drafts = draftItem({
          item: { id: 'x', title },
          neighbours: { before: before.map((t, i) => ({ id: `b${i}`, title: t })), after: [] },
          plan: { vars: {}, credentials: {}, text: before.join('\n') },
        })
        for (const d of drafts) {
          expect(Boolean(d.probe) !== Boolean(d.canary)).toBe(true)
          if (d.probe) expect(ProbeSchema.safeParse(d.probe).success).toBe(true)
          if (d.canary) expect(CanarySpecSchema.safeParse(d.canary).success).toBe(true)
          expect(d.confidence).toBeGreaterThan(0)
          expect(d.confidence).toBeLessThanOrEqual(1)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('an endpoint borrowed from a neighbour keeps its placeholders declared (found by this fuzz)', () => {
    const plan = planOf(['/api/jobs/{job_id} revoked key CNAME', 'revoked key'])
    const { loaded } = applyAndLoad(plan, draftPlan(plan))
    expect(loaded.ok, JSON.stringify(loaded.ok ? '' : loaded.errors)).toBe(true)
  })

  it('a plan of such items, with every draft applied, still loads', () => {
    fc.assert(
      fc.property(
        fc.array(
          itemText.filter((t) => t.trim().length > 0),
          { minLength: 1, maxLength: 6 },
        ),
        (titles) => {
          const plan = planOf(titles)
          const { loaded } = applyAndLoad(plan, draftPlan(plan))
          expect(loaded.ok, JSON.stringify(loaded.ok ? '' : loaded.errors)).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  })
})
