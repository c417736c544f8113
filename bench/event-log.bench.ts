// Session event log: acknowledged appends per second with group commit against one fsync per
// event (same run, same disk, same concurrency), and replay (read + verify chain + fold) of
// 100,000 events against bare JSON.parse of the same lines.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { sha256Hex } from '../src/shared/canonical'
import { planHash } from '../src/shared/plan/load'
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
const started: EventInput = {
  actor,
  type: 'session.started',
  data: {
    plan,
    planHash: planHash(plan),
    vars: {},
    source: 'bench.yaml',
    app: { name: 'gonogo', version: 'bench' },
  },
}
/**
 * A probe result as the engine records it: the verdict and a short reason in the event, the full
 * request/response evidence stored as an attachment and referred to by its SHA-256 (~380 bytes).
 */
const probeResult = (n: number): EventInput => ({
  actor: { name: 'probe engine' },
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

// 100,000 events, written directly (sealing is what append does, minus the fsyncs).
const replayDir = join(root, 'replay')
mkdirSync(replayDir, { recursive: true })
let head = EMPTY_HEAD
const lines: string[] = []
const time = new Date().toISOString()
for (let n = 0; n < 100_000; n++) {
  const event = sealEvent(n === 0 ? started : probeResult(n), head, time)
  head = { seq: event.seq, hash: event.hash }
  lines.push(eventLine(event))
}
writeFileSync(join(replayDir, EVENTS_FILE), lines.join('\n') + '\n')
const replay = async () => {
  const session = await Session.open(replayDir, { readOnly: true })
  if (session.state.head.seq !== 100_000 || session.report.problem) throw new Error('replay failed')
  await session.close()
}
await replay()
const runs: number[] = []
for (let i = 0; i < 5; i++) {
  const t0 = performance.now()
  await replay()
  runs.push(performance.now() - t0)
}
runs.sort((a, b) => a - b)
const replayMs = runs[2] as number
const parseMs = medianMs(() => lines.map((l) => JSON.parse(l) as unknown), 5, 1)
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
    figure: 'event log: replay 100,000 events (read + verify chain + fold)',
    value: round(replayMs),
    unit: 'ms',
    reference: `JSON.parse of the lines ${round(parseMs)} ms`,
    ratio: round(replayMs / parseMs),
    budget: '< 500 ms',
    pass: replayMs < 500,
  },
])
