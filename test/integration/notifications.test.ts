import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/ipc/dispatch'
import { AppServices, createHandlers } from '../../src/main/ipc/handlers'

describe('desktop notifications', () => {
  const notes: { title: string; body: string }[] = []
  const deps = {
    resourcesDir: resolve('resources'),
    sessionsDir: resolve('.tmp/notify-sessions'),
    chooseOpenFile: async () => undefined,
    chooseSaveFile: async () => undefined,
    demoFaults: ['pending-migrations' as const],
    notify: (title: string, body: string) => notes.push({ title, body }),
  }
  const services = new AppServices(deps)
  const handlers = createHandlers(deps, services)
  afterAll(() => services.dispose())

  const runHealth = async () => {
    const started = (await dispatch(handlers, 'probes:run', { only: 'health' })) as {
      runId: string
    }
    for (let i = 0; i < 100; i++) {
      const page = (await dispatch(handlers, 'probes:results', {
        runId: started.runId,
        after: 0,
      })) as { done: boolean; results: { status: string }[] }
      if (page.done) return page.results
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('the probe run did not finish')
  }

  it('tells once when a blocking item turns red, with the reason', async () => {
    await dispatch(handlers, 'plan:load', { source: 'template', id: 'demo' })
    expect((await runHealth())[0]!.status).toBe('fail')
    expect(notes).toEqual([
      {
        title: 'Blocking item failed: Healthy, no pending migrations',
        body: 'body.checks.migrations.pending == 0 → 3 == 0',
      },
    ])
    await runHealth()
    expect(notes).toHaveLength(1)
  })
})
