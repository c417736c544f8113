import type { z } from 'zod'
import type { HttpProbeSchema } from '../../../shared/plan/probes'
import { checkConditions } from '../conditions'
import { exchangeEvidence } from '../evidence'
import { ProbeFailure } from '../failures'
import { decodeBody, httpExchange } from '../http-exchange'
import type { KindContext, KindOutcome } from '../kind'
import { resolveRequest } from '../request-spec'

export type HttpProbe = z.infer<typeof HttpProbeSchema>

/** Without conditions, an HTTP probe passes on a 2xx answer. */
export const DEFAULT_HTTP_EXPECT = ['status >= 200 && status < 300']

export async function runHttpProbe(probe: HttpProbe, ctx: KindContext): Promise<KindOutcome> {
  const spec = await resolveRequest(probe, ctx.placeholders)
  const exchange = await httpExchange(spec, {
    deadline: ctx.deadline,
    retryOn429: 2,
    followRedirects: probe.followRedirects,
    insecure: probe.insecure,
    ...(probe.maxBodyBytes !== undefined && { maxBodyBytes: probe.maxBodyBytes }),
  })
  const evidence = { http: exchangeEvidence(exchange, ctx.redactor(), probe.insecure) }
  if (probe.authHint && (exchange.status === 401 || exchange.status === 403))
    return {
      conditions: [],
      failure: rejectedReason(exchange.status, exchange.bytes.toString('utf8'), probe.authHint),
      evidence,
    }
  let decoded: { body: unknown; text: string }
  try {
    decoded = decodeBody(exchange)
  } catch (e) {
    if (e instanceof ProbeFailure) return { conditions: [], failure: e.message, evidence }
    throw e
  }
  const conditions = checkConditions(probe.expect.length > 0 ? probe.expect : DEFAULT_HTTP_EXPECT, {
    status: exchange.status,
    headers: exchange.headers,
    body: decoded.body,
    text: decoded.text,
    timing: exchange.timing,
    vars: ctx.vars,
  })
  return { conditions, evidence }
}

/** "token rejected (HTTP 403: Resource not accessible by personal access token): needs …" */
export function rejectedReason(status: number, body: string, hint: string): string {
  let said: string | undefined
  try {
    const json = JSON.parse(body) as {
      message?: unknown
      error?: { message?: unknown } | string
      errors?: { message?: unknown; title?: unknown }[]
    }
    const candidates = [
      json.message,
      typeof json.error === 'object' ? json.error.message : json.error,
      json.errors?.[0]?.message,
      json.errors?.[0]?.title,
    ]
    said = candidates.find((c): c is string => typeof c === 'string' && c.length > 0)
  } catch {
    // not JSON: no provider message to quote
  }
  return `token rejected (HTTP ${status}${said ? `: ${said.slice(0, 200)}` : ''}): needs ${hint}`
}
