import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, startDemoTarget } from '../../../src/main/demo/server'
import { probe } from '../../helpers/probes'
import { json, startServer } from '../../helpers/servers'

describe('latency probe', () => {
  it('sends N requests at the rate with bounded concurrency and computes percentiles', async () => {
    const server = await startServer()
    const r = await probe({
      kind: 'latency',
      url: `${server.url}/json`,
      requests: 30,
      rate: 200,
      concurrency: 3,
      expect: ['latency.count == 30', 'latency.p95 < 1000', 'latency.p50 <= latency.p95'],
    })
    expect(r.status).toBe('pass')
    expect(server.stats.requests).toBe(30)
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(3)
    const l = r.evidence.latency as Record<string, number>
    expect(l.errors).toBe(0)
    expect(l.p50).toBeLessThanOrEqual(l.p95 ?? 0)
    expect(l.p95).toBeLessThanOrEqual(l.p99 ?? 0)
  })

  it('counts failed answers in the error rate and fails the default condition', async () => {
    let n = 0
    const server = await startServer({
      extra: (_q, res) => json(res, ++n % 2 === 0 ? 500 : 200, {}),
    })
    const r = await probe({
      kind: 'latency',
      url: `${server.url}/flaky`,
      requests: 20,
      rate: 500,
      concurrency: 2,
    })
    expect(r.status).toBe('fail')
    expect(r.reason).toBe('latency.error_rate < 0.01 → 0.5 < 0.01')
    expect((r.evidence.latency as { error_samples: string[] }).error_samples).toEqual([
      'HTTP 500',
      'HTTP 500',
      'HTTP 500',
    ])
  })

  it('takes at least as long as the rate asks', async () => {
    const server = await startServer()
    const r = await probe({
      kind: 'latency',
      url: `${server.url}/json`,
      requests: 10,
      rate: 20,
      concurrency: 4,
    })
    expect((r.evidence.latency as { duration_ms: number }).duration_ms).toBeGreaterThanOrEqual(440)
  })
})

describe('flow probe (against the demo target)', () => {
  const steps = (target: string) => [
    {
      id: 'token',
      method: 'POST',
      url: `${target}/api/auth/token/integration`,
      json: { key: '${secrets.integration_key}' },
      expect: ['status == 200'],
      capture: { token: 'body.access_token' },
    },
    {
      id: 'upload',
      method: 'POST',
      url: `${target}/api/upload`,
      headers: { Authorization: 'Bearer ${vars.token}' },
      json: { document: 'a.txt' },
      expect: ['status == 202'],
      capture: { job: 'body.job_id' },
      evidence: ['job'],
    },
    {
      id: 'poll',
      url: `${target}/api/jobs/\${vars.job}`,
      headers: { Authorization: 'Bearer ${vars.token}' },
      poll: { until: 'body.status == "done"', interval: '200ms', deadline: '8s' },
      expect: ['status == 200'],
    },
    {
      id: 'results',
      url: `${target}/api/results?job=\${vars.job}`,
      headers: { Authorization: 'Bearer ${vars.token}' },
      expect: ['size(body.results) > 0'],
    },
  ]

  it('exchanges the key, enqueues, polls to done, reads results, and keeps the job id as evidence', async () => {
    const demo = await startDemoTarget()
    try {
      const r = await probe(
        { kind: 'flow', steps: steps(demo.url), expect: ['steps.results.status == 200'] },
        { secrets: { integration_key: DEMO_KEYS.integration_key } },
      )
      expect(r.reason).toBeUndefined()
      expect(r.status).toBe('pass')
      expect(r.evidence.ids?.job).toMatch(/^job_[0-9a-f]{8}$/)
      const poll = r.evidence.steps?.find((s) => s.id === 'poll')
      expect(poll?.attempts).toBeGreaterThan(1)
      // The bearer token was captured but is a secret: the excerpt says it was scrubbed.
      const token = JSON.parse(r.evidence.steps?.[0]?.bodyExcerpt ?? '{}') as {
        access_token?: string
      }
      expect(token.access_token).toBe('[scrubbed]')
      expect(JSON.stringify(r)).not.toContain(DEMO_KEYS.integration_key)
      expect(r.evidence.steps?.map((s) => s.headers?.['x-request-id'])).toEqual(
        expect.arrayContaining([expect.stringMatching(/^req_/)]),
      )
    } finally {
      await demo.close()
    }
  })

  it('fails a poll at its deadline with the last value, and names the step', async () => {
    const demo = await startDemoTarget({ faults: ['stuck-job'] })
    try {
      const s = steps(demo.url)
      ;(s[2] as unknown as { poll: { deadline: string } }).poll.deadline = '1s'
      const r = await probe(
        { kind: 'flow', steps: s },
        { secrets: { integration_key: DEMO_KEYS.integration_key } },
      )
      expect(r.reason).toMatch(
        /^step `poll`: body.status == "done" still false after 1s \(\d+ attempts\): body.status == "done" → "running" == "done"$/,
      )
    } finally {
      await demo.close()
    }
  })

  it('fails a step whose capture is missing, naming the field', async () => {
    const demo = await startDemoTarget()
    try {
      const s = steps(demo.url)
      ;(s[0] as unknown as { capture: Record<string, string> }).capture = { token: 'body.token' }
      const r = await probe(
        { kind: 'flow', steps: s },
        { secrets: { integration_key: DEMO_KEYS.integration_key } },
      )
      expect(r.reason).toBe('step `token`: capture token: body has no field token')
    } finally {
      await demo.close()
    }
  })
})
