import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/ipc/dispatch'
import { AppServices, createHandlers, SESSION_PUSH_MS } from '../../src/main/ipc/handlers'
import { checkPush, type PushChannel } from '../../src/shared/ipc'

const scratch = mkdtempSync(join(tmpdir(), 'gonogo-window-channels-'))
const pushes: { channel: PushChannel; payload: unknown }[] = []
let nextOpen: string | undefined
const deps = {
  resourcesDir: resolve('resources'),
  sessionsDir: join(scratch, 'sessions'),
  chooseOpenFile: async () => nextOpen,
  chooseSaveFile: async () => undefined,
  publish: <C extends PushChannel>(channel: C, payload: unknown) => {
    pushes.push({ channel, payload })
  },
}
const services = new AppServices(deps)
const handlers = createHandlers(deps, services)
const call = (channel: string, request: unknown) =>
  dispatch(handlers, channel, request) as Promise<Record<string, unknown>>
afterAll(async () => {
  await services.dispose()
  rmSync(scratch, { recursive: true, force: true })
})

const settle = () => new Promise((r) => setTimeout(r, SESSION_PUSH_MS * 3))

describe('push channels and the window-session channels', () => {
  it('pushes every probe landing with its position, then the end of the run, each valid', async () => {
    await call('plan:load', { source: 'template', id: 'demo' })
    const started = await call('probes:run', { only: 'health' })
    expect(started.ok).toBe(true)
    for (let i = 0; i < 100 && !pushes.some((p) => (p.payload as { done?: boolean }).done); i++)
      await new Promise((r) => setTimeout(r, 50))
    const landings = pushes.filter((p) => p.channel === 'push:probe-result')
    expect(landings.map((p) => p.payload)).toEqual([
      expect.objectContaining({ runId: started.runId, position: 0, done: false, total: 1 }),
      { runId: started.runId, position: 1, done: true, total: 1 },
    ])
    for (const p of pushes) expect(() => checkPush(p.channel, p.payload)).not.toThrow()
    // The drawer's evidence for the item: the request, the status and every condition.
    const evidence = (await call('probes:evidence', { item: 'health' })) as {
      evidence: { evidence: { http: { status: number }; conditions: unknown[] } }
    }
    expect(evidence.evidence.evidence.http.status).toBe(200)
    expect(evidence.evidence.evidence.conditions.length).toBeGreaterThan(1)
    expect(await call('probes:evidence', { item: 'customer-confirms' })).toEqual({
      evidence: null,
    })
  })

  it('a payload that does not match its push schema never leaves main', () => {
    expect(() => checkPush('push:probe-result', { runId: 'run-1', position: -1 })).toThrow(
      /push:probe-result: invalid push: position/,
    )
    const before = pushes.length
    expect(() =>
      services.publish('push:menu-command', { command: 'format-disk' } as never),
    ).toThrow(/push:menu-command: invalid push: command/)
    expect(pushes.length).toBe(before)
  })

  it('session changes are pushed (gathered), and notes, attachments and history reach the drawer', async () => {
    pushes.length = 0
    const started = await call('session:start', { actor: 'Ada' })
    expect(started.ok).toBe(true)
    await call('session:mark', { item: 'customer-confirms', status: 'pass' })
    await call('session:note', { item: 'customer-confirms', text: 'Confirmed on the call' })
    await settle()
    const views = pushes.filter((p) => p.channel === 'push:session-changed')
    // Three changes within a moment: one push with the latest view.
    expect(views).toHaveLength(1)
    expect((views[0]!.payload as { view: { events: number } }).view.events).toBe(3)

    const file = join(scratch, 'call-notes.txt')
    writeFileSync(file, 'notes\n')
    nextOpen = file
    expect((await call('session:attach', { item: 'customer-confirms' })).ok).toBe(true)
    nextOpen = undefined
    expect(await call('session:attach', { item: 'customer-confirms' })).toEqual({
      ok: false,
      cancelled: true,
      message: 'nothing attached',
    })
    const detail = (await call('session:item', { item: 'customer-confirms' })) as {
      detail: {
        history: { status: string; by: string }[]
        notes: { text: string }[]
        attachments: { name: string; size: number }[]
      }
    }
    expect(detail.detail.history).toEqual([expect.objectContaining({ status: 'pass', by: 'Ada' })])
    expect(detail.detail.notes.map((n) => n.text)).toEqual(['Confirmed on the call'])
    expect(detail.detail.attachments).toEqual([
      expect.objectContaining({ name: 'call-notes.txt', size: 6 }),
    ])
    expect(await call('session:item', { item: 'nope' })).toEqual({
      ok: false,
      message: 'no item `nope` in the plan',
    })
  })

  it('lists recent sessions and resumes one; a path outside the sessions directory is refused', async () => {
    const recent = (await dispatch(handlers, 'session:recent', {})) as {
      dir: string
      planName: string
      events: number
    }[]
    expect(recent).toHaveLength(1)
    expect(recent[0]).toMatchObject({ planName: 'Demo launch (assisted onboarding)', events: 4 })

    await call('plan:load', { source: 'template', id: 'saas-launch' })
    pushes.length = 0
    const resumed = await call('session:resume', { dir: recent[0]!.dir, actor: 'Grace' })
    expect(resumed.ok).toBe(true)
    expect((resumed.view as { events: number }).events).toBe(4)
    // The demo plan comes back with this run's demo target.
    expect((resumed.plan as { vars: { target: string } }).vars.target).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+$/,
    )
    await call('session:mark', { item: 'health', status: 'na', note: 'covered by the canary' })
    const detail = (await call('session:item', { item: 'health' })) as {
      detail: { history: { by: string }[] }
    }
    expect(detail.detail.history.at(-1)?.by).toBe('Grace')

    for (const dir of [scratch, join(deps.sessionsDir, '..', 'x'), '/etc']) {
      const refused = await call('session:resume', { dir, actor: 'Mallory' })
      expect(refused).toEqual({ ok: false, message: `${dir}: not one of this app's sessions` })
    }
  })

  it('a dropped file is loaded from its text, errors named by the file name', async () => {
    const broken = await call('plan:load', {
      source: 'text',
      name: 'dropped.yaml',
      text: 'name: x\nphases: 3\n',
    })
    expect(broken.ok).toBe(false)
    expect((broken.errors as { file: string; line: number }[])[0]).toMatchObject({
      file: 'dropped.yaml',
      line: 2,
    })
    const md = await call('plan:load', {
      source: 'text',
      name: 'launch.md',
      text: '# Dropped\n\n## Go\n\n- [ ] Ship it\n',
    })
    expect((md.value as { plan: { name: string } }).plan.name).toBe('Dropped')
  })
})
