import type { MetricSpec } from '../../../shared/canary/spec'
import type { Deadline } from '../../probes/deadline'
import { ProbeFailure } from '../../probes/failures'
import { decodeBody, type HttpExchange } from '../../probes/http-exchange'

/** One sample of a series: [unix seconds, value]. */
export type Sample = [number, number]

/** The time window one interval judges, in milliseconds since the epoch. */
export interface SampleWindow {
  startMs: number
  endMs: number
  stepMs: number
}

export type SampledMeasurement =
  { ok: true; canary: Sample[]; baseline?: Sample[]; note?: string } | { ok: false; error: string }

/** Where a canary's metrics come from: Prometheus, Datadog or a JSON endpoint. */
export interface MetricSource {
  /** The source's URL as people should see it (no credentials). */
  readonly url: string
  /** Is the source there and does it accept us? Throws a ProbeFailure saying why not. */
  check(deadline: Deadline): Promise<void>
  /** Canary (and baseline) samples of one metric over the window. Never throws. */
  measure(metric: MetricSpec, window: SampleWindow, deadline: Deadline): Promise<SampledMeasurement>
}

/** The URL a path resolves to under the source's base URL (which may itself have a path). */
export function under(base: string, path: string): URL {
  return new URL(path, base.endsWith('/') ? base : `${base}/`)
}

/** The source answered, but not with what we need (refused credentials, not a metrics API). */
export class SourceAnswerError extends ProbeFailure {}

/** A JSON answer, or a ProbeFailure that says what came instead (auth failures by name). */
export function jsonAnswer(exchange: HttpExchange, what: string): unknown {
  let body: unknown
  try {
    body = decodeBody(exchange).body
  } catch {
    body = undefined
  }
  if (exchange.status === 401 || exchange.status === 403)
    throw new SourceAnswerError(
      `${what} refused the credentials (HTTP ${exchange.status}${errorText(body) ? `: ${errorText(body)}` : ''})`,
    )
  if (typeof body !== 'object' || body === null)
    throw new SourceAnswerError(
      `${what} did not answer with JSON (HTTP ${exchange.status}${typeof body === 'string' && body.trim() ? `: ${JSON.stringify(body.trim().slice(0, 120))}` : ''})`,
    )
  return body
}

/** The error text a metrics API put in its JSON body, if any. */
function errorText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const b = body as { error?: unknown; errors?: unknown }
  if (typeof b.error === 'string') return b.error
  if (Array.isArray(b.errors)) return b.errors.map(String).join('; ')
  return undefined
}

/** Turn any failure while measuring into a measurement error with the source's own message. */
export async function measured(
  work: () => Promise<SampledMeasurement>,
): Promise<SampledMeasurement> {
  try {
    return await work()
  } catch (e) {
    return {
      ok: false,
      error:
        e instanceof ProbeFailure
          ? e.message
          : `unexpected error: ${e instanceof Error ? e.message : String(e)}`,
    }
  }
}

/** Drop NaN/±Inf samples (0/0 rates with no traffic), saying how many were dropped. */
export function finiteSamples(samples: Sample[], side: string, notes: string[]): Sample[] {
  const finite = samples.filter(([, v]) => Number.isFinite(v))
  if (samples.length > 0 && finite.length === 0)
    throw new ProbeFailure(
      `the ${side} query returned only NaN or infinite values (e.g. 0/0 with no traffic in the window)`,
    )
  if (finite.length < samples.length)
    notes.push(`${samples.length - finite.length} ${side} samples were NaN and left out`)
  return finite
}

/** What a query API needs to say for the canary/baseline logic shared by Prometheus and Datadog. */
export interface SeriesApi<S> {
  /** Run one query over the interval's window. */
  query(q: string): Promise<S[]>
  /** Does this series carry label=value (the split)? */
  has(series: S, label: string, value: string): boolean
  samples(series: S): Sample[]
  describe(series: S): string
  /** How the split reads in messages: deployment="canary" (PromQL), deployment:canary (Datadog). */
  selector(label: string, value: string): string
  /** Advice when a query gives several series where one is needed. */
  aggregateHint: string
}

/**
 * A metric's canary and baseline samples: one query split by a label, or a query per side. Each
 * side must be exactly one series; NaN samples are left out and noted.
 */
export async function measureSeries<S>(
  metric: MetricSpec,
  fill: (query: string) => string,
  api: SeriesApi<S>,
): Promise<SampledMeasurement> {
  const notes: string[] = []
  const one = (series: S[], side: string, q: string): Sample[] => {
    if (series.length === 0)
      throw new ProbeFailure(`the ${side} query returned no series (empty result): ${q}`)
    if (series.length > 1)
      throw new ProbeFailure(
        `the ${side} query returned ${series.length} series (${series
          .slice(0, 3)
          .map((s) => api.describe(s))
          .join(', ')}); aggregate them into one, ${api.aggregateHint}`,
      )
    return api.samples(series[0]!)
  }
  const done = (canary: Sample[], baseline?: Sample[]): SampledMeasurement => ({
    ok: true,
    canary: finiteSamples(canary, 'canary', notes),
    ...(baseline && { baseline: finiteSamples(baseline, 'baseline', notes) }),
    ...(notes.length > 0 && { note: notes.join('; ') }),
  })
  if (metric.query && metric.split) {
    const q = fill(metric.query)
    const series = await api.query(q)
    const { label, canary, baseline } = metric.split
    const side = (value: string, name: string) =>
      one(
        series.filter((s) => api.has(s, label, value)),
        `${name} (${api.selector(label, value)})`,
        q,
      )
    return done(side(canary, 'canary'), side(baseline, 'baseline'))
  }
  const cq = fill(metric.canary ?? '')
  const bq = metric.baseline ? fill(metric.baseline) : undefined
  const [c, b] = await Promise.all([api.query(cq), bq ? api.query(bq) : undefined])
  return done(one(c, 'canary', cq), b && bq ? one(b, 'baseline', bq) : undefined)
}
