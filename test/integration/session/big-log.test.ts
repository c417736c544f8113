import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EventLog, EVENTS_FILE } from '../../../src/main/session/event-log'
import { startLineHashes, WORKER_THRESHOLD_BYTES } from '../../../src/main/session/line-hashes'
import { arrayLines, lineHashesOf } from '../../../src/shared/session/chain'
import { Session } from '../../../src/main/session/session'
import type { EventInput } from '../../../src/shared/session/events'
import { sessionStartedEvent } from '../../../src/shared/session/started'
import { testPlan } from '../../helpers/session-log'
import { useTempDirs } from '../../helpers/temp-dir'

// A log over the worker threshold: its lines are hashed on a worker thread while this thread
// parses and folds them, and an edit found late must still stop the fold where it is.
const tempDir = useTempDirs('gonogo-big-log-')
const plan = testPlan()
const EVENTS = 12_000

const result = (n: number): EventInput => ({
  actor: { name: 'probe engine' },
  type: 'probe.result',
  data: {
    item: n % 2 === 0 ? 'health' : 'tls',
    status: n % 5 === 0 ? 'fail' : 'pass',
    ...(n % 5 === 0 && { reason: `body.checks.migrations.pending == 0 → ${n} == 0` }),
    observedAt: new Date(Date.parse('2026-11-22T10:00:00Z') + n).toISOString(),
    durationMs: 12.5,
    evidence: 'e'.repeat(64),
  },
})

async function bigSession(): Promise<{ dir: string; lines: string[] }> {
  const dir = tempDir()
  const log = await EventLog.create(
    dir,
    sessionStartedEvent(plan, { actor: { name: 'Ada' }, source: 'fixture.yaml', version: 'test' }),
  )
  for (let n = 0; n < EVENTS; n += 1000)
    await log.appendAll(Array.from({ length: 1000 }, (_, i) => result(n + i)))
  await log.close()
  const text = readFileSync(join(dir, EVENTS_FILE), 'utf8')
  expect(Buffer.byteLength(text)).toBeGreaterThan(WORKER_THRESHOLD_BYTES)
  return { dir, lines: text.split('\n').slice(0, -1) }
}

const rewrite = (dir: string, lines: string[]) =>
  writeFileSync(join(dir, EVENTS_FILE), lines.join('\n') + '\n')

describe('opening a log big enough for the hashing worker', () => {
  it('hashes each line from bytes (on the worker sharing with this thread, or here alone) exactly as the text hash does', async () => {
    const { dir, lines } = await bigSession()
    lines[7] = (lines[7] as string).replace(',"hash":"', ',"hash": "')
    // A nested member named hash comes before the top-level one; only the last one is cut out.
    lines[9] = (lines[9] as string).replace('"data":{', '"data":{"also":{"a":1,"hash":"x"},')
    // Non-ASCII text, and a line with no hash member at all right before a normal one.
    lines[11] = (lines[11] as string).replace('probe engine', 'probe engine – Zoë')
    lines[13] = '{"seq":14}'
    rewrite(dir, lines)
    const bytes = readFileSync(join(dir, EVENTS_FILE))
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length))
    shared.set(bytes)
    const source = arrayLines(lines)
    const onWorker = await startLineHashes(shared, shared.length, true).hashes()
    const inThread = await startLineHashes(shared, shared.length, false).hashes()
    const here = lineHashesOf(source)
    for (let i = 0; i < lines.length; i++) {
      expect(onWorker(i), `line ${i + 1}`).toBe(here(i))
      expect(inThread(i), `line ${i + 1}`).toBe(here(i))
    }
    expect(onWorker(7)).toBeUndefined()
    expect(onWorker(8)).toMatch(/^[0-9a-f]{64}$/)
    expect(onWorker(9)).toMatch(/^[0-9a-f]{64}$/)
    expect(inThread(11)).toMatch(/^[0-9a-f]{64}$/)
    expect(inThread(13)).toBeUndefined()
    expect(inThread(14)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('hashes a line longer than its copy window (a big plan in the start event) like the text hash', async () => {
    const long = JSON.stringify({ note: 'x'.repeat(600 * 1024), hash: 'a'.repeat(64), seq: 2 })
    const short = JSON.stringify({ data: { n: 1 }, hash: 'b'.repeat(64), seq: 1 })
    const lines = [short, long.replace(/"hash":/, '"ok":1,"hash":'), short]
    const bytes = Buffer.from(lines.join('\n') + '\n' + short.slice(0, 20))
    const hashes = await startLineHashes(bytes, bytes.length, false).hashes()
    const here = lineHashesOf(arrayLines(lines))
    for (let i = 0; i < lines.length; i++) {
      expect(hashes(i), `line ${i + 1}`).toBe(here(i))
      expect(hashes(i)).toMatch(/^[0-9a-f]{64}$/)
    }
    // The unterminated tail is no line.
    expect(hashes(3)).toBeUndefined()
  })

  it('verifies every line and folds the state', async () => {
    const { dir } = await bigSession()
    const session = await Session.open(dir, { readOnly: true })
    expect(session.report).toEqual({})
    expect(session.eventCount).toBe(EVENTS + 1)
    const health = session.state.items.find((i) => i.id === 'health')
    expect(health?.history).toHaveLength(EVENTS / 2)
    // The last result for health is n = 11998: a pass.
    expect(health?.observation).toMatchObject({ seq: EVENTS, status: 'pass' })
    await session.close()
  })

  it('reports an edit deep in the log and folds only what comes before it', async () => {
    const { dir, lines } = await bigSession()
    const at = 9_001 // seq 9,002: a failing result (n = 9,000) for health
    lines[at] = (lines[at] as string).replace('"status":"fail"', '"status":"pass"')
    rewrite(dir, lines)
    const session = await Session.open(dir)
    expect(session.readOnly).toBe(true)
    expect(session.report.problem).toMatchObject({ seq: 9_002, line: 9_002, kind: 'hash' })
    expect(session.eventCount).toBe(9_001)
    expect(session.state.head.seq).toBe(9_001)
    const health = session.state.items.find((i) => i.id === 'health')
    expect(health?.observation?.seq).toBe(9_000)
    expect(health?.history).toHaveLength(4_500)
    await session.close()
  })

  it('reads a log with non-ASCII text as UTF-8 (the ASCII shortcut is for all-ASCII logs only)', async () => {
    const dir = tempDir()
    const log = await EventLog.create(
      dir,
      sessionStartedEvent(plan, {
        actor: { name: 'Zoë' },
        source: 'fixture.yaml',
        version: 'test',
      }),
    )
    for (let n = 0; n < EVENTS; n += 1000)
      await log.appendAll(Array.from({ length: 1000 }, (_, i) => result(n + i)))
    await log.appendAll([{ ...result(1), actor: { name: 'Ünal – on call' } }])
    await log.close()
    const session = await Session.open(dir, { readOnly: true })
    expect(session.report).toEqual({})
    const tls = session.state.items.find((i) => i.id === 'tls')
    expect(tls?.history.at(-1)?.actor).toEqual({ name: 'Ünal – on call' })
    await session.close()
  })

  it('still verifies a line a tool reformatted (same event, not canonical text)', async () => {
    const { dir, lines } = await bigSession()
    const event = JSON.parse(lines[5_000] as string) as Record<string, unknown>
    lines[5_000] = JSON.stringify(event, null, 0).replace('{"', '{ "')
    rewrite(dir, lines)
    const session = await Session.open(dir, { readOnly: true })
    expect(session.report).toEqual({})
    expect(session.eventCount).toBe(EVENTS + 1)
    await session.close()
  })
})
