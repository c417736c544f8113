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
})
