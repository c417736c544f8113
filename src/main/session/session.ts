import { mkdir, readdir } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { LoadedPlan } from '../../shared/plan/load'
import type { Actor, EventInput, SessionEvent } from '../../shared/session/events'
import { fold, foldMore, FoldError } from '../../shared/session/fold'
import type { SessionState } from '../../shared/session/state'
import { sessionStartedEvent } from '../../shared/session/started'
import { storeAttachment } from './attachments'
import { describeIoError, SessionError } from './errors'
import { EventLog, systemClock, type Clock, type LogOptions, type OpenReport } from './event-log'
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
  get events(): readonly SessionEvent[] {
    return this.log.events
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
    const log = await EventLog.create(
      dir,
      sessionStartedEvent(plan.plan, { actor, vars: plan.vars, source: basename(plan.file) }),
      options,
    )
    return new Session(log, fold(log.events), options.clock ?? systemClock)
  }

  /** Open and verify a session. A log that does not verify opens read-only; see `report`. */
  static async open(
    dir: string,
    options: LogOptions & { readOnly?: boolean } = {},
  ): Promise<Session> {
    const log = await EventLog.open(dir, options)
    let state: SessionState | undefined
    if (log.events.length > 0) {
      try {
        state = fold(log.events)
      } catch (e) {
        await log.close()
        if (e instanceof FoldError)
          throw new SessionError('not-a-session', `${dir}: not a launch session: ${e.message}`)
        throw e
      }
    } else if (!log.report.problem) {
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

  close(): Promise<void> {
    return this.log.close()
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
