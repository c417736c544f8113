import type { z } from 'zod'
import type { PaginateSchema } from '../../shared/plan/probes'
import { evaluateValue } from '../../shared/conditions/evaluate'
import { compiled } from './conditions'
import { ProbeFailure } from './failures'
import { decodeBody, type HttpExchange } from './http-exchange'

export type Paginate = z.infer<typeof PaginateSchema>

/** One page as the paginate expressions see it. */
export interface Page {
  exchange: HttpExchange
  body: unknown
  text: string
}

/** The items on a page: `paginate.items` must give a list. */
export function pageItems(
  paginate: Paginate,
  page: Page,
  vars: Readonly<Record<string, string>>,
  number: number,
): unknown[] {
  const value = evaluate(paginate.items, 'items', page, vars, number)
  if (!Array.isArray(value))
    throw new ProbeFailure(
      `paginate.items ${paginate.items} is not a list on page ${number} (it is ${describe(value)})`,
    )
  return value
}

/**
 * The URL of the page after this one, or undefined on the last page. Relative URLs resolve
 * against the page's own URL.
 */
export function nextPageUrl(
  paginate: Paginate,
  page: Page,
  vars: Readonly<Record<string, string>>,
  number: number,
): string | undefined {
  const current = page.exchange.url
  if (paginate.more !== undefined) {
    const more = evaluate(paginate.more, 'more', page, vars, number)
    if (typeof more !== 'boolean')
      throw new ProbeFailure(
        `paginate.more ${paginate.more} gives ${describe(more)} on page ${number}, not true or false`,
      )
    if (!more) return undefined
  }
  if (paginate.link) return linkNext(page.exchange.headers.link, current)
  if (paginate.url !== undefined) {
    const next = evaluate(paginate.url, 'url', page, vars, number)
    if (next === null || next === '') return undefined
    if (typeof next !== 'string')
      throw new ProbeFailure(
        `paginate.url ${paginate.url} gives ${describe(next)} on page ${number}, not a URL`,
      )
    return new URL(next, current).toString()
  }
  const url = new URL(current)
  for (const [name, source] of Object.entries(paginate.query ?? {})) {
    const value = evaluate(source, `query.${name}`, page, vars, number)
    if (value === null || value === undefined || value === '')
      throw new ProbeFailure(
        `paginate.query.${name} ${source} is empty on page ${number}, yet paginate.more says another page follows`,
      )
    url.searchParams.set(name, typeof value === 'string' ? value : String(value))
  }
  const next = url.toString()
  // The same URL again would read the same page for ever.
  if (next === current)
    throw new ProbeFailure(
      `the next page's URL is the same as page ${number}'s; check paginate.query`,
    )
  return next
}

/**
 * rel="next" of an RFC 8288 Link header. Sentry's cursor links also say results="false" when the
 * next page would be empty; that is the end too.
 */
export function linkNext(header: string | undefined, base: string): string | undefined {
  if (!header) return undefined
  for (const link of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(link)
    if (!match) continue
    const params = match[2] ?? ''
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(params)
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/)
    if (!relations.includes('next')) continue
    if (/;\s*results\s*=\s*"?false"?/i.test(params)) return undefined
    return new URL(match[1] ?? '', base).toString()
  }
  return undefined
}

function evaluate(
  source: string,
  field: string,
  page: Page,
  vars: Readonly<Record<string, string>>,
  number: number,
): unknown {
  const result = evaluateValue(compiled(source), {
    status: page.exchange.status,
    headers: page.exchange.headers,
    body: page.body,
    text: page.text,
    vars,
  })
  if (!result.ok) throw new ProbeFailure(`paginate.${field} on page ${number}: ${result.reason}`)
  return typeof result.value === 'bigint' ? Number(result.value) : result.value
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  return `${typeof value} ${JSON.stringify(value)}`
}

/** Decode a page's body (JSON when it says so). */
export function readPage(exchange: HttpExchange): Page {
  return { exchange, ...decodeBody(exchange) }
}
