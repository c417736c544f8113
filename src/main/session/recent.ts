import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { RecentSession } from '../../shared/ipc'
import { sessionHeading } from '../../shared/session/view'
import { EVENTS_FILE } from './event-log'
import { Session } from './session'

/** How many sessions the home screen lists. */
export const RECENT_LIMIT = 20

interface Cached {
  size: number
  mtimeMs: number
  summary: RecentSession
}

/**
 * The home screen's list of recent sessions, newest first. Summarising a session means replaying
 * its log (about 0.4 s for 100,000 events), so each summary is kept until its log changes: the
 * log is append-only, so its size and modification time say when it has. (A log tampered with
 * while keeping both is still caught where it matters: resuming verifies the whole chain.)
 */
export class RecentSessions {
  private readonly cache = new Map<string, Cached>()

  constructor(
    private readonly sessionsDir: string,
    /** How a session is opened for its summary (tests count the calls). */
    private readonly open: (dir: string) => Promise<Session> = (dir) =>
      Session.open(dir, { readOnly: true }),
  ) {}

  /** `current`: the session this window has open, summarised from its live state. */
  async list(current?: Session): Promise<RecentSession[]> {
    const names = await readdir(this.sessionsDir).catch(() => [] as string[])
    // Directory names start with the start time, so the newest sort last.
    const newest = names
      .filter((n) => !n.startsWith('.'))
      .sort()
      .reverse()
      .slice(0, RECENT_LIMIT)
    const recent: RecentSession[] = []
    for (const name of newest) {
      const dir = join(this.sessionsDir, name)
      const summary =
        current && resolve(current.dir) === resolve(dir)
          ? summarise(dir, current)
          : await this.summary(dir)
      if (summary) recent.push(summary)
    }
    // Forget sessions that are gone or have dropped off the list.
    const listed = new Set(newest.map((name) => join(this.sessionsDir, name)))
    for (const dir of this.cache.keys()) if (!listed.has(dir)) this.cache.delete(dir)
    return recent
  }

  private async summary(dir: string): Promise<RecentSession | undefined> {
    let size: number
    let mtimeMs: number
    try {
      ;({ size, mtimeMs } = await stat(join(dir, EVENTS_FILE)))
    } catch {
      // Not a session (or unreadable): the home screen lists sessions only.
      return undefined
    }
    const cached = this.cache.get(dir)
    if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.summary
    let session: Session
    try {
      session = await this.open(dir)
    } catch {
      return undefined
    }
    try {
      const summary = summarise(dir, session)
      this.cache.set(dir, { size, mtimeMs, summary })
      return summary
    } finally {
      await session.close()
    }
  }
}

function summarise(dir: string, session: Session): RecentSession {
  const state = session.state
  const decision = state.decisions[state.decisions.length - 1]
  return {
    ...sessionHeading(state, dir),
    ...(decision && { decision: decision.decision }),
    ...(session.report.problem && {
      problem: `line ${session.report.problem.line}: ${session.report.problem.message}`,
    }),
  }
}
