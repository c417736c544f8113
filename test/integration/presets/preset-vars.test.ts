import { describe, expect, it } from 'vitest'
import { probe } from '../../helpers/probes'
import { json, startServer } from '../../helpers/servers'

/**
 * Drafted plans leave preset params the checklist did not give as plan vars
 * (`repo: ${vars.github_repo}`): they are filled before the preset builds its request.
 */
describe('preset params from plan vars', () => {
  it('fills string params and splits a list var on commas before the request is built', async () => {
    const seen: string[] = []
    const server = await startServer({
      extra: (req, res) => {
        seen.push(req.url ?? '')
        if (req.url?.startsWith('/repos/acme/api/branches/main/protection'))
          return json(res, 200, {
            required_status_checks: { contexts: ['ci'] },
            required_pull_request_reviews: { required_approving_review_count: 1 },
          })
        if (req.url?.startsWith('/client/v4/accounts/acc123/storage/kv/namespaces'))
          return json(res, 200, {
            success: true,
            result: [
              { id: '1', title: 'sessions' },
              { id: '2', title: 'locales' },
            ],
            result_info: { page: 1, per_page: 100, count: 2, total_count: 2 },
          })
        json(res, 404, { message: 'Not Found' })
      },
    })
    const github = await probe(
      {
        kind: 'preset',
        preset: 'github.branch-protection',
        credential: 'github',
        baseUrl: server.url,
        params: { repo: '${vars.github_repo}', check: '${vars.github_check}' },
      },
      { vars: { github_repo: 'acme/api', github_check: 'ci' }, secrets: { github: 't' } },
    )
    expect(github.reason).toBeUndefined()
    expect(github.status).toBe('pass')
    const kv = await probe(
      {
        kind: 'preset',
        preset: 'cloudflare.kv-namespaces',
        credential: 'cloudflare',
        baseUrl: server.url,
        params: { account: '${vars.cf_account}', names: ['${vars.kv_names}'] },
      },
      {
        vars: { cf_account: 'acc123', kv_names: 'sessions, locales' },
        secrets: { cloudflare: 't' },
      },
    )
    expect(kv.reason).toBeUndefined()
    expect(kv.status).toBe('pass')
    const missing = await probe(
      {
        kind: 'preset',
        preset: 'cloudflare.kv-namespaces',
        credential: 'cloudflare',
        baseUrl: server.url,
        params: { account: '${vars.cf_account}', names: ['${vars.kv_names}'] },
      },
      {
        vars: { cf_account: 'acc123', kv_names: 'sessions, billing' },
        secrets: { cloudflare: 't' },
      },
    )
    expect(missing.status).toBe('fail')
    expect(missing.evidence.conditions.filter((c) => !c.pass).map((c) => c.expression)).toEqual([
      'items.exists(n, n.title == "billing")',
    ])
    expect(seen.every((u) => !u.includes('%24%7B'))).toBe(true)
  })
})
