import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { gonogo } from '../helpers/cli'
import { DEMO_ENV, startDemoProcess } from '../helpers/demo'

const DEMO_PLAN = resolve('resources/plans/demo.yaml')
const check = (target: string, ...args: string[]) =>
  gonogo(['check', DEMO_PLAN, '--var', `target=${target}`, ...args], { env: DEMO_ENV })

describe('gonogo check against gonogo demo', () => {
  it('passes every probe of the demo plan (exit 0) and prints one line per result', async () => {
    const demo = await startDemoProcess()
    const r = check(demo.url)
    // Where each credential came from, never its value.
    expect(r.stderr).toBe('credentials: integration_key (environment), revoked_key (environment)\n')
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n').filter((l) => /^[✓✗!] /.test(l))
    expect(lines).toHaveLength(8)
    expect(lines.every((l) => l.startsWith('✓ pass'))).toBe(true)
    expect(r.stdout).toContain('8 passed, 0 failed of 8: all blocking probes passed')
  })

  const faults: [string, string[], RegExp][] = [
    ['pending-migrations', ['health'], /body\.checks\.migrations\.pending == 0 → 3 == 0/],
    // The latency probe measures /health too, so a dead database fails it as well.
    ['db-down', ['health', 'api-latency'], /status == 200 → 503 == 200/],
    ['slow', ['api-latency'], /latency\.p95 < 250 → \d+(\.\d+)? < 250/],
    ['errors', ['api-latency'], /latency\.error_rate == 0 → 0\.\d+ == 0/],
    ['revoked-key-accepted', ['revoked-key-refused'], /status == 401 → 200 == 401/],
    ['tenant-open', ['tenant-routes-protected'], /status == 401 → 404 == 401/],
    ['no-hsts', ['security-headers'], /^Strict-Transport-Security is missing$/],
    ['weak-csp', ['security-headers'], /^Content-Security-Policy allows 'unsafe-eval'$/],
  ]
  for (const [fault, items, reason] of faults) {
    it(`--fault ${fault} fails ${items.join(' and ')} with the actual value (exit 1)`, async () => {
      const demo = await startDemoProcess([fault])
      const r = check(demo.url, '--json')
      expect(r.code).toBe(1)
      const out = JSON.parse(r.stdout) as {
        ok: boolean
        results: { item: string; status: string; reason?: string }[]
      }
      const failed = out.results.filter((x) => x.status === 'fail')
      expect(failed.map((x) => x.item).sort()).toEqual([...items].sort())
      failed.sort((a, b) => items.indexOf(a.item) - items.indexOf(b.item))
      expect(failed[0]?.reason).toMatch(reason)
    })
  }

  it('--fault stuck-job fails the flow at its poll deadline', async () => {
    const demo = await startDemoProcess(['stuck-job'])
    const r = check(demo.url, '--only', 'job-roundtrip')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /✗ FAIL {2}job-roundtrip .*step `poll`: body.status == "done" still false after 10s/,
    )
  }, 40_000)

  it('writes JUnit XML: one testcase per probe item, the reason as the failure message', async () => {
    const demo = await startDemoProcess(['pending-migrations'])
    const dir = mkdtempSync(join(tmpdir(), 'gonogo-junit-'))
    const file = join(dir, 'junit.xml')
    expect(check(demo.url, '--junit', file).code).toBe(1)
    const xml = readFileSync(file, 'utf8')
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="Demo launch (assisted onboarding)" tests="8" failures="1"',
      ),
    ).toBe(true)
    expect(xml.match(/<testcase /g)).toHaveLength(8)
    expect(xml).toContain(
      '<failure message="body.checks.migrations.pending == 0 → 3 == 0" type="blocking">',
    )
    expect(xml.match(/<testsuite /g)).toHaveLength(5)
  })

  it('--session appends every result to the session, which status then reads', async () => {
    const demo = await startDemoProcess(['pending-migrations'])
    const dir = join(mkdtempSync(join(tmpdir(), 'gonogo-check-session-')), 's')
    expect(gonogo(['session', 'new', DEMO_PLAN, dir, '--var', `target=${demo.url}`]).code).toBe(0)
    expect(
      gonogo(['check', DEMO_PLAN, '--session', dir, '--var', `target=${demo.url}`], {
        env: DEMO_ENV,
      }).code,
    ).toBe(1)
    const events = readFileSync(join(dir, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: { item: string; evidence?: string } })
    const results = events.filter((e) => e.type === 'probe.result')
    expect(results).toHaveLength(8)
    // The event names its evidence by SHA-256; the attachment holds it, and hashes to that name.
    const sha = results[0]?.data.evidence ?? ''
    expect(sha).toMatch(/^[0-9a-f]{64}$/)
    const stored = readFileSync(join(dir, 'attachments', sha))
    expect(createHash('sha256').update(stored).digest('hex')).toBe(sha)
    expect((JSON.parse(stored.toString('utf8')) as { engine: string }).engine).toMatch(/^gonogo\//)
    const status = gonogo(['status', dir])
    expect(status.stdout).toMatch(
      /✗ blocking item `health` failed (just now|\d+ s ago) \(probe\): body\.checks\.migrations\.pending == 0 → 3 == 0/,
    )
    // The canary item is pending too: `check` runs probes, `gonogo canary` runs the analysis.
    expect(status.stdout).toContain(
      '2 blocking items pending: `customer-confirms`, `canary-analysis`',
    )
    // Nothing the session holds (log and evidence) contains the credentials used.
    const held = [
      readFileSync(join(dir, 'events.jsonl'), 'utf8'),
      ...readdirSync(join(dir, 'attachments')).map((f) =>
        readFileSync(join(dir, 'attachments', f), 'utf8'),
      ),
    ]
    for (const secret of Object.values(DEMO_ENV))
      for (const text of held) expect(text).not.toContain(secret)
  })

  it('refuses usage errors in one line (exit 2)', () => {
    expect(gonogo(['check', DEMO_PLAN, '--only', 'nope']).stderr).toBe(
      'gonogo check: no phase or item `nope` in the plan (see `gonogo help check`)\n',
    )
    expect(gonogo(['check', DEMO_PLAN, '--concurrency', '0']).code).toBe(2)
    const missing = gonogo(['check', DEMO_PLAN, '--var', 'nope=1'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('the plan declares no var "nope"')
  })

  it('gonogo demo refuses an unknown fault and prints its URL first', async () => {
    expect(gonogo(['demo', '--fault', 'meteor']).stderr).toContain(
      'unknown fault "meteor"; known: pending-migrations',
    )
    const demo = await startDemoProcess()
    expect(demo.firstLine).toMatch(/^GoNoGo demo target listening on http:\/\/127\.0\.0\.1:\d+$/)
  })
})

describe('npm run demo', () => {
  it('runs the demo plan into a new session and prints results and readiness', () => {
    const r = spawnSync(process.execPath, ['scripts/demo.mjs'], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^demo target: http:\/\/127\.0\.0\.1:\d+$/m)
    expect(r.stdout).toContain('8 passed, 0 failed of 8: all blocking probes passed')
    expect(r.stdout).toContain('"Demo launch (assisted onboarding)": NOT_READY')
    expect(r.stdout).toContain('✗ 1 blocking item pending: `customer-confirms`')
    // No Prometheus here: the demo's canary is blocked and says where it looked.
    expect(r.stdout).toContain(
      '✗ blocking item `canary-analysis`: canary blocked: metrics source unreachable at http://127.0.0.1:9090',
    )
    expect(r.stdout).toMatch(/^session: \S+session$/m)
    // It ends with the signed record and how to check it.
    expect(r.stdout).toMatch(
      /^record: (\S+launch-record\.pdf) \(\d+ bytes, signed by CN=Demo captain, O=GoNoGo launch captain\)$/m,
    )
    const check = /^check it: gonogo verify (\S+) --trust (\S+) --session (\S+)$/m.exec(r.stdout)
    expect(check).not.toBeNull()
    const verified = gonogo(['verify', check![1]!, '--trust', check![2]!, '--session', check![3]!])
    expect(verified.stdout).toContain('record verified')
    expect(verified.code).toBe(0)
  })
})
