import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { probe } from '../../helpers/probes'
import { json, startServer } from '../../helpers/servers'

const TOKEN = 'tok_PRESET_CANARY_93ac1e'

/** A provider fixture: bearer auth, then one route answered from the table (documented shapes). */
async function fixture(
  routes: Record<string, unknown>,
  forbidden: unknown = { error: { code: 'forbidden', message: 'Not authorized' } },
) {
  return startServer({
    extra: (req: IncomingMessage, res: ServerResponse) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 403, forbidden)
      const body = routes[req.url ?? '']
      if (body === undefined)
        return json(res, 404, { detail: 'The requested resource does not exist' })
      json(res, 200, body)
    },
  })
}

const run = (preset: string, base: string, params: Record<string, unknown>, token = TOKEN) =>
  probe(
    { kind: 'preset', preset, credential: 'c', baseUrl: base, params },
    { secrets: { c: token } },
  )

describe('provider presets against documented response shapes', () => {
  it('github.workflow-success: a successful run within the window', async () => {
    const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()
    const runs = (updated: string) => ({
      total_count: 1,
      workflow_runs: [
        {
          id: 30433642,
          name: 'Deploy',
          conclusion: 'success',
          status: 'completed',
          head_branch: 'main',
          updated_at: updated,
        },
      ],
    })
    const fresh = await fixture({
      '/repos/acme/api/actions/workflows/deploy.yml/runs?branch=main&status=success&per_page=1':
        runs(ago(3)),
    })
    expect(
      (
        await run('github.workflow-success', fresh.url, {
          repo: 'acme/api',
          workflow: 'deploy.yml',
        })
      ).status,
    ).toBe('pass')
    const stale = await fixture({
      '/repos/acme/api/actions/workflows/deploy.yml/runs?branch=main&status=success&per_page=1':
        runs(ago(50)),
    })
    expect(
      (
        await run('github.workflow-success', stale.url, {
          repo: 'acme/api',
          workflow: 'deploy.yml',
        })
      ).reason,
    ).toMatch(/^timestamp\(body\.workflow_runs\[0\]\.updated_at\) > now - duration\("36h"\) → /)
    const none = await fixture({
      '/repos/acme/api/actions/workflows/deploy.yml/runs?branch=main&status=success&per_page=1': {
        total_count: 0,
        workflow_runs: [],
      },
    })
    expect(
      (await run('github.workflow-success', none.url, { repo: 'acme/api', workflow: 'deploy.yml' }))
        .reason,
    ).toMatch(/^size\(body\.workflow_runs\) > 0 → 0 > 0/)
  })

  it('cloudflare.token-valid', async () => {
    const ok = await fixture({
      '/client/v4/user/tokens/verify': {
        success: true,
        errors: [],
        messages: [{ code: 10000, message: 'This API Token is valid and active' }],
        result: { id: 'f267e341f3dd4697bd3b9f71dd96247f', status: 'active' },
      },
    })
    expect((await run('cloudflare.token-valid', ok.url, {})).status).toBe('pass')
    const disabled = await fixture({
      '/client/v4/user/tokens/verify': {
        success: true,
        errors: [],
        messages: [],
        result: { id: 'x', status: 'disabled' },
      },
    })
    expect((await run('cloudflare.token-valid', disabled.url, {})).reason).toBe(
      'body.result.status == "active" → "disabled" == "active"',
    )
  })

  it('vercel.production-ready and vercel.env-vars', async () => {
    const server = await fixture({
      '/v6/deployments?projectId=prj_api&target=production&limit=1&teamId=team_acme': {
        deployments: [
          {
            uid: 'dpl_89qyp1cskzkLrVicDaZoDbjyHuDJ',
            name: 'api',
            state: 'ERROR',
            target: 'production',
            created: 1700000000000,
          },
        ],
        pagination: { count: 1, next: null, prev: null },
      },
      '/v9/projects/prj_api/env?decrypt=false': {
        envs: [
          { key: 'DATABASE_URL', target: ['production', 'preview'], type: 'encrypted' },
          { key: 'SENTRY_DSN', target: ['preview'], type: 'plain' },
        ],
      },
    })
    expect(
      (await run('vercel.production-ready', server.url, { project: 'prj_api', team: 'team_acme' }))
        .reason,
    ).toBe('body.deployments[0].state == "READY" → "ERROR" == "READY"')
    const env = await run('vercel.env-vars', server.url, {
      project: 'prj_api',
      names: ['DATABASE_URL', 'SENTRY_DSN'],
    })
    expect(env.evidence.conditions.map((c) => c.pass)).toEqual([true, true, false])
    const denied = await run('vercel.production-ready', server.url, { project: 'prj_api' }, 'wrong')
    expect(denied.reason).toBe(
      'token rejected (HTTP 403: Not authorized): needs a token scoped to the team, with read access to deployments (Vercel)',
    )
  })

  it('resend.domain-verified', async () => {
    const server = await fixture({
      '/domains?limit=100': {
        object: 'list',
        has_more: false,
        data: [
          {
            id: 'd91cd9bd-1176-453e-8fc1-35364d380206',
            name: 'mail.example.com',
            status: 'not_started',
            created_at: '2023-04-26T20:21:26.347412+00:00',
            region: 'us-east-1',
          },
        ],
      },
    })
    const r = await run('resend.domain-verified', server.url, { domain: 'mail.example.com' })
    expect(r.evidence.conditions.map((c) => c.pass)).toEqual([true, true, false])
    expect(r.status).toBe('fail')
  })

  it('sentry.release-exists and sentry.alert-rules', async () => {
    const server = await fixture({
      '/api/0/organizations/acme/releases/api%401.42.0/': {
        version: 'api@1.42.0',
        shortVersion: '1.42.0',
        dateReleased: null,
        newGroups: 0,
      },
      '/api/0/projects/acme/api/rules/': [],
    })
    expect(
      (await run('sentry.release-exists', server.url, { org: 'acme', release: 'api@1.42.0' }))
        .status,
    ).toBe('pass')
    expect(
      (await run('sentry.release-exists', server.url, { org: 'acme', release: 'api@9.9.9' }))
        .reason,
    ).toMatch(/^status == 200 → 404 == 200/)
    expect(
      (await run('sentry.alert-rules', server.url, { org: 'acme', project: 'api' })).reason,
    ).toBe('size(items) > 0 → 0 > 0')
  })
})
