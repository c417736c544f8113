import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPlanFile } from '../../../src/main/plans/plan-files'
import { EVENTS_FILE } from '../../../src/main/session/event-log'
import { RECENT_LIMIT, RecentSessions } from '../../../src/main/session/recent'
import { Session } from '../../../src/main/session/session'
import { noteCommand } from '../../../src/shared/session/commands'
import { useTempDirs } from '../../helpers/temp-dir'

const tempDir = useTempDirs('gonogo-recent-')
const ada = { name: 'Ada' }

async function newSession(dir: string): Promise<Session> {
  const plan = await loadPlanFile(resolve('test/fixtures/plans/small-launch.yaml'))
  if (!plan.ok) throw new Error('fixture plan invalid')
  return Session.create(dir, plan.value, ada)
}

async function addNote(session: Session, text: string): Promise<void> {
  const note = noteCommand(session.state, ada, { item: session.state.items[0]!.id, text })
  if (!note.ok) throw new Error(note.message)
  await session.record([note.event])
}

/** A RecentSessions that counts how many logs it replays. */
function counting(root: string): { recent: RecentSessions; opened: string[] } {
  const opened: string[] = []
  const recent = new RecentSessions(root, (dir) => {
    opened.push(dir)
    return Session.open(dir, { readOnly: true })
  })
  return { recent, opened }
}

describe('recent sessions', () => {
  it('replays a log once, and again only after it changes', async () => {
    const root = tempDir()
    const first = await newSession(join(root, '2026-11-22T10-00-00-a'))
    await first.close()
    const second = await newSession(join(root, '2026-11-22T11-00-00-b'))
    await addNote(second, 'checked')
    await second.close()
    const { recent, opened } = counting(root)

    const listed = await recent.list()
    expect(listed.map((s) => [s.dir, s.events])).toEqual([
      [join(root, '2026-11-22T11-00-00-b'), 2],
      [join(root, '2026-11-22T10-00-00-a'), 1],
    ])
    expect(opened).toHaveLength(2)

    opened.length = 0
    expect(await recent.list()).toEqual(listed)
    expect(opened).toEqual([])

    // An append anywhere (here: another process's session) makes that one summary stale.
    const reopened = await Session.open(join(root, '2026-11-22T10-00-00-a'))
    await addNote(reopened, 'later')
    await reopened.close()
    const after = await recent.list()
    expect(opened).toEqual([join(root, '2026-11-22T10-00-00-a')])
    expect(after[1]).toMatchObject({ events: 2 })
  })

  it("summarises the window's own session from its live state, without replaying it", async () => {
    const root = tempDir()
    const live = await newSession(join(root, '2026-11-22T12-00-00-live'))
    const { recent, opened } = counting(root)
    await addNote(live, 'one')
    expect((await recent.list(live))[0]).toMatchObject({ events: 2 })
    await addNote(live, 'two')
    expect((await recent.list(live))[0]).toMatchObject({ events: 3 })
    expect(opened).toEqual([])
    await live.close()
  })

  it('shows a log that no longer verifies with its problem, and skips what is not a session', async () => {
    const root = tempDir()
    const session = await newSession(join(root, '2026-11-22T13-00-00-tampered'))
    await addNote(session, 'real')
    await session.close()
    const { recent } = counting(root)
    expect((await recent.list())[0]?.problem).toBeUndefined()

    appendFileSync(join(root, '2026-11-22T13-00-00-tampered', EVENTS_FILE), '{"seq":99}\n')
    mkdirSync(join(root, '2026-11-22T14-00-00-not-a-session'))
    writeFileSync(join(root, '2026-11-22T14-00-00-not-a-session', 'notes.txt'), 'hello')
    const listed = await recent.list()
    expect(listed).toHaveLength(1)
    expect(listed[0]?.problem).toMatch(/^line 3: /)
  })

  it(`lists the newest ${RECENT_LIMIT}`, async () => {
    const root = tempDir()
    for (let i = 0; i < RECENT_LIMIT + 2; i++) {
      const s = await newSession(join(root, `2026-11-22T15-00-${String(i).padStart(2, '0')}`))
      await s.close()
    }
    const listed = await new RecentSessions(root).list()
    expect(listed).toHaveLength(RECENT_LIMIT)
    expect(listed[0]?.dir).toBe(join(root, `2026-11-22T15-00-${RECENT_LIMIT + 1}`))
  })
})
