import { codeSpans, findDurations, findHosts, findPercent } from './text'

/** Parameter values read from the words; the rest become plan vars. */
export type ParamReader = (
  text: string,
) => Record<string, string | number | boolean | string[] | undefined>

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
const branchName = (t: string) =>
  /`([\w./-]+)`\s+branch|branch\s+`([\w./-]+)`|\bon\s+`([\w./-]+)`|\b(main|master|develop|release)\s+branch/i
    .exec(t)
    ?.slice(1)
    .find(Boolean)
/** The branch, never the repository ("ruleset on `acme/api`"). */
const branch = (t: string) => {
  const name = branchName(t)
  return name !== undefined && name !== repo(t) ? name : undefined
}
const within = (t: string) => findDurations(t).find((d) => d.ms >= 60_000)?.text
const COUNTS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4 }
/** "2 approvals", "one approving review", "two reviewers". */
const approvals = (t: string) => {
  const n = /\b(\d+|one|two|three|four)\s+(?:approv|review)/i.exec(t)?.[1]?.toLowerCase()
  return n === undefined ? undefined : (COUNTS[n] ?? (Number(n) || undefined))
}
const statusCheck = (t: string) =>
  /(?:check|status check)\s+`([^`]+)`|`([^`]+)`\s+(?:status )?check/i
    .exec(t)
    ?.slice(1)
    .find(Boolean)
/** "1.4.0", "v2.3": the first version number (not an IP address). */
const version = (t: string) => /(?<![\d.])v?(\d+\.\d+(?:\.\d+)?)(?![\d.])/.exec(t)?.[1]
/** "build 142", "build `142`": a build number (CFBundleVersion). */
const buildNumber = (t: string) => /\bbuild\s+(?:number\s+)?#?`?(\d+)`?/i.exec(t)?.[1]
/** Hosts the item names, without the provider's own (cname.vercel-dns.com). */
const ownHost = (t: string, provider: RegExp) => findHosts(t).find((h) => !provider.test(h))

/** A TestFlight beta group (external or internal testers), not the build alone. */
const TESTFLIGHT_GROUP =
  /\b(beta groups?|groups?|external (beta )?(testers|testing|group)|internal (beta )?(testers|testing|group))\b/i
/** The app sent to App Review (a review submission), as opposed to a version's release state. */
const REVIEW_SUBMISSION =
  /\b((submitted|sent) (to|for) (the )?(app (store )?)?review|submit\w* (\w+ ){0,3}for (app (store )?)?review|review submission|waiting for review|in review)\b/i

export const PRESET_RULES: Readonly<Record<string, PresetRule>> = {
  'github.branch-protection': {
    provider: /\bgithub\b|\bbranch\b/i,
    all: [
      /\b(branch protection|protected branch|required (status )?checks?|required reviews?|approving reviews?|require[sd]? (\d+ )?(approvals?|reviews?))\b/i,
    ],
    // A ruleset is github.rulesets: it reads only the rules in effect.
    unless: /\brulesets?\b/i,
    credential: 'github',
    params: (t) => ({
      repo: repo(t),
      branch: branch(t),
      check: statusCheck(t),
      approvals: approvals(t),
    }),
  },
  'github.rulesets': {
    provider: /\b(github|branch|repo(sitory)?|org(anization)?)\b/i,
    all: [/\brulesets?\b/i],
    unless: /\b(bypass list|exceptions? (approved|granted|documented))\b/i,
    contextual: true,
    credential: 'github',
    params: (t) => ({
      repo: repo(t),
      branch: branch(t) ?? /\bon\s+(main|master|develop)\b/i.exec(t)?.[1],
      check: statusCheck(t),
      approvals: approvals(t),
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
    unless: /\b(webhook|rotat\w*|charges|payouts|activated)\b/i,
    credential: 'stripe',
  },
  'stripe.account-ready': {
    provider: /\bstripe\b/i,
    all: [
      /\b(charges|payouts|account (is )?(activated|active|verified|ready|enabled)|activat\w+ (the )?account)\b/i,
    ],
    // Payout schedules, tax and reconciliation are agreed by people, not read from the account.
    unless: /\b(schedule\w*|agreed|finance team|reconcil\w*|tax\w*|disput\w*|refund\w*|fees?)\b/i,
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
  'cloudflare.zone-ssl-strict': {
    provider: /\bcloudflare\b/i,
    all: [/\b(ssl|tls|encryption)\b/i, /\bstrict\b/i],
    contextual: true,
    credential: 'cloudflare',
    params: (t) => ({
      alwaysHttps: /\balways use https\b/i.test(t) ? true : undefined,
      dnssec: /\bdnssec\b/i.test(t) ? true : undefined,
    }),
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
    unless: /\b(env(ironment)? var\w*|env vars?|domains?)\b/i,
    credential: 'vercel',
  },
  'vercel.domain-verified': {
    provider: /\bvercel\b/i,
    all: [
      /\bvercel\b/i,
      /\bdomains?\b/i,
      /\b(verified|verify|configured|attached|added|assigned|connected|set up)\b/i,
    ],
    unless: /\b(purchas\w*|bought|renew\w*|transfer\w*|registrar)\b/i,
    credential: 'vercel',
    params: (t) => ({ domain: ownHost(t, /vercel/i) }),
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
    // The records one by one are resend.domain-records.
    unless: /\b(spf|dkim|records?)\b/i,
    credential: 'resend',
    params: (t) => ({ domain: findHosts(t)[0] }),
  },
  'resend.domain-records': {
    provider: /\bresend\b/i,
    all: [/\b(spf|dkim|dns records?)\b/i, /\b(verif\w*|pass\w*|green|valid)\b/i],
    unless: /\bdmarc\b/i,
    contextual: true,
    credential: 'resend',
    params: (t) => ({ domain: findHosts(t)[0] }),
  },
  'sentry.release-exists': {
    provider: /\bsentry\b/i,
    all: [/\bsentry\b/i, /\breleases?\b/i],
    credential: 'sentry',
    params: (t) => ({ release: spans(t, /^[\w.-]+@[\w.+-]+$|^v?\d+\.\d+/)[0] }),
  },
  'sentry.project-dsn': {
    provider: /\bsentry\b/i,
    all: [/\b(dsn|client keys?)\b/i],
    unless: /\b(rotat\w*|leak\w*|revok\w*)\b/i,
    contextual: true,
    credential: 'sentry',
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
    unless: /\b(pitr|point[- ]in[- ]time|backups?|ssl)\b/i,
    credential: 'supabase',
  },
  'supabase.ssl-enforced': {
    provider: /\bsupabase\b/i,
    all: [/\b(ssl|tls)\b/i, /\b(enforc\w*|required|only)\b/i],
    contextual: true,
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
    // A build in a beta group is appstore.testflight-build.
    unless: TESTFLIGHT_GROUP,
    credential: 'appstore',
  },
  'appstore.testflight-build': {
    provider: /\b(testflight|app store|ios)\b/i,
    all: [/\btestflight\b/i, TESTFLIGHT_GROUP],
    unless: /\b(invite\w*|recruit\w*|feedback|survey)\b/i,
    contextual: true,
    credential: 'appstore',
    params: (t) => ({ build: buildNumber(t) }),
  },
  'appstore.review-submission': {
    provider: /\b(app store|ios|apple|testflight)\b/i,
    all: [REVIEW_SUBMISSION],
    unless: /\b(notes?|screenshots?|metadata|guidelines?|demo account)\b/i,
    contextual: true,
    credential: 'appstore',
    params: (t) => ({
      states: /\b(review (is )?complete|completed review)\b/i.test(t)
        ? ['COMPLETE']
        : /\bin review\b/i.test(t) && !/\bwaiting\b/i.test(t)
          ? ['IN_REVIEW']
          : undefined,
      platform: /\bmac ?os\b/i.test(t) ? 'MAC_OS' : undefined,
    }),
  },
  'appstore.phased-release': {
    provider: /\b(app store|ios|apple)\b/i,
    all: [/\bphased (release|rollout)\b/i],
    contextual: true,
    credential: 'appstore',
    params: (t) => ({
      version: version(t),
      state: /\bpaused\b/i.test(t)
        ? 'PAUSED'
        : /\b(complete[d]?|finished|100 ?%)\b/i.test(t)
          ? 'COMPLETE'
          : undefined,
      platform: /\bmac ?os\b/i.test(t) ? 'MAC_OS' : undefined,
    }),
  },
  'appstore.version-state': {
    provider: /\b(app store|ios|apple)\b/i,
    all: [
      /\b(app store|ios)\b/i,
      /\b(ready for (sale|distribution)|pending developer release|waiting for review|in review|approved|submitted for review)\b/i,
    ],
    // A submission for review is appstore.review-submission; a phased release its own preset.
    unless: new RegExp(`${REVIEW_SUBMISSION.source}|\\bphased\\b`, 'i'),
    credential: 'appstore',
    params: (t) => ({
      state: /ready for (sale|distribution)/i.test(t)
        ? 'READY_FOR_DISTRIBUTION'
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
    unless: /\b(rtdn|real-?time developer notifications|billing|phased|testflight)\b/i,
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
