import type { HttpEvidence } from '../../shared/probes/result'
import { scrubText, secretHeaderValues } from '../../shared/probes/scrub'
import type { HttpExchange, HttpRequestSpec } from './http-exchange'
import type { Redactor } from './redact'

export const BODY_EXCERPT_BYTES = 1024

/**
 * Response headers worth keeping as evidence: identification, caching, security policy. None
 * carries a credential by its name (a test holds that); the redactor still checks, in case one
 * is added.
 */
export const KEPT_HEADERS = new Set([
  'content-type',
  'content-length',
  'location',
  'server',
  'date',
  'cache-control',
  'retry-after',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'www-authenticate',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'cf-ray',
  'x-vercel-id',
  'strict-transport-security',
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'permissions-policy',
])

export function requestEvidence(
  spec: HttpRequestSpec,
  redactor: Redactor,
  insecure: boolean,
): HttpEvidence {
  return {
    request: { method: spec.method, url: redactor.url(spec.url) },
    ...(insecure && { insecure: true }),
  }
}

/** How much of a body is searched for secrets the target returned (the excerpt is far less). */
const SCRUB_SCAN_BYTES = 1024 * 1024

/**
 * Secrets the target returned (a minted token in the body, a session in a header) go into
 * `hidden`, the values the probe's redactor keeps out of everything it records (conditions'
 * actual values, reasons); the excerpt itself says where it scrubbed.
 */
export function exchangeEvidence(
  exchange: HttpExchange,
  redactor: Redactor,
  insecure: boolean,
  hidden: Set<string>,
): HttpEvidence {
  const kept: Record<string, string> = {}
  for (const name in exchange.headers)
    if (KEPT_HEADERS.has(name)) kept[name] = exchange.headers[name] as string
  for (const value of secretHeaderValues(exchange.headers)) hidden.add(value)
  if (exchange.bytes.length > BODY_EXCERPT_BYTES)
    for (const value of scrubText(exchange.bytes.subarray(0, SCRUB_SCAN_BYTES).toString('utf8'))
      .found)
      hidden.add(value)
  const scrubbed = scrubText(exchange.bytes.subarray(0, BODY_EXCERPT_BYTES).toString('utf8'))
  for (const value of scrubbed.found) hidden.add(value)
  const excerpt = scrubbed.text
  return {
    request: { method: exchange.method, url: redactor.url(exchange.url) },
    status: exchange.status,
    headers: redactor.headers(kept),
    bodyExcerpt: redactor.text(excerpt),
    bodyBytes: exchange.bytes.length,
    ...(exchange.truncated && { truncated: true }),
    timing: exchange.timing,
    ...(exchange.redirects.length > 0 && {
      redirects: exchange.redirects.map((u) => redactor.url(u)),
    }),
    ...(insecure && { insecure: true }),
    ...(exchange.retries > 0 && { retries: exchange.retries }),
  }
}
