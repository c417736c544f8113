import type { CanarySource, MetricSpec } from '../../../shared/canary/spec'
import { evaluateValue } from '../../../shared/conditions/evaluate'
import type { Deadline } from '../../probes/deadline'
import { compiled } from '../../probes/conditions'
import { ProbeFailure } from '../../probes/failures'
import { httpExchange } from '../../probes/http-exchange'
import { resolveRequest, type Placeholders } from '../../probes/request-spec'
import {
  finiteSamples,
  jsonAnswer,
  measured,
  type MetricSource,
  type Sample,
  type SampleWindow,
} from './source'

type JsonSpec = Extract<CanarySource, { type: 'json' }>

/**
 * Samples out of a value a CEL expression gave: a number, a list of numbers, or a list of
 * [time, value] pairs (seconds); null means none.
 */
function samplesFrom(
  value: unknown,
  side: string,
  expression: string,
  window: SampleWindow,
): Sample[] {
  const nowS = window.endMs / 1000
  // Plain numbers carry no time: spread them evenly over the window, oldest first.
  const spread = (i: number, n: number) =>
    (window.startMs + ((i + 1) * (window.endMs - window.startMs)) / n) / 1000
  const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v)
  const n = num(value)
  if (n === null || n === undefined) return []
  if (typeof n === 'number') return [[nowS, n]]
  if (Array.isArray(n))
    return n.map((entry, i): Sample => {
      const e = num(entry)
      if (typeof e === 'number') return [spread(i, n.length), e]
      if (Array.isArray(e) && e.length === 2) {
        const [t, v] = e.map(num)
        if (typeof t === 'number' && typeof v === 'number') return [t, v]
      }
      throw new ProbeFailure(
        `${side} expression ${JSON.stringify(expression)}: item ${i} is ${JSON.stringify(entry)}, expected a number or [time, value]`,
      )
    })
  throw new ProbeFailure(
    `${side} expression ${JSON.stringify(expression)} gave ${typeof n === 'string' ? JSON.stringify(n) : typeof n}, expected a number or a list of numbers`,
  )
}

/** A JSON endpoint (a status page, an internal metrics API): samples come from CEL over `body`. */
export function jsonSource(
  spec: JsonSpec,
  placeholders: Placeholders,
  vars: Readonly<Record<string, string>>,
): MetricSource {
  const fetchBody = async (deadline: Deadline) => {
    const req = await resolveRequest(
      {
        method: 'GET',
        url: spec.url,
        ...(spec.headers && { headers: spec.headers }),
        ...(spec.auth && { auth: spec.auth }),
      },
      placeholders,
    )
    const exchange = await httpExchange(req, { deadline, insecure: spec.insecure, retryOn429: 1 })
    const body = jsonAnswer(exchange, new URL(req.url).host)
    if (exchange.status < 200 || exchange.status > 299)
      throw new ProbeFailure(`the metrics endpoint answered HTTP ${exchange.status}`)
    return body
  }
  const extract = (body: unknown, side: string, expression: string, window: SampleWindow) => {
    const result = evaluateValue(compiled(expression), { body, vars })
    if (!result.ok) throw new ProbeFailure(`${side} expression: ${result.reason}`)
    return samplesFrom(result.value, side, expression, window)
  }
  return {
    url: spec.url,
    async check(deadline) {
      await fetchBody(deadline)
    },
    measure(metric: MetricSpec, window, deadline) {
      return measured(async () => {
        const body = await fetchBody(deadline)
        const notes: string[] = []
        const canary = extract(body, 'canary', metric.canary ?? '', window)
        if (canary.length === 0) throw new ProbeFailure(`the canary expression gave no values`)
        return {
          ok: true,
          canary: finiteSamples(canary, 'canary', notes),
          ...(metric.baseline && {
            baseline: finiteSamples(
              extract(body, 'baseline', metric.baseline, window),
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
