import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { gonogo } from '../helpers/cli'
import { DEMO_ENV, startDemoProcess } from '../helpers/demo'

const SEED = resolve('test/fixtures/drafting/seed.md')
const tmp = () => mkdtempSync(join(tmpdir(), 'gonogo-suggest-'))

interface JsonSuggestion {
  item: string
  title: string
  rule: string
  probe?: { kind: string }
  missing: string[]
  because: string
  confidence: number
  covers?: string[]
}

// Each test spawns the CLI several times; on a loaded machine a spawn can take seconds.
describe('gonogo suggest (built CLI)', { timeout: 120_000 }, () => {
  it('seed.md → --apply → validate names what is left → check runs the drafted probes against gonogo demo', async () => {
    const dir = tmp()
    const plan = join(dir, 'plan.yaml')
    const applied = gonogo(['suggest', SEED, '--apply', '-o', plan])
    expect(applied.code).toBe(0)
    expect(applied.stderr).toContain(`wrote ${plan}: 7 item(s) got a drafted check`)
    expect(applied.stderr).toContain(
      'vars to fill in: api_url\ncredentials to provide: integration_key, revoked_key',
    )

    // Without the credentials in the environment, validate lists the var and both credentials.
    const bare = gonogo(['validate', plan], {
      env: { GONOGO_SECRET_INTEGRATION_KEY: '', GONOGO_SECRET_REVOKED_KEY: '' },
    })
    expect(bare.code).toBe(0)
    const left = bare.stdout.split('left to fill in before it runs:\n')[1] ?? ''
    expect(
      left.split('\n').flatMap((l) => /^ {2}(vars\.\w+|credential \w+)/.exec(l)?.[1] ?? []),
    ).toEqual(['vars.api_url', 'credential integration_key', 'credential revoked_key'])
    expect(left).toContain('vars.api_url: no value — pass --var api_url=VALUE')
    // With the demo's credentials in the environment and the var given, nothing is left.
    const filled = gonogo(['validate', plan, '--var', 'api_url=http://127.0.0.1:1'], {
      env: DEMO_ENV,
    })
    expect(filled.stdout).not.toContain('left to fill in')
    const json = JSON.parse(gonogo(['validate', plan, '--json'], { env: DEMO_ENV }).stdout) as {
      left: { vars: { name: string }[]; credentials: unknown[] }
    }
    expect(json.left).toEqual({
      vars: [{ name: 'api_url', description: 'Base URL of the API, e.g. https://api.example.com' }],
      credentials: [],
    })

    const demo = await startDemoProcess()
    const check = gonogo(['check', plan, '--var', `api_url=${demo.url}`, '--json'], {
      env: DEMO_ENV,
    })
    const out = JSON.parse(check.stdout) as {
      results: { item: string; status: string; reason?: string }[]
    }
    const kinds = new Map<string, string>()
    for (const phase of (
      parse(readFileSync(plan, 'utf8')) as {
        phases: { items: { id: string; probe?: { kind: string } }[] }[]
      }
    ).phases)
      for (const item of phase.items) if (item.probe) kinds.set(item.id, item.probe.kind)
    expect(
      out.results
        .map((r) => `${kinds.get(r.item)} ${r.status}${r.reason ? ` ${r.reason}` : ''}`)
        .sort(),
    ).toEqual([
      'flow pass',
      'headers pass',
      'http pass',
      'http pass',
      'http pass',
      'http pass',
      'latency pass',
    ])
    expect(check.code).toBe(0)
  })

  it('the drafted checks fail against a broken target, with the value they saw', async () => {
    const dir = tmp()
    const plan = join(dir, 'plan.yaml')
    expect(gonogo(['suggest', SEED, '--apply', '-o', plan]).code).toBe(0)
    const demo = await startDemoProcess(['pending-migrations', 'revoked-key-accepted'])
    const check = gonogo(['check', plan, '--var', `api_url=${demo.url}`, '--json'], {
      env: DEMO_ENV,
    })
    expect(check.code).toBe(1)
    const out = JSON.parse(check.stdout) as {
      results: { item: string; status: string; reason?: string }[]
    }
    const failed = out.results.filter((r) => r.status === 'fail')
    expect(failed.map((r) => r.reason).sort()).toEqual([
      'body.checks.migrations.pending == 0 → 3 == 0',
      'status == 401 → 200 == 401',
    ])
  })

  it('--json: one entry per draft with the probe, what is missing, why, and the confidence', () => {
    const r = gonogo(['suggest', SEED, '--json'])
    expect(r.code).toBe(0)
    const { suggestions } = JSON.parse(r.stdout) as { suggestions: JsonSuggestion[] }
    expect(suggestions.map((s) => s.rule)).toEqual([
      'http',
      'headers',
      'latency',
      'http',
      'http',
      'http',
      'flow',
    ])
    const health = suggestions[0]!
    expect(health).toMatchObject({
      item: 'get-health-returns-http-200-status-is-ok-checks',
      probe: { kind: 'http' },
      missing: ['vars.api_url: Base URL of the API, e.g. https://api.example.com'],
      confidence: 0.9,
    })
    expect(health.because).toBe(health.title)
    const flow = suggestions[6]!
    expect(flow.covers).toHaveLength(4)
    expect(flow.missing).toEqual([
      'credential integration_key (token): The integration key the request sends',
      'vars.api_url: Base URL of the API, e.g. https://api.example.com',
    ])
  })

  it('human output: a block per draft, the words that decided it, and a count', () => {
    const r = gonogo(['suggest', SEED])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      'revoked-key-is-refused-with-401 — Revoked key is refused with 401\n  http (confidence 0.70)\n  because: "Revoked key … ',
    )
    expect(r.stdout).toMatch(/\n7 draft\(s\) for 10 of 11 items\n$/)
  })

  it('--min-confidence leaves weaker drafts out; a plan file keeps its probes and comments', () => {
    const dir = tmp()
    const plan = join(dir, 'plan.yaml')
    const r = gonogo(['suggest', SEED, '--apply', '--min-confidence', '0.8', '-o', plan])
    expect(r.stderr).toContain(
      '6 item(s) got a drafted check, 1 draft(s) below --min-confidence 0.8 left out',
    )
    expect(r.stderr).toContain('credentials to provide: integration_key\n')
    const source = join(dir, 'source.yaml')
    writeFileSync(
      source,
      [
        '# our launch plan',
        'version: 1',
        'name: Launch',
        'vars: { api_url: { default: "https://api.example.com" } }',
        'phases:',
        '  - id: ops',
        '    title: Ops # the phase we own',
        '    items:',
        '      - id: health',
        '        title: GET /health returns 200',
        '      - id: hsts',
        '        title: HSTS enabled',
        '        probe: { kind: headers, url: "https://example.com" }',
        '',
      ].join('\n'),
    )
    const out = join(dir, 'out.yaml')
    expect(gonogo(['suggest', source, '--apply', '-o', out]).code).toBe(0)
    const text = readFileSync(out, 'utf8')
    expect(text).toContain('# our launch plan')
    expect(text).toContain('title: Ops # the phase we own')
    expect(text).toContain('url: ${vars.api_url}/health')
    expect(text).toContain('probe: { kind: headers, url: "https://example.com" }')
    expect(gonogo(['validate', out]).stdout).not.toContain('left to fill in')
  })

  it('refuses bad input in one line (exit 2)', () => {
    const missing = gonogo(['suggest', 'nope.md'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe('nope.md: no such file\n')
    const bad = gonogo(['suggest', SEED, '--apply', '--min-confidence', 'high'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe(
      'gonogo suggest: --min-confidence must be a number from 0 to 1, got "high" (see `gonogo help suggest`)\n',
    )
    expect(gonogo(['suggest', SEED, '-o', 'x.yaml']).stderr).toContain(
      '-o and --min-confidence go with --apply',
    )
  })
})
