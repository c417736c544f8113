import { describe, expect, it } from 'vitest'
import { apiServer, failed, runPreset } from '../../helpers/api-fixture'

const TOKEN = 'cf_CANARY_4c7a0e9b5f1d'

/*
 * Cloudflare: shapes from cloudflare/api-schemas (common.yaml: api-response-common, result_info
 * optional with all-optional numbers) as generated into cloudflare/cloudflare-go (commit 16ae7fd):
 * user/token.go and accounts/token.go TokenVerifyResponse {id, status: active|disabled|expired},
 * zones/setting.go (ssl value off|flexible|full|strict; always_use_https on|off),
 * dns/dnssec.go (status active|pending|disabled|pending-disabled|error), dns/record.go.
 */
const envelope = (result: unknown, extra: Record<string, unknown> = {}) => ({
  success: true,
  errors: [],
  messages: [],
  result,
  ...extra,
})
const invalidToken = {
  status: 401,
  body: {
    success: false,
    errors: [{ code: 1000, message: 'Invalid API Token' }],
    messages: [],
    result: null,
  },
}

describe('cloudflare.token-valid', () => {
  const verified = envelope({
    id: '4c7a0e9b5f1d4e2a9b8c7d6e5f4a3b2c',
    status: 'active',
    not_before: '2026-01-01T00:00:00Z',
    expires_on: '2027-01-01T00:00:00Z',
  })

  it('an account-owned token verifies under its account (the user endpoint refuses it)', async () => {
    const server = await apiServer({
      token: TOKEN,
      routes: {
        'GET /client/v4/user/tokens/verify': invalidToken,
        'GET /client/v4/accounts/acc1/tokens/verify': { body: verified },
      },
    })
    expect(
      (await runPreset('cloudflare.token-valid', server.url, { account: 'acc1' }, TOKEN)).reason,
    ).toBeUndefined()
    expect((await runPreset('cloudflare.token-valid', server.url, {}, TOKEN)).reason).toBe(
      'token rejected (HTTP 401: Invalid API Token): needs any API token (verification needs no extra permission) (Cloudflare)',
    )
  })

  it('an expired token fails with its status', async () => {
    const server = await apiServer({
      token: TOKEN,
      routes: {
        'GET /client/v4/user/tokens/verify': { body: envelope({ id: 'x', status: 'expired' }) },
      },
    })
    expect((await runPreset('cloudflare.token-valid', server.url, {}, TOKEN)).reason).toBe(
      'body.result.status == "active" → "expired" == "active"',
    )
  })
})

describe('cloudflare.zone-ssl-strict', () => {
  const zone = '023e105f4ecef8ad9ca31a8372d0c353'
  const server = (ssl: string, https: string, dnssec: string) =>
    apiServer({
      token: TOKEN,
      routes: {
        [`GET /client/v4/zones/${zone}/settings/ssl`]: {
          body: envelope({
            id: 'ssl',
            value: ssl,
            editable: true,
            modified_on: '2026-04-04T09:00:00Z',
          }),
        },
        [`GET /client/v4/zones/${zone}/settings/always_use_https`]: {
          body: envelope({
            id: 'always_use_https',
            value: https,
            editable: true,
            modified_on: null,
          }),
        },
        [`GET /client/v4/zones/${zone}/dnssec`]: {
          body: envelope({
            status: dnssec,
            algorithm: '13',
            digest_type: '2',
            key_tag: 2371,
            modified_on: '2026-04-04T09:00:00Z',
          }),
        },
      },
    })

  it('passes on strict; the optional checks run only when asked for', async () => {
    const s = await server('strict', 'off', 'disabled')
    const r = await runPreset('cloudflare.zone-ssl-strict', s.url, { zone }, TOKEN)
    expect(r.reason).toBeUndefined()
    expect(s.seen).toEqual([`GET /client/v4/zones/${zone}/settings/ssl`])
    const all = await server('strict', 'on', 'active')
    expect(
      (
        await runPreset(
          'cloudflare.zone-ssl-strict',
          all.url,
          { zone, alwaysHttps: true, dnssec: true },
          TOKEN,
        )
      ).reason,
    ).toBeUndefined()
    expect(all.seen).toHaveLength(3)
  })

  it('fails on Full (not strict), on Always Use HTTPS off, on DNSSEC pending', async () => {
    const full = await server('full', 'on', 'active')
    expect((await runPreset('cloudflare.zone-ssl-strict', full.url, { zone }, TOKEN)).reason).toBe(
      'step `ssl`: body.result.value == "strict" → "full" == "strict"',
    )
    const off = await server('strict', 'off', 'pending')
    expect(
      (
        await runPreset(
          'cloudflare.zone-ssl-strict',
          off.url,
          { zone, alwaysHttps: true, dnssec: true },
          TOKEN,
        )
      ).reason,
    ).toBe('step `always_https`: body.result.value == "on" → "off" == "on"')
    expect(
      (await runPreset('cloudflare.zone-ssl-strict', off.url, { zone, dnssec: true }, TOKEN))
        .reason,
    ).toMatch(/^step `dnssec`: /)
  })
})

describe('Cloudflare lists without result_info (a missing optional parent)', () => {
  it('kv-namespaces reads one page and judges instead of raising', async () => {
    const server = await apiServer({
      token: TOKEN,
      routes: {
        'GET /client/v4/accounts/acc1/storage/kv/namespaces?per_page=100&page=1': {
          body: envelope([
            {
              id: '0f2ac74b498b48028cb68387c421e279',
              title: 'SESSIONS',
              supports_url_encoding: true,
            },
          ]),
        },
      },
    })
    const r = await runPreset(
      'cloudflare.kv-namespaces',
      server.url,
      { account: 'acc1', names: ['SESSIONS'] },
      TOKEN,
    )
    expect(r.reason).toBeUndefined()
    expect(r.evidence.http).toMatchObject({ pages: 1, items: 1 })
  })
})

/*
 * Sentry: shapes from getsentry/sentry-api-schema openapi-derefed.json 0.272.0 (commit a589a26):
 * getOrganizationRelease → OrganizationRelease (version required), listProjectKeys → ProjectKey
 * (isActive, dsn {public, secret, …} required).
 */
describe('Sentry presets', () => {
  const SENTRY = 'sntrys_CANARY_eyJpYXQiOjE3'
  const release = {
    id: 4711,
    version: 'api@1.42.0',
    shortVersion: '1.42.0',
    status: 'open',
    versionInfo: {
      package: 'api',
      version: { raw: '1.42.0' },
      description: '1.42.0',
      buildHash: null,
    },
    ref: null,
    url: null,
    dateReleased: null,
    dateCreated: '2026-11-28T09:00:00Z',
    data: {},
    newGroups: 0,
    owner: null,
    commitCount: 0,
    deployCount: 1,
    lastCommit: null,
    lastDeploy: null,
    authors: [],
    projects: [{ id: 12, slug: 'api', name: 'api', platform: 'python', newGroups: 0 }],
    firstEvent: null,
    lastEvent: null,
  }
  const key = (isActive: boolean) => ({
    id: '60120449b6b1d5e45f75561e6dabd80b',
    name: 'Default',
    label: 'Default',
    public: '60120449b6b1d5e45f75561e6dabd80b',
    secret: '189485c3b8ccf582bf5e12c530ef8858',
    projectId: 4505281256090153,
    isActive,
    rateLimit: null,
    dsn: {
      secret:
        'https://60120449b6b1d5e45f75561e6dabd80b:189485c3b8ccf582bf5e12c530ef8858@o1.ingest.sentry.io/4505281256090153',
      public: 'https://60120449b6b1d5e45f75561e6dabd80b@o1.ingest.sentry.io/4505281256090153',
      csp: 'https://o1.ingest.sentry.io/api/4505281256090153/security/',
      security: 'https://o1.ingest.sentry.io/api/4505281256090153/security/',
      minidump: 'https://o1.ingest.sentry.io/api/4505281256090153/minidump/',
      nel: 'https://o1.ingest.sentry.io/api/4505281256090153/nel/',
      unreal: 'https://o1.ingest.sentry.io/api/4505281256090153/unreal/',
      crons: 'https://o1.ingest.sentry.io/api/4505281256090153/cron/',
      cdn: 'https://js.sentry-cdn.com/60120449b6b1d5e45f75561e6dabd80b.min.js',
      playstation: 'https://o1.ingest.sentry.io/api/4505281256090153/playstation/',
      integration: 'https://o1.ingest.sentry.io/api/4505281256090153/integration/otlp/',
      otlp_traces: 'https://o1.ingest.sentry.io/api/4505281256090153/integration/otlp/v1/traces',
      otlp_logs: 'https://o1.ingest.sentry.io/api/4505281256090153/integration/otlp/v1/logs',
    },
    browserSdkVersion: '8.x',
    browserSdk: { choices: [['latest', 'latest']] },
    dateCreated: '2026-01-01T00:00:00Z',
    dynamicSdkLoaderOptions: { hasReplay: true, hasPerformance: true, hasDebug: false },
  })

  it('sentry.release-exists reads the exact version (encoded in the path)', async () => {
    const server = await apiServer({
      token: SENTRY,
      routes: { 'GET /api/0/organizations/acme/releases/api%401.42.0/': { body: release } },
      notFound: { detail: 'The requested resource does not exist' },
    })
    expect(
      (
        await runPreset(
          'sentry.release-exists',
          server.url,
          { org: 'acme', release: 'api@1.42.0' },
          SENTRY,
        )
      ).reason,
    ).toBeUndefined()
    expect(
      (
        await runPreset(
          'sentry.release-exists',
          server.url,
          { org: 'acme', release: 'api@9.9.9' },
          SENTRY,
        )
      ).reason,
    ).toMatch(/^status == 200 → 404 == 200/)
  })

  it('sentry.project-dsn: an active key with a DSN passes; no active key or no project fails', async () => {
    const server = (keys: unknown[] | null) =>
      apiServer({
        token: SENTRY,
        routes:
          keys === null
            ? {}
            : { 'GET /api/0/projects/acme/api/keys/?status=active&per_page=100': { body: keys } },
        notFound: { detail: 'The requested resource does not exist' },
      })
    const ok = await runPreset(
      'sentry.project-dsn',
      (await server([key(true)])).url,
      { org: 'acme', project: 'api' },
      SENTRY,
    )
    expect(ok.reason).toBeUndefined()
    // The key's legacy secret came back in the answer; it is scrubbed from the evidence.
    expect(JSON.stringify(ok)).toContain('o1.ingest.sentry.io')
    expect(JSON.stringify(ok)).not.toContain('189485c3b8ccf582bf5e12c530ef8858')
    expect(
      failed(
        await runPreset(
          'sentry.project-dsn',
          (await server([key(false)])).url,
          { org: 'acme', project: 'api' },
          SENTRY,
        ),
      ),
    ).toHaveLength(1)
    expect(
      (
        await runPreset(
          'sentry.project-dsn',
          (await server(null)).url,
          { org: 'acme', project: 'api' },
          SENTRY,
        )
      ).reason,
    ).toMatch(/^step `keys`: status == 200 → 404 == 200/)
  })
})

/*
 * Resend: shapes from resend/resend-openapi resend.json 1.5.0 (commit fd6f395): domains/list
 * (ListDomainsResponse; items have no records) and domains/get (Domain with records[]:
 * DomainRecord {record: SPF|DKIM|Receiving|Tracking|TrackingCAA, type, ttl (string), status}).
 */
describe('resend.domain-records', () => {
  const RESEND = 're_CANARY_8Qk2Lm'
  const id = '4dd369bc-aa82-4ff3-97de-514ae3000ee0'
  const record = (kind: string, type: string, status: string) => ({
    record: kind,
    name: kind === 'DKIM' ? 'resend._domainkey.mail' : 'send.mail',
    type,
    ttl: 'Auto',
    status,
    value:
      kind === 'DKIM'
        ? 'p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC'
        : 'v=spf1 include:amazonses.com ~all',
    ...(type === 'MX' && { priority: 10 }),
  })
  const server = (records: unknown[]) =>
    apiServer({
      token: RESEND,
      routes: {
        'GET /domains?limit=100': {
          body: {
            object: 'list',
            has_more: false,
            data: [
              {
                id: 'other-id',
                name: 'example.org',
                status: 'verified',
                created_at: '2026-06-01 10:00:00.000000+00',
                region: 'us-east-1',
              },
              {
                id,
                name: 'mail.example.com',
                status: 'partially_verified',
                created_at: '2026-06-01 10:00:00.000000+00',
                region: 'eu-west-1',
                capabilities: { sending: 'enabled', receiving: 'disabled' },
              },
            ],
          },
        },
        [`GET /domains/${id}`]: {
          body: {
            object: 'domain',
            id,
            name: 'mail.example.com',
            status: 'partially_verified',
            region: 'eu-west-1',
            records,
          },
        },
      },
    })

  it('passes when every SPF and DKIM record is verified (tracking records do not count)', async () => {
    const s = await server([
      record('SPF', 'MX', 'verified'),
      record('SPF', 'TXT', 'verified'),
      record('DKIM', 'TXT', 'verified'),
      record('Tracking', 'CNAME', 'pending'),
    ])
    const r = await runPreset(
      'resend.domain-records',
      s.url,
      { domain: 'mail.example.com' },
      RESEND,
    )
    expect(r.reason).toBeUndefined()
    expect(r.evidence.ids).toEqual({ domain_id: id })
  })

  it('fails on a pending DKIM record and on a domain without DKIM records', async () => {
    const pending = await server([
      record('SPF', 'MX', 'verified'),
      record('DKIM', 'TXT', 'pending'),
    ])
    expect(
      (
        await runPreset(
          'resend.domain-records',
          pending.url,
          { domain: 'mail.example.com' },
          RESEND,
        )
      ).reason,
    ).toMatch(/^step `domain`: body\.records\.filter/)
    const noDkim = await server([record('SPF', 'TXT', 'verified')])
    expect(
      (await runPreset('resend.domain-records', noDkim.url, { domain: 'mail.example.com' }, RESEND))
        .reason,
    ).toMatch(/^step `domain`: body\.records\.exists\(r, r\.record == "DKIM"\)/)
    const unknown = await runPreset(
      'resend.domain-records',
      pending.url,
      { domain: 'news.example.com' },
      RESEND,
    )
    expect(unknown.reason).toMatch(/^step `find`: /)
  })
})
