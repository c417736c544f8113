import { codeSpans, findDurations, findHosts, findPercent } from './text'

/** Parameter values read from the words; the rest become plan vars. */
export type ParamReader = (text: string) => Record<string, string | number | string[] | undefined>

/**
 * How an item's words name a preset. Keyed by preset id (every preset in the catalog has one; a
 * test says so). `all` must all match the item; `provider` may match the item or, for less
 * confidence, the rest of the plan ("Webhook endpoint enabled" in a Stripe launch).
 */
export interface PresetRule {
  provider: RegExp
  all: readonly RegExp[]
  unless?: RegExp
  params?: ParamReader
  /** Credential name for the provider (one per provider in a plan). */
  credential: string
  /**
   * The item's own words are specific enough for the provider to come from the plan around it
   * ("KV namespaces created" in a Cloudflare plan). Otherwise the item must name the provider.
   */
  contextual?: boolean
}

const spans = (t: string, re: RegExp) => codeSpans(t).filter((s) => re.test(s))
const names = (t: string) => spans(t, /^[A-Za-z0-9][\w.-]*$/).filter((s) => !/^\d+$/.test(s))
const repo = (t: string) =>
  /github\.com\/([\w.-]+\/[\w.-]+)/.exec(t)?.[1] ?? spans(t, /^[\w.-]+\/[\w.-]+$/)[0]
const branch = (t: string) =>
  /`([\w./-]+)`\s+branch|branch\s+`([\w./-]+)`|\bon\s+`([\w./-]+)`|\b(main|master|develop|release)\s+branch/i
    .exec(t)
    ?.slice(1)
    .find(Boolean)
const within = (t: string) => findDurations(t).find((d) => d.ms >= 60_000)?.text

export const PRESET_RULES: Readonly<Record<string, PresetRule>> = {
  'github.branch-protection': {
    provider: /\bgithub\b|\bbranch\b/i,
    all: [
      /\b(branch protection|protected branch|required (status )?checks?|required reviews?|approving reviews?|require[sd]? (\d+ )?(approvals?|reviews?))\b/i,
    ],
    credential: 'github',
    params: (t) => ({
      repo: repo(t),
      branch: branch(t),
      check: /(?:check|status check)\s+`([^`]+)`|`([^`]+)`\s+(?:status )?check/i
        .exec(t)
        ?.slice(1)
        .find(Boolean),
      approvals: Number(/(\d+)\s+(?:approv|review)/i.exec(t)?.[1] ?? NaN) || undefined,
    }),
  },
  'github.workflow-success': {
    provider: /\b(github|actions?|workflow|ci)\b/i,
    all: [
      /\b(workflow|nightly|ci run|ci build|github actions?|pipeline|scheduled run|cron run)\b/i,
      /\b(success\w*|green|pass(ed|ing)?|succeeded)\b/i,
    ],
    unless: /\b(coverage|unit tests?|integration tests?)\b/i,
    contextual: true,
    credential: 'github',
    params: (t) => ({
      repo: repo(t),
      workflow: spans(t, /\.ya?ml$/)[0],
      branch: branch(t),
      within: within(t),
    }),
  },
  'stripe.live-mode': {
    provider: /\bstripe\b/i,
    all: [/\b(live[- ]mode|live keys?|livemode|production keys?|live secret key)\b/i],
    unless: /\b(webhook|rotat\w*)\b/i,
    credential: 'stripe',
  },
  'stripe.webhook-endpoint': {
    provider: /\bstripe\b/i,
    all: [/\bwebhooks?\b/i],
    unless: /\b(delay|idempoten\w*|retry|handling)\b/i,
    contextual: true,
    credential: 'stripe',
    params: (t) => ({
      url: /https?:\/\/[^\s`'")]+/.exec(t)?.[0],
      events:
        spans(t, /^[a-z_]+(\.[a-z_]+)+$/).length > 0
          ? spans(t, /^[a-z_]+(\.[a-z_]+)+$/)
          : undefined,
    }),
  },
  'cloudflare.token-valid': {
    provider: /\bcloudflare\b/i,
    all: [/\b(api )?tokens?\b/i, /\b(valid|active|verif\w*|works)\b/i],
    credential: 'cloudflare',
  },
  'cloudflare.kv-namespaces': {
    provider: /\b(cloudflare|workers?)\b/i,
    all: [/\b(workers )?kv\b/i, /\bnamespaces?\b/i],
    contextual: true,
    credential: 'cloudflare',
    params: (t) => ({ names: names(t).length > 0 ? names(t) : undefined }),
  },
  'cloudflare.d1-databases': {
    provider: /\b(cloudflare|workers?|d1)\b/i,
    all: [/\bd1\b/i, /\b(databases?|db)\b/i],
    contextual: true,
    credential: 'cloudflare',
    params: (t) => ({ names: names(t).length > 0 ? names(t) : undefined }),
  },
  'cloudflare.r2-buckets': {
    provider: /\b(cloudflare|r2)\b/i,
    all: [/\br2\b/i, /\bbuckets?\b/i],
    contextual: true,
    credential: 'cloudflare',
    params: (t) => ({ names: names(t).length > 0 ? names(t) : undefined }),
  },
  'cloudflare.dns-record': {
    provider: /\bcloudflare\b/i,
    all: [/\bcloudflare\b/i, /\bdns\b/i],
    credential: 'cloudflare',
    params: (t) => ({
      name: findHosts(t)[0],
      type: /\b(AAAA|CNAME|MX|TXT|A)\s+record/.exec(t)?.[1],
      content: [...t.matchAll(/\b(\d{1,3}(?:\.\d{1,3}){3})\b/g)].map((m) => m[1] ?? ''),
    }),
  },
  'vercel.production-ready': {
    provider: /\bvercel\b/i,
    all: [/\bvercel\b/i, /\b(deploy\w*|production|ready|live)\b/i],
    unless: /\b(env(ironment)? var\w*|env vars?)\b/i,
    credential: 'vercel',
  },
  'vercel.env-vars': {
    provider: /\bvercel\b/i,
    all: [/\b(env(ironment)? var\w*|env vars?|environment variables?)\b/i],
    credential: 'vercel',
    params: (t) => ({
      names: spans(t, /^[A-Z][A-Z0-9_]+$/).length > 0 ? spans(t, /^[A-Z][A-Z0-9_]+$/) : undefined,
    }),
  },
  'resend.domain-verified': {
    provider: /\bresend\b/i,
    all: [/\b(domains?|dns|spf|dkim)\b/i, /\b(verif\w*|set ?up|configured|added)\b/i],
    credential: 'resend',
    params: (t) => ({ domain: findHosts(t)[0] }),
  },
  'sentry.release-exists': {
    provider: /\bsentry\b/i,
    all: [/\bsentry\b/i, /\breleases?\b/i],
    credential: 'sentry',
    params: (t) => ({ release: spans(t, /^[\w.-]+@[\w.+-]+$|^v?\d+\.\d+/)[0] }),
  },
  'sentry.alert-rules': {
    provider: /\bsentry\b/i,
    all: [/\bsentry\b/i, /\balert\w*\b/i],
    credential: 'sentry',
  },
  'render.deploy-live': {
    provider: /\bRender\b/,
    all: [/\bRender\b/, /\b(deploy\w*|service)\b/i, /\b(live|succeeded|successful|green)\b/i],
    unless: /pre-?deploy/i,
    credential: 'render',
  },
  'render.pre-deploy-command': {
    provider: /\bRender\b/,
    all: [/\bpre-?deploy\b/i],
    credential: 'render',
    params: (t) => ({
      contains: spans(t, /^[\w :.-]+$/)[0] ?? (/\bmigrat/i.test(t) ? 'migrate' : undefined),
    }),
  },
  'supabase.services-healthy': {
    provider: /\bsupabase\b/i,
    all: [/\bsupabase\b/i, /\b(health\w*|services? (are )?(up|running)|status)\b/i],
    unless: /\b(pitr|point[- ]in[- ]time|backups?)\b/i,
    credential: 'supabase',
  },
  'supabase.pitr-enabled': {
    provider: /\bsupabase\b/i,
    all: [/\b(pitr|point[- ]in[- ]time)\b/i],
    contextual: true,
    credential: 'supabase',
  },
  'appstore.build-processed': {
    provider: /\b(app store|testflight|ios|apple)\b/i,
    all: [
      /\b(app store|testflight|ios)\b/i,
      /\bbuilds?\b/i,
      /\b(processed|valid|uploaded|available|ready)\b/i,
    ],
    credential: 'appstore',
  },
  'appstore.version-state': {
    provider: /\b(app store|ios|apple)\b/i,
    all: [
      /\b(app store|ios)\b/i,
      /\b(ready for (sale|distribution)|pending developer release|waiting for review|in review|approved|submitted for review)\b/i,
    ],
    credential: 'appstore',
    params: (t) => ({
      state: /ready for (sale|distribution)/i.test(t)
        ? 'READY_FOR_SALE'
        : /pending developer release|approved/i.test(t)
          ? 'PENDING_DEVELOPER_RELEASE'
          : /waiting for review|submitted/i.test(t)
            ? 'WAITING_FOR_REVIEW'
            : /in review/i.test(t)
              ? 'IN_REVIEW'
              : undefined,
      platform: /\bmac ?os\b/i.test(t) ? 'MAC_OS' : undefined,
    }),
  },
  'appstore.server-notifications': {
    provider: /\bapp store\b/i,
    all: [/\b(app store server notifications?|server-to-server notifications?|asn ?v?2)\b/i],
    contextual: true,
    credential: 'appstore_iap',
    params: (t) => ({ bundle: spans(t, /^[a-z][\w-]*(\.[\w-]+){2,}$/i)[0], within: within(t) }),
  },
  'googleplay.track': {
    provider: /\b(google play|play console|play store|android)\b/i,
    all: [
      /\b(google play|play console|play store|android)\b/i,
      /\b(tracks?|rollout|rolled out|staged|release|internal testing|production)\b/i,
    ],
    unless: /\b(rtdn|real-?time developer notifications|billing)\b/i,
    contextual: true,
    credential: 'googleplay',
    params: (t) => {
      const percent = /\b(rollout|rolled out|staged)\b/i.test(t) ? findPercent(t) : undefined
      return {
        package: spans(t, /^[a-z][\w]*(\.[\w]+){2,}$/i)[0],
        track: /\b(internal|alpha|beta)\b/i.exec(t)?.[1]?.toLowerCase(),
        status: /\bhalted\b/i.test(t)
          ? 'halted'
          : percent !== undefined && percent < 100
            ? 'inProgress'
            : 'completed',
        fraction: percent !== undefined && percent < 100 ? percent / 100 : undefined,
        version: /version ?code\s*`?(\d+)`?/i.exec(t)?.[1],
      }
    },
  },
}
