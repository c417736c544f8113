import { mkdir, readdir } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { canonicalJson } from '../../shared/canonical'
import { GONOGO_NAME, GONOGO_VERSION } from '../../shared/version'
import type { CanaryUpdate } from '../canary/analysis-run'
import { metricSummary } from '../../shared/canary/metric-summary'
import type { LoadedPlan } from '../../shared/plan/load'
import type { ProbeResult } from '../../shared/probes/result'
import type { Actor, EventInput, SessionEvent } from '../../shared/session/events'
import { Folder, foldMore, FoldError } from '../../shared/session/fold'
import type { SessionState } from '../../shared/session/state'
import { sessionStartedEvent } from '../../shared/session/started'
import { storeAttachment, storeBytes } from './attachments'
import { describeIoError, SessionError } from './errors'
import {
  EventLog,
  systemClock,
  type Clock,
  type EventReplay,
  type LogOptions,
  type OpenReport,
} from './event-log'
import { fsyncDirectory } from './fs-sync'

/**
 * A launch session on disk: its event log, the state folded from it, and the operations that append
 * to it. The state is kept up to date after every acknowledged append.
 */
export class Session {
  private constructor(
    readonly log: EventLog,
    /** Folded from every verified event; absent only when not even the first event verifies. */
    private stateValue: SessionState | undefined,
    readonly clock: Clock,
  ) {}

  get dir(): string {
    return this.log.dir
  }
  get report(): OpenReport {
    return this.log.report
  }
  get readOnly(): boolean {
    return this.log.readOnly
  }
  /** How many events the log holds (that verify). */
  get eventCount(): number {
    return this.log.head.seq
  }

  get state(): SessionState {
    if (!this.stateValue)
      throw new SessionError(
        'not-a-session',
        `${this.dir}: the log does not verify from its first event`,
        this.report.problem,
      )
    return this.stateValue
  }

  /** Create `dir` (absent or empty) and start a session on the plan. */
  static async create(
    dir: string,
    plan: LoadedPlan,
    actor: Actor,
    options: LogOptions = {},
  ): Promise<Session> {
    await prepareEmptyDir(dir)
    const replay = new FoldingReplay()
    const log = await EventLog.create(
      dir,
      sessionStartedEvent(plan.plan, {
        actor,
        vars: plan.vars,
        environment: plan.environment,
        source: basename(plan.file),
      }),
      { ...options, replay },
    )
    return new Session(log, replay.folder.state, options.clock ?? systemClock)
  }

  /** Open and verify a session. A log that does not verify opens read-only; see `report`. */
  static async open(
    dir: string,
    options: LogOptions & { readOnly?: boolean } = {},
  ): Promise<Session> {
    const replay = new FoldingReplay()
    let log: EventLog
    try {
      log = await EventLog.open(dir, { ...options, replay })
    } catch (e) {
      if (e instanceof FoldError)
        throw new SessionError('not-a-session', `${dir}: not a launch session: ${e.message}`)
      throw e
    }
    let state: SessionState | undefined
    if (log.head.seq > 0) state = replay.folder.state
    else if (!log.report.problem) {
      await log.close()
      throw new SessionError('not-a-session', `${dir}: the session log is empty`)
    }
    return new Session(log, state, options.clock ?? systemClock)
  }

  now(): number {
    return this.clock.now()
  }

  /** Append events atomically and fold them into the state once acknowledged. */
  async record(events: readonly EventInput[]): Promise<SessionEvent[]> {
    const appended = await this.log.appendAll(events)
    foldMore(this.state, appended)
    return appended
  }

  /** Copy a file in as evidence; returns the event data (`sha256` etc.) to record. */
  async attach(file: string, actor: Actor, item?: string): Promise<EventInput> {
    this.log.assertWritable()
    const stored = await storeAttachment(this.dir, file)
    return {
      actor,
      type: 'evidence.attached',
      data: { ...(item !== undefined && { item }), ...stored },
    }
  }

  /**
   * A probe result as an event: the verdict, reason and captured ids in the event, the full evidence
   * (request, response excerpt, timings, every condition) stored as an attachment the event names
   * by SHA-256. The log stays lean (replay reads every event), and the chain still pins the evidence.
   */
  async probeResultEvent(result: ProbeResult, actor: Actor): Promise<EventInput> {
    this.log.assertWritable()
    const { item, status, reason, observedAt, durationMs, evidence } = result
    const stored = await storeBytes(this.dir, Buffer.from(canonicalJson(evidence), 'utf8'))
    return {
      actor,
      type: 'probe.result',
      data: {
        item,
        status,
        ...(reason !== undefined && { reason }),
        observedAt,
        durationMs,
        ...(evidence.ids && { ids: evidence.ids }),
        evidence: stored.sha256,
      },
    }
  }

  /**
   * A canary step as an event: verdict, reason, the interval's score and each metric's status and
   * value in the event (the cockpit and readiness need them); the interval's samples and full
   * judgement stored as evidence (the record draws its charts from them).
   */
  async canaryVerdictEvent(update: CanaryUpdate, actor: Actor): Promise<EventInput> {
    this.log.assertWritable()
    const { item, verdict, reason, observedAt, source, status, interval, samples } = update
    const stored =
      interval &&
      (await storeBytes(
        this.dir,
        Buffer.from(
          canonicalJson({ engine: `${GONOGO_NAME}/${GONOGO_VERSION}`, source, interval, samples }),
          'utf8',
        ),
      ))
    return {
      actor,
      type: 'canary.verdict',
      data: {
        item,
        verdict,
        reason,
        observedAt,
        ...(interval &&
          status && {
            interval: {
              index: interval.index,
              total: status.total ?? null,
              score: interval.score,
              outcome: interval.outcome,
              stableMs: status.stable.ms,
              stableForMs: status.stable.neededMs,
              metrics: interval.metrics.map(metricSummary),
            },
          }),
        ...(stored && { evidence: stored.sha256 }),
      },
    }
  }

  close(): Promise<void> {
    return this.log.close()
  }
}

/** Folds the events a log opens with; starts over if the log asks to replay from the start. */
class FoldingReplay implements EventReplay {
  folder = new Folder()
  event(event: SessionEvent): void {
    this.folder.add(event)
  }
  restart(): void {
    this.folder = new Folder()
  }
}

async function prepareEmptyDir(dir: string): Promise<void> {
  try {
    const created = await mkdir(dir, { recursive: true })
    if (created) await fsyncDirectory(dirname(created))
    const entries = await readdir(dir)
    if (entries.length > 0)
      throw new SessionError(
        'exists',
        `${dir}: already exists and is not empty; choose a new directory for the session`,
      )
  } catch (e) {
    if (e instanceof SessionError) throw e
    throw new SessionError(
      'io',
      `${dir}: cannot create the session directory: ${describeIoError(e)}`,
    )
  }
}
