import type { Handlers } from '../../shared/ipc'
import { activityPage } from '../../shared/session/activity'
import { ActivityLog } from '../session/activity-log'
import type { AppServices } from './handlers'

/** The timeline channel: pages of the open session's activity, read from its log as it grows. */
export function activityHandlers(services: AppServices): Pick<Handlers, 'session:activity'> {
  let log: ActivityLog | undefined
  return {
    'session:activity': async (request) => {
      const session = services.session
      if (!session) return { ok: false, message: 'start a session first' }
      if (log?.dir !== session.dir) log = new ActivityLog(session.dir)
      await log.refresh(session.eventCount)
      return {
        ok: true,
        ...activityPage(log.entries, {
          limit: request.limit,
          ...(request.before !== undefined && { before: request.before }),
          ...(request.kinds && { kinds: request.kinds }),
          ...(request.query !== undefined && { query: request.query }),
        }),
      }
    },
  }
}
