import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/ipc/dispatch'
import { AppServices, createHandlers } from '../../src/main/ipc/handlers'
import { json, startServer } from '../helpers/servers'
import { useTempDirs } from '../helpers/temp-dir'

/**
 * A session on a plan with its own preset file, reopened in the window, runs the preset as the
 * session started with it: the plan it reopens carries its user presets (`userPresets`), and the
 * preset file is neither needed nor read again.
 */

const tempDir = useTempDirs('gonogo-resume-presets-')
const TOKEN = 'acme-test-token'
process.env.GONOGO_SECRET_ACME = TOKEN
afterAll(() => {
  delete process.env.GONOGO_SECRET_ACME
})

describe('reopening a session whose plan uses a user preset', () => {
  it('runs the preset from the session’s plan, even with its preset file gone', async () => {
    const server = await startServer({
      extra: (req, res) => {
        if (
          req.url?.startsWith('/v2/queues/email') &&
          req.headers.authorization === `Bearer ${TOKEN}`
        )
          json(res, 200, { name: 'email', waiting: 0, region: 'eu' })
        else json(res, 404, { error: 'not found' })
      },
    })
    const dir = tempDir()
    for (const f of ['plan.yaml', 'acme.yaml'])
      cpSync(join('test/fixtures/presets', f), join(dir, f))
    const planFile = join(dir, 'plan.yaml')
    writeFileSync(
      planFile,
      readFileSync(planFile, 'utf8').replace(
        'target: { description: the Acme API base URL }',
        `target: { default: '${server.url}' }`,
      ),
    )
    const deps = {
      resourcesDir: resolve('resources'),
      sessionsDir: join(tempDir(), 'sessions'),
      chooseOpenFile: async () => planFile,
      chooseSaveFile: async () => undefined,
    }
    const services = new AppServices(deps)
    const call = (channel: string, request: unknown) =>
      dispatch(createHandlers(deps, services), channel, request) as Promise<Record<string, unknown>>
    try {
      expect((await call('plan:load', { source: 'dialog' })).ok).toBe(true)
      expect((await call('session:start', { actor: 'Ada' })).ok).toBe(true)
      const sessionDir = services.session?.dir
      expect(sessionDir).toBeDefined()
      await call('plan:load', { source: 'template', id: 'saas-launch' })

      // The preset file is gone: only the session's plan still knows the preset.
      rmSync(join(dir, 'acme.yaml'))
      const resumed = await call('session:resume', { dir: sessionDir, actor: 'Grace' })
      expect(resumed.ok).toBe(true)
      const run = (await call('probes:run', { only: 'queue' })) as { ok: boolean; runId: string }
      expect(run.ok).toBe(true)
      let results: { status: string; reason?: string }[] = []
      for (let i = 0; i < 100 && results.length === 0; i++) {
        const page = (await call('probes:results', { runId: run.runId, after: 0 })) as {
          results: typeof results
          done: boolean
        }
        if (page.done) results = page.results
        else await new Promise((r) => setTimeout(r, 50))
      }
      expect(results).toHaveLength(1)
      expect(results[0]).toMatchObject({ status: 'pass' })
      expect(server.stats.requests).toBe(1)
    } finally {
      await services.dispose()
    }
  })
})
