import { describe, expect, it } from 'vitest'
import { runCanaryAnalysis, type CanaryUpdate } from '../../../src/main/canary/analysis-run'
import { tokenSecrets, type SecretSource } from '../../../src/main/probes/secrets'
import { CanarySpecSchema } from '../../../src/shared/canary/spec'
import { json, startServer } from '../../helpers/servers'

/** Datadog, a JSON endpoint and an authenticated Prometheus, served on loopback in their real shapes. */

const API_KEY = 'dd-api-CANARY-7f3e9a1c5b'
const APP_KEY = 'dd-app-CANARY-2d8b4f6a0e'
const PROM_TOKEN = 'prom-token-CANARY-91ab7c'

const secrets: SecretSource = tokenSecrets({
  dd_api: API_KEY,
  dd_app: APP_KEY,
  prom: PROM_TOKEN,
})

async function analyse(spec: unknown): Promise<CanaryUpdate[]> {
  const updates: CanaryUpdate[] = []
  for await (const update of runCanaryAnalysis({
    item: 'canary',
    spec: CanarySpecSchema.parse(spec),
    vars: {},
    secrets,
  }))
    updates.push(update)
  return updates
}

const points = (from: number, n: number, value: (i: number) => number | null) =>
  Array.from({ length: n }, (_, i) => [(from + i * 10) * 1000, value(i)])

/** GET /api/v1/query as Datadog answers it: one series per group, tags in tag_set and scope. */
function datadogAnswer(query: string, from: number, canaryValue: (i: number) => number | null) {
  return {
    status: 'ok',
    res_type: 'time_series',
    resp_version: 1,
    query,
    from_date: from * 1000,
    to_date: (from + 300) * 1000,
    group_by: ['deployment'],
    message: '',
    series: ['canary', 'baseline'].map((d) => ({
      aggr: 'sum',
      metric: 'trace.http.request.errors',
      display_name: 'trace.http.request.errors',
      expression: `sum:trace.http.request.errors{deployment:${d}}`,
      scope: `deployment:${d}`,
      tag_set: [`deployment:${d}`],
      query_index: 0,
      interval: 10,
      length: 30,
      unit: null,
      pointlist: points(from, 30, d === 'canary' ? canaryValue : (i) => 0.01 + (i % 3) * 0.001),
      start: from * 1000,
      end: (from + 300) * 1000,
      attributes: {},
    })),
  }
}

describe('Datadog source', () => {
  const spec = (url: string, appKey = 'dd_app') => ({
    source: { type: 'datadog', url, apiKey: 'dd_api', appKey },
    analysis: { count: 1, interval: '5m' },
    metrics: [
      {
        id: 'errors',
        query: 'sum:trace.http.request.errors{service:api} by {deployment}.as_rate()',
        split: { label: 'deployment', canary: 'canary', baseline: 'baseline' },
        target: 0.02,
        alert: 0.05,
        compare: { allowedEffect: 0.2 },
      },
    ],
  })

  it('sends both keys, splits the series by tag, drops null points and judges', async () => {
    const server = await startServer({
      extra: (req, res) => {
        if (req.headers['dd-api-key'] !== API_KEY || req.headers['dd-application-key'] !== APP_KEY)
          return json(res, 403, { errors: ['Forbidden'] })
        const url = new URL(req.url ?? '/', 'http://x')
        if (url.pathname === '/api/v1/validate') return json(res, 200, { valid: true })
        if (url.pathname === '/api/v1/query')
          return json(
            res,
            200,
            datadogAnswer(
              url.searchParams.get('query') ?? '',
              Number(url.searchParams.get('from')),
              (i) => (i === 4 ? null : 0.08 + (i % 3) * 0.001),
            ),
          )
        json(res, 404, { errors: ['Not found'] })
      },
    })
    const [update] = await analyse(spec(server.url))
    expect(update!.verdict).toBe('fail')
    const metric = update!.interval!.metrics[0]!
    expect(metric.canaryCount).toBe(29)
    expect(metric.baselineCount).toBe(30)
    expect(metric.reason).toMatch(/^mean 0\.08\d* > alert 0\.05; Mann-Whitney High/)
    const samples = update!.samples!.errors as { note?: string }
    expect(samples.note).toBe('1 canary samples were NaN and left out')
    const window = new URL(server.stats.last!.url, 'http://x').searchParams
    const span = Number(window.get('to')) - Number(window.get('from'))
    expect(span).toBeGreaterThanOrEqual(300)
    expect(span).toBeLessThanOrEqual(301)
    expect(JSON.stringify(update)).not.toContain('CANARY')
  })

  it('is blocked with Datadog’s own words when a key is refused', async () => {
    const server = await startServer({
      extra: (_req, res) => json(res, 403, { errors: ['Forbidden'] }),
    })
    const [update] = await analyse(spec(server.url))
    expect(update!.verdict).toBe('blocked')
    expect(update!.reason).toMatch(
      /^metrics source http:\/\/127\.0\.0\.1:\d+: Datadog at 127\.0\.0\.1:\d+ refused the credentials \(HTTP 403: Forbidden\)/,
    )
  })

  it('a missing credential blocks the analysis and says how to set it', async () => {
    const [update] = await analyse(spec('http://127.0.0.1:9', 'dd_missing'))
    expect(update!.verdict).toBe('blocked')
    expect(update!.reason).toMatch(
      /credential `dd_missing` is not set \(set GONOGO_SECRET_DD_MISSING\)/,
    )
  })
})

describe('JSON source', () => {
  it('extracts samples with CEL over the body', async () => {
    const server = await startServer({
      extra: (_req, res) =>
        json(res, 200, {
          deployments: {
            canary: { p95_ms: Array.from({ length: 25 }, (_, i) => 180 + (i % 5)) },
            baseline: { p95_ms: Array.from({ length: 25 }, (_, i) => 178 + (i % 5)) },
          },
        }),
    })
    const [update] = await analyse({
      source: { type: 'json', url: `${server.url}/stats` },
      analysis: { count: 1 },
      metrics: [
        {
          id: 'p95',
          unit: 'ms',
          canary: 'body.deployments.canary.p95_ms',
          baseline: 'body.deployments.baseline.p95_ms',
          target: 300,
          alert: 500,
          maxRatio: 1.2,
          compare: { allowedEffect: 0.1 },
        },
      ],
    })
    expect(update!.verdict).toBe('pass')
    const metric = update!.interval!.metrics[0]!
    expect(metric).toMatchObject({
      status: 'pass',
      value: 182,
      baselineValue: 180,
      canaryCount: 25,
    })
  })

  it('an expression of the wrong type is a measurement error naming it', async () => {
    const server = await startServer({
      extra: (_req, res) => json(res, 200, { canary: { p95: 'fast' } }),
    })
    const [update] = await analyse({
      source: { type: 'json', url: server.url },
      analysis: { count: 1, consecutiveErrorLimit: 0 },
      metrics: [{ id: 'p95', canary: 'body.canary.p95', target: 300 }],
    })
    expect(update!.verdict).toBe('inconclusive')
    expect(update!.interval!.metrics[0]!.reason).toBe(
      'measurement error: canary expression "body.canary.p95" gave "fast", expected a number or a list of numbers',
    )
  })
})

describe('Prometheus source with credentials', () => {
  it('authenticates with a bearer token and reports a refused one', async () => {
    let accepted = PROM_TOKEN
    const server = await startServer({
      extra: (req, res) => {
        if (req.headers.authorization !== `Bearer ${accepted}`)
          return json(res, 401, { status: 'error', errorType: 'unauthorized', error: 'bad token' })
        const url = new URL(req.url ?? '/', 'http://x')
        if (url.pathname.endsWith('/status/buildinfo'))
          return json(res, 200, { status: 'success', data: { version: '2.42.0' } })
        const start = Number(url.searchParams.get('start'))
        json(res, 200, {
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: { deployment: 'canary' },
                values: Array.from({ length: 5 }, (_, i) => [start + i, i === 2 ? 'NaN' : '0.004']),
              },
            ],
          },
        })
      },
    })
    const spec = {
      source: { type: 'prometheus', url: `${server.url}/prom`, auth: { credential: 'prom' } },
      analysis: { count: 1 },
      metrics: [{ id: 'errors', canary: 'job:errors:rate5m{deployment="canary"}', target: 0.01 }],
    }
    const [ok] = await analyse(spec)
    expect(ok!.verdict).toBe('pass')
    expect(new URL(server.stats.last!.url, 'http://x').pathname).toBe('/prom/api/v1/query_range')
    expect(ok!.interval!.metrics[0]).toMatchObject({ value: 0.004, canaryCount: 4 })
    accepted = 'rotated'
    const [refused] = await analyse(spec)
    expect(refused!.verdict).toBe('blocked')
    expect(refused!.reason).toContain('refused the credentials (HTTP 401: bad token)')
    expect(JSON.stringify([ok, refused])).not.toContain(PROM_TOKEN)
  })
})
