import { planHash } from '../plan/hash'
import type { Plan } from '../plan/schema'
import { GONOGO_NAME, GONOGO_VERSION } from '../version'
import type { Actor, EventInput } from './events'

/**
 * The first event of every session: the whole validated plan, its hash, the vars, the environment
 * they came from (only when there is one, so sessions without keep their old shape), the app.
 */
export function sessionStartedEvent(
  plan: Plan,
  options: {
    actor: Actor
    vars?: Record<string, string>
    environment?: string | undefined
    source: string
    version?: string
  },
): EventInput {
  return {
    actor: options.actor,
    type: 'session.started',
    data: {
      plan,
      planHash: planHash(plan),
      vars: options.vars ?? {},
      ...(options.environment !== undefined && { environment: options.environment }),
      source: options.source,
      app: { name: GONOGO_NAME, version: options.version ?? GONOGO_VERSION },
    },
  }
}
