import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { sessionStartedEvent } from '../../../src/shared/session/started'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyLines } from '../../../src/shared/session/chain'
import type { EventInput } from '../../../src/shared/session/events'
import { EventLog, EVENTS_FILE } from '../../../src/main/session/event-log'
import { LOCK_FILE } from '../../../src/main/session/lock'
import { logLines as fileLines, testPlan } from '../../helpers/session-log'
import { useTempDirs } from '../../helpers/temp-dir'

const tempDir = useTempDirs()
const actor = { name: 'Ada' }
const plan = testPlan()
const started = sessionStartedEvent(plan, { actor, source: 'fixture.yaml', version: 'test' })
const note = (n: number): EventInput => ({
  actor,
  type: 'item.note',
  data: { item: 'docs', text: `note ${n}` },
})

describe('event log on disk', () => {
  it('acknowledges an append only once it is in the file, and reopening verifies the chain', async () => {
    const dir = tempDir()
    const log = await EventLog.create(dir, started)
    const event = await log.append(note(1))
    // Acknowledged: the line is in the file before close.
    expect(fileLines(dir)).toHaveLength(2)
    expect(JSON.parse(fileLines(dir)[1] ?? '')).toEqual(event)
    await log.close()
    const reopened = await EventLog.open(dir)
    expect(reopened.report).toEqual({})
    expect(reopened.head).toEqual({ seq: 2, hash: event.hash })
    await reopened.close()
  })

  it('batches concurrent appends into few writes (group commit), in order, without gaps', async () => {
    const dir = tempDir()
    const log = await EventLog.create(dir, started)
    const before = { ...log.stats }
    const acks = await Promise.all(Array.from({ length: 300 }, (_, n) => log.append(note(n))))
    const writes = log.stats.writes - before.writes
    expect(log.stats.events - before.events).toBe(300)
    expect(writes).toBeLessThan(30)
    expect(acks.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, n) => n + 2))
    await log.close()
    const chain = verifyLines(fileLines(dir))
    expect(chain.problem).toBeUndefined()
    expect(chain.head.seq).toBe(301)
  })

  it('with maxBatch 1 every event costs its own write and fsync', async () => {
    const dir = tempDir()
    const log = await EventLog.create(dir, started, { maxBatch: 1 })
    await Promise.all(Array.from({ length: 20 }, (_, n) => log.append(note(n))))
    expect(log.stats.writes).toBe(21)
    await log.close()
  })

  it('appends a group atomically and fails only the append whose data JSON cannot hold', async () => {
    const dir = tempDir()
    const log = await EventLog.create(dir, started)
    const [good, bad, alsoGood] = await Promise.allSettled([
      log.appendAll([note(1), note(2)]),
      log.append({ actor, type: 'item.note', data: { item: 'docs', text: 'x', n: Number.NaN } }),
      log.append(note(3)),
    ])
    expect(good.status).toBe('fulfilled')
    expect(bad.status).toBe('rejected')
    if (bad.status === 'rejected')
      expect(String(bad.reason)).toMatch(/NaN is not representable in JSON/)
    expect(alsoGood.status === 'fulfilled' && alsoGood.value.seq).toBe(4)
    await log.close()
    expect(verifyLines(fileLines(dir)).head.seq).toBe(4)
  })

  it('cuts a torn last line (a crash mid-write) and keeps every complete event', async () => {
    const dir = tempDir()
    const log = await EventLog.create(dir, started)
    await log.append(note(1))
    await log.close()
    const path = join(dir, EVENTS_FILE)
    const complete = statSync(path).size
    appendFileSync(path, '{"actor":{"name":"Ada"},"data":{"item":"do')
    // A read-only open reports it but leaves the file alone.
    const readOnly = await EventLog.open(dir, { readOnly: true })
    expect(readOnly.report.torn).toEqual({ bytes: 42, repaired: false })
    expect(statSync(path).size).toBe(complete + 42)
    await readOnly.close()
    const reopened = await EventLog.open(dir)
    expect(reopened.report.torn).toEqual({ bytes: 42, repaired: true })
    expect(reopened.head.seq).toBe(2)
    expect(statSync(path).size).toBe(complete)
    // And appending continues the chain.
    expect((await reopened.append(note(2))).seq).toBe(3)
    await reopened.close()
    expect(verifyLines(fileLines(dir)).problem).toBeUndefined()
  })

  it('opens a tampered log read-only, with the first bad seq, and refuses appends', async () => {
    const dir = tempDir()
    const log = await EventLog.create(dir, started)
    await log.appendAll([note(1), note(2), note(3)])
    await log.close()
    const path = join(dir, EVENTS_FILE)
    writeFileSync(path, readFileSync(path, 'utf8').replace('note 2', 'note X'))
    const opened = await EventLog.open(dir)
    expect(opened.readOnly).toBe(true)
    expect(opened.report.problem).toMatchObject({ seq: 3, kind: 'hash' })
    expect(opened.head.seq).toBe(2)
    await expect(opened.append(note(4))).rejects.toThrow(
      /cannot append: the log does not verify at seq 3/,
    )
    // Read-only: no writer lock was left behind.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    await opened.close()
  })

  it('lets one process write a session at a time, and takes over the lock of a dead one', async () => {
    const dir = tempDir()
    const log = await EventLog.create(dir, started)
    await expect(EventLog.open(dir)).rejects.toThrow(
      /open for writing in another process \(pid \d+/,
    )
    // Readers are welcome while a writer holds the session.
    const reader = await EventLog.open(dir, { readOnly: true })
    expect(reader.head.seq).toBe(1)
    await reader.close()
    await log.close()
    // A lock left by a process that no longer exists (pid far above pid_max) is stale.
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({
        pid: 2 ** 22 + 1,
        host: (await import('node:os')).hostname(),
        since: 'then',
      }),
    )
    const next = await EventLog.open(dir)
    expect(next.readOnly).toBe(false)
    await next.close()
  })

  it('reports a missing session and an unwritable one as one clear line', async () => {
    const dir = tempDir()
    await expect(EventLog.open(join(dir, 'nope'))).rejects.toThrow(
      /nope: no session here \(events.jsonl not found\)/,
    )
    await expect(EventLog.create(join(dir, 'nope'), started)).rejects.toThrow(
      /cannot lock the session: no such file or directory/,
    )
  })

  it('rejects an append whose write fails, acknowledges nothing, and refuses further appends', async () => {
    const dir = tempDir()
    const log = await EventLog.create(dir, started)
    await log.append(note(1))
    const size = statSync(join(dir, EVENTS_FILE)).size
    // Closing the file under the log makes its next write fail the way a dead disk would.
    await (log as unknown as { file: { close(): Promise<void> } }).file.close()
    await expect(log.append(note(2))).rejects.toThrow(/cannot write the session log: EBADF/)
    expect(statSync(join(dir, EVENTS_FILE)).size).toBe(size)
    await expect(log.append(note(3))).rejects.toThrow(
      /could not be repaired after a failed write; reopen the session/,
    )
  })
})
