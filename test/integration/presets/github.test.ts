import { describe, expect, it } from 'vitest'
import { loadPlanText } from '../../../src/shared/plan/load'
import { apiServer, failed, runPreset, type Reply } from '../../helpers/api-fixture'
import { probe } from '../../helpers/probes'

const TOKEN = 'github_pat_CANARY_11ABCDEF'

/*
 * Shapes from github/rest-api-description (descriptions/api.github.com, API version 2022-11-28):
 * repos/get-branch-protection → branch-protection (required_status_checks and
 * required_pull_request_reviews are optional objects; 404 "Branch not protected"), and
 * repos/get-branch-rules → array of repository-rule-detailed (type, ruleset_source_type,
 * ruleset_source, ruleset_id, parameters). Field names as generated in octokit/go-sdk a7f1aa3.
 */
const classic = (contexts: string[], approvals?: number) => ({
  url: 'https://api.github.com/repos/acme/shop/branches/main/protection',
  required_status_checks: {
    url: 'https://api.github.com/repos/acme/shop/branches/main/protection/required_status_checks',
    strict: true,
    contexts,
    contexts_url:
      'https://api.github.com/repos/acme/shop/branches/main/protection/required_status_checks/contexts',
    checks: contexts.map((context) => ({ context, app_id: 15368 })),
  },
  ...(approvals !== undefined && {
    required_pull_request_reviews: {
      url: 'https://api.github.com/repos/acme/shop/branches/main/protection/required_pull_request_reviews',
      dismiss_stale_reviews: false,
      require_code_owner_reviews: false,
      require_last_push_approval: false,
      required_approving_review_count: approvals,
    },
  }),
  enforce_admins: {
    url: 'https://api.github.com/repos/acme/shop/branches/main/protection/enforce_admins',
    enabled: true,
  },
})
const statusRule = (contexts: string[]) => ({
  type: 'required_status_checks',
  ruleset_source_type: 'Repository',
  ruleset_source: 'acme/shop',
  ruleset_id: 17,
  parameters: {
    strict_required_status_checks_policy: true,
    required_status_checks: contexts.map((context) => ({ context, integration_id: 15368 })),
  },
})
const reviewRule = (approvals: number) => ({
  type: 'pull_request',
  ruleset_source_type: 'Organization',
  ruleset_source: 'acme',
  ruleset_id: 4,
  parameters: {
    required_approving_review_count: approvals,
    dismiss_stale_reviews_on_push: true,
    require_code_owner_review: false,
    require_last_push_approval: false,
    required_review_thread_resolution: false,
  },
})
const deletionRule = {
  type: 'deletion',
  ruleset_source_type: 'Repository',
  ruleset_source: 'acme/shop',
  ruleset_id: 17,
}
const notProtected: Reply = {
  status: 404,
  body: { message: 'Branch not protected', documentation_url: 'https://docs.github.com/rest' },
}

function github(protection: Reply, rules: unknown[], branch = 'main') {
  return apiServer({
    token: TOKEN,
    unauthorized: { status: 401, body: { message: 'Bad credentials', status: '401' } },
    routes: {
      [`GET /repos/acme/shop/branches/${encodeURIComponent(branch)}/protection`]: protection,
      [`GET /repos/acme/shop/rules/branches/${branch}?per_page=100`]: { body: rules },
    },
  })
}

const protectionParams = { repo: 'acme/shop', check: 'ci/build', approvals: 2 }

describe('github.branch-protection: classic protection or rulesets', () => {
  it('passes on classic protection, sending the API version header', async () => {
    const server = await github({ body: classic(['ci/build'], 2) }, [])
    const r = await runPreset('github.branch-protection', server.url, protectionParams, TOKEN)
    expect(r.reason).toBeUndefined()
    expect(server.stats.last?.headers['x-github-api-version']).toBe('2022-11-28')
    expect(server.stats.last?.headers.accept).toBe('application/vnd.github+json')
  })

  it('passes on a branch protected only by rulesets (classic protection answers 404)', async () => {
    const server = await github(notProtected, [
      statusRule(['ci/build']),
      reviewRule(2),
      deletionRule,
    ])
    const r = await runPreset('github.branch-protection', server.url, protectionParams, TOKEN)
    expect(r.reason).toBeUndefined()
    expect(r.status).toBe('pass')
  })

  it('judges a missing optional parent (no required reviews) instead of raising', async () => {
    const server = await github({ body: classic(['ci/build']) }, [])
    const r = await runPreset('github.branch-protection', server.url, protectionParams, TOKEN)
    expect(r.status).toBe('fail')
    expect(failed(r)).toHaveLength(1)
    expect(failed(r)[0]).toContain('required_approving_review_count >= 2.0')
    expect(r.evidence.conditions.every((c) => !c.actual?.includes('No such key'))).toBe(true)
  })

  it('a server without the rules endpoint (404) is judged on classic protection alone', async () => {
    const server = await apiServer({
      token: TOKEN,
      routes: {
        'GET /repos/acme/shop/branches/main/protection': { body: classic(['ci/build'], 2) },
      },
    })
    const r = await runPreset('github.branch-protection', server.url, protectionParams, TOKEN)
    expect(r.reason).toBeUndefined()
    expect(server.seen).toEqual([
      'GET /repos/acme/shop/branches/main/protection',
      'GET /repos/acme/shop/rules/branches/main?per_page=100',
    ])
  })

  it('an unprotected branch (404, no rules in effect) fails both conditions', async () => {
    const server = await github(notProtected, [])
    const r = await runPreset('github.branch-protection', server.url, protectionParams, TOKEN)
    expect(failed(r)).toHaveLength(2)
  })

  it('a token without Administration access is told so', async () => {
    const server = await github(
      { status: 403, body: { message: 'Resource not accessible by personal access token' } },
      [],
    )
    const r = await runPreset('github.branch-protection', server.url, protectionParams, TOKEN)
    expect(r.reason).toMatch(
      /^step `protection`: token rejected \(HTTP 403: Resource not accessible by personal access token\): needs a fine-grained token with read access to "Administration"/,
    )
  })
})

describe('github.rulesets', () => {
  it('passes when rulesets require the check and the approvals; branch names keep their slashes', async () => {
    const server = await github(
      notProtected,
      [statusRule(['ci/build']), reviewRule(2)],
      'release/2.4',
    )
    const r = await runPreset(
      'github.rulesets',
      server.url,
      { ...protectionParams, branch: 'release/2.4' },
      TOKEN,
    )
    expect(r.reason).toBeUndefined()
  })

  it('fails on too few approvals, a missing check, or no rules at all (200 [])', async () => {
    const few = await github(notProtected, [statusRule(['ci/lint']), reviewRule(1)])
    expect(failed(await runPreset('github.rulesets', few.url, protectionParams, TOKEN))).toEqual([
      'items.exists(r, r.type == "required_status_checks" && has(r.parameters) && r.parameters.required_status_checks.exists(c, c.context == "ci/build"))',
      'items.exists(r, r.type == "pull_request" && has(r.parameters) && r.parameters.required_approving_review_count >= 2.0)',
    ])
    const none = await github(notProtected, [])
    expect(
      failed(await runPreset('github.rulesets', none.url, { repo: 'acme/shop' }, TOKEN)),
    ).toEqual([
      'size(items) > 0',
      'items.exists(r, r.type == "pull_request" && has(r.parameters) && r.parameters.required_approving_review_count >= 1.0)',
    ])
  })

  it('a repo param naming a plan var loads, and its value is checked when the probe runs', async () => {
    const plan = (repo: string) =>
      `name: P\nvars:\n  repo: {}\ncredentials:\n  gh: { kind: token }\nphases:\n  - id: p\n    title: P\n    items:\n      - id: r\n        title: R\n        probe: { kind: preset, preset: github.rulesets, credential: gh, params: { repo: "${repo}" } }\n`
    expect(loadPlanText(plan('${vars.repo}'), 'p.yaml').ok).toBe(true)
    const server = await github(notProtected, [statusRule(['ci/build']), reviewRule(2)])
    const spec = {
      kind: 'preset',
      preset: 'github.rulesets',
      credential: 'c',
      baseUrl: server.url,
      params: { repo: '${vars.repo}' },
    }
    const bad = await probe(spec, { vars: { repo: '../../admin' }, secrets: { c: TOKEN } })
    expect(bad.status).toBe('fail')
    expect(bad.reason).toContain('does not look like owner/name')
    expect(server.seen).toEqual([])
    const good = await probe(spec, { vars: { repo: 'acme/shop' }, secrets: { c: TOKEN } })
    expect(good.reason).toBeUndefined()
    expect(server.seen.length).toBeGreaterThan(0)
  })

  it('a repo param that is not owner/name is a plan error, not a request', () => {
    const loaded = loadPlanText(
      'name: P\ncredentials:\n  gh: { kind: token }\nphases:\n  - id: p\n    title: P\n    items:\n      - id: r\n        title: R\n        probe: { kind: preset, preset: github.rulesets, credential: gh, params: { repo: "../../admin" } }\n',
      'p.yaml',
    )
    expect(!loaded.ok && loaded.errors[0]?.message).toBe(
      'github.rulesets: params.repo "../../admin" does not look like owner/name',
    )
  })
})

describe('plan errors for preset probes', () => {
  const plan = (probeYaml: string, kind = 'token') =>
    loadPlanText(
      `name: P\ncredentials:\n  github: { kind: ${kind} }\nphases:\n  - id: p\n    title: P\n    items:\n      - id: bp\n        title: BP\n        probe: ${probeYaml}\n`,
      'p.yaml',
    )

  it('name a missing param, an unknown preset and a credential of the wrong kind', () => {
    const missing = plan(
      '{ kind: preset, preset: github.branch-protection, credential: github, params: { repo: acme/api } }',
    )
    expect(!missing.ok && missing.errors[0]?.message).toBe(
      'github.branch-protection: params.check is required (required status check (context) name)',
    )
    const unknown = plan('{ kind: preset, preset: github.nope, credential: github }')
    expect(!unknown.ok && unknown.errors[0]?.message).toBe(
      'unknown preset "github.nope" (`gonogo presets list` shows them)',
    )
    const wrongKind = plan(
      '{ kind: preset, preset: github.branch-protection, credential: github, params: { repo: a/b, check: ci } }',
      'basic',
    )
    expect(!wrongKind.ok && wrongKind.errors[0]?.message).toBe(
      'github.branch-protection authenticates with a token credential; "github" is a basic',
    )
  })

  it('name a value outside the provider enum', () => {
    const bad = plan(
      '{ kind: preset, preset: appstore.version-state, credential: github, params: { app: "1", state: READY_FOR_SALE } }',
      'appstore-connect',
    )
    expect(!bad.ok && bad.errors[0]?.message).toMatch(
      /^appstore\.version-state: params\.state must be one of ACCEPTED, .*READY_FOR_DISTRIBUTION.*, got "READY_FOR_SALE"$/,
    )
  })
})
