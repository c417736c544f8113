import type { z } from 'zod'
import type { HttpProbeSchema } from '../../../shared/plan/probes'
import { checkConditions } from '../conditions'
import { exchangeEvidence } from '../evidence'
import { ProbeFailure } from '../failures'
import { httpExchange, type HttpExchange, type HttpOptions } from '../http-exchange'
import { nextPageUrl, pageItems, readPage, type Page } from '../pagination'
import type { KindContext, KindOutcome } from '../kind'
import { resolveRequest } from '../request-spec'

export type HttpProbe = z.infer<typeof HttpProbeSchema>

/** Without conditions, an HTTP probe passes on a 2xx answer. */
export const DEFAULT_HTTP_EXPECT = ['status >= 200 && status < 300']

export async function runHttpProbe(probe: HttpProbe, ctx: KindContext): Promise<KindOutcome> {
  const spec = await resolveRequest(probe, ctx.placeholders)
  const options: HttpOptions = {
    deadline: ctx.deadline,
    retryOn429: 2,
    followRedirects: probe.followRedirects,
    insecure: probe.insecure,
    ...(probe.maxBodyBytes !== undefined && { maxBodyBytes: probe.maxBodyBytes }),
  }
  let exchange = await httpExchange(spec, options)
  let evidence = { http: exchangeEvidence(exchange, ctx.redactor(), probe.insecure, ctx.hidden) }
  const failed = (failure: string): KindOutcome => ({ conditions: [], failure, evidence })
  let items: unknown[] | undefined
  let page: Page
  try {
    page = readPage(exchange)
    if (probe.paginate && isSuccess(exchange.status)) {
      items = []
      let number = 1
      for (;;) {
        items.push(...pageItems(probe.paginate, page, ctx.vars, number))
        const next = nextPageUrl(probe.paginate, page, ctx.vars, number)
        if (next === undefined) break
        if (number >= probe.paginate.maxPages)
          return failed(
            `more than ${probe.paginate.maxPages} pages (${items.length} items so far); raise paginate.maxPages`,
          )
        exchange = await httpExchange({ ...spec, url: next }, options)
        number++
        evidence = { http: exchangeEvidence(exchange, ctx.redactor(), probe.insecure, ctx.hidden) }
        // A page that fails (or a rate limit past its budget) ends the list; conditions judge it.
        page = readPage(exchange)
        if (!isSuccess(exchange.status)) break
      }
      Object.assign(evidence.http, { pages: number, items: items.length })
    }
  } catch (e) {
    if (!(e instanceof ProbeFailure)) throw e
    return failed(rejection(exchange, probe.authHint) ?? e.message)
  }
  const rejected = rejection(exchange, probe.authHint)
  if (rejected !== undefined) return failed(rejected)
  const conditions = checkConditions(probe.expect.length > 0 ? probe.expect : DEFAULT_HTTP_EXPECT, {
    status: exchange.status,
    headers: exchange.headers,
    body: page.body,
    text: page.text,
    timing: exchange.timing,
    vars: ctx.vars,
    ...(items && { items }),
  })
  return { conditions, evidence }
}

const isSuccess = (status: number) => status >= 200 && status < 300

/** With a preset's permission hint, a 401/403 is "token rejected (…): needs …"; else undefined. */
export function rejection(exchange: HttpExchange, hint: string | undefined): string | undefined {
  if (hint === undefined || (exchange.status !== 401 && exchange.status !== 403)) return undefined
  return rejectedReason(exchange.status, exchange.bytes.toString('utf8'), hint)
}

/** "token rejected (HTTP 403: Resource not accessible by personal access token): needs …" */
export function rejectedReason(status: number, body: string, hint: string): string {
  let said: string | undefined
  try {
    const json = JSON.parse(body) as {
      message?: unknown
      /** Sentry and other Django REST APIs. */
      detail?: unknown
      /** Apple's App Store Server API. */
      errorMessage?: unknown
      error?: { message?: unknown } | string
      errors?: { message?: unknown; title?: unknown }[]
    }
    const candidates = [
      json.message,
      json.detail,
      json.errorMessage,
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
