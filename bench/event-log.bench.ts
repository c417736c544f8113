// Session event log: acknowledged appends per second with group commit against one fsync per
// event (same disk, same concurrency, rounds interleaved), and replay (read + verify chain + fold)
// of 100,000 events against bare JSON.parse of the same lines, interleaved: once as the machine
// gives it, and once in a child process pinned to one CPU (`taskset -c 0`), where the hashing
// cannot have a core of its own. Run by `npm run bench` (bundled, on node).
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { sessionStartedEvent } from '../src/shared/session/started'
import { join, resolve } from 'node:path'
import { sha256Hex } from '../src/shared/canonical'
import { PlanSchema } from '../src/shared/plan/schema'
import { eventLine, sealEvent, EMPTY_HEAD } from '../src/shared/session/chain'
import type { EventInput } from '../src/shared/session/events'
import { EventLog, EVENTS_FILE } from '../src/main/session/event-log'
import { Session } from '../src/main/session/session'
import { describe, interleaved, report, round, spreadOf, stats, type Stats } from './measure'

/** Set in the pinned child: measure the replay only, print it, exit. */
const PINNED_CHILD = process.env.GONOGO_BENCH_REPLAY_ONLY === '1'

// On the project's disk, not /tmp (often tmpfs, where fsync costs nothing).
const root = resolve(PINNED_CHILD ? '.tmp/bench-event-log-pinned' : '.tmp/bench-event-log')
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

async function appendsPerSecond(label: string, maxBatch: number, total: number, writers = 64) {
  const dir = join(root, label)
  rmSync(dir, { recursive: true, force: true })
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

/** Replay (open read-only: read, verify every hash and link, fold) of 100,000 events, interleaved with JSON.parse of the lines. */
async function replay(name: string, event: (n: number) => EventInput, rounds: number) {
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
  const times = await interleaved(
    { replay: open, parse: () => lines.map((l) => JSON.parse(l) as unknown) },
    rounds,
    1,
  )
  const bytes = lines.reduce((n, l) => n + l.length + 1, 0)
  return { ...times, avgBytes: Math.round(bytes / lines.length) }
}

if (PINNED_CHILD) {
  const r = await replay('replay', probeResult, 7)
  rmSync(root, { recursive: true, force: true })
  console.log(`REPLAY ${JSON.stringify(r)}`)
  process.exit(0)
}

// Interleaved rounds of each way of committing, appends per second in each round.
const grouped: number[] = []
const single: number[] = []
for (let round = 0; round < 5; round++) {
  grouped.push(await appendsPerSecond('group', Infinity, 5_000))
  single.push(await appendsPerSecond('single', 1, 300))
}
const groupedS = stats(grouped)
const singleS = stats(single)

const replayed = await replay('replay', probeResult, 7)
rmSync(root, { recursive: true, force: true })

/** The same replay in a child process that may run on CPU 0 only. */
function pinnedReplay(): { replay: Stats; parse: Stats } | { error: string } {
  const r = spawnSync('taskset', ['-c', '0', process.execPath, process.argv[1]!], {
    encoding: 'utf8',
    env: { ...process.env, GONOGO_BENCH_REPLAY_ONLY: '1' },
    maxBuffer: 16 * 1024 * 1024,
  })
  const line = r.stdout?.split('\n').find((l) => l.startsWith('REPLAY '))
  if (r.error || r.status !== 0 || !line)
    return {
      error: `taskset -c 0 failed: ${r.error?.message ?? r.stderr.trim().split('\n').at(-1)}`,
    }
  return JSON.parse(line.slice(7)) as { replay: Stats; parse: Stats }
}
const pinned = pinnedReplay()

const REPLAY_BUDGET = 2.5
const replayFigure = (label: string, r: { replay: Stats; parse: Stats }) => ({
  figure: `event log: replay 100,000 events (probe results, ~${replayed.avgBytes} B each; read + verify + fold)${label}`,
  value: round(r.replay.median),
  unit: 'ms',
  spread: spreadOf(r.replay),
  reference: `JSON.parse of the lines ${describe(r.parse)}`,
  ratio: round(r.replay.median / r.parse.median),
  budget: `≤ ${REPLAY_BUDGET}× JSON.parse`,
  pass: r.replay.median / r.parse.median <= REPLAY_BUDGET,
})

report([
  {
    figure: 'event log: acknowledged appends/s, group commit (64 writers)',
    value: Math.round(groupedS.median),
    unit: 'appends/s',
    spread: spreadOf(groupedS, 0),
    reference: `one fsync per event ${describe(singleS, 'appends/s', 0)}`,
    ratio: round(groupedS.median / singleS.median),
    budget: '≥ 5× one fsync per event',
    pass: groupedS.median / singleS.median >= 5,
  },
  replayFigure('', replayed),
  'error' in pinned
    ? {
        figure: 'event log: replay 100,000 events, one CPU (taskset -c 0)',
        value: NaN,
        unit: 'ms',
        reference: pinned.error,
        ratio: null,
        budget: `≤ ${REPLAY_BUDGET}× JSON.parse`,
        pass: false,
      }
    : replayFigure(', one CPU (taskset -c 0)', pinned),
])
