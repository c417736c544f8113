import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sessionStartedEvent } from '../../src/shared/session/started'
import { PlanSchema, type Plan, type PlanInput } from '../../src/shared/plan/schema'
import { EMPTY_HEAD, sealEvent, type ChainHead } from '../../src/shared/session/chain'
import type { Actor, SessionEvent } from '../../src/shared/session/events'

/** The lines of a session directory's events.jsonl, as written. */
export const logLines = (dir: string): string[] =>
  readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n').filter(Boolean)

export const MIN = 60_000
/** Session start in every fixture; offsets are from here. */
export const T0 = Date.parse('2026-11-22T10:00:00.000Z')
export const CAPTAIN: Actor = { name: 'Ada', role: 'Release Captain' }

/** A small launch plan: two phases, a blocking probe item with a 10m window, a non-blocking item. */
export function testPlan(overrides: Partial<PlanInput> = {}): Plan {
  return PlanSchema.parse({
    name: 'Fixture launch',
    roles: ['CTO', 'SRE Lead'],
    freshness: '15m',
    phases: [
      {
        id: 'pre',
        title: 'Pre-deploy',
        items: [
          { id: 'health', title: 'Health endpoint', freshness: '10m' },
          { id: 'migrations', title: 'Migrations reviewed' },
          { id: 'docs', title: 'Docs updated', blocking: false },
        ],
      },
      {
        id: 'infra',
        title: 'Infrastructure',
        items: [
          { id: 'tls', title: 'TLS certificate' },
          { id: 'canary', title: 'Canary stable' },
        ],
      },
    ],
    ...overrides,
  })
}

export interface Step {
  /** Minutes after T0. */
  at: number
  type: string
  data: Record<string, unknown>
  actor?: Actor
}

/** A sealed, hash-chained log: session.started at T0 and then the steps. */
export class LogBuilder {
  readonly events: SessionEvent[] = []
  private head: ChainHead = EMPTY_HEAD

  constructor(
    readonly plan: Plan = testPlan(),
    vars: Record<string, string> = {},
    environment?: string,
  ) {
    const started = sessionStartedEvent(plan, {
      actor: CAPTAIN,
      vars,
      environment,
      source: 'fixture.yaml',
      version: 'test',
    })
    this.add({ at: 0, ...started })
  }

  add(step: Step): this {
    const event = sealEvent(
      { actor: step.actor ?? CAPTAIN, type: step.type, data: step.data },
      this.head,
      new Date(T0 + step.at * MIN).toISOString(),
    )
    this.head = { seq: event.seq, hash: event.hash }
    this.events.push(event)
    return this
  }

  mark(at: number, item: string, status: string, reason?: string): this {
    return this.add({ at, type: 'item.status', data: { item, status, ...(reason && { reason }) } })
  }

  probe(at: number, item: string, status: 'pass' | 'fail', reason?: string): this {
    return this.add({
      at,
      type: 'probe.result',
      actor: { name: 'probe engine' },
      data: { item, status, ...(reason && { reason }) },
    })
  }

  waive(at: number, item: string, role: string, reason: string, expiresInMin?: number): this {
    const expiresAt =
      expiresInMin === undefined
        ? undefined
        : new Date(T0 + (at + expiresInMin) * MIN).toISOString()
    return this.add({
      at,
      type: 'item.status',
      data: { item, status: 'waived', reason, waiver: { role, ...(expiresAt && { expiresAt }) } },
    })
  }

  /** Mark every item but the listed ones as passed (manual marks do not go stale). */
  passAllBut(at: number, ...except: string[]): this {
    for (const phase of this.plan.phases)
      for (const item of phase.items) if (!except.includes(item.id)) this.mark(at, item.id, 'pass')
    return this
  }

  signoff(at: number, role: string, digest: string, signer = `${role} signer`): this {
    return this.add({
      at,
      type: 'signoff.added',
      actor: { name: signer, role },
      data: { role, signer, digest },
    })
  }
}

/** Milliseconds of `minutes` after T0, for `now` arguments. */
export const at = (minutes: number) => T0 + minutes * MIN
