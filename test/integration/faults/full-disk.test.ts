import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPlanFile } from '../../../src/main/plans/plan-files'
import { SessionError } from '../../../src/main/session/errors'
import { EVENTS_FILE } from '../../../src/main/session/event-log'
import { Session } from '../../../src/main/session/session'
import { noteCommand } from '../../../src/shared/session/commands'
import { verifyLines } from '../../../src/shared/session/chain'
import { useTempDirs } from '../../helpers/temp-dir'

const tempDir = useTempDirs('gonogo-full-disk-')

/** A 192 KiB tmpfs: the session fills it within a few hundred events. Needs root (mount). */
function smallDisk(): { dir: string; unmount: () => void } {
  const dir = join(tempDir(), 'disk')
  mkdirSync(dir)
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=192k', 'tmpfs', dir], {
    encoding: 'utf8',
  })
  if (r.status !== 0)
    throw new Error(
      `the full-disk test mounts a small tmpfs and needs root (mount -t tmpfs): ${r.stderr || r.error?.message}`,
    )
  return { dir, unmount: () => void spawnSync('umount', ['-l', dir]) }
}

describe('a full disk while appending', () => {
  it('fails the append with a clear error and leaves a log that verifies, with every acknowledged event', async () => {
    const disk = smallDisk()
    try {
      const plan = await loadPlanFile(resolve('test/fixtures/plans/small-launch.yaml'))
      if (!plan.ok) throw new Error('fixture plan invalid')
      const session = await Session.create(join(disk.dir, 'session'), plan.value, { name: 'Ada' })
      const actor = { name: 'Ada' }
      let acknowledged = session.eventCount
      let failure: unknown
      for (let i = 0; i < 10_000 && !failure; i++) {
        const note = noteCommand(session.state, actor, {
          item: 'health',
          text: `note ${i}: ${'x'.repeat(1800)}`,
        })
        if (!note.ok) throw new Error(note.message)
        try {
          await session.record([note.event])
          acknowledged++
        } catch (e) {
          failure = e
        }
      }
      expect(failure).toBeInstanceOf(SessionError)
      expect((failure as Error).message).toMatch(
        /cannot write the session log: no space left on the device/,
      )
      expect(acknowledged).toBeGreaterThan(20)
      await session.close()

      // The log on the full disk verifies and holds exactly what was acknowledged.
      const lines = readFileSync(join(disk.dir, 'session', EVENTS_FILE), 'utf8')
        .split('\n')
        .filter(Boolean)
      expect(lines).toHaveLength(acknowledged)
      expect(verifyLines(lines).problem).toBeUndefined()
      const reopened = await Session.open(join(disk.dir, 'session'), { readOnly: true })
      expect(reopened.report.problem).toBeUndefined()
      expect(reopened.eventCount).toBe(acknowledged)
      expect(reopened.state.items.find((i) => i.id === 'health')?.notes).toHaveLength(
        acknowledged - 1,
      )
      await reopened.close()
    } finally {
      disk.unmount()
    }
  }, 60_000)
})
