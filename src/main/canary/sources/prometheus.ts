import { z } from 'zod'
import type { CanarySource, MetricSpec } from '../../../shared/canary/spec'
import type { Deadline } from '../../probes/deadline'
import { ProbeFailure } from '../../probes/failures'
import { httpExchange } from '../../probes/http-exchange'
import { resolveRequest, type Placeholders } from '../../probes/request-spec'
import {
  finiteSamples,
  jsonAnswer,
  measured,
  SourceAnswerError,
  under,
  type MetricSource,
  type Sample,
  type SampleWindow,
} from './source'

type PrometheusSpec = Extract<CanarySource, { type: 'prometheus' }>

/** Prometheus HTTP API answers (https://prometheus.io/docs/prometheus/latest/querying/api/). */
const PromValue = z.tuple([z.number(), z.string()])
const RangeAnswer = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.object({
      resultType: z.string(),
      result: z.array(
        z.object({
          metric: z.record(z.string(), z.string()),
          values: z.array(PromValue).optional(),
        }),
      ),
    }),
    warnings: z.array(z.string()).optional(),
  }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
])
const BuildInfo = z.object({ status: z.literal('success') })

type Series = { labels: Record<string, string>; samples: Sample[] }

function describeSeries(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`)
  return `{${pairs.join(', ')}}`
}

export function prometheusSource(spec: PrometheusSpec, placeholders: Placeholders): MetricSource {
  const request = () =>
    resolveRequest(
      {
        method: 'GET',
        url: spec.url,
        ...(spec.headers && { headers: spec.headers }),
        ...(spec.auth && { auth: spec.auth }),
      },
      placeholders,
    )
  const get = async (path: string, params: Record<string, string>, deadline: Deadline) => {
    const base = await request()
    const url = under(base.url, path)
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
    const exchange = await httpExchange(
      { ...base, url: url.toString() },
      { deadline, insecure: spec.insecure, retryOn429: 1 },
    )
    return jsonAnswer(exchange, `Prometheus at ${url.host}`)
  }

  const rangeQuery = async (
    query: string,
    window: SampleWindow,
    deadline: Deadline,
  ): Promise<Series[]> => {
    const answer = RangeAnswer.safeParse(
      await get(
        'api/v1/query_range',
        {
          query,
          start: String(window.startMs / 1000),
          end: String(window.endMs / 1000),
          step: `${window.stepMs / 1000}s`,
        },
        deadline,
      ),
    )
    if (!answer.success)
      throw new ProbeFailure('the answer is not a Prometheus query_range response')
    if (answer.data.status === 'error')
      throw new ProbeFailure(`${answer.data.errorType}: ${answer.data.error} (query ${query})`)
    if (answer.data.data.resultType !== 'matrix')
      throw new ProbeFailure(`query returned a ${answer.data.data.resultType}, expected a matrix`)
    return answer.data.data.result.map((r) => ({
      labels: r.metric,
      samples: (r.values ?? []).map(([t, v]): Sample => [t, Number(v)]),
    }))
  }

  const one = (series: Series[], side: string, query: string): Sample[] => {
    if (series.length === 0)
      throw new ProbeFailure(`the ${side} query returned no series (empty result): ${query}`)
    if (series.length > 1)
      throw new ProbeFailure(
        `the ${side} query returned ${series.length} series (${series
          .slice(0, 3)
          .map((s) => describeSeries(s.labels))
          .join(', ')}); aggregate them into one, e.g. sum by (…) or avg(…)`,
      )
    return series[0]!.samples
  }

  return {
    url: spec.url,
    async check(deadline) {
      const info = BuildInfo.safeParse(await get('api/v1/status/buildinfo', {}, deadline))
      if (!info.success) throw new SourceAnswerError('the answer is not from a Prometheus API')
    },
    measure(metric: MetricSpec, window, deadline) {
      return measured(async () => {
        const notes: string[] = []
        const fill = (q: string) => placeholders.fill(q)
        if (metric.query && metric.split) {
          const query = fill(metric.query)
          const series = await rangeQuery(query, window, deadline)
          const { label, canary, baseline } = metric.split
          const side = (value: string, name: string) =>
            one(
              series.filter((s) => s.labels[label] === value),
              `${name} (${label}="${value}")`,
              query,
            )
          return {
            ok: true,
            canary: finiteSamples(side(canary, 'canary'), 'canary', notes),
            baseline: finiteSamples(side(baseline, 'baseline'), 'baseline', notes),
            ...(notes.length > 0 && { note: notes.join('; ') }),
          }
        }
        const canaryQuery = fill(metric.canary ?? '')
        const baselineQuery = metric.baseline ? fill(metric.baseline) : undefined
        const [canarySeries, baselineSeries] = await Promise.all([
          rangeQuery(canaryQuery, window, deadline),
          baselineQuery ? rangeQuery(baselineQuery, window, deadline) : undefined,
        ])
        return {
          ok: true,
          canary: finiteSamples(one(canarySeries, 'canary', canaryQuery), 'canary', notes),
          ...(baselineSeries &&
            baselineQuery && {
              baseline: finiteSamples(
                one(baselineSeries, 'baseline', baselineQuery),
                'baseline',
                notes,
              ),
            }),
          ...(notes.length > 0 && { note: notes.join('; ') }),
        }
      })
    },
  }
}
