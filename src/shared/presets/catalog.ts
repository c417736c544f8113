import type { CredentialKind } from '../credentials'

/** A preset parameter: a string, a number or a list of strings, described for the user. */
export interface PresetParam {
  description: string
  required: boolean
  type: 'string' | 'number' | 'list'
}

export type PresetParams = Record<string, string | number | string[]>

/**
 * A preset is data over the generic probes: the request it makes, the credential kinds it accepts,
 * its conditions, the parameters it needs, and the minimal permission the credential must have.
 */
export interface PresetDefinition {
  id: string
  provider: string
  title: string
  credentialKinds: readonly CredentialKind[]
  /** The least a token needs, shown when the provider answers 401/403. */
  permission: string
  baseUrl: string
  params: Record<string, PresetParam>
  /** The probe it runs (an http or flow spec as a plan would write it). */
  expand(params: PresetParams, baseUrl: string): Record<string, unknown>
}

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String)

/** A CEL string literal (JSON string syntax is valid CEL). */
export const celString = (value: unknown): string => JSON.stringify(String(value))
/** A CEL double literal (JSON numbers are doubles in CEL, and 1 == 1.0 is a type error there). */
export const celDouble = (value: unknown): string => {
  const n = Number(value)
  return Number.isInteger(n) ? `${n}.0` : String(n)
}
/** A CEL list of string literals. */
export const celList = (values: unknown): string => `[${listOf(values).map(celString).join(', ')}]`
const path = (value: unknown) => encodeURIComponent(String(value))

const GITHUB: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'GitHub',
  credentialKinds: ['token'],
  baseUrl: 'https://api.github.com',
}
const githubHeaders = {
  Accept: 'application/vnd.github+json',
  'X-GitHub-Api-Version': '2022-11-28',
}

const STRIPE: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'Stripe',
  credentialKinds: ['token'],
  baseUrl: 'https://api.stripe.com',
}

const VERCEL: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'Vercel',
  credentialKinds: ['token'],
  baseUrl: 'https://api.vercel.com',
}
const teamQuery = (p: PresetParams) => (p.team ? `&teamId=${path(p.team)}` : '')
const SENTRY: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'Sentry',
  credentialKinds: ['token'],
  baseUrl: 'https://sentry.io',
}

const RENDER: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'Render',
  credentialKinds: ['token'],
  baseUrl: 'https://api.render.com',
}

const SUPABASE: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'Supabase',
  credentialKinds: ['token'],
  baseUrl: 'https://api.supabase.com',
}
const CLOUDFLARE: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'Cloudflare',
  credentialKinds: ['token'],
  baseUrl: 'https://api.cloudflare.com',
}
/** Cloudflare's page-number lists: result_info { page, per_page, count, total_count }. */
const CLOUDFLARE_PAGES = {
  items: 'body.result',
  more: 'body.result_info.page * body.result_info.per_page < body.result_info.total_count',
  query: { page: 'string(int(body.result_info.page) + 1)' },
}

const APP_STORE: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'App Store Connect',
  credentialKinds: ['appstore-connect'],
  baseUrl: 'https://api.appstoreconnect.apple.com',
}

export const PRESETS: readonly PresetDefinition[] = [
  {
    ...RENDER,
    id: 'render.deploy-live',
    title: 'The latest deploy of the service is live',
    permission: 'an API key of a workspace member who can see the service',
    params: {
      service: { description: 'service id, e.g. srv-abc123', required: true, type: 'string' },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/v1/services/${path(p.service)}/deploys?limit=1`,
      expect: ['status == 200', 'size(body) > 0', 'body[0].deploy.status == "live"'],
    }),
  },
  {
    ...RENDER,
    id: 'render.pre-deploy-command',
    title: 'The service runs a pre-deploy command (e.g. migrations)',
    permission: 'an API key of a workspace member who can see the service',
    params: {
      service: { description: 'service id, e.g. srv-abc123', required: true, type: 'string' },
      contains: {
        description: 'text the command must contain, e.g. migrate',
        required: false,
        type: 'string',
      },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/v1/services/${path(p.service)}`,
      expect: [
        'status == 200',
        'has(body.serviceDetails.preDeployCommand) && body.serviceDetails.preDeployCommand != ""',
        ...(p.contains !== undefined
          ? [`body.serviceDetails.preDeployCommand.contains(${celString(p.contains)})`]
          : []),
      ],
    }),
  },
  {
    ...SUPABASE,
    id: 'supabase.services-healthy',
    title: 'The project services are healthy',
    permission: 'a personal access token of a member of the project’s organization',
    params: { project: { description: 'project ref', required: true, type: 'string' } },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/v1/projects/${path(p.project)}/health?services=db&services=auth&services=rest&services=storage`,
      expect: ['status == 200', 'size(body) > 0', 'body.all(s, s.healthy == true)'],
    }),
  },
  {
    ...SUPABASE,
    id: 'supabase.pitr-enabled',
    title: 'Backups with point-in-time recovery are enabled',
    permission: 'a personal access token of a member of the project’s organization',
    params: { project: { description: 'project ref', required: true, type: 'string' } },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/v1/projects/${path(p.project)}/database/backups`,
      expect: ['status == 200', 'body.pitr_enabled == true'],
    }),
  },
  {
    ...APP_STORE,
    id: 'appstore.build-processed',
    title: 'The latest build of the app is processed (VALID)',
    permission: 'an App Store Connect API key with the Developer role (or higher)',
    params: { app: { description: 'Apple app id (numeric)', required: true, type: 'string' } },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/v1/builds?filter%5Bapp%5D=${path(p.app)}&sort=-uploadedDate&limit=1`,
      expect: [
        'status == 200',
        'size(body.data) > 0',
        'body.data[0].attributes.processingState == "VALID"',
      ],
    }),
  },
  {
    ...APP_STORE,
    id: 'appstore.version-state',
    title: 'The latest App Store version is in the expected state',
    permission: 'an App Store Connect API key with the App Manager role (or higher)',
    params: {
      app: { description: 'Apple app id (numeric)', required: true, type: 'string' },
      state: {
        description: 'expected appStoreState, e.g. READY_FOR_SALE or PENDING_DEVELOPER_RELEASE',
        required: true,
        type: 'string',
      },
      platform: { description: 'IOS (default), MAC_OS, TV_OS', required: false, type: 'string' },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/v1/apps/${path(p.app)}/appStoreVersions?filter%5Bplatform%5D=${path(p.platform ?? 'IOS')}&limit=1`,
      expect: [
        'status == 200',
        'size(body.data) > 0',
        `body.data[0].attributes.appStoreState == ${celString(p.state)}`,
      ],
    }),
  },
  {
    ...APP_STORE,
    id: 'appstore.server-notifications',
    title: 'App Store Server Notifications reach the backend',
    permission:
      'an In-App Purchase key (App Store Connect › Users and Access › Integrations) for the app',
    baseUrl: 'https://api.storekit.itunes.apple.com',
    params: {
      bundle: { description: 'the app’s bundle id', required: true, type: 'string' },
      within: {
        description: 'how long Apple may take to deliver (default 60s)',
        required: false,
        type: 'string',
      },
    },
    // Ask Apple to send a test notification, then poll its delivery until an attempt is recorded.
    expand: (p, base) => ({
      kind: 'flow',
      steps: [
        {
          id: 'request',
          method: 'POST',
          url: `${base}/inApps/v1/notifications/test`,
          auth: { bundleId: String(p.bundle) },
          expect: ['status == 200'],
          capture: { testNotificationToken: 'body.testNotificationToken' },
          evidence: ['testNotificationToken'],
        },
        {
          id: 'delivery',
          url: `${base}/inApps/v1/notifications/test/\${vars.testNotificationToken}`,
          auth: { bundleId: String(p.bundle) },
          poll: {
            until: 'status == 200 && has(body.sendAttempts) && size(body.sendAttempts) > 0',
            interval: '2s',
            deadline: String(p.within ?? '60s'),
          },
          expect: [
            'status == 200',
            'body.sendAttempts[size(body.sendAttempts) - 1].sendAttemptResult == "SUCCESS"',
          ],
        },
      ],
    }),
  },
  {
    provider: 'Google Play',
    credentialKinds: ['google-service-account'],
    baseUrl: 'https://androidpublisher.googleapis.com',
    id: 'googleplay.track',
    title: 'The track’s release has the expected status and rollout fraction',
    permission:
      'a service account invited in Play Console › Users and permissions with "View app information" for the app',
    params: {
      package: {
        description: 'package name, e.g. com.example.app',
        required: true,
        type: 'string',
      },
      track: {
        description: 'production (default), beta, alpha, internal',
        required: false,
        type: 'string',
      },
      status: {
        description: 'expected release status: completed, inProgress, halted or draft',
        required: true,
        type: 'string',
      },
      fraction: {
        description: 'expected userFraction of a staged rollout, e.g. 0.1',
        required: false,
        type: 'number',
      },
      version: {
        description: 'a versionCode the release must contain',
        required: false,
        type: 'string',
      },
    },
    // Reading a track needs an edit: open one, read, and always delete it (edits are drafts).
    expand: (p, base) => {
      const app = `${base}/androidpublisher/v3/applications/${path(p.package)}`
      const release = [
        `r.status == ${celString(p.status)}`,
        ...(p.fraction !== undefined ? [`r.userFraction == ${celDouble(p.fraction)}`] : []),
        ...(p.version !== undefined ? [`${celString(p.version)} in r.versionCodes`] : []),
      ].join(' && ')
      return {
        kind: 'flow',
        steps: [
          {
            id: 'open_edit',
            method: 'POST',
            url: `${app}/edits`,
            json: {},
            expect: ['status == 200'],
            capture: { edit: 'body.id' },
            evidence: ['edit'],
          },
          {
            id: 'track',
            url: `${app}/edits/\${vars.edit}/tracks/${path(p.track ?? 'production')}`,
            expect: [
              'status == 200',
              'has(body.releases) && size(body.releases) > 0',
              `body.releases.exists(r, ${release})`,
            ],
          },
          {
            id: 'delete_edit',
            method: 'DELETE',
            url: `${app}/edits/\${vars.edit}`,
            always: true,
            expect: ['status >= 200 && status < 300'],
          },
        ],
      }
    },
  },
  {
    ...CLOUDFLARE,
    id: 'cloudflare.kv-namespaces',
    title: 'The Workers KV namespaces exist',
    permission: 'an API token with Account › Workers KV Storage › Read',
    params: {
      account: { description: 'account id', required: true, type: 'string' },
      names: { description: 'namespace titles that must exist', required: true, type: 'list' },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/client/v4/accounts/${path(p.account)}/storage/kv/namespaces?per_page=100&page=1`,
      paginate: CLOUDFLARE_PAGES,
      expect: [
        'status == 200',
        'body.success == true',
        ...listOf(p.names).map((name) => `items.exists(n, n.title == ${celString(name)})`),
      ],
    }),
  },
  {
    ...CLOUDFLARE,
    id: 'cloudflare.d1-databases',
    title: 'The D1 databases exist',
    permission: 'an API token with Account › D1 › Read',
    params: {
      account: { description: 'account id', required: true, type: 'string' },
      names: { description: 'database names that must exist', required: true, type: 'list' },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/client/v4/accounts/${path(p.account)}/d1/database?per_page=100&page=1`,
      paginate: CLOUDFLARE_PAGES,
      expect: [
        'status == 200',
        'body.success == true',
        ...listOf(p.names).map((name) => `items.exists(d, d.name == ${celString(name)})`),
      ],
    }),
  },
  {
    ...CLOUDFLARE,
    id: 'cloudflare.r2-buckets',
    title: 'The R2 buckets exist',
    permission: 'an API token with Account › Workers R2 Storage › Read',
    params: {
      account: { description: 'account id', required: true, type: 'string' },
      names: { description: 'bucket names that must exist', required: true, type: 'list' },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/client/v4/accounts/${path(p.account)}/r2/buckets?per_page=100`,
      // R2 pages by cursor, not by page number.
      paginate: {
        items: 'body.result.buckets',
        more: 'has(body.result_info.cursor) && body.result_info.cursor != ""',
        query: { cursor: 'body.result_info.cursor' },
      },
      expect: [
        'status == 200',
        'body.success == true',
        ...listOf(p.names).map((name) => `items.exists(b, b.name == ${celString(name)})`),
      ],
    }),
  },
  {
    ...CLOUDFLARE,
    id: 'cloudflare.dns-record',
    title: 'The DNS record has the expected content',
    permission: 'an API token with Zone › DNS › Read on the zone',
    params: {
      zone: { description: 'zone id', required: true, type: 'string' },
      name: { description: 'record name, e.g. api.example.com', required: true, type: 'string' },
      type: { description: 'record type (default A)', required: false, type: 'string' },
      content: {
        description: 'values the records must include, e.g. 203.0.113.10',
        required: true,
        type: 'list',
      },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/client/v4/zones/${path(p.zone)}/dns_records?name=${path(p.name)}&type=${path(p.type ?? 'A')}&per_page=100&page=1`,
      paginate: CLOUDFLARE_PAGES,
      expect: [
        'status == 200',
        'body.success == true',
        'size(items) > 0',
        ...listOf(p.content).map((value) => `items.exists(r, r.content == ${celString(value)})`),
      ],
    }),
  },
  {
    ...CLOUDFLARE,
    id: 'cloudflare.token-valid',
    title: 'The Cloudflare API token is valid and active',
    permission: 'any API token (verification needs no extra permission)',
    params: {},
    expand: (_p, base) => ({
      kind: 'http',
      url: `${base}/client/v4/user/tokens/verify`,
      expect: ['status == 200', 'body.success == true', 'body.result.status == "active"'],
    }),
  },
  {
    ...VERCEL,
    id: 'vercel.production-ready',
    title: 'The latest production deployment is READY',
    permission: 'a token scoped to the team, with read access to deployments',
    params: {
      project: { description: 'project id or name', required: true, type: 'string' },
      team: { description: 'team id (for team projects)', required: false, type: 'string' },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/v6/deployments?projectId=${path(p.project)}&target=production&limit=1${teamQuery(p)}`,
      expect: [
        'status == 200',
        'size(body.deployments) > 0',
        'body.deployments[0].state == "READY"',
      ],
    }),
  },
  {
    ...VERCEL,
    id: 'vercel.env-vars',
    title: 'Production environment variables are set for the project',
    permission: 'a token scoped to the team, with read access to project environment variables',
    params: {
      project: { description: 'project id or name', required: true, type: 'string' },
      names: {
        description: 'variable names that must exist for production',
        required: true,
        type: 'list',
      },
      team: { description: 'team id (for team projects)', required: false, type: 'string' },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/v9/projects/${path(p.project)}/env?decrypt=false${teamQuery(p)}`,
      expect: [
        'status == 200',
        ...listOf(p.names).map(
          (name) => `body.envs.exists(e, e.key == ${celString(name)} && "production" in e.target)`,
        ),
      ],
    }),
  },
  {
    provider: 'Resend',
    credentialKinds: ['token'],
    baseUrl: 'https://api.resend.com',
    id: 'resend.domain-verified',
    title: 'The sending domain is verified',
    permission: 'an API key with full access (sending-only keys cannot read domains)',
    params: {
      domain: {
        description: 'sending domain, e.g. mail.example.com',
        required: true,
        type: 'string',
      },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/domains?limit=100`,
      // Resend pages with `after` the last id while `has_more` (absent on older answers).
      paginate: {
        items: 'body.data',
        more: 'has(body.has_more) && body.has_more',
        query: { after: 'body.data[size(body.data) - 1].id' },
      },
      expect: [
        'status == 200',
        `items.exists(d, d.name == ${celString(p.domain)})`,
        `items.exists(d, d.name == ${celString(p.domain)} && d.status == "verified")`,
      ],
    }),
  },
  {
    ...SENTRY,
    id: 'sentry.release-exists',
    title: 'The release exists in Sentry',
    permission: 'an auth token with the project:releases (or org:read) scope',
    params: {
      org: { description: 'organization slug', required: true, type: 'string' },
      release: { description: 'release version, e.g. api@1.42.0', required: true, type: 'string' },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/api/0/organizations/${path(p.org)}/releases/${path(p.release)}/`,
      expect: ['status == 200', `body.version == ${celString(p.release)}`],
    }),
  },
  {
    ...SENTRY,
    id: 'sentry.alert-rules',
    title: 'The project has alert rules',
    permission: 'an auth token with the project:read scope',
    params: {
      org: { description: 'organization slug', required: true, type: 'string' },
      project: { description: 'project slug', required: true, type: 'string' },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/api/0/projects/${path(p.org)}/${path(p.project)}/rules/`,
      // Sentry pages through Link headers whose rel="next" says results="false" at the end.
      paginate: { items: 'body', link: true },
      expect: ['status == 200', 'size(items) > 0'],
    }),
  },
  {
    ...GITHUB,
    id: 'github.branch-protection',
    title: 'Branch protection requires the status check and enough approvals',
    permission: 'a fine-grained token with read access to "Administration" on the repository',
    params: {
      repo: { description: 'owner/name', required: true, type: 'string' },
      branch: { description: 'protected branch (default main)', required: false, type: 'string' },
      check: {
        description: 'required status check (context) name',
        required: true,
        type: 'string',
      },
      approvals: {
        description: 'minimum required approving reviews (default 1)',
        required: false,
        type: 'number',
      },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/repos/${String(p.repo)}/branches/${path(p.branch ?? 'main')}/protection`,
      headers: githubHeaders,
      expect: [
        'status == 200',
        `${celString(p.check)} in body.required_status_checks.contexts`,
        `body.required_pull_request_reviews.required_approving_review_count >= ${Number(p.approvals ?? 1)}`,
      ],
    }),
  },
  {
    ...GITHUB,
    id: 'github.workflow-success',
    title: 'The workflow has a successful run on the branch recently',
    permission: 'a fine-grained token with read access to "Actions" on the repository',
    params: {
      repo: { description: 'owner/name', required: true, type: 'string' },
      workflow: {
        description: 'workflow file name (deploy.yml) or id',
        required: true,
        type: 'string',
      },
      branch: { description: 'branch (default main)', required: false, type: 'string' },
      within: {
        description: 'how recent, as a CEL duration (default 36h)',
        required: false,
        type: 'string',
      },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/repos/${String(p.repo)}/actions/workflows/${path(p.workflow)}/runs?branch=${path(p.branch ?? 'main')}&status=success&per_page=1`,
      headers: githubHeaders,
      expect: [
        'status == 200',
        'size(body.workflow_runs) > 0',
        `timestamp(body.workflow_runs[0].updated_at) > now - duration(${celString(p.within ?? '36h')})`,
      ],
    }),
  },
  {
    ...STRIPE,
    id: 'stripe.live-mode',
    title: 'The Stripe key is a live-mode key',
    permission: 'a restricted key with read access to Balance',
    params: {},
    expand: (_p, base) => ({
      kind: 'http',
      url: `${base}/v1/balance`,
      expect: ['status == 200', 'body.livemode == true'],
    }),
  },
  {
    ...STRIPE,
    id: 'stripe.webhook-endpoint',
    title: 'A webhook endpoint for the URL is enabled and subscribes to the events',
    permission: 'a restricted key with read access to Webhook Endpoints',
    params: {
      url: { description: 'the endpoint URL Stripe calls', required: true, type: 'string' },
      events: {
        description: 'event types it must receive, e.g. checkout.session.completed',
        required: true,
        type: 'list',
      },
    },
    expand: (p, base) => ({
      kind: 'http',
      url: `${base}/v1/webhook_endpoints?limit=100`,
      // Stripe lists page by `starting_after` the last id while `has_more`.
      paginate: {
        items: 'body.data',
        more: 'body.has_more',
        query: { starting_after: 'body.data[size(body.data) - 1].id' },
      },
      expect: [
        'status == 200',
        `items.exists(e, e.url == ${celString(p.url)})`,
        `items.exists(e, e.url == ${celString(p.url)} && e.status == "enabled")`,
        `items.exists(e, e.url == ${celString(p.url)} && ${celList(p.events)}.all(t, t in e.enabled_events || "*" in e.enabled_events))`,
      ],
    }),
  },
]

export function findPreset(id: string): PresetDefinition | undefined {
  return PRESETS.find((p) => p.id === id)
}

/** Check a preset probe's params: required ones present, types right. Messages name the param. */
export function checkPresetParams(preset: PresetDefinition, params: PresetParams): string[] {
  const problems: string[] = []
  for (const [name, spec] of Object.entries(preset.params)) {
    const value = params[name]
    if (value === undefined) {
      if (spec.required) problems.push(`params.${name} is required (${spec.description})`)
      continue
    }
    const ok =
      spec.type === 'list'
        ? Array.isArray(value)
        : spec.type === 'number'
          ? typeof value === 'number'
          : typeof value === 'string'
    if (!ok) problems.push(`params.${name} must be a ${spec.type} (${spec.description})`)
  }
  for (const name of Object.keys(params))
    if (!(name in preset.params))
      problems.push(
        `params.${name} is not a parameter of ${preset.id} (it takes ${Object.keys(preset.params).join(', ') || 'none'})`,
      )
  return problems
}
