import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { probe } from '../../helpers/probes'
import { json, startServer } from '../../helpers/servers'

const TOKEN = 'cf_CANARY_TOKEN_7d1a4be2'

const run = (preset: string, base: string, params: Record<string, unknown>, token = TOKEN) =>
  probe(
    { kind: 'preset', preset, credential: 'c', baseUrl: base, params },
    { secrets: { c: token } },
  )

/** Cloudflare's v4 envelope: { success, errors, messages, result, result_info }. */
const envelope = (result: unknown, resultInfo?: Record<string, unknown>) => ({
  success: true,
  errors: [],
  messages: [],
  result,
  ...(resultInfo && { result_info: resultInfo }),
})

/**
 * The Cloudflare API as documented: bearer auth (403 with code 10000 otherwise), page-number
 * lists (page, per_page, count, total_count) for KV, D1 and DNS, cursor lists for R2. The
 * fixture serves at most `perPage` items a page whatever the client asks, so two or three
 * items already span pages. `limitOnce` answers that path's first request with 429.
 */
async function cloudflare(
  data: {
    kv?: { id: string; title: string }[]
    d1?: { uuid: string; name: string }[]
    r2?: { name: string }[]
    dns?: {
      id: string
      name: string
      type: string
      content: string
      proxied?: boolean
      ttl?: number
    }[]
  },
  options: { perPage?: number; limitOnce?: string } = {},
) {
  const perPage = options.perPage ?? 2
  const requests: string[] = []
  let limited = false
  const server = await startServer({
    extra: (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://x')
      requests.push(`${url.pathname}${url.search}`)
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return json(res, 403, {
          success: false,
          errors: [{ code: 10000, message: 'Authentication error' }],
          messages: [],
          result: null,
        })
      if (options.limitOnce && !limited && url.search.includes(options.limitOnce)) {
        limited = true
        return json(
          res,
          429,
          {
            success: false,
            errors: [
              { code: 971, message: 'Please wait and consider throttling your request speed' },
            ],
            messages: [],
            result: null,
          },
          { 'retry-after': '1' },
        )
      }
      const paged = (items: unknown[]) => {
        const page = Number(url.searchParams.get('page') ?? '1')
        const slice = items.slice((page - 1) * perPage, page * perPage)
        return envelope(slice, {
          page,
          per_page: perPage,
          count: slice.length,
          total_count: items.length,
          total_pages: Math.ceil(items.length / perPage),
        })
      }
      if (url.pathname === '/client/v4/accounts/acc1/storage/kv/namespaces')
        return json(res, 200, paged(data.kv ?? []))
      if (url.pathname === '/client/v4/accounts/acc1/d1/database')
        return json(res, 200, paged(data.d1 ?? []))
      if (url.pathname === '/client/v4/zones/zone1/dns_records') {
        const matching = (data.dns ?? []).filter(
          (r) =>
            r.name === url.searchParams.get('name.exact') &&
            r.type === url.searchParams.get('type'),
        )
        return json(res, 200, paged(matching))
      }
      if (url.pathname === '/client/v4/accounts/acc1/r2/buckets') {
        const all = data.r2 ?? []
        const start = Number(url.searchParams.get('cursor') ?? '0')
        const buckets = all.slice(start, start + perPage)
        const next = start + perPage < all.length ? String(start + perPage) : undefined
        return json(
          res,
          200,
          envelope({ buckets }, { per_page: perPage, ...(next !== undefined && { cursor: next }) }),
        )
      }
      json(res, 404, {
        success: false,
        errors: [{ code: 7003, message: 'Could not route to /client/v4' + url.pathname }],
        messages: [],
        result: null,
      })
    },
  })
  return { ...server, requests }
}

const kv = (title: string, i: number) => ({
  id: `0f2ac74b498b48028cb68387c421e27${i}`,
  title,
  supports_url_encoding: true,
})

describe('Cloudflare presets follow every page', () => {
  it('cloudflare.kv-namespaces finds names on later pages and names the missing one', async () => {
    const server = await cloudflare({
      kv: ['SESSIONS', 'CACHE', 'FLAGS', 'RATE_LIMITS', 'UPLOADS'].map(kv),
    })
    const ok = await run('cloudflare.kv-namespaces', server.url, {
      account: 'acc1',
      names: ['SESSIONS', 'UPLOADS'],
    })
    expect(ok.reason).toBeUndefined()
    expect(ok.evidence.http).toMatchObject({ pages: 3, items: 5 })
    expect(server.requests).toEqual([
      '/client/v4/accounts/acc1/storage/kv/namespaces?per_page=100&page=1',
      '/client/v4/accounts/acc1/storage/kv/namespaces?per_page=100&page=2',
      '/client/v4/accounts/acc1/storage/kv/namespaces?per_page=100&page=3',
    ])
    const missing = await run('cloudflare.kv-namespaces', server.url, {
      account: 'acc1',
      names: ['SESSIONS', 'AUDIT'],
    })
    expect(missing.status).toBe('fail')
    expect(missing.reason).toMatch(/^items\.exists\(n, n\.title == "AUDIT"\) is false/)
  })

  it('cloudflare.d1-databases waits out a 429 on a later page, then passes', async () => {
    const server = await cloudflare(
      {
        d1: ['main', 'analytics', 'audit'].map((name, i) => ({
          uuid: `c7e5a6a4-3f1b-4c2a-9d0e-00000000000${i}`,
          name,
          version: 'production',
          created_at: '2026-10-01T00:00:00.000Z',
          num_tables: 12,
        })),
      },
      { limitOnce: 'page=2' },
    )
    const r = await run('cloudflare.d1-databases', server.url, {
      account: 'acc1',
      names: ['audit'],
    })
    expect(r.reason).toBeUndefined()
    expect(r.evidence.http).toMatchObject({ pages: 2, items: 3, retries: 1 })
  })

  it('cloudflare.r2-buckets pages by cursor', async () => {
    const server = await cloudflare({
      r2: ['assets', 'backups', 'exports', 'logs'].map((name) => ({
        name,
        creation_date: '2026-01-05T10:00:00.000Z',
        location: 'weur',
      })),
    })
    const r = await run('cloudflare.r2-buckets', server.url, {
      account: 'acc1',
      names: ['logs', 'assets'],
    })
    expect(r.reason).toBeUndefined()
    expect(server.requests).toEqual([
      '/client/v4/accounts/acc1/r2/buckets?per_page=100',
      '/client/v4/accounts/acc1/r2/buckets?per_page=100&cursor=2',
    ])
    const missing = await run('cloudflare.r2-buckets', server.url, {
      account: 'acc1',
      names: ['media'],
    })
    expect(missing.reason).toMatch(/^items\.exists\(b, b\.name == "media"\) is false/)
  })

  it('cloudflare.dns-record compares content, and a rejected token names the permission', async () => {
    const server = await cloudflare({
      dns: [
        {
          id: 'r1',
          name: 'api.example.com',
          type: 'A',
          content: '203.0.113.10',
          proxied: true,
          ttl: 1,
        },
        {
          id: 'r2',
          name: 'api.example.com',
          type: 'A',
          content: '203.0.113.11',
          proxied: true,
          ttl: 1,
        },
        {
          id: 'r3',
          name: 'www.example.com',
          type: 'A',
          content: '198.51.100.7',
          proxied: true,
          ttl: 1,
        },
      ],
    })
    const params = {
      zone: 'zone1',
      name: 'api.example.com',
      content: ['203.0.113.10', '203.0.113.11'],
    }
    expect((await run('cloudflare.dns-record', server.url, params)).status).toBe('pass')
    const moved = await run('cloudflare.dns-record', server.url, {
      ...params,
      content: ['192.0.2.1'],
    })
    expect(moved.reason).toMatch(/^items\.exists\(r, r\.content == "192\.0\.2\.1"\) is false/)
    const none = await run('cloudflare.dns-record', server.url, {
      ...params,
      name: 'new.example.com',
    })
    expect(none.reason).toMatch(/^size\(items\) > 0 → 0 > 0/)
    const rejected = await run('cloudflare.dns-record', server.url, params, 'cf_wrong_token')
    expect(rejected.reason).toBe(
      'token rejected (HTTP 403: Authentication error): needs an API token with Zone › DNS › Read on the zone (Cloudflare)',
    )
    expect(JSON.stringify([moved, none, rejected])).not.toContain(TOKEN)
  })

  it('a list longer than paginate.maxPages fails and says how many items it read', async () => {
    const server = await cloudflare(
      { kv: Array.from({ length: 30 }, (_, i) => kv(`NS_${i}`, i % 10)) },
      { perPage: 1 },
    )
    const r = await run('cloudflare.kv-namespaces', server.url, {
      account: 'acc1',
      names: ['NS_29'],
    })
    expect(r.reason).toBe('more than 20 pages (20 items so far); raise paginate.maxPages')
    expect(server.requests).toHaveLength(20)
  })
})

describe('other paginated presets', () => {
  it('stripe.webhook-endpoint pages with starting_after while has_more', async () => {
    const endpoints = ['a', 'b', 'c'].map((x, i) => ({
      id: `we_1Mr5jULkdIwHu7ix1ibLTM0${i}`,
      object: 'webhook_endpoint',
      url: `https://${x}.example.com/webhooks/stripe`,
      status: 'enabled',
      enabled_events: ['checkout.session.completed', 'invoice.paid'],
      livemode: true,
    }))
    const seen: string[] = []
    const server = await startServer({
      extra: (req, res) => {
        seen.push(req.url ?? '')
        if (req.headers.authorization !== `Bearer ${TOKEN}`)
          return json(res, 401, {
            error: { message: 'Invalid API Key provided', type: 'invalid_request_error' },
          })
        const url = new URL(req.url ?? '/', 'http://x')
        const after = url.searchParams.get('starting_after')
        const start = after ? endpoints.findIndex((e) => e.id === after) + 1 : 0
        // Stripe's page size is `limit`; this fixture answers two at a time to make pages.
        const data = endpoints.slice(start, start + 2)
        json(res, 200, {
          object: 'list',
          url: '/v1/webhook_endpoints',
          has_more: start + 2 < endpoints.length,
          data,
        })
      },
    })
    const r = await run('stripe.webhook-endpoint', server.url, {
      url: 'https://c.example.com/webhooks/stripe',
      events: ['invoice.paid'],
    })
    expect(r.reason).toBeUndefined()
    expect(seen).toEqual([
      '/v1/webhook_endpoints?limit=100',
      '/v1/webhook_endpoints?limit=100&starting_after=we_1Mr5jULkdIwHu7ix1ibLTM01',
    ])
  })

  it('sentry.alert-rules follows Link rel="next" until results="false"', async () => {
    const server = await startServer({
      extra: (req, res) => {
        if (req.headers.authorization !== `Bearer ${TOKEN}`)
          return json(res, 401, { detail: 'Invalid token' })
        const cursor = new URL(req.url ?? '/', 'http://x').searchParams.get('cursor')
        const base = `http://127.0.0.1:${(req.socket.localPort ?? 0).toString()}/api/0/organizations/acme/workflows/`
        const last = cursor === '0:100:0'
        // ListWorkflow (sentry-api-schema 0.272.0, listOrganizationWorkflows), trimmed to what it requires.
        const workflow = {
          id: '123',
          name: 'Error spike',
          organizationId: '1',
          createdBy: null,
          dateCreated: '2026-03-18T20:48:55Z',
          dateUpdated: '2026-03-18T20:48:55Z',
          triggers: null,
          actionFilters: [],
          environment: null,
          config: { frequency: 30 },
          detectorIds: ['55'],
          enabled: true,
          lastTriggered: null,
          owner: null,
        }
        json(res, 200, last ? [workflow] : [], {
          link: [
            `<${base}?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1"`,
            `<${base}?&cursor=${last ? '0:200:0' : '0:100:0'}>; rel="next"; results="${last ? 'false' : 'true'}"; cursor="0:100:0"`,
          ].join(', '),
        })
      },
    })
    const r = await run('sentry.alert-rules', server.url, { org: 'acme', project: 'api' })
    expect(r.reason).toBeUndefined()
    expect(r.evidence.http).toMatchObject({ pages: 2, items: 1 })
    const rejected = await run(
      'sentry.alert-rules',
      server.url,
      { org: 'acme', project: 'api' },
      'sntrys_wrong',
    )
    expect(rejected.reason).toBe(
      'token rejected (HTTP 401: Invalid token): needs an auth token with the alerts:read scope (or org:read) (Sentry)',
    )
  })

  it('resend.domain-verified pages with after while has_more', async () => {
    const domains = [
      { id: 'd1', name: 'example.com', status: 'verified' },
      { id: 'd2', name: 'mail.example.com', status: 'verified' },
    ]
    const server = await startServer({
      extra: (req, res) => {
        if (req.headers.authorization !== `Bearer ${TOKEN}`)
          return json(res, 401, {
            statusCode: 401,
            name: 'validation_error',
            message: 'API key is invalid',
          })
        const after = new URL(req.url ?? '/', 'http://x').searchParams.get('after')
        const start = after ? domains.findIndex((d) => d.id === after) + 1 : 0
        json(res, 200, {
          object: 'list',
          has_more: start + 1 < domains.length,
          data: domains.slice(start, start + 1),
        })
      },
    })
    const r = await run('resend.domain-verified', server.url, { domain: 'mail.example.com' })
    expect(r.reason).toBeUndefined()
    expect(r.evidence.http).toMatchObject({ pages: 2, items: 2 })
    const rejected = await run(
      'resend.domain-verified',
      server.url,
      { domain: 'mail.example.com' },
      're_wrong',
    )
    expect(rejected.reason).toBe(
      'token rejected (HTTP 401: API key is invalid): needs an API key with full access (sending-only keys cannot read domains) (Resend)',
    )
  })
})
