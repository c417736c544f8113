import { describe, expect, it } from 'vitest'
import { json, startServer } from '../../helpers/servers'
import { probe } from '../../helpers/probes'
import { apiServer, failed, runPreset } from '../../helpers/api-fixture'

const STRIPE_KEY = 'rk_live_CANARY_51Habc'

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

/*
 * Account as in Stripe's OpenAPI (stripe/openapi spec3, component `account`; stripe-node 22.5.0,
 * API 2026-07-29.dahlia): charges_enabled and payouts_enabled are required booleans;
 * `requirements` (account_requirements) is optional and its `past_due` a nullable list.
 */
describe('stripe.account-ready', () => {
  const account = (over: Record<string, unknown> = {}) => ({
    id: 'acct_1Nv0FGQ9RKHgCVdK',
    object: 'account',
    type: 'standard',
    country: 'DE',
    default_currency: 'eur',
    charges_enabled: true,
    payouts_enabled: true,
    details_submitted: true,
    email: 'finance@example.com',
    requirements: {
      alternatives: [],
      current_deadline: null,
      currently_due: [],
      disabled_reason: null,
      errors: [],
      eventually_due: [],
      past_due: [],
      pending_verification: [],
    },
    ...over,
  })
  const check = async (body: unknown) => {
    const server = await apiServer({ token: STRIPE_KEY, routes: { 'GET /v1/account': { body } } })
    return runPreset('stripe.account-ready', server.url, {}, STRIPE_KEY)
  }

  it('passes when the account can charge and pay out, with or without requirements', async () => {
    expect((await check(account())).reason).toBeUndefined()
    const { requirements: _omitted, ...bare } = account()
    expect((await check(bare)).reason).toBeUndefined()
    expect(
      (await check(account({ requirements: { ...account().requirements, past_due: null } })))
        .status,
    ).toBe('pass')
  })

  it('fails on payouts disabled and on a past-due requirement', async () => {
    const r = await check(
      account({
        payouts_enabled: false,
        requirements: {
          ...account().requirements,
          past_due: ['external_account'],
          disabled_reason: 'requirements.past_due',
        },
      }),
    )
    expect(failed(r)).toEqual([
      'body.payouts_enabled == true',
      '!has(body.requirements) || body.requirements.past_due == null || size(body.requirements.past_due) == 0',
    ])
  })
})
