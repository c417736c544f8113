import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { coalesced, fsyncDirectory } from '../../../src/main/session/fs-sync'

/** An operation that finishes when told to, recording when each run started. */
function controlled() {
  const started: number[] = []
  const finishers: ((error?: Error) => void)[] = []
  const run = () =>
    new Promise<void>((resolve, reject) => {
      started.push(started.length + 1)
      finishers.push((error) => (error ? reject(error) : resolve()))
    })
  const finish = async (error?: Error) => {
    finishers.shift()?.(error)
    // Let the settled run's callbacks (and the next run's start) happen.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { run, started, finish }
}

describe('coalesced (directory fsyncs shared by callers)', () => {
  it('gives each caller a run that started after it asked, shared by those who asked meanwhile', async () => {
    const op = controlled()
    const sync = coalesced(op.run)
    const first = sync()
    expect(op.started).toEqual([1])
    // Asked while run 1 is in flight: they need run 2, which starts only after run 1.
    const second = sync()
    const third = sync()
    let secondDone = false
    void second.then(() => (secondDone = true))
    await op.finish()
    await first
    expect(op.started).toEqual([1, 2])
    expect(secondDone).toBe(false)
    await op.finish()
    await Promise.all([second, third])
    // Nothing in flight: the next caller starts a run of its own at once.
    const fourth = sync()
    expect(op.started).toEqual([1, 2, 3])
    await op.finish()
    await fourth
  })

  it('reports a failed run to its own callers only; the next run still happens', async () => {
    const op = controlled()
    const sync = coalesced(op.run)
    const first = sync()
    const second = sync()
    await op.finish(new Error('EIO'))
    await expect(first).rejects.toThrow('EIO')
    expect(op.started).toEqual([1, 2])
    await op.finish()
    await expect(second).resolves.toBeUndefined()
  })
})

describe('fsyncDirectory', () => {
  it('syncs a real directory, many callers at once, and fails clearly for a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gonogo-fsync-'))
    try {
      await Promise.all(Array.from({ length: 20 }, () => fsyncDirectory(dir)))
      await expect(fsyncDirectory(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
