import { describe, expect, it } from 'vitest'
import { linkNext, nextPageUrl, pageItems, type Page } from '../../../src/main/probes/pagination'
import { PaginateSchema } from '../../../src/shared/plan/probes'
import { loadPlanText } from '../../../src/shared/plan/load'

const page = (url: string, body: unknown, headers: Record<string, string> = {}): Page => ({
  exchange: {
    method: 'GET',
    url,
    status: 200,
    headers,
    bytes: Buffer.from(JSON.stringify(body)),
    truncated: false,
    contentType: 'application/json',
    timing: { total: 1 },
    redirects: [],
    retries: 0,
  },
  body,
  text: JSON.stringify(body),
})

describe('Link header (RFC 8288)', () => {
  it('finds rel="next" among several links, resolving a relative target', () => {
    expect(
      linkNext(
        '<https://api.github.com/repositories/1/issues?page=1>; rel="prev", </issues?page=3>; rel="next", <https://api.github.com/repositories/1/issues?page=9>; rel="last"',
        'https://api.github.com/repositories/1/issues?page=2',
      ),
    ).toBe('https://api.github.com/issues?page=3')
    expect(linkNext('<https://x.test/p2>; rel=next', 'https://x.test/p1')).toBe('https://x.test/p2')
    expect(linkNext('<https://x.test/p2>; rel="prefetch next"', 'https://x.test/')).toBe(
      'https://x.test/p2',
    )
  })

  it('stops at the last page: no next link, or Sentry’s results="false"', () => {
    expect(linkNext('<https://x.test/p1>; rel="prev"', 'https://x.test/p2')).toBeUndefined()
    expect(linkNext(undefined, 'https://x.test/')).toBeUndefined()
    expect(
      linkNext(
        '<https://sentry.io/api/0/x/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <https://sentry.io/api/0/x/?&cursor=0:100:0>; rel="next"; results="false"; cursor="0:100:0"',
        'https://sentry.io/api/0/x/',
      ),
    ).toBeUndefined()
  })
})

describe('next page', () => {
  const vars = {}
  it('sets query parameters computed from the page while `more` holds', () => {
    const paginate = PaginateSchema.parse({
      items: 'body.data',
      more: 'body.has_more',
      query: { starting_after: 'body.data[size(body.data) - 1].id' },
    })
    const p = page('https://api.stripe.com/v1/webhook_endpoints?limit=100', {
      has_more: true,
      data: [{ id: 'we_1' }, { id: 'we_2' }],
    })
    expect(pageItems(paginate, p, vars, 1)).toHaveLength(2)
    expect(nextPageUrl(paginate, p, vars, 1)).toBe(
      'https://api.stripe.com/v1/webhook_endpoints?limit=100&starting_after=we_2',
    )
    const last = page('https://api.stripe.com/v1/webhook_endpoints?limit=100', {
      has_more: false,
      data: [],
    })
    expect(nextPageUrl(paginate, last, vars, 2)).toBeUndefined()
  })

  it('follows a URL the page names, and ends on an empty one', () => {
    const paginate = PaginateSchema.parse({
      items: 'body.data',
      url: 'has(body.links.next) ? body.links.next : ""',
    })
    expect(
      nextPageUrl(
        paginate,
        page('https://api.appstoreconnect.apple.com/v1/builds', {
          data: [],
          links: { next: '/v1/builds?cursor=Mg' },
        }),
        vars,
        1,
      ),
    ).toBe('https://api.appstoreconnect.apple.com/v1/builds?cursor=Mg')
    expect(
      nextPageUrl(paginate, page('https://a.test/v1/builds', { data: [], links: {} }), vars, 2),
    ).toBeUndefined()
  })

  it('says what is wrong: items not a list, a missing field, a next page that is the same page', () => {
    const paginate = PaginateSchema.parse({
      items: 'body.result',
      more: 'body.result_info.page < body.result_info.total_pages',
      query: { page: 'string(int(body.result_info.page))' },
    })
    const p = page('https://api.cloudflare.com/x?page=1', {
      result: { buckets: [] },
      result_info: { page: 1, total_pages: 3 },
    })
    expect(() => pageItems(paginate, p, vars, 1)).toThrow(
      'paginate.items body.result is not a list on page 1 (it is a map)',
    )
    expect(() => nextPageUrl(paginate, p, vars, 1)).toThrow(
      "the next page's URL is the same as page 1's; check paginate.query",
    )
    expect(() =>
      nextPageUrl(paginate, page('https://api.cloudflare.com/x', { result: [] }), vars, 4),
    ).toThrow(/^paginate\.more on page 4: .*result_info/)
  })
})

describe('paginate in a plan', () => {
  const plan = (paginate: string[]) =>
    [
      'name: P',
      'phases:',
      '  - id: p',
      '    title: P',
      '    items:',
      '      - id: list',
      '        title: List',
      '        probe:',
      '          kind: http',
      '          url: https://example.com/things',
      '          paginate:',
      ...paginate.map((line) => `            ${line}`),
    ].join('\n')

  it('needs exactly one way to the next page, and `more` with query', () => {
    const both = loadPlanText(plan(['items: body', 'link: true', 'url: body.next']), 'p.yaml')
    expect(both.ok).toBe(false)
    if (!both.ok)
      expect(both.errors[0]?.message).toBe(
        'say how to reach the next page with exactly one of query, url or link (got url and link)',
      )
    const noMore = loadPlanText(plan(['items: body', 'query:', '  page: "2"']), 'p.yaml')
    expect(noMore.ok).toBe(false)
    if (!noMore.ok) {
      expect(noMore.errors[0]?.path).toBe('phases[0].items[0].probe.paginate.more')
      expect(noMore.errors[0]?.message).toBe(
        'is required with query (when does another page follow?)',
      )
    }
  })

  it('compiles its expressions at load, with the line of the typo', () => {
    const typo = loadPlanText(plan(['items: body.data', 'url: body.links.next =']), 'p.yaml')
    expect(typo.ok).toBe(false)
    if (!typo.ok) {
      expect(typo.errors[0]).toMatchObject({
        file: 'p.yaml',
        line: 13,
        path: 'phases[0].items[0].probe.paginate.url',
      })
      expect(typo.errors[0]?.message).toMatch(/^condition does not compile: /)
    }
  })
})
