import { z } from 'zod'
import type { CanarySource, MetricSpec } from '../../../shared/canary/spec'
import type { Deadline } from '../../probes/deadline'
import { ProbeFailure } from '../../probes/failures'
import { httpExchange } from '../../probes/http-exchange'
import type { Placeholders } from '../../probes/request-spec'
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

type DatadogSpec = Extract<CanarySource, { type: 'datadog' }>

/** GET /api/v1/query (https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points). */
const QueryAnswer = z.object({
  status: z.string(),
  error: z.string().optional(),
  series: z
    .array(
      z.object({
        scope: z.string().optional(),
        tag_set: z.array(z.string()).optional(),
        expression: z.string().optional(),
        pointlist: z.array(z.tuple([z.number(), z.number().nullable()])),
      }),
    )
    .default([]),
})
const Validate = z.object({ valid: z.literal(true) })

type Series = z.infer<typeof QueryAnswer>['series'][number]

export function datadogSource(spec: DatadogSpec, placeholders: Placeholders): MetricSource {
  const get = async (path: string, params: Record<string, string>, deadline: Deadline) => {
    const headers: Record<string, string> = {
      'user-agent': 'gonogo-canary',
      accept: 'application/json',
      'dd-api-key': await placeholders.secret(spec.apiKey),
      'dd-application-key': await placeholders.secret(spec.appKey),
    }
    for (const [name, value] of Object.entries(spec.headers ?? {}))
      headers[name.toLowerCase()] = placeholders.fill(value)
    const url = under(placeholders.fill(spec.url), path)
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
    const exchange = await httpExchange(
      { method: 'GET', url: url.toString(), headers },
      { deadline, insecure: spec.insecure, retryOn429: 1 },
    )
    return jsonAnswer(exchange, `Datadog at ${url.host}`)
  }

  const query = async (q: string, window: SampleWindow, deadline: Deadline): Promise<Series[]> => {
    const answer = QueryAnswer.safeParse(
      await get(
        'api/v1/query',
        {
          from: String(Math.floor(window.startMs / 1000)),
          to: String(Math.ceil(window.endMs / 1000)),
          query: q,
        },
        deadline,
      ),
    )
    if (!answer.success) throw new ProbeFailure('the answer is not a Datadog query response')
    if (answer.data.status !== 'ok')
      throw new ProbeFailure(`${answer.data.error ?? answer.data.status} (query ${q})`)
    return answer.data.series
  }

  const samplesOf = (series: Series): Sample[] =>
    series.pointlist.map(([ms, v]): Sample => [ms / 1000, v ?? Number.NaN])

  return {
    url: spec.url,
    async check(deadline) {
      if (!Validate.safeParse(await get('api/v1/validate', {}, deadline)).success)
        throw new SourceAnswerError('Datadog did not confirm the API key as valid')
    },
    measure(metric: MetricSpec, window, deadline) {
      return measured(() =>
        measureSeries(metric, (q) => placeholders.fill(q), {
          query: (q) => query(q, window, deadline),
          has: (s, label, value) =>
            (s.tag_set ?? s.scope?.split(',') ?? []).includes(`${label}:${value}`),
          samples: samplesOf,
          describe: (s) => s.scope ?? s.expression ?? '?',
          selector: (label, value) => `${label}:${value}`,
          aggregateHint: 'e.g. sum:metric{…} without "by"',
        }),
      )
    },
  }
}
