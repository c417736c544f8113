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

/** A CEL string literal (JSON string syntax is valid CEL). */
export const celString = (value: unknown): string => JSON.stringify(String(value))
/** A CEL list of string literals. */
export const celList = (values: unknown): string =>
  `[${(Array.isArray(values) ? values : [values]).map(celString).join(', ')}]`
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

const SUPABASE: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'Supabase',
  credentialKinds: ['token'],
  baseUrl: 'https://api.supabase.com',
}
const APP_STORE: Pick<PresetDefinition, 'provider' | 'credentialKinds' | 'baseUrl'> = {
  provider: 'App Store Connect',
  credentialKinds: ['appstore-connect'],
  baseUrl: 'https://api.appstoreconnect.apple.com',
}

export const PRESETS: readonly PresetDefinition[] = [
  {
    provider: 'Render',
    credentialKinds: ['token'],
    baseUrl: 'https://api.render.com',
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
    provider: 'Cloudflare',
    credentialKinds: ['token'],
    baseUrl: 'https://api.cloudflare.com',
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
        ...(Array.isArray(p.names) ? p.names : [String(p.names)]).map(
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
      url: `${base}/domains`,
      expect: [
        'status == 200',
        `body.data.exists(d, d.name == ${celString(p.domain)})`,
        `body.data.exists(d, d.name == ${celString(p.domain)} && d.status == "verified")`,
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
      expect: ['status == 200', 'size(body) > 0'],
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
      expect: [
        'status == 200',
        `body.data.exists(e, e.url == ${celString(p.url)})`,
        `body.data.exists(e, e.url == ${celString(p.url)} && e.status == "enabled")`,
        `body.data.exists(e, e.url == ${celString(p.url)} && ${celList(p.events)}.all(t, t in e.enabled_events || "*" in e.enabled_events))`,
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
