import { readCall, keyMention, type HttpCall } from '../request'
import { probeDraft, words, type Rule, type RuleInput } from '../rule'
import type { Draft, ItemText, ProbeInput } from '../types'
import { findDurations, findEndpoint, findHosts, plainText, quoteProse, varName } from '../text'
import type { Needs } from '../needs'

/** An http probe from a call read off the text. */
export function callProbe(call: HttpCall): ProbeInput {
  return {
    kind: 'http',
    ...(call.method !== 'GET' && { method: call.method as 'POST' }),
    url: call.url,
    ...(call.json && { json: call.json }),
    ...(call.auth && { auth: call.auth }),
    ...(call.expect.length > 0 && { expect: call.expect }),
  }
}

const itemText = (i: ItemText) => quoteProse(plainText(`${i.title}${i.notes ? ` ${i.notes}` : ''}`))

/**
 * "Revoked key returns 401" names no endpoint: the nearest neighbour that sends a key to one
 * does (the token exchange). The same request with this key.
 */
function borrowedCall(r: RuleInput, needs: Needs): HttpCall | undefined {
  const key = keyMention(r.text, needs)
  if (!key) return undefined
  const neighbours = [...(r.input.neighbours?.before ?? []), ...(r.input.neighbours?.after ?? [])]
  for (const n of neighbours) {
    const text = itemText(n)
    if (!findEndpoint(text) || !/\bkey\b/i.test(text)) continue
    const call = readCall(text, needs)
    if (!call) continue
    const value = key.credential ? `\${secrets.${key.credential}}` : (key.literal ?? '')
    const field = Object.entries(call.json ?? {}).find(([, v]) => v.startsWith('${secrets.'))?.[0]
    const refused = /\b(refused|rejected|denied|401|403|unauthori[sz]ed)\b/i.test(r.text)
    const status = /\b([1-5]\d\d)\b/.exec(r.text)?.[1]
    return {
      method: call.method,
      url: call.url,
      ...(field
        ? { json: { ...call.json, [field]: value } }
        : key.credential
          ? { auth: { credential: key.credential } }
          : {}),
      expect: [status ? `status == ${status}` : refused ? 'status in [401, 403]' : 'status == 200'],
      captures: {},
      // The borrowed path keeps its placeholders ({job_id}): they become vars to fill in.
      uses: call.uses,
      because: `${key.words} … ${n.title}`,
    }
  }
  return undefined
}

/** An endpoint and what it must answer: "`GET /health` returns 200, `status` is `ok`". */
export const httpRule: Rule = (r) => {
  const needs = r.needs()
  const call = readCall(r.text, needs) ?? borrowedCall(r, needs)
  if (!call) return []
  for (const name of call.uses) needs.var(name, 'a value an earlier step returns (an id)')
  const explicit = /\b(GET|POST|PUT|PATCH|DELETE|HEAD)\b/.test(r.text) || call.expect.length > 1
  return [
    {
      ...probeDraft('http', callProbe(call), needs, call.because, explicit ? 0.9 : 0.7),
      call,
    } as Draft,
  ]
}

const HEALTH =
  /\b(health[- ]?checks?|health endpoints?|health check endpoints?|healthz|readiness probes?|readiness checks?|liveness probes?|\/health\b)/i

/** "Health checks configured": the service's health endpoint answers 200. */
export const healthRule: Rule = (r) => {
  const m = HEALTH.exec(r.text)
  if (!m || r.task) return []
  const needs = r.needs()
  const path = /healthz/i.test(m[0]) ? '/healthz' : /readiness/i.test(m[0]) ? '/ready' : '/health'
  return [
    probeDraft(
      'http',
      { kind: 'http', url: `${needs.apiBase()}${path}`, expect: ['status == 200'] },
      needs,
      m[0],
      0.6,
    ),
  ]
}

const LIVE_URL =
  /\b((?:[\w-]{1,30} ){0,3}?)(url|page|site|website|link|landing page|status page)s? (?:is |are )?(live|up|reachable|accessible|online|loads?|published|available|operational|works|returns 200)\b/i

/** "Privacy policy URL live", "status page operational": the page answers 200. */
export const liveUrlRule: Rule = (r) => {
  const m = LIVE_URL.exec(r.text)
  if (!m || r.task) return []
  const needs = r.needs()
  const subject =
    `${m[1] ?? ''}${m[2] ?? ''}`
      .replace(/\s*\b(url|link)$/i, '')
      .trim()
      .toLowerCase() || 'site'
  const url = findHosts(r.text)[0]
  return [
    probeDraft(
      'http',
      {
        kind: 'http',
        url: url
          ? `https://${url}/`
          : needs.var(`${varName(subject)}_url`, `URL of the ${subject} page`),
        followRedirects: 3,
        expect: ['status == 200'],
      },
      needs,
      m[0].trim(),
      0.75,
    ),
  ]
}

const HTTPS_ENFORCED =
  /\b(https (is )?enforced|enforce https|http (requests )?redirects? to https|redirect http to https|https[- ]only|https everywhere)\b/i

/** "HTTPS enforced": plain HTTP answers with a redirect to https. */
export const httpsRedirectRule: Rule = (r) => {
  const m = HTTPS_ENFORCED.exec(r.text)
  if (!m) return []
  const needs = r.needs()
  const host = findHosts(r.text)[0]
  return [
    probeDraft(
      'http',
      {
        kind: 'http',
        url: `http://${host ?? needs.domain()}/`,
        expect: ['status in [301, 302, 307, 308]', 'headers.location.startsWith("https://")'],
      },
      needs,
      m[0],
      0.8,
    ),
  ]
}

const HEADERS =
  /\b(security headers?|secure headers?|hsts|strict-transport-security|content[- ]security[- ]policy|csp|x-frame-options|frame-ancestors|clickjacking|nosniff|x-content-type-options|referrer-policy)\b/i

/** Security headers: the headers probe's policy (HSTS, CSP, nosniff, frame-ancestors, Referrer-Policy). */
export const headersRule: Rule = (r) => {
  const m = HEADERS.exec(r.text)
  if (!m) return []
  const needs = r.needs()
  const endpoint = findEndpoint(r.text)
  const host = findHosts(r.text)[0]
  const url = endpoint?.target.startsWith('http')
    ? endpoint.target
    : host
      ? `https://${host}${endpoint?.target ?? '/'}`
      : endpoint
        ? `${needs.apiBase()}${endpoint.target}`
        : needs.siteBase()
  const maxAge = /max-age\s*(?:≥|>=|of|=)?\s*(\d+)/i.exec(r.text)?.[1]
  return [
    probeDraft(
      'headers',
      { kind: 'headers', url, ...(maxAge && { hstsMinMaxAge: Number(maxAge) }) },
      needs,
      words(r.text, HEADERS, /on `?\/[\w/]*`?/),
      0.85,
    ),
  ]
}

const TLS = /\b(tls|ssl|https certificates?|certificates?|certs?|transport security)\b/i

/** TLS certificates: valid chain for the host, days left, protocol. */
export const tlsRule: Rule = (r) => {
  const m = TLS.exec(r.text)
  if (!m || /\b(client cert|code signing|signing cert|apple cert|push cert)/i.test(r.text))
    return []
  const needs = r.needs()
  const host = findHosts(r.text)[0]
  const days = findDurations(r.text).find((d) => d.text.endsWith('d'))
  const renew = /auto-?renew/i.test(r.text)
  return [
    probeDraft(
      'tls',
      {
        kind: 'tls',
        host: host ?? needs.domain(),
        ...(days
          ? { minDaysLeft: Math.round(days.ms / 86_400_000) }
          : renew && { minDaysLeft: 30 }),
        ...(/tls\s*1\.3/i.test(r.text) && { minProtocol: 'TLSv1.3' as const }),
      },
      needs,
      words(r.text, TLS, /auto-?renew\w*/i, /\d+ days?/i),
      0.85,
    ),
  ]
}

type DnsType = 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'MX' | 'NS' | 'CAA'
const PUBLIC_RESOLVERS = ['1.1.1.1', '8.8.8.8']
const IPV4 = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/g

/** Mail authentication records: one draft each for SPF, DKIM and DMARC when the item names them. */
const MAIL_RECORDS: { re: RegExp; name: (d: string) => string; expect: (t: string) => string[] }[] =
  [
    {
      re: /\bspf\b/i,
      name: (d) => d,
      expect: () => ['dns.records.exists(r, r.startsWith("v=spf1"))'],
    },
    {
      re: /\bdkim\b/i,
      name: (d) => `\${vars.dkim_selector}._domainkey.${d}`,
      expect: () => ['dns.records.exists(r, r.contains("p="))'],
    },
    {
      re: /\bdmarc\b/i,
      name: (d) => `_dmarc.${d}`,
      expect: (t) => {
        const policy = /\b(?:policy|p=)\s*(reject|quarantine|none)\b/i.exec(t)?.[1]?.toLowerCase()
        return [
          `dns.records.exists(r, r.startsWith("v=dmarc1")${policy ? ` && r.contains("p=${policy}")` : ''})`,
        ]
      },
    },
  ]

const DNS =
  /\b(dns|a records?|aaaa|cname|mx records?|txt records?|nameservers?|ns records?|caa|propagat\w*|resolves? to|points? to)\b/i

/** DNS: records of a name at the system's or public resolvers, with the values the text gives. */
export const dnsRule: Rule = (r) => {
  const mail = MAIL_RECORDS.filter((m) => m.re.test(r.text))
  if (mail.length > 0) {
    return mail.map((record) => {
      const needs = r.needs()
      const domain = findHosts(r.text)[0] ?? needs.domain()
      if (record.re.source.includes('dkim'))
        needs.var('dkim_selector', 'DKIM selector the mail provider gave')
      return probeDraft(
        'dns',
        { kind: 'dns', name: record.name(domain), type: 'TXT', expect: record.expect(r.text) },
        needs,
        words(r.text, record.re, /policy \w+/i),
        0.85,
      )
    })
  }
  const m = DNS.exec(r.text)
  if (!m) return []
  const needs = r.needs()
  const hosts = findHosts(r.text)
  const type = (/\b(AAAA|CNAME|MX|TXT|NS|CAA)\b/.exec(r.text)?.[1] ??
    (/\bnameservers?\b/i.test(r.text) ? 'NS' : 'A')) as DnsType
  const ips = [...r.text.matchAll(IPV4)].map((x) => x[1] ?? '')
  const arrow = /\b(?:points? to|resolves? to)\s*|\s*(?:→|->)\s*/i.exec(r.text)
  const pointsTo = arrow
    ? /^`?([\w.-]+\.[a-z]{2,})`?/i.exec(r.text.slice((arrow.index ?? 0) + arrow[0].length))?.[1]
    : undefined
  const expected =
    ips.length > 0 ? ips : pointsTo ? [pointsTo.replace(/\.$/, '').toLowerCase()] : []
  // "www CNAME → x": the name is the label before the arrow, on the plan's domain.
  const named = hosts.filter((h) => h !== pointsTo?.toLowerCase())
  const label = /^\s*`?(www|api|app|mail|cdn|status|docs|auth)\b/i.exec(r.text)?.[1]?.toLowerCase()
  const propagated = /propagat|cut ?over|everywhere|public resolvers/i.test(r.text)
  return [
    probeDraft(
      'dns',
      {
        kind: 'dns',
        name: named[0] ?? (label ? `${label}.${needs.domain()}` : needs.domain()),
        type,
        ...(expected.length > 0 ? { expected } : { expect: ['size(dns.records) > 0'] }),
        ...(propagated && { resolvers: PUBLIC_RESOLVERS }),
      },
      needs,
      words(r.text, DNS, /\b(AAAA|CNAME|MX|TXT|NS|CAA)\b/),
      expected.length > 0 ? 0.85 : 0.65,
    ),
  ]
}
