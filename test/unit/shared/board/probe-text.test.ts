import { describe, expect, it } from 'vitest'
import { describeProbe } from '../../../../src/shared/board/probe-text'
import { ProbeSchema, type Probe } from '../../../../src/shared/plan/probes'
import { builtinCatalog } from '../../../../src/main/presets/preset-files'

const PRESETS = builtinCatalog().presets

/** A string param value its pattern accepts (presets check ids such as Apple's numeric app id). */
const validExample = (pattern: string | undefined): string =>
  ['x', '123456789', 'acme/api', 'abcdefghijklmnopqrst'].find(
    (v) => !pattern || new RegExp(pattern).test(v),
  ) ?? 'x'

const probe = (input: Record<string, unknown>): Probe => ProbeSchema.parse(input)

describe('describeProbe: a probe as one readable line', () => {
  it('http: method, URL, the status it expects, every other condition, how often', () => {
    expect(
      describeProbe(
        probe({
          kind: 'http',
          url: '${vars.api_url}/health',
          expect: ['status == 200', 'body.checks.migrations.pending == 0'],
        }),
        { freshness: '5m' },
      ),
    ).toBe(
      'GET ${vars.api_url}/health · expects status 200 · body.checks.migrations.pending == 0 · every 5 min',
    )
  })

  it('http with a credential and pagination says both; no freshness, no "every"', () => {
    const text = describeProbe(
      probe({
        kind: 'http',
        method: 'POST',
        url: 'https://api.example.com/items',
        auth: { credential: 'api' },
        paginate: { items: 'body.items', link: true, maxPages: 5 },
        expect: ['size(items) > 0'],
      }),
    )
    expect(text).toBe(
      'POST https://api.example.com/items as api · every page (up to 5) · size(items) > 0',
    )
  })

  it('flow: each step with its request, polling, conditions and captured values, in order', () => {
    const text = describeProbe(
      probe({
        kind: 'flow',
        steps: [
          {
            id: 'token',
            method: 'POST',
            url: '${vars.target}/token',
            expect: ['status == 200'],
            capture: { token: 'body.access_token' },
          },
          {
            id: 'poll',
            url: '${vars.target}/jobs/${vars.job}',
            poll: { until: 'body.status == "done"', deadline: '10s' },
          },
        ],
      }),
    )
    expect(text).toBe(
      '2 steps: token: POST ${vars.target}/token, expects status 200, keeps token → poll: GET ${vars.target}/jobs/${vars.job}, until body.status == "done" (within 10 s)',
    )
  })

  it('tls, dns, headers, latency and metric probes each say what they check', () => {
    expect(describeProbe(probe({ kind: 'tls', host: 'example.com' }))).toBe(
      'TLS example.com:443 · certificate valid 14+ days · TLSv1.2 or newer',
    )
    expect(
      describeProbe(
        probe({
          kind: 'dns',
          name: 'example.com',
          type: 'MX',
          expected: ['mx1.example.com'],
          match: 'equal',
          resolvers: ['1.1.1.1'],
        }),
      ),
    ).toBe('DNS MX example.com · exactly mx1.example.com · via 1.1.1.1')
    expect(describeProbe(probe({ kind: 'headers', url: 'https://example.com' }))).toBe(
      'security headers of GET https://example.com · HSTS max-age ≥ 180 d, CSP, nosniff, frame-ancestors, Referrer-Policy',
    )
    expect(
      describeProbe(
        probe({
          kind: 'latency',
          url: 'https://example.com/health',
          requests: 40,
          rate: 20,
          expect: ['latency.p95 < 250'],
        }),
      ),
    ).toBe('40 × GET https://example.com/health · 20/s, 4 at once · latency.p95 < 250')
    expect(
      describeProbe(
        probe({
          kind: 'metric',
          source: 'http://127.0.0.1:9090',
          query: 'up',
          expect: ['value == 1'],
        }),
      ),
    ).toBe('query up on http://127.0.0.1:9090 · value == 1')
  })

  it('a preset names its provider and check, then the request it expands to and its params', () => {
    const text = describeProbe(
      probe({
        kind: 'preset',
        preset: 'github.branch-protection',
        credential: 'github',
        params: { repo: 'acme/api', check: 'ci' },
      }),
      { freshness: '1h' },
    )
    // Classic protection first, then the rules in effect (a branch protected only by rulesets).
    expect(
      text.startsWith(
        'GitHub: Branch protection requires the status check and enough approvals (github.branch-protection) · 2 steps: protection: GET https://api.github.com/repos/acme/api/branches/main/protection as github',
      ),
    ).toBe(true)
    expect(text).toContain(
      'rules: GET https://api.github.com/repos/acme/api/rules/branches/main?per_page=100 as github',
    )
    expect(text.endsWith(' · with repo acme/api, check ci · every 1 h')).toBe(true)
  })

  it('every bundled preset describes itself with its title (required params filled in)', () => {
    for (const preset of PRESETS) {
      const params = Object.fromEntries(
        Object.entries(preset.params)
          .filter(([, p]) => p.required)
          .map(([name, p]) => [
            name,
            p.type === 'number'
              ? 1
              : p.type === 'list'
                ? ['x']
                : p.type === 'boolean'
                  ? true
                  : (p.values?.[0] ?? validExample(p.pattern)),
          ]),
      )
      const text = describeProbe(
        probe({ kind: 'preset', preset: preset.id, credential: 'cred', params }),
      )
      expect(text.startsWith(`${preset.provider}: ${preset.title} (${preset.id}) · `)).toBe(true)
      // It expanded: the request the preset makes is spelled out, with the credential.
      expect(text).toMatch(/(GET|POST|PUT|PATCH|DELETE) https?:\/\/\S+ as cred/)
    }
  })

  it('an unknown preset or missing params are said, not thrown', () => {
    expect(describeProbe(probe({ kind: 'preset', preset: 'nope.nothing', credential: 'c' }))).toBe(
      'unknown preset nope.nothing',
    )
    expect(
      describeProbe(probe({ kind: 'preset', preset: 'github.branch-protection', credential: 'c' })),
    ).toMatch(/^GitHub: .* · github\.branch-protection: .*repo/)
  })
})
