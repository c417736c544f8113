import { describe, expect, it } from 'vitest'
import { loadPlanFile } from '../../../src/main/plans/plan-files'
import { presetCatalog } from '../../../src/main/presets/preset-files'
import { runProbes, selectProbes } from '../../../src/main/probes/runner'
import { tokenSecrets } from '../../../src/main/probes/secrets'
import { apiServer, runPreset } from '../../helpers/api-fixture'
import { gonogo, gonogoAsync } from '../../helpers/cli'
import { probe } from '../../helpers/probes'

const DIR = 'test/fixtures/presets'
const TOKEN = 'acme_CANARY_5b1f0d'

const acme = (waiting: number) =>
  apiServer({
    token: TOKEN,
    routes: {
      'GET /v2/queues/email?region=eu': { body: { name: 'email', region: 'eu', waiting } },
    },
  })

describe('a user-written preset file', () => {
  it('loads beside the plan (presets:), validates and runs', async () => {
    const loaded = await loadPlanFile(`${DIR}/plan.yaml`, {
      vars: { target: 'http://127.0.0.1:1' },
    })
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors))
    expect(loaded.value.presets?.presets.map((p) => p.id)).toContain('acme.queue-drained')
    const server = await acme(0)
    const selected = selectProbes(loaded.value.plan)
    if (!selected.ok) throw new Error(selected.message)
    const results = []
    for await (const r of runProbes({
      probes: selected.probes,
      vars: { target: server.url },
      secrets: tokenSecrets({ acme: TOKEN }),
      ...(loaded.value.presets && { presets: loaded.value.presets }),
    }))
      results.push(r)
    expect(results.map((r) => [r.item, r.status, r.reason])).toEqual([['queue', 'pass', undefined]])
  })

  it('runs from the CLI: gonogo check passes, then fails on a queue that is not drained', async () => {
    for (const [waiting, code] of [
      [0, 0],
      [3, 1],
    ] as const) {
      const server = await acme(waiting)
      const r = await gonogoAsync(['check', `${DIR}/plan.yaml`, '--var', `target=${server.url}`], {
        env: { GONOGO_SECRET_ACME: TOKEN, NO_COLOR: '1' },
      })
      expect(r.code, r.stderr).toBe(code)
      if (code === 1) expect(r.stdout).toMatch(/FAIL\s+queue .*body\.waiting <= 0\.0 → 3/)
    }
  })

  it('a broken file gets positioned errors, a missing one names the plan entry', () => {
    const r = gonogo(['validate', `${DIR}/plan-broken.yaml`])
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      `${DIR}/plan-broken.yaml:2:24: presets[1]: no such preset file or folder: missing.yaml`,
      `${DIR}/broken.yaml:11:14: presets[0].checked: expected a date, YYYY-MM-DD, got "29.11.2026"`,
    ])
  })

  it('gonogo presets list and show document built-in and user presets from the files', () => {
    const list = gonogo(['presets', 'list', '--presets', `${DIR}/acme.yaml`])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^acme\.queue-drained\s+The job queue is drained \(user\)$/m)
    expect(list.stdout).toMatch(/^github\.rulesets\s+Rulesets in effect on the branch/m)
    const show = gonogo(['presets', 'show', 'sentry.release-exists', '--json'])
    const json = JSON.parse(show.stdout) as Record<string, unknown>
    expect(json).toMatchObject({
      id: 'sentry.release-exists',
      checked: '2026-11-29',
      permission: expect.stringContaining('project:releases') as unknown,
      overrides: false,
    })
    const missing = gonogo(['presets', 'show', 'nope.nothing'])
    expect([missing.code, missing.stderr]).toEqual([
      2,
      'gonogo presets: no preset "nope.nothing" (`gonogo presets list` shows them)\n',
    ])
  })
})

/*
 * Proof that a wrong field path shows: render.pre-deploy-command as it used to be written
 * (serviceDetails.preDeployCommand, a request-body field in Render's OpenAPI) against the response
 * Render documents (render-oss/cli types_gen.go, commit 85c8c2c), next to the built-in preset.
 */
describe('a broken field path fails against the documented shape', () => {
  const service = {
    id: 'srv-d0abc123xyz',
    name: 'api',
    type: 'web_service',
    serviceDetails: {
      runtime: 'node',
      plan: 'starter',
      envSpecificDetails: {
        buildCommand: 'npm ci',
        startCommand: 'npm start',
        preDeployCommand: 'npm run db:migrate',
      },
    },
  }

  it('the built-in preset passes, the old path fails, and the override is announced', async () => {
    const server = await apiServer({
      token: TOKEN,
      routes: { 'GET /v1/services/srv-d0abc123xyz': { body: service } },
    })
    const params = { service: 'srv-d0abc123xyz' }
    expect((await runPreset('render.pre-deploy-command', server.url, params, TOKEN)).status).toBe(
      'pass',
    )
    const broken = await presetCatalog({ paths: [`${DIR}/render-old-path.yaml`] })
    if (!broken.ok) throw new Error(JSON.stringify(broken.errors))
    expect(broken.catalog.overridden).toEqual(['render.pre-deploy-command'])
    const r = await probe(
      {
        kind: 'preset',
        preset: 'render.pre-deploy-command',
        credential: 'c',
        baseUrl: server.url,
        params,
      },
      { secrets: { c: TOKEN }, presets: broken.catalog },
    )
    expect(r.status).toBe('fail')
    expect(r.evidence.conditions.filter((c) => !c.pass).map((c) => c.expression)).toEqual([
      'has(body.serviceDetails.preDeployCommand) && body.serviceDetails.preDeployCommand != ""',
    ])
    const cli = gonogo([
      'validate',
      'resources/plans/saas-launch.yaml',
      '--presets',
      `${DIR}/render-old-path.yaml`,
    ])
    expect(cli.code).toBe(0)
    expect(cli.stderr).toBe(
      'resources/plans/saas-launch.yaml: preset render.pre-deploy-command: a user preset file overrides the built-in one\n',
    )
  })
})
