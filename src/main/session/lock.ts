import { readFile, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describeIoError, SessionError } from './errors'

export const LOCK_FILE = 'writer.lock'

interface LockOwner {
  pid: number
  host: string
  since: string
}

export interface SessionLock {
  release(): Promise<void>
}

/**
 * One writer per session: two processes appending to the same chain would fork it. The lock is a
 * file holding the owner's pid; a lock left by a process that no longer runs (a crash, a SIGKILL)
 * is taken over, because that process can no longer write.
 */
export async function acquireLock(dir: string): Promise<SessionLock> {
  const path = join(dir, LOCK_FILE)
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, JSON.stringify(me), { flag: 'wx' })
      return {
        release: async () => {
          await unlink(path).catch(() => undefined)
        },
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new SessionError('io', `${dir}: cannot lock the session: ${describeIoError(e)}`)
    }
    const owner = await readOwner(path)
    if (owner && isAlive(owner)) {
      throw new SessionError(
        'locked',
        `${dir}: the session is open for writing in another process (pid ${owner.pid} on ${owner.host} since ${owner.since}); close it there first`,
      )
    }
    // Stale: the owner is gone. Remove its lock and try once more (another taker may win the race).
    await unlink(path).catch(() => undefined)
  }
  throw new SessionError('locked', `${dir}: another process took the session lock first`)
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>
    if (typeof owner.pid === 'number' && typeof owner.host === 'string')
      return { pid: owner.pid, host: owner.host, since: String(owner.since) }
  } catch {
    // An unreadable or half-written lock file is as good as no owner.
  }
  return undefined
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another host cannot be checked: treat it as held.
  if (owner.host !== hostname()) return true
  if (owner.pid === process.pid) return true
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
