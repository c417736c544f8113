import type { z } from 'zod'
import type { HeadersProbeSchema } from '../../../shared/plan/probes'
import { checkConditions } from '../conditions'
import { exchangeEvidence } from '../evidence'
import { httpExchange } from '../http-exchange'
import type { KindContext, KindOutcome } from '../kind'
import { resolveRequest } from '../request-spec'

export type HeadersProbe = z.infer<typeof HeadersProbeSchema>

/** Security-header policy: each missing or weak header is its own finding. */
export function securityFindings(headers: Record<string, string>, hstsMinMaxAge: number): string[] {
  const findings: string[] = []
  const hsts = headers['strict-transport-security']
  if (!hsts) findings.push('Strict-Transport-Security is missing')
  else {
    const maxAge = /max-age\s*=\s*"?(\d+)/i.exec(hsts)?.[1]
    if (maxAge === undefined)
      findings.push(`Strict-Transport-Security has no max-age: ${JSON.stringify(hsts)}`)
    else if (Number(maxAge) < hstsMinMaxAge)
      findings.push(`Strict-Transport-Security max-age=${maxAge} is below ${hstsMinMaxAge}`)
  }
  const csp = headers['content-security-policy']
  if (!csp) findings.push('Content-Security-Policy is missing')
  else if (/'unsafe-eval'/i.test(csp)) findings.push("Content-Security-Policy allows 'unsafe-eval'")
  if ((headers['x-content-type-options'] ?? '').trim().toLowerCase() !== 'nosniff')
    findings.push(
      `X-Content-Type-Options is ${headers['x-content-type-options'] ? JSON.stringify(headers['x-content-type-options']) : 'missing'} (expected nosniff)`,
    )
  const frameAncestors = csp !== undefined && /(^|;)\s*frame-ancestors\s/i.test(csp)
  const xfo = (headers['x-frame-options'] ?? '').trim().toUpperCase()
  if (!frameAncestors && xfo !== 'DENY' && xfo !== 'SAMEORIGIN')
    findings.push(
      'neither CSP frame-ancestors nor X-Frame-Options DENY/SAMEORIGIN is set (clickjacking)',
    )
  const referrer = (headers['referrer-policy'] ?? '').trim().toLowerCase()
  if (!referrer) findings.push('Referrer-Policy is missing')
  else if (referrer === 'unsafe-url' || referrer === 'no-referrer-when-downgrade')
    findings.push(`Referrer-Policy ${referrer} leaks full URLs`)
  return findings
}

export async function runHeadersProbe(probe: HeadersProbe, ctx: KindContext): Promise<KindOutcome> {
  const spec = await resolveRequest({ method: 'GET', url: probe.url }, ctx.placeholders)
  const exchange = await httpExchange(spec, {
    deadline: ctx.deadline,
    insecure: probe.insecure,
    maxBodyBytes: 64 * 1024,
  })
  const findings = securityFindings(exchange.headers, probe.hstsMinMaxAge)
  const policy = findings.map((f) => ({
    expression: 'security header policy',
    pass: false,
    actual: f,
  }))
  const user = checkConditions(probe.expect, {
    status: exchange.status,
    headers: exchange.headers,
    findings,
    vars: ctx.vars,
  })
  return {
    conditions: policy.length
      ? [...policy, ...user]
      : [{ expression: 'security header policy', pass: true }, ...user],
    evidence: {
      http: exchangeEvidence(exchange, ctx.redactor(), probe.insecure, ctx.hidden),
      findings,
    },
  }
}
