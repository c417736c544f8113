import { describe, expect, it } from 'vitest'
import { apiServer, failed, runPreset } from '../../helpers/api-fixture'

const TOKEN = 'vercel_CANARY_7f3a91'

/*
 * Shapes from Vercel's OpenAPI (https://openapi.vercel.sh/) as generated in vercel/sdk 1.28.21
 * (commit 426eb4b): getDeployments (GET /v7/deployments; readyState required, state optional),
 * filterProjectEnvs (GET /v10/projects/{idOrName}/env; `target` a list, one string or absent),
 * getProjectDomain (GET /v9/projects/{idOrName}/domains/{domain}; `verified` required) and
 * getDomainConfig (GET /v6/domains/{domain}/config; `misconfigured` required).
 */
const deployment = (readyState: string, withState = true) => ({
  uid: 'dpl_7Gw5ZVBpQmXRSXdmMwCqmAhZaL1b',
  name: 'shop',
  projectId: 'prj_12HKQaOmR5t5Uy6vdcQsNIiZgHGB',
  url: 'shop-3k2j1.vercel.app',
  created: 1764370500000,
  createdAt: 1764370500000,
  readyState,
  ...(withState && { state: readyState }),
  type: 'LAMBDAS',
  target: 'production',
  creator: { uid: '96SnxkFiMyVKsK3pnoHfx3Hz' },
  inspectorUrl: 'https://vercel.com/acme/shop/7Gw5ZVBp',
})
const deployments = (d: unknown[]) => ({
  body: { pagination: { count: d.length, next: null, prev: null }, deployments: d },
})
const unauthorized = {
  status: 403,
  body: { error: { code: 'forbidden', message: 'Not authorized' } },
}

describe('vercel.production-ready', () => {
  const route = 'GET /v7/deployments?projectId=shop&target=production&limit=1&teamId=team_acme'

  it('reads readyState (state may be absent) and sends the team only when given', async () => {
    const server = await apiServer({
      token: TOKEN,
      unauthorized,
      routes: {
        [route]: deployments([deployment('READY', false)]),
        'GET /v7/deployments?projectId=shop&target=production&limit=1': deployments([
          deployment('ERROR'),
        ]),
      },
    })
    const params = { project: 'shop', team: 'team_acme' }
    expect(
      (await runPreset('vercel.production-ready', server.url, params, TOKEN)).reason,
    ).toBeUndefined()
    expect(
      (await runPreset('vercel.production-ready', server.url, { project: 'shop' }, TOKEN)).reason,
    ).toBe('body.deployments[0].readyState == "READY" → "ERROR" == "READY"')
    expect((await runPreset('vercel.production-ready', server.url, params, 'wrong')).reason).toBe(
      'token rejected (HTTP 403: Not authorized): needs a token scoped to the team (or account) that owns the project (Vercel)',
    )
  })
})

describe('vercel.env-vars', () => {
  it('judges a list target, a string target and an absent target', async () => {
    const server = await apiServer({
      token: TOKEN,
      routes: {
        'GET /v10/projects/shop/env': {
          body: {
            envs: [
              {
                id: '9S1mLZp3aDkQw8Xr',
                key: 'DATABASE_URL',
                value: '',
                type: 'encrypted',
                target: ['production', 'preview'],
              },
              {
                id: 'Hk2LmN4pQr6sTu8V',
                key: 'STRIPE_SECRET_KEY',
                value: '',
                type: 'sensitive',
                target: 'production',
              },
              {
                id: 'Lm3NoP5qRs7tUv9W',
                key: 'PREVIEW_ONLY',
                value: '',
                type: 'plain',
                target: 'preview',
              },
              { id: 'Zx9Yw8Vu7Ts6Rq5P', key: 'SYSTEM_ONLY', value: '', type: 'system' },
            ],
            pagination: { count: 4, next: null, prev: null },
          },
        },
      },
    })
    const r = await runPreset(
      'vercel.env-vars',
      server.url,
      {
        project: 'shop',
        names: ['DATABASE_URL', 'STRIPE_SECRET_KEY', 'PREVIEW_ONLY', 'SYSTEM_ONLY'],
      },
      TOKEN,
    )
    expect(r.evidence.conditions.map((c) => c.pass)).toEqual([true, true, true, false, false])
    // Judged, not raised: no condition errs on the string or the missing target.
    expect(r.evidence.conditions.some((c) => /no such|No such key/i.test(c.actual ?? ''))).toBe(
      false,
    )
  })

  it('a response shape without envs fails instead of raising', async () => {
    const server = await apiServer({
      token: TOKEN,
      routes: { 'GET /v10/projects/shop/env': { body: { key: 'X', value: '', type: 'plain' } } },
    })
    const r = await runPreset(
      'vercel.env-vars',
      server.url,
      { project: 'shop', names: ['X'] },
      TOKEN,
    )
    expect(failed(r)).toHaveLength(1)
    expect(r.reason).toMatch(/^has\(body\.envs\)/)
  })
})

describe('vercel.domain-verified', () => {
  const domain = (verified: boolean) => ({
    name: 'www.example.com',
    apexName: 'example.com',
    projectId: 'prj_12HKQaOmR5t5Uy6vdcQsNIiZgHGB',
    verified,
    redirect: null,
    redirectStatusCode: null,
    gitBranch: null,
    ...(!verified && {
      verification: [
        {
          type: 'TXT',
          domain: '_vercel.example.com',
          value: 'vc-domain-verify=www.example.com,61eb769fcd4a',
          reason: 'pending_domain_verification',
        },
      ],
    }),
    createdAt: 1764000000000,
    updatedAt: 1764000000000,
  })
  const config = (misconfigured: boolean) => ({
    configuredBy: misconfigured ? null : 'CNAME',
    acceptedChallenges: ['http-01'],
    recommendedIPv4: [{ rank: 1, value: ['76.76.21.21'] }],
    recommendedCNAME: [{ rank: 1, value: 'cname.vercel-dns.com.' }],
    misconfigured,
  })
  const server = (verified: boolean | null, misconfigured = false) =>
    apiServer({
      token: TOKEN,
      routes: {
        ...(verified !== null && {
          'GET /v9/projects/shop/domains/www.example.com': { body: domain(verified) },
        }),
        'GET /v6/domains/www.example.com/config?projectIdOrName=shop': {
          body: config(misconfigured),
        },
      },
      notFound: {
        error: { code: 'not_found', message: 'The domain is not attached to the project' },
      },
    })
  const params = { project: 'shop', domain: 'www.example.com' }

  it('passes when attached, verified and configured', async () => {
    expect(
      (await runPreset('vercel.domain-verified', (await server(true)).url, params, TOKEN)).reason,
    ).toBeUndefined()
  })

  it('fails when not attached (404), not verified, or misconfigured', async () => {
    expect(
      (await runPreset('vercel.domain-verified', (await server(null)).url, params, TOKEN)).reason,
    ).toMatch(/^step `domain`: status == 200 → 404 == 200/)
    expect(
      (await runPreset('vercel.domain-verified', (await server(false)).url, params, TOKEN)).reason,
    ).toBe('step `domain`: body.verified == true → false == true')
    expect(
      (await runPreset('vercel.domain-verified', (await server(true, true)).url, params, TOKEN))
        .reason,
    ).toBe('step `config`: body.misconfigured == false → true == false')
  })
})
