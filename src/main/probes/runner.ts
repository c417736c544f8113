import { parseDuration } from '../../shared/plan/duration'
import type { Probe } from '../../shared/plan/probes'
import type { Item, Phase, Plan } from '../../shared/plan/schema'
import type { ProbeEvidence, ProbeResult } from '../../shared/probes/result'
import { isoTime } from '../../shared/time/iso'
import { GONOGO_NAME, GONOGO_VERSION } from '../../shared/version'
import type { PresetCatalog } from '../../shared/presets/catalog'
import { expandPreset } from '../../shared/presets/expand'
import { interpolateVars } from '../../shared/plan/references'
import { builtinPresetsFor } from '../presets/preset-files'
import type { ParamValue } from '../../shared/presets/format'
import { conditionsReason } from './conditions'
import { withinDeadline } from './deadline'
import { ProbeFailure } from './failures'
import type { KindContext, KindOutcome } from './kind'
import { runDnsProbe } from './kinds/dns'
import { runFlowProbe } from './kinds/flow'
import { runHeadersProbe } from './kinds/headers'
import { runHttpProbe } from './kinds/http'
import { runLatencyProbe } from './kinds/latency'
import { runMetricProbe } from './kinds/metric'
import { runTlsProbe } from './kinds/tls'
import { Redactor } from './redact'
import { Placeholders } from './request-spec'
import type { SecretSource } from './secrets'
import { sleep } from './sleep'

export const ENGINE = `${GONOGO_NAME}/${GONOGO_VERSION}`

export interface PlannedProbe {
  phase: Phase
  item: Item
  probe: Probe
}

/**
 * The probes to run, blocking items first (a red blocking item is what the captain needs to see
 * first), then in plan order. `only` narrows to one phase or one item; an unknown id is an error.
 */
export function selectProbes(
  plan: Plan,
  only?: string,
): { ok: true; probes: PlannedProbe[] } | { ok: false; message: string } {
  const all: PlannedProbe[] = plan.phases.flatMap((phase) =>
    phase.items.flatMap((item) => (item.probe ? [{ phase, item, probe: item.probe }] : [])),
  )
  let chosen = all
  if (only !== undefined) {
    const phase = plan.phases.find((p) => p.id === only)
    const item = plan.phases.flatMap((p) => p.items).find((i) => i.id === only)
    if (!phase && !item) return { ok: false, message: `no phase or item \`${only}\` in the plan` }
    if (item && !item.probe)
      return { ok: false, message: `item \`${only}\` has no probe (it is checked by hand)` }
    chosen = all.filter((p) => (phase ? p.phase.id === only : p.item.id === only))
  }
  return {
    ok: true,
    probes: [...chosen.filter((p) => p.item.blocking), ...chosen.filter((p) => !p.item.blocking)],
  }
}

const DEFAULT_DEADLINE_MS = 10_000

/** How long a probe may take in all, before it is failed with "no answer within …". */
export function probeDeadline(probe: Probe): number {
  if (probe.kind === 'latency')
    return (
      (probe.timeout ? parseDuration(probe.timeout) : DEFAULT_DEADLINE_MS) +
      (probe.requests / probe.rate) * 1000
    )
  if (probe.kind === 'flow') {
    if (probe.timeout) return parseDuration(probe.timeout)
    const polling = probe.steps.reduce(
      (ms, s) => ms + (s.poll ? parseDuration(s.poll.deadline) : 0),
      0,
    )
    return polling + probe.steps.length * DEFAULT_DEADLINE_MS
  }
  return probe.timeout ? parseDuration(probe.timeout) : DEFAULT_DEADLINE_MS
}

export interface RunContext {
  vars: Readonly<Record<string, string>>
  secrets: SecretSource
  /** The presets preset probes expand from (default: the built-in ones). */
  presets?: PresetCatalog
}

/** The redactor of a probe that used no secret: header and query names still count. */
const NOTHING_TO_REDACT = new Redactor([])

/** Run one probe. Never throws and never hangs past its deadline: every failure is a result. */
export async function runProbe(planned: PlannedProbe, run: RunContext): Promise<ProbeResult> {
  const startedAt = Date.now()
  const t0 = performance.now()
  // A preset runs as the probe it stands for, with that probe's deadline (a flow's polling).
  const expanded =
    planned.probe.kind === 'preset'
      ? expandPreset(
          { ...planned.probe, params: fillPresetParams(planned.probe.params, run.vars) },
          run.presets ?? builtinPresetsFor([planned.probe.preset]),
        )
      : { ok: true as const, probe: planned.probe }
  const probe = expanded.ok ? expanded.probe : planned.probe
  const allowedMs = probeDeadline(probe)
  const placeholders = new Placeholders(run.vars, run.secrets)
  const hidden = new Set<string>()
  // Rebuilt only when a new secret value turns up (most probes have none).
  let cached: { size: number; redactor: Redactor } | undefined
  const redactor = () => {
    const size = placeholders.secretValues.size + hidden.size
    if (size === 0) return NOTHING_TO_REDACT
    if (!cached || cached.size !== size)
      cached = { size, redactor: new Redactor([...placeholders.secretValues, ...hidden]) }
    return cached.redactor
  }
  let outcome: KindOutcome
  try {
    if (!expanded.ok) throw new ProbeFailure(expanded.message)
    outcome = await withinDeadline(allowedMs, (deadline) =>
      runKind(probe, { vars: run.vars, placeholders, deadline, hidden, redactor }),
    )
  } catch (e) {
    const message =
      e instanceof ProbeFailure
        ? e.message
        : `the probe crashed: ${e instanceof Error ? e.message : String(e)}`
    outcome = { conditions: [], failure: message, evidence: {} }
  }
  const r = redactor()
  const reason = outcome.failure ?? conditionsReason(outcome.conditions)
  const durationMs = Math.round((performance.now() - t0) * 100) / 100
  const evidence: ProbeEvidence = {
    engine: ENGINE,
    kind: planned.probe.kind,
    startedAt: isoTime(startedAt),
    endedAt: isoTime(Date.now()),
    durationMs,
    conditions: outcome.conditions,
    ...outcome.evidence,
  }
  return {
    item: planned.item.id,
    status: reason === undefined ? 'pass' : 'fail',
    ...(reason !== undefined && { reason: r.text(reason) }),
    observedAt: evidence.endedAt,
    durationMs,
    evidence: r.empty ? evidence : r.deep(evidence),
  }
}

function runKind(probe: Probe, ctx: KindContext): Promise<KindOutcome> {
  switch (probe.kind) {
    case 'http':
      return runHttpProbe(probe, ctx)
    case 'flow':
      return runFlowProbe(probe, ctx)
    case 'tls':
      return runTlsProbe(probe, ctx)
    case 'dns':
      return runDnsProbe(probe, ctx)
    case 'headers':
      return runHeadersProbe(probe, ctx)
    case 'latency':
      return runLatencyProbe(probe, ctx)
    case 'metric':
      return runMetricProbe(probe, ctx)
    case 'preset':
      // runProbe expands presets before it gets here.
      return Promise.resolve({
        conditions: [],
        failure: `preset ${probe.preset} was not expanded`,
        evidence: {},
      })
  }
}

/**
 * A preset's params may name plan vars (`repo: ${vars.github_repo}`, as drafted plans do): they
 * are filled before the preset expands, since the preset encodes them into its URL. A list element
 * that is a var alone takes a comma-separated value as several elements.
 */
function fillPresetParams(
  params: Record<string, ParamValue>,
  vars: Readonly<Record<string, string>>,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {}
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') out[name] = interpolateVars(value, vars)
    else if (Array.isArray(value))
      out[name] = value.flatMap((v) =>
        /^\$\{\s*vars\.[A-Za-z_][A-Za-z0-9_]*\s*\}$/.test(v)
          ? interpolateVars(v, vars)
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean)
          : [interpolateVars(v, vars)],
      )
    else out[name] = value
  }
  return out
}

/** A probe still unanswered after this long is waiting on its target and lends out its slot. */
export const SLOW_PROBE_MS = 200
/** Slow probes in flight beside the working ones: at most this many times `concurrency` in all. */
export const SLOW_PROBE_OVERFLOW = 4

export interface RunOptions extends RunContext {
  probes: readonly PlannedProbe[]
  /**
   * Probes working at once (default 4). A probe unanswered after `slowAfterMs` stops counting, so
   * slow targets cannot hold back the rest of the run (a red result behind them); all in flight,
   * slow ones included, stay under `SLOW_PROBE_OVERFLOW` × concurrency. Latency probes always
   * count (they send load the whole time).
   */
  concurrency?: number
  /** Default SLOW_PROBE_MS. */
  slowAfterMs?: number
  /** Run the whole set again this long after each round ends, until `signal` aborts. */
  repeatEveryMs?: number
  signal?: AbortSignal
}

/**
 * Run probes with bounded concurrency and yield each result the moment it lands (not in plan
 * order), so the first red blocking result reaches the screen as soon as it exists.
 */
export async function* runProbes(options: RunOptions): AsyncGenerator<ProbeResult> {
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const inFlightCap = concurrency * SLOW_PROBE_OVERFLOW
  // setTimeout takes at most 2^31 - 1 ms (a longer delay fires at once).
  const slowAfterMs = Math.min(options.slowAfterMs ?? SLOW_PROBE_MS, 2 ** 31 - 1)
  for (;;) {
    const queue = options.probes
    let queued = 0
    const done: ProbeResult[] = []
    /** Probes in flight, and those of them still counted as working (not yet slow). */
    let running = 0
    let working = 0
    let wake: (() => void) | undefined
    const fill = () => {
      while (
        working < concurrency &&
        running < inFlightCap &&
        queued < queue.length &&
        !options.signal?.aborted
      ) {
        const next = queue[queued++] as PlannedProbe
        running++
        working++
        let counted = true
        // One timer per probe, cleared when it lands: a probe still waiting on its target
        // after slowAfterMs frees its slot for the next one. A latency probe is never waiting:
        // it is the load it was asked to send, and keeps its slot.
        const slow =
          next.probe.kind === 'latency'
            ? undefined
            : setTimeout(() => {
                counted = false
                working--
                fill()
              }, slowAfterMs)
        void runProbe(next, options).then((result) => {
          clearTimeout(slow)
          running--
          if (counted) working--
          done.push(result)
          // Refill the slot now, not when the consumer next pulls: a slow reader of results
          // (a screen, a session append) must not leave probes waiting to start.
          fill()
          wake?.()
        })
      }
    }
    fill()
    while (running > 0 || done.length > 0) {
      if (done.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
      while (done.length > 0) yield done.shift() as ProbeResult
    }
    if (options.repeatEveryMs === undefined || !options.signal || options.signal.aborted) return
    try {
      await sleep(options.repeatEveryMs, options.signal)
    } catch {
      return
    }
  }
}
