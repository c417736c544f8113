import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_KEYS } from '../../src/main/demo/server'
import { dispatch } from '../../src/main/ipc/dispatch'
import { AppServices, createHandlers } from '../../src/main/ipc/handlers'
import { invokeChannels, type PushChannel } from '../../src/shared/ipc'

const scratch = mkdtempSync(join(tmpdir(), 'gonogo-activity-'))
const deps = {
  resourcesDir: resolve('resources'),
  sessionsDir: join(scratch, 'sessions'),
  chooseOpenFile: async () => undefined,
  chooseSaveFile: async () => undefined,
  publish: <C extends PushChannel>(_channel: C, _payload: unknown) => undefined,
}
const services = new AppServices(deps)
const handlers = createHandlers(deps, services)
const call = (channel: string, request: unknown) =>
  dispatch(handlers, channel, request) as Promise<Record<string, unknown>>
afterAll(async () => {
  await services.dispose()
  rmSync(scratch, { recursive: true, force: true })
})

type Page = {
  ok: true
  entries: { seq: number; kind: string; text: string }[]
  total: number
  next?: number
}

describe('session:activity, the timeline channel', () => {
  it('answers "start a session first" without one, and refuses a malformed request', async () => {
    expect(await call('session:activity', {})).toEqual({
      ok: false,
      message: 'start a session first',
    })
    await expect(call('session:activity', { limit: 1000 })).rejects.toThrow(
      /session:activity: invalid request: limit/,
    )
    await expect(call('session:activity', { kinds: ['everything'] })).rejects.toThrow(/kinds/)
  })

  it('pages the open session log newest first, filtered, redacted, and follows it as it grows', async () => {
    await call('plan:load', { source: 'template', id: 'demo' })
    expect((await call('session:start', { actor: 'Ada', role: 'Release Captain' })).ok).toBe(true)
    // The probes send the demo keys: they must never come back through the timeline.
    const run = await call('probes:run', {})
    expect(run.ok).toBe(true)
    for (let i = 0; i < 200; i++) {
      const r = (await call('probes:results', { runId: run.runId, after: 0 })) as { done: boolean }
      if (r.done) break
      await new Promise((r) => setTimeout(r, 50))
    }
    await call('session:mark', { item: 'customer-confirms', status: 'pass' })
    await call('session:waive', {
      item: 'canary-analysis',
      reason: 'no Prometheus in the demo',
      role: 'Founder',
    })
    await call('session:note', { item: 'health', text: 'on-call agrees' })
    await call('session:decide', { decision: 'NO-GO', reason: 'sign-offs missing' })

    const all = (await call('session:activity', { limit: 200 })) as Page
    expect(all.ok).toBe(true)
    const view = (await call('session:view', {})) as { view: { events: number } }
    expect(all.total).toBe(view.view.events)
    expect(all.entries[0]!.text).toBe('decided NO-GO: sign-offs missing')
    expect(all.entries.at(-1)!.text).toBe(
      'started the session on Demo launch (assisted onboarding)',
    )
    expect(all.entries.filter((e) => e.kind === 'probe')).toHaveLength(8)
    // What leaves main is exactly the contract's shape, and carries no secret.
    expect(() => invokeChannels['session:activity'].response.parse(all)).not.toThrow()
    const text = JSON.stringify(all)
    expect(text).not.toContain(DEMO_KEYS.integration_key)
    expect(text).not.toContain(DEMO_KEYS.revoked_key)

    const waivers = (await call('session:activity', { kinds: ['waive', 'mark'] })) as Page
    expect(waivers.entries.map((e) => e.text)).toEqual([
      'waived canary-analysis (approved by Founder): no Prometheus in the demo',
      'marked customer-confirms pass',
    ])
    const health = (await call('session:activity', { query: 'health', limit: 1 })) as Page
    expect(health.entries[0]!.text).toBe('noted on health: on-call agrees')
    expect(health.total).toBe(2)
    const older = (await call('session:activity', {
      query: 'health',
      limit: 1,
      before: health.next,
    })) as Page
    expect(older.entries[0]!.text).toMatch(/^ran health: pass/)
    expect(older.next).toBeUndefined()

    // The log grows; the next read shows the new event.
    await call('session:note', { item: 'health', text: 'second look' })
    const grown = (await call('session:activity', { limit: 1 })) as Page
    expect(grown.entries[0]!.text).toBe('noted on health: second look')
    expect(grown.total).toBe(all.total + 1)
  })
})
