import { z } from 'zod'
import type { MetricProbeSchema } from '../../../shared/plan/probes'
import { checkConditions } from '../conditions'
import { exchangeEvidence } from '../evidence'
import { ProbeFailure } from '../failures'
import { decodeBody, httpExchange } from '../http-exchange'
import type { KindContext, KindOutcome } from '../kind'
import { resolveRequest } from '../request-spec'

export type MetricProbe = z.infer<typeof MetricProbeSchema>

/** Prometheus HTTP API: GET /api/v1/query (instant query). */
const PromSample = z.tuple([z.number(), z.string()])
const PromResponse = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [
      z.object({
        resultType: z.literal('vector'),
        result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: PromSample })),
      }),
      z.object({ resultType: z.literal('scalar'), result: PromSample }),
      z.object({ resultType: z.literal('matrix'), result: z.array(z.unknown()) }),
      z.object({ resultType: z.literal('string'), result: PromSample }),
    ]),
  }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
])

/** Without conditions, a metric probe passes when the query returns a value. */
export const DEFAULT_METRIC_EXPECT = ['metric.value != null']

export async function runMetricProbe(probe: MetricProbe, ctx: KindContext): Promise<KindOutcome> {
  const base = await resolveRequest(
    { method: 'GET', url: probe.source, ...(probe.auth && { auth: probe.auth }) },
    ctx.placeholders,
  )
  const url = new URL('api/v1/query', base.url.endsWith('/') ? base.url : `${base.url}/`)
  url.searchParams.set('query', ctx.placeholders.fill(probe.query))
  const exchange = await httpExchange(
    { ...base, url: url.toString() },
    { deadline: ctx.deadline, retryOn429: 2 },
  )
  const evidence = { http: exchangeEvidence(exchange, ctx.redactor(), false, ctx.hidden) }
  const parsed = PromResponse.safeParse(decodeBody(exchange).body)
  if (!parsed.success)
    throw new ProbeFailure(
      `${url.host} did not answer like a Prometheus query API (HTTP ${exchange.status})`,
    )
  if (parsed.data.status === 'error')
    return {
      conditions: [],
      failure: `query failed: ${parsed.data.errorType}: ${parsed.data.error}`,
      evidence,
    }
  const data = parsed.data.data
  let value: number | null
  let series: { labels: Record<string, string>; value: number }[] = []
  if (data.resultType === 'vector') {
    series = data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }))
    value = series[0]?.value ?? null
  } else if (data.resultType === 'scalar') value = Number(data.result[1])
  else
    throw new ProbeFailure(
      `query returned a ${data.resultType}; use an instant query that returns a vector or scalar`,
    )
  const metric = { query: url.searchParams.get('query'), value, series }
  const conditions = checkConditions(
    probe.expect.length > 0 ? probe.expect : DEFAULT_METRIC_EXPECT,
    { metric, vars: ctx.vars },
  )
  return { conditions, evidence: { ...evidence, metric } }
}
