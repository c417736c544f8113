import { describe, expect, it } from 'vitest'
import { draftItem } from '../../../src/shared/draft/draft'
import { draftPlan } from '../../../src/shared/draft/plan'
import type { DraftInput, PlanContext } from '../../../src/shared/draft/types'
import { applyAndLoad, planOf } from '../../helpers/drafting'

const EMPTY: PlanContext = { vars: {}, credentials: {}, text: '' }
const draft = (title: string, extra: Partial<DraftInput> = {}) =>
  draftItem({ item: { id: 'x', title }, plan: EMPTY, ...extra })
const only = (title: string, extra: Partial<DraftInput> = {}) => {
  const drafts = draft(title, extra)
  expect(drafts, title).toHaveLength(1)
  return drafts[0]!
}

describe('drafter: what the words give', () => {
  it('reads method, path, status and body conditions in backticks or in prose', () => {
    const quoted = only(
      '`GET /health` returns HTTP 200, `status` is `ok` or `degraded`, `checks.migrations.pending` is `0`',
    )
    const prose = only(
      'GET /health returns 200, status is ok or degraded and checks.migrations.pending is 0',
    )
    for (const d of [quoted, prose]) {
      expect(d.probe).toEqual({
        kind: 'http',
        url: '${vars.api_url}/health',
        expect: [
          'status == 200',
          expect.stringMatching(/^body\.status (== "ok"|in \["ok", "degraded"\])$/),
          'body.checks.migrations.pending == 0',
        ],
      })
      expect(d.missing).toEqual([
        {
          type: 'var',
          name: 'api_url',
          description: 'Base URL of the API, e.g. https://api.example.com',
        },
      ])
    }
    expect(quoted.probe?.kind === 'http' && quoted.probe.expect?.[1]).toBe(
      'body.status in ["ok", "degraded"]',
    )
    expect(quoted.because).toContain('`status` is `ok` or `degraded`')
    expect(prose.because).not.toContain('`')
  })

  it("uses the plan's own base URL var and declared credentials instead of inventing new ones", () => {
    const plan: PlanContext = {
      vars: { target: 'http://127.0.0.1:8787' },
      credentials: { integration_key: { kind: 'token' } },
      text: '',
    }
    const d = only('POST /api/token with `key` set to the integration key returns 200', { plan })
    expect(d.probe).toMatchObject({
      method: 'POST',
      url: '${vars.target}/api/token',
      json: { key: '${secrets.integration_key}' },
      expect: ['status == 200'],
    })
    expect(d.missing).toEqual([])
  })

  it('"Revoked key returns 401" borrows the endpoint of the neighbour that sends a key', () => {
    const d = only('Revoked key returns 401', {
      neighbours: {
        before: [
          {
            id: 'a',
            title: '`POST /auth` with `key` set to the integration key returns `access_token`',
          },
        ],
        after: [],
      },
    })
    expect(d.probe).toEqual({
      kind: 'http',
      method: 'POST',
      url: '${vars.api_url}/auth',
      json: { key: '${secrets.revoked_key}' },
      expect: ['status == 401'],
    })
    expect(d.missing.map((m) => m.name)).toEqual(['revoked_key', 'api_url'])
    expect(d.because).toMatch(/^Revoked key … /)
  })

  it('reads durations, percentiles, thresholds, request counts and rates', () => {
    expect(only('API p99 ≤ 800 ms for `POST /search` at 50 rps over 500 requests').probe).toEqual({
      kind: 'latency',
      method: 'POST',
      url: '${vars.api_url}/search',
      requests: 500,
      rate: 50,
      concurrency: 4,
      expect: ['latency.p99 <= 800', 'latency.error_rate < 0.01'],
    })
    expect(only('Error rate below 2% over the last 6 hours').probe).toMatchObject({
      kind: 'metric',
      query: 'sum(rate(http_requests_total{code=~"5.."}[6h])) / sum(rate(http_requests_total[6h]))',
      expect: ['metric.value < 0.02'],
    })
    const nightly = only('Nightly workflow successful in the last 36 hours on `release` branch', {
      plan: { ...EMPTY, text: 'GitHub' },
    })
    expect(nightly.probe).toMatchObject({ params: { within: '36h', branch: 'release' } })
  })

  it('reads branch and check names, approvals, names in backticks and the rollout percentage', () => {
    expect(
      only('Branch protection on `main` requires the `build` check and 2 approving reviews').probe,
    ).toEqual({
      kind: 'preset',
      preset: 'github.branch-protection',
      credential: 'github',
      params: { repo: '${vars.github_repo}', branch: 'main', check: 'build', approvals: 2 },
    })
    expect(only('Google Play production track: staged rollout at 20%').probe).toMatchObject({
      preset: 'googleplay.track',
      params: { status: 'inProgress', fraction: 0.2 },
    })
    const canary = only('Canary release (10 %) metrics stable for 2 h')
    expect(canary.canary).toMatchObject({
      source: { type: 'prometheus', url: '${vars.prometheus}' },
      analysis: { stableFor: '2h' },
    })
    expect(canary.notes).toBe('Canary at 10% of traffic')
    expect(canary.probe).toBeUndefined()
  })

  it("reads the newer presets' params, and the narrower preset wins where words overlap", () => {
    // A ruleset, not classic protection; "one approval" is a number; the repo is never the branch.
    expect(only('Branch ruleset requires CI and one approval on main').probe).toMatchObject({
      preset: 'github.rulesets',
      params: { repo: '${vars.github_repo}', branch: 'main', approvals: 1 },
    })
    const org = only('Org ruleset on `acme/api` enforces the `build` status check').probe
    expect(org).toMatchObject({ params: { repo: 'acme/api', check: 'build' } })
    expect(org).not.toHaveProperty('params.branch')
    expect(only('App Store phased release for 3.1.2 paused').probe).toMatchObject({
      preset: 'appstore.phased-release',
      params: { version: '3.1.2', state: 'PAUSED' },
    })
    expect(
      only('TestFlight build 142 available to the external testers group').probe,
    ).toMatchObject({
      preset: 'appstore.testflight-build',
      params: { build: '142', group: '${vars.appstore_group}' },
    })
    // The build alone is still build-processed; a version's state is not a review submission.
    expect(only('TestFlight build processed').probe).toMatchObject({
      preset: 'appstore.build-processed',
    })
    expect(only('iOS version is Ready for Distribution on the App Store').probe).toMatchObject({
      preset: 'appstore.version-state',
      params: { state: 'READY_FOR_DISTRIBUTION' },
    })
    expect(only('iOS 2.4.0 submitted for App Review').probe).toMatchObject({
      preset: 'appstore.review-submission',
    })
    expect(
      only('Cloudflare SSL mode Full (strict), Always Use HTTPS and DNSSEC on').probe,
    ).toMatchObject({
      preset: 'cloudflare.zone-ssl-strict',
      params: { zone: '${vars.cloudflare_zone}', alwaysHttps: true, dnssec: true },
    })
    expect(only('Resend DKIM records for mail.example.com verified').probe).toMatchObject({
      preset: 'resend.domain-records',
      params: { domain: 'mail.example.com' },
    })
    expect(only('Custom domain www.example.com verified in Vercel').probe).toMatchObject({
      preset: 'vercel.domain-verified',
      params: { domain: 'www.example.com' },
    })
    // Each loads as part of a plan: params in the preset's values, vars and credentials declared.
    const { loaded } = applyAndLoad(
      planOf([
        'iOS version is Ready for Distribution on the App Store',
        'App Store phased release for 3.1.2 paused',
        'Org ruleset on `acme/api` enforces the `build` status check',
        'Cloudflare SSL mode Full (strict), Always Use HTTPS and DNSSEC on',
      ]),
    )
    expect(loaded.ok, JSON.stringify(loaded.ok ? '' : loaded.errors)).toBe(true)
    // Near misses: a person's work with the same words gets nothing.
    for (const title of [
      'Invite external testers to TestFlight',
      'Agree the Stripe payout schedule with finance',
      'Buy the custom domain and point it at Vercel',
    ])
      expect(draft(title), title).toEqual([])
  })

  it('"detect issues within 5 minutes" drafts a health check to keep running every 5 minutes', () => {
    const d = only('We can detect issues within 5 minutes')
    expect(d.every).toBe('5m')
    expect(d.probe).toMatchObject({ kind: 'http', url: '${vars.api_url}/health' })
  })

  it('never drafts for people, documents, meetings, legal or marketing work, even naming a check', () => {
    for (const title of [
      'Write the runbook for the /health endpoint',
      'Train support on the TLS certificate renewal process',
      'Meeting with legal about the privacy policy URL',
      'Marketing announces that the status page is live',
      'Review p95 latency targets with the team',
    ])
      expect(draft(title), title).toEqual([])
  })
})

describe('drafter: plans', () => {
  it('joins consecutive key → token → upload → poll → results items into one flow', () => {
    const plan = planOf([
      'POST /api/auth/token/integration with key set to the integration key returns 200 and an access_token',
      'Upload with the bearer token: POST /api/upload returns 202 and a job_id',
      'Poll GET /api/jobs/{job_id} until status is done within 20 seconds',
      'GET /api/results?job={job_id} returns 200 and results is not empty',
      'Customer confirms the results in a call',
    ])
    const { suggestions } = draftPlan(plan)
    expect(suggestions).toHaveLength(1)
    const flow = suggestions[0]!
    expect(flow.item).toBe('i0')
    expect(flow.draft.covers).toEqual(['i0', 'i1', 'i2', 'i3'])
    expect(flow.draft.probe).toEqual({
      kind: 'flow',
      steps: [
        {
          id: 'integration',
          method: 'POST',
          url: '${vars.api_url}/api/auth/token/integration',
          json: { key: '${secrets.integration_key}' },
          expect: ['status == 200', 'has(body.access_token)'],
          capture: { access_token: 'body.access_token' },
        },
        {
          id: 'upload',
          method: 'POST',
          url: '${vars.api_url}/api/upload',
          headers: { Authorization: 'Bearer ${vars.access_token}' },
          expect: ['status == 202', 'has(body.job_id)'],
          capture: { job_id: 'body.job_id' },
          evidence: ['job_id'],
        },
        {
          id: 'jobs',
          url: '${vars.api_url}/api/jobs/${vars.job_id}',
          headers: { Authorization: 'Bearer ${vars.access_token}' },
          expect: ['status == 200'],
          poll: { until: 'body.status == "done"', interval: '500ms', deadline: '20s' },
        },
        {
          id: 'results',
          url: '${vars.api_url}/api/results?job=${vars.job_id}',
          headers: { Authorization: 'Bearer ${vars.access_token}' },
          expect: ['status == 200', 'size(body.results) > 0'],
        },
      ],
    })
    // Captured values are not missing vars; the key and the base URL are.
    expect(flow.draft.missing.map((m) => m.name).sort()).toEqual(['api_url', 'integration_key'])
  })

  it('applies: a second check becomes its own item, a canary goes under canary, every sets freshness', () => {
    const plan = planOf([
      'TLS certificates auto-renew & HSTS enabled',
      'Canary release (10 %) metrics stable for 2 h',
      'Can detect issues within 5 minutes',
    ])
    const { summary, loaded } = applyAndLoad(plan)
    expect(loaded.ok).toBe(true)
    if (!loaded.ok) return
    const items = loaded.value.plan.phases[0]!.items
    expect(items.map((i) => [i.id, i.probe?.kind ?? (i.canary ? 'canary' : 'manual')])).toEqual([
      ['i0', 'headers'],
      ['i0-tls', 'tls'],
      ['i1', 'canary'],
      ['i2', 'http'],
    ])
    expect(items[1]?.title).toBe('TLS certificates auto-renew & HSTS enabled (tls)')
    expect(items[2]?.notes).toBe('Canary at 10% of traffic')
    expect(items[3]?.freshness).toBe('5m')
    expect(summary.vars.sort()).toEqual(['api_url', 'domain', 'prometheus', 'site_url'])
    expect(loaded.value.vars).toEqual({})
  })

  it('turns acceptance lines of a phase that name a check into new items', () => {
    const plan = planOf(['Deploy the API'], {})
    plan.phases[0]!.notes = 'Validation goals:\n- search returns under 800 ms\n- the team is happy'
    const drafted = draftPlan(plan)
    expect(drafted.suggestions.map((s) => [s.item, s.draft.rule, s.criterion])).toEqual([
      ['p-search-returns-under-800-ms', 'latency', true],
    ])
    const { loaded } = applyAndLoad(plan, drafted)
    expect(loaded.ok).toBe(true)
    if (!loaded.ok) return
    expect(loaded.value.plan.phases[0]!.items.map((i) => [i.id, i.title, i.probe?.kind])).toEqual([
      ['i0', 'Deploy the API', undefined],
      ['p-search-returns-under-800-ms', 'search returns under 800 ms', 'latency'],
    ])
  })
})
