import { z } from 'zod'
import type { CanarySource, MetricSpec } from '../../../shared/canary/spec'
import type { Deadline } from '../../probes/deadline'
import { ProbeFailure } from '../../probes/failures'
import { httpExchange } from '../../probes/http-exchange'
import { resolveRequest, type Placeholders } from '../../probes/request-spec'
import {
  jsonAnswer,
  measured,
  measureSeries,
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

  return {
    url: spec.url,
    async check(deadline) {
      const info = BuildInfo.safeParse(await get('api/v1/status/buildinfo', {}, deadline))
      if (!info.success) throw new SourceAnswerError('the answer is not from a Prometheus API')
    },
    measure(metric: MetricSpec, window, deadline) {
      return measured(() =>
        measureSeries(metric, (q) => placeholders.fill(q), {
          query: (q) => rangeQuery(q, window, deadline),
          has: (s, label, value) => s.labels[label] === value,
          samples: (s) => s.samples,
          describe: (s) => describeSeries(s.labels),
          selector: (label, value) => `${label}="${value}"`,
          aggregateHint: 'e.g. sum by (…) or avg(…)',
        }),
      )
    },
  }
}
