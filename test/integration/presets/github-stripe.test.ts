import { describe, expect, it } from 'vitest'
import { loadPlanText } from '../../../src/shared/plan/load'
import { json, startServer } from '../../helpers/servers'
import { probe } from '../../helpers/probes'

const TOKEN = 'github_pat_CANARY_11ABCDEF'
const STRIPE_KEY = 'rk_live_CANARY_51Habc'

/** GitHub's REST API as documented: bearer auth, JSON errors with `message`, 404 when unprotected. */
async function githubFixture(protection: unknown, options: { rateLimitOnce?: boolean } = {}) {
  let limited = false
  return startServer({
    extra: (req, res) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return json(res, 401, {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        })
      if (options.rateLimitOnce && !limited) {
        limited = true
        return json(
          res,
          429,
          { message: 'API rate limit exceeded' },
          { 'retry-after': '1', 'x-ratelimit-remaining': '0' },
        )
      }
      if (req.url === '/repos/acme/api/branches/main/protection') {
        if (protection === 'forbidden')
          return json(res, 403, { message: 'Resource not accessible by personal access token' })
        if (protection === null) return json(res, 404, { message: 'Branch not protected' })
        return json(res, 200, protection)
      }
      json(res, 404, { message: 'Not Found' })
    },
  })
}

const protection = (contexts: string[], approvals: number) => ({
  url: 'https://api.github.com/repos/acme/api/branches/main/protection',
  required_status_checks: {
    strict: true,
    contexts,
    checks: contexts.map((context) => ({ context, app_id: 15368 })),
  },
  required_pull_request_reviews: {
    dismiss_stale_reviews: true,
    require_code_owner_reviews: false,
    required_approving_review_count: approvals,
  },
  enforce_admins: { enabled: true },
})

const githubProbe = (base: string, params: Record<string, unknown> = {}) =>
  probe(
    {
      kind: 'preset',
      preset: 'github.branch-protection',
      credential: 'github',
      baseUrl: base,
      params: { repo: 'acme/api', check: 'ci', approvals: 2, ...params },
    },
    { secrets: { github: TOKEN } },
  )

describe('preset github.branch-protection', () => {
  it('passes when main requires the check and enough approvals', async () => {
    const server = await githubFixture(protection(['ci', 'lint'], 2))
    const r = await githubProbe(server.url)
    expect(r.reason).toBeUndefined()
    expect(r.status).toBe('pass')
    expect(server.stats.last?.headers['x-github-api-version']).toBe('2022-11-28')
  })

  it('fails with the actual values when the check is missing or approvals are too few', async () => {
    const server = await githubFixture(protection(['lint'], 1))
    const r = await githubProbe(server.url)
    expect(r.evidence.conditions.filter((c) => !c.pass).map((c) => c.actual)).toEqual([
      '"ci" in body.required_status_checks.contexts → "ci" in ["lint"]',
      'body.required_pull_request_reviews.required_approving_review_count >= 2 → 1 >= 2',
    ])
  })

  it('a 401 or 403 says the token was rejected and which permission it needs', async () => {
    const server = await githubFixture('forbidden')
    expect((await githubProbe(server.url)).reason).toBe(
      'token rejected (HTTP 403: Resource not accessible by personal access token): needs a fine-grained token with read access to "Administration" on the repository (GitHub)',
    )
    const bad = await probe(
      {
        kind: 'preset',
        preset: 'github.branch-protection',
        credential: 'github',
        baseUrl: server.url,
        params: { repo: 'acme/api', check: 'ci' },
      },
      { secrets: { github: 'wrong' } },
    )
    expect(bad.reason).toMatch(/^token rejected \(HTTP 401: Bad credentials\): needs /)
  })

  it('an unprotected branch fails on its status', async () => {
    const server = await githubFixture(null)
    expect((await githubProbe(server.url)).reason).toMatch(/^status == 200 → 404 == 200/)
  })

  it('waits out a rate limit (429 with Retry-After) and then passes', async () => {
    const server = await githubFixture(protection(['ci'], 3), { rateLimitOnce: true })
    const r = await githubProbe(server.url)
    expect(r.status).toBe('pass')
    expect(r.evidence.http?.retries).toBe(1)
    expect(JSON.stringify(r)).not.toContain(TOKEN)
  })

  it('plan errors name a missing param, an unknown preset and a credential of the wrong kind', () => {
    const plan = (probeYaml: string, kind = 'token') =>
      loadPlanText(
        `name: P\ncredentials:\n  github: { kind: ${kind} }\nphases:\n  - id: p\n    title: P\n    items:\n      - id: bp\n        title: BP\n        probe: ${probeYaml}\n`,
        'p.yaml',
      )
    const missing = plan(
      '{ kind: preset, preset: github.branch-protection, credential: github, params: { repo: acme/api } }',
    )
    expect(!missing.ok && missing.errors[0]?.message).toBe(
      'github.branch-protection: params.check is required (required status check (context) name)',
    )
    const unknown = plan('{ kind: preset, preset: github.nope, credential: github }')
    expect(!unknown.ok && unknown.errors[0]?.message).toBe('unknown preset "github.nope"')
    const wrongKind = plan(
      '{ kind: preset, preset: github.branch-protection, credential: github, params: { repo: a/b, check: ci } }',
      'basic',
    )
    expect(!wrongKind.ok && wrongKind.errors[0]?.message).toBe(
      'github.branch-protection authenticates with a token credential; "github" is a basic',
    )
  })
})

/** Stripe's API as documented: list objects with `data` and `has_more`, errors under `error.message`. */
async function stripeFixture(endpoints: unknown[], livemode = true) {
  return startServer({
    extra: (req, res) => {
      if (req.headers.authorization !== `Bearer ${STRIPE_KEY}`)
        return json(res, 401, {
          error: {
            message: 'Invalid API Key provided: rk_live_****',
            type: 'invalid_request_error',
          },
        })
      if (req.url === '/v1/balance')
        return json(res, 200, {
          object: 'balance',
          livemode,
          available: [{ amount: 0, currency: 'usd' }],
          pending: [],
        })
      if (req.url === '/v1/webhook_endpoints?limit=100')
        return json(res, 200, {
          object: 'list',
          url: '/v1/webhook_endpoints',
          has_more: false,
          data: endpoints,
        })
      json(res, 404, {
        error: { message: 'Unrecognized request URL', type: 'invalid_request_error' },
      })
    },
  })
}

const endpoint = (url: string, status: string, events: string[]) => ({
  id: 'we_1Mr5jULkdIwHu7ix1ibLTM0x',
  object: 'webhook_endpoint',
  url,
  status,
  enabled_events: events,
  livemode: true,
  api_version: null,
})
const stripeProbe = (
  base: string,
  preset: string,
  params: Record<string, unknown> = {},
  key = STRIPE_KEY,
) =>
  probe(
    { kind: 'preset', preset, credential: 'stripe', baseUrl: base, params },
    { secrets: { stripe: key } },
  )

describe('Stripe presets', () => {
  const url = 'https://app.example.com/webhooks/stripe'
  const events = ['checkout.session.completed', 'invoice.paid']

  it('stripe.live-mode passes on a live key and fails on a test key', async () => {
    expect((await stripeProbe((await stripeFixture([])).url, 'stripe.live-mode')).status).toBe(
      'pass',
    )
    expect(
      (await stripeProbe((await stripeFixture([], false)).url, 'stripe.live-mode')).reason,
    ).toBe('body.livemode == true → false == true')
  })

  it('stripe.webhook-endpoint passes for an enabled endpoint with the events (or *)', async () => {
    expect(
      (
        await stripeProbe(
          (await stripeFixture([endpoint(url, 'enabled', [...events, 'customer.created'])])).url,
          'stripe.webhook-endpoint',
          { url, events },
        )
      ).status,
    ).toBe('pass')
    expect(
      (
        await stripeProbe(
          (await stripeFixture([endpoint(url, 'enabled', ['*'])])).url,
          'stripe.webhook-endpoint',
          { url, events },
        )
      ).status,
    ).toBe('pass')
  })

  it('stripe.webhook-endpoint fails a disabled endpoint, a missing event and a missing endpoint', async () => {
    const disabled = await stripeProbe(
      (await stripeFixture([endpoint(url, 'disabled', events)])).url,
      'stripe.webhook-endpoint',
      { url, events },
    )
    expect(disabled.evidence.conditions.filter((c) => !c.pass).map((c) => c.expression)).toEqual([
      'items.exists(e, e.url == "https://app.example.com/webhooks/stripe" && e.status == "enabled")',
    ])
    const missingEvent = await stripeProbe(
      (await stripeFixture([endpoint(url, 'enabled', ['invoice.paid'])])).url,
      'stripe.webhook-endpoint',
      { url, events },
    )
    expect(missingEvent.status).toBe('fail')
    const none = await stripeProbe((await stripeFixture([])).url, 'stripe.webhook-endpoint', {
      url,
      events,
    })
    expect(none.reason).toMatch(
      /^items\.exists\(e, e\.url == "https:\/\/app\.example\.com\/webhooks\/stripe"\) is false/,
    )
  })

  it('a rejected key says which permission it needs, and never shows the key', async () => {
    const r = await stripeProbe(
      (await stripeFixture([])).url,
      'stripe.webhook-endpoint',
      { url, events },
      'rk_live_CANARY_wrong',
    )
    expect(r.reason).toBe(
      'token rejected (HTTP 401: Invalid API Key provided: rk_live_****): needs a restricted key with read access to Webhook Endpoints (Stripe)',
    )
    expect(JSON.stringify(r)).not.toContain('rk_live_CANARY_wrong')
  })
})
