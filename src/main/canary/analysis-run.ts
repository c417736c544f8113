import {
  analysisStatus,
  type AnalysisStatus,
  type CanaryVerdict,
  type IntervalRecord,
} from '../../shared/canary/analysis'
import { judgeInterval, judgeMetric, type Measurement } from '../../shared/canary/judge'
import { analysisTiming, type CanarySpec } from '../../shared/canary/spec'
import { formatDuration, parseDuration } from '../../shared/plan/duration'
import { withinDeadline } from '../probes/deadline'
import { ProbeFailure } from '../probes/failures'
import { Redactor } from '../probes/redact'
import { Placeholders } from '../probes/request-spec'
import type { SecretSource } from '../probes/secrets'
import { sleep } from '../probes/sleep'
import { datadogSource } from './sources/datadog'
import { jsonSource } from './sources/json'
import { prometheusSource } from './sources/prometheus'
import {
  SourceAnswerError,
  type MetricSource,
  type SampledMeasurement,
  type Sample,
} from './sources/source'

/** The samples one interval judged, per metric: kept as evidence for the record's charts. */
export type IntervalSamples = Record<
  string,
  { canary: Sample[]; baseline?: Sample[]; note?: string } | { error: string }
>

/** What the analysis says after each step: the CLI prints it, the session logs it. */
export interface CanaryUpdate {
  item: string
  verdict: CanaryVerdict
  reason: string
  observedAt: string
  source: string
  status?: AnalysisStatus
  interval?: IntervalRecord
  samples?: IntervalSamples
}

export interface Clock {
  now(): number
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

const systemClock: Clock = { now: () => Date.now(), sleep }

export interface CanaryRunOptions {
  item: string
  spec: CanarySpec
  vars: Readonly<Record<string, string>>
  secrets: SecretSource
  /** Stops the run between steps (Ctrl-C, the cockpit's Stop). */
  signal?: AbortSignal
  clock?: Clock
}

const DEFAULT_QUERY_TIMEOUT_MS = 10_000

function makeSource(
  spec: CanarySpec,
  placeholders: Placeholders,
  vars: Readonly<Record<string, string>>,
): MetricSource {
  switch (spec.source.type) {
    case 'prometheus':
      return prometheusSource(spec.source, placeholders)
    case 'datadog':
      return datadogSource(spec.source, placeholders)
    case 'json':
      return jsonSource(spec.source, placeholders, vars)
  }
}

/** "--var prometheus=URL" when the source URL comes from a var: what to change if it is wrong. */
function sourceHint(spec: CanarySpec): string {
  const fromVar = /\$\{\s*vars\.([A-Za-z_][A-Za-z0-9_]*)\s*\}/.exec(spec.source.url)?.[1]
  const what = {
    prometheus: 'Prometheus',
    datadog: 'the Datadog API',
    json: 'the metrics endpoint',
  }[spec.source.type]
  return `is ${what} running and reachable from here?${fromVar ? ` Set the plan var \`${fromVar}\` to its URL (--var ${fromVar}=URL).` : ''}`
}

function values(samples: readonly Sample[]): number[] {
  return samples.map(([, v]) => v)
}

function toMeasurement(m: SampledMeasurement): Measurement {
  return m.ok
    ? {
        ok: true,
        canary: values(m.canary),
        ...(m.baseline && { baseline: values(m.baseline) }),
        ...(m.note !== undefined && { note: m.note }),
      }
    : m
}

/**
 * One canary analysis, start to verdict: checks the source, waits the initial delay, then every
 * interval measures each metric over its lookback window, judges it, and yields the running status;
 * the last update carries the final verdict. Never throws for anything the source or the network
 * does; stops quietly when `signal` aborts.
 */
export async function* runCanaryAnalysis(options: CanaryRunOptions): AsyncGenerator<CanaryUpdate> {
  const { spec, item } = options
  const clock = options.clock ?? systemClock
  const signal = options.signal ?? new AbortController().signal
  const placeholders = new Placeholders(options.vars, options.secrets)
  const redact = () => new Redactor(placeholders.secretValues)
  const queryTimeoutMs = spec.source.timeout
    ? parseDuration(spec.source.timeout)
    : DEFAULT_QUERY_TIMEOUT_MS
  const timing = analysisTiming(spec.analysis)
  let sourceUrl = spec.source.url
  try {
    sourceUrl = placeholders.fill(spec.source.url)
  } catch (e) {
    if (!(e instanceof ProbeFailure)) throw e
  }
  const source = makeSource(spec, placeholders, options.vars)
  const stamp = () => new Date(clock.now()).toISOString()

  try {
    await withinDeadline(queryTimeoutMs, (deadline) => source.check(deadline))
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    // A credential that is not set says so itself; an answer that is not right names the source;
    // anything else means the source could not be reached.
    const reason = message.startsWith('blocked: ')
      ? message.slice('blocked: '.length)
      : e instanceof SourceAnswerError
        ? `metrics source ${sourceUrl}: ${message}`
        : `metrics source unreachable at ${sourceUrl}: ${message} — ${sourceHint(spec)}`
    yield {
      item,
      verdict: 'blocked',
      reason: redact().text(reason),
      observedAt: stamp(),
      source: sourceUrl,
    }
    return
  }

  const wait = async (ms: number) => {
    if (ms <= 0) return !signal.aborted
    try {
      await clock.sleep(ms, signal)
      return true
    } catch {
      return false
    }
  }
  if (!(await wait(timing.initialDelayMs))) return
  const startedAt = clock.now()
  const intervals: IntervalRecord[] = []
  for (let index = 1; !signal.aborted; index++) {
    // A fixed schedule: slow queries do not stretch the analysis.
    if (index > 1 && !(await wait(startedAt + (index - 1) * timing.intervalMs - clock.now())))
      return
    const endMs = clock.now()
    const window = { startMs: endMs - timing.lookbackMs, endMs, stepMs: timing.stepMs }
    const measurements = await Promise.all(
      spec.metrics.map((metric) =>
        withinDeadline(queryTimeoutMs, (deadline) =>
          source.measure(metric, window, deadline),
        ).catch((e: unknown): SampledMeasurement => ({
          ok: false,
          error: e instanceof Error ? e.message : String(e),
        })),
      ),
    )
    const r = redact()
    const results = spec.metrics.map((metric, k) =>
      judgeMetric(metric, toMeasurement(measurements[k]!)),
    )
    const judgement = judgeInterval(results, spec.analysis)
    const record: IntervalRecord = r.deep({
      index,
      at: new Date(endMs).toISOString(),
      ...judgement,
    })
    intervals.push(record)
    const status = analysisStatus(spec.analysis, timing, intervals)
    const samples: IntervalSamples = {}
    spec.metrics.forEach((metric, k) => {
      const m = measurements[k]!
      samples[metric.id] = m.ok
        ? {
            canary: m.canary,
            ...(m.baseline && { baseline: m.baseline }),
            ...(m.note !== undefined && { note: m.note }),
          }
        : { error: r.text(m.error) }
    })
    yield {
      item,
      verdict: status.verdict,
      reason: r.text(status.reason),
      observedAt: record.at,
      source: sourceUrl,
      status,
      interval: record,
      samples,
    }
    if (status.done) return
  }
}

/** One line per interval for people watching a terminal. */
export function describeUpdate(update: CanaryUpdate): string {
  const s = update.status
  if (!s || !update.interval) return `${update.verdict.toUpperCase()}: ${update.reason}`
  const i = update.interval
  const metrics = i.metrics
    .map(
      (m) =>
        `${m.id} ${m.status}${m.value !== undefined ? ` ${Number(m.value.toPrecision(4))}` : ''}`,
    )
    .join(', ')
  const progress = `${s.intervals}${s.total !== undefined ? `/${s.total}` : ''}`
  const stable = `stable ${formatDuration(s.stable.ms)}/${formatDuration(s.stable.neededMs)}`
  return `[${progress}] ${i.outcome.toUpperCase()} score ${i.score} — ${metrics} — ${stable}${s.done ? `\n${update.verdict.toUpperCase()}: ${update.reason}` : ''}`
}
