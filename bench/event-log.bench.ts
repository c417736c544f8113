// Session event log: acknowledged appends per second with group commit against one fsync per
// event (same run, same disk, same concurrency), and replay (read + verify chain + fold) of
// 100,000 events against bare JSON.parse of the same lines. Run by `npm run bench` (bundled, on node).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { sessionStartedEvent } from '../src/shared/session/started'
import { join, resolve } from 'node:path'
import { sha256Hex } from '../src/shared/canonical'
import { PlanSchema } from '../src/shared/plan/schema'
import { eventLine, sealEvent, EMPTY_HEAD } from '../src/shared/session/chain'
import type { EventInput } from '../src/shared/session/events'
import { EventLog, EVENTS_FILE } from '../src/main/session/event-log'
import { Session } from '../src/main/session/session'
import { medianMs, report, round } from './measure'

// On the project's disk, not /tmp (often tmpfs, where fsync costs nothing).
const root = resolve('.tmp/bench-event-log')
rmSync(root, { recursive: true, force: true })
mkdirSync(root, { recursive: true })

const plan = PlanSchema.parse({
  name: 'Bench session',
  roles: ['CTO', 'SRE Lead'],
  phases: Array.from({ length: 20 }, (_, p) => ({
    id: `phase-${p}`,
    title: `Phase ${p}`,
    items: Array.from({ length: 50 }, (_, i) => ({ id: `item-${p}-${i}`, title: `Item ${i}` })),
  })),
})
const actor = { name: 'Bench', role: 'SRE Lead' }
const started = sessionStartedEvent(plan, { actor, source: 'bench.yaml', version: 'bench' })
/**
 * A probe result as the engine records it (Session.probeResultEvent): the verdict and reason in the
 * event, the full request/response evidence in an attachment the event names by SHA-256.
 */
const probeResult = (n: number): EventInput => ({
  actor: { name: 'gonogo check' },
  type: 'probe.result',
  data: {
    item: `item-${n % 20}-${n % 50}`,
    status: n % 7 === 0 ? 'fail' : 'pass',
    ...(n % 7 === 0 && { reason: 'body.checks.migrations.pending == 0 → 3 == 0' }),
    observedAt: new Date(1_800_000_000_000 + n * 10).toISOString(),
    durationMs: 42.7,
    evidence: sha256Hex(`evidence ${n}`),
  },
})

async function appendsPerSecond(
  label: string,
  maxBatch: number,
  total: number,
  writers = 64,
): Promise<number> {
  const dir = join(root, label)
  mkdirSync(dir, { recursive: true })
  const log = await EventLog.create(dir, started, { maxBatch })
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < total) await log.append(probeResult(next++))
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  await log.close()
  return total / seconds
}

const grouped = await appendsPerSecond('group', Infinity, 20_000)
const single = await appendsPerSecond('single', 1, 1_000)

/** Replay (open read-only: read, verify every hash and link, fold) of 100,000 events. */
async function replay(name: string, event: (n: number) => EventInput) {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  let head = EMPTY_HEAD
  const lines: string[] = []
  const time = new Date().toISOString()
  for (let n = 0; n < 100_000; n++) {
    const sealed = sealEvent(n === 0 ? started : event(n), head, time)
    head = { seq: sealed.seq, hash: sealed.hash }
    lines.push(eventLine(sealed))
  }
  writeFileSync(join(dir, EVENTS_FILE), lines.join('\n') + '\n')
  const open = async () => {
    const session = await Session.open(dir, { readOnly: true })
    if (session.state.head.seq !== 100_000 || session.report.problem)
      throw new Error('replay failed')
    await session.close()
  }
  await open()
  const runs: number[] = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    await open()
    runs.push(performance.now() - t0)
  }
  runs.sort((a, b) => a - b)
  const bytes = lines.reduce((n, l) => n + l.length + 1, 0)
  return {
    ms: runs[2] as number,
    parseMs: medianMs(() => lines.map((l) => JSON.parse(l) as unknown), 5, 1),
    avgBytes: Math.round(bytes / lines.length),
  }
}
const replayed = await replay('replay', probeResult)
rmSync(root, { recursive: true, force: true })

report([
  {
    figure: 'event log: acknowledged appends/s, group commit (64 writers)',
    value: Math.round(grouped),
    unit: 'appends/s',
    reference: `one fsync per event ${Math.round(single)} appends/s`,
    ratio: round(grouped / single),
    budget: '≥ 5,000/s',
    pass: grouped >= 5000,
  },
  {
    figure: `event log: replay 100,000 events (probe results, ~${replayed.avgBytes} B each; read + verify + fold)`,
    value: round(replayed.ms),
    unit: 'ms',
    reference: `JSON.parse of the lines ${round(replayed.parseMs)} ms`,
    ratio: round(replayed.ms / replayed.parseMs),
    budget: '< 500 ms',
    pass: replayed.ms < 500,
  },
])
