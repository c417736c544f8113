import { describe, expect, it } from 'vitest'
import { retryAfterMs } from '../../../src/main/probes/http-exchange'
import { testCert } from '../../helpers/pki'
import { probe } from '../../helpers/probes'
import { json, startServer } from '../../helpers/servers'

describe('http probe', () => {
  it('passes with every condition true and keeps timings, selected headers and a body excerpt', async () => {
    const server = await startServer()
    const r = await probe({
      kind: 'http',
      url: `${server.url}/json`,
      expect: [
        'status == 200',
        'body.checks.migrations.pending == 0',
        'timing.total >= 0.0',
        'headers["content-type"] == "application/json"',
      ],
    })
    expect(r.status).toBe('pass')
    expect(r.reason).toBeUndefined()
    expect(r.evidence.conditions.every((c) => c.pass)).toBe(true)
    const http = r.evidence.http
    expect(http?.status).toBe(200)
    expect(http?.request).toEqual({ method: 'GET', url: `${server.url}/json` })
    expect(Object.keys(http?.timing ?? {}).sort()).toEqual(['connect', 'dns', 'total', 'ttfb'])
    expect(http?.headers?.['content-type']).toBe('application/json')
    expect(JSON.parse(http?.bodyExcerpt ?? '')).toMatchObject({ ok: true })
    expect(r.evidence.engine).toMatch(/^gonogo\/\d+\.\d+\.\d+$/)
  })

  it('a failing condition reports the actual value, a missing field is named', async () => {
    const server = await startServer({
      extra: (_q, res) => json(res, 503, { checks: { migrations: { pending: 3 } } }),
    })
    const r = await probe({
      kind: 'http',
      url: `${server.url}/health`,
      expect: ['status == 200', 'body.checks.migrations.pending == 0', 'body.checks.db == "ok"'],
    })
    expect(r.status).toBe('fail')
    expect(r.reason).toBe('status == 200 → 503 == 200 (and 2 more failed conditions)')
    expect(r.evidence.conditions.map((c) => c.actual)).toEqual([
      'status == 200 → 503 == 200',
      'body.checks.migrations.pending == 0 → 3 == 0',
      'body.checks has no field db',
    ])
  })

  it('without conditions it passes on 2xx only', async () => {
    const server = await startServer()
    expect((await probe({ kind: 'http', url: `${server.url}/status/204` })).status).toBe('pass')
    expect((await probe({ kind: 'http', url: `${server.url}/status/500` })).reason).toContain('500')
  })

  it('sends JSON bodies, headers and vars', async () => {
    const server = await startServer()
    const r = await probe(
      {
        kind: 'http',
        method: 'POST',
        url: '${vars.base}/echo',
        headers: { 'X-Tenant': '${vars.tenant}' },
        json: { customer: '${vars.tenant}', n: 1 },
        expect: ['body.method == "POST"', 'body.headers["x-tenant"] == "acme"'],
      },
      { vars: { base: server.url, tenant: 'acme' } },
    )
    expect(r.status).toBe('pass')
    expect(JSON.parse(server.stats.last?.body ?? '')).toEqual({ customer: 'acme', n: 1 })
    expect(server.stats.last?.headers['content-type']).toBe('application/json')
  })

  it('fails on invalid JSON with the parser message, keeping the evidence', async () => {
    const server = await startServer()
    const r = await probe({
      kind: 'http',
      url: `${server.url}/bad-json`,
      expect: ['status == 200'],
    })
    expect(r.status).toBe('fail')
    expect(r.reason).toMatch(
      /the response says application\/json but its body is not valid JSON \(.+\): "\{\\"ok\\": tru"/,
    )
    expect(r.evidence.http?.status).toBe(200)
  })

  it('caps a 5 MiB body at 1 MiB and flags it', async () => {
    const server = await startServer()
    const r = await probe({ kind: 'http', url: `${server.url}/big`, expect: ['status == 200'] })
    expect(r.status).toBe('pass')
    expect(r.evidence.http).toMatchObject({ truncated: true, bodyBytes: 1024 * 1024 })
    expect(r.evidence.http?.bodyExcerpt?.length).toBe(1024)
  })

  it('stops reading a never-ending body at the cap', async () => {
    const server = await startServer()
    const r = await probe({
      kind: 'http',
      url: `${server.url}/endless`,
      maxBodyBytes: 200_000,
      expect: ['status == 200'],
    })
    expect(r.status).toBe('pass')
    expect(r.evidence.http).toMatchObject({ truncated: true, bodyBytes: 200_000 })
  })

  it('fails a slow body and a hung server at the deadline, saying so', async () => {
    const server = await startServer()
    const slow = await probe({ kind: 'http', url: `${server.url}/slow-body`, timeout: '600ms' })
    expect(slow.status).toBe('fail')
    expect(slow.reason).toMatch(/^no answer within 600 ms/)
    expect(slow.durationMs).toBeLessThan(3000)
    const hang = await probe({ kind: 'http', url: `${server.url}/hang`, timeout: '300ms' })
    expect(hang.reason).toMatch(/^no answer within 300 ms/)
    // The deadline tore the connections down; nothing is left trickling in the background.
    await expect.poll(() => server.openConnections(), { timeout: 1000 }).toBe(0)
  })

  it('closes its connection when it is done, passed or failed', async () => {
    const server = await startServer()
    const results = await Promise.all([
      probe({ kind: 'http', url: `${server.url}/json`, expect: ['status == 200'] }),
      probe({ kind: 'http', url: `${server.url}/status/500` }),
      probe({ kind: 'latency', url: `${server.url}/json`, requests: 6, rate: 100, concurrency: 2 }),
    ])
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'pass'])
    expect(server.stats.requests).toBe(8)
    // No kept-alive socket lingers after the results: the server sees every connection closed.
    await expect.poll(() => server.openConnections(), { timeout: 1000 }).toBe(0)
  })

  it('reports a connection reset mid-body', async () => {
    const server = await startServer()
    const r = await probe({ kind: 'http', url: `${server.url}/reset` })
    expect(r.status).toBe('fail')
    expect(r.reason).toMatch(
      new RegExp(
        `(connection reset by 127.0.0.1:${server.port}|ended before its Content-Length).* after \\d+ bytes of the body`,
      ),
    )
  })

  it('reports a refused connection', async () => {
    const server = await startServer()
    await server.close()
    const r = await probe({ kind: 'http', url: `${server.url}/json` })
    expect(r.reason).toBe(`connection refused by 127.0.0.1:${server.port}`)
  })

  it('follows redirects only as the plan allows, and names a loop', async () => {
    const server = await startServer()
    const none = await probe({
      kind: 'http',
      url: `${server.url}/redirect`,
      expect: ['status == 301', 'headers.location == "/json"'],
    })
    expect(none.status).toBe('pass')
    const one = await probe({
      kind: 'http',
      url: `${server.url}/redirect`,
      followRedirects: 1,
      expect: ['status == 200'],
    })
    expect(one.status).toBe('pass')
    expect(one.evidence.http?.redirects).toEqual([`${server.url}/json`])
    const loop = await probe({ kind: 'http', url: `${server.url}/loop`, followRedirects: 3 })
    expect(loop.reason).toMatch(/^too many redirects \(more than 3\): .*\/loop.* \(a loop\)$/)
  })

  it('waits out a 429 with Retry-After it can afford, and reports a longer one as the failure', async () => {
    let calls = 0
    const server = await startServer({
      extra: (req, res) => {
        calls++
        if (req.url === '/limited-once' && calls === 1)
          return json(res, 429, { error: 'rate limited' }, { 'retry-after': '1' })
        if (req.url === '/limited-long')
          return json(res, 429, { error: 'rate limited' }, { 'retry-after': '120' })
        json(res, 200, { ok: true })
      },
    })
    const once = await probe({
      kind: 'http',
      url: `${server.url}/limited-once`,
      expect: ['status == 200'],
    })
    expect(once.status).toBe('pass')
    expect(once.evidence.http?.retries).toBe(1)
    expect(calls).toBe(2)
    const long = await probe({
      kind: 'http',
      url: `${server.url}/limited-long`,
      expect: ['status == 200'],
    })
    expect(long.reason).toBe('status == 200 → 429 == 200')
    expect(long.evidence.http?.headers?.['retry-after']).toBe('120')
    expect(long.durationMs).toBeLessThan(5000)
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000)
    expect(
      retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(10_000)
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(retryAfterMs(undefined)).toBeUndefined()
  })

  describe('over TLS', () => {
    it('passes with a certificate that chains to a trusted root', async () => {
      const server = await startServer({ tls: testCert('valid') })
      const r = await probe({ kind: 'http', url: `${server.url}/json`, expect: ['status == 200'] })
      expect(r.status).toBe('pass')
      expect(r.evidence.http?.timing?.tls).toBeGreaterThan(0)
      expect(r.evidence.http?.insecure).toBeUndefined()
    })

    it('fails an expired or wrong-host certificate by name; insecure opts out and is flagged', async () => {
      const expired = await startServer({ tls: testCert('expired') })
      expect((await probe({ kind: 'http', url: `${expired.url}/json` })).reason).toBe(
        `the TLS certificate has expired (localhost:${expired.port}: CERT_HAS_EXPIRED)`,
      )
      const wrong = await startServer({ tls: testCert('wrong-host') })
      expect((await probe({ kind: 'http', url: `${wrong.url}/json` })).reason).toMatch(
        /the TLS certificate is not valid for this host name/,
      )
      const optedOut = await probe({ kind: 'http', url: `${expired.url}/json`, insecure: true })
      expect(optedOut.status).toBe('pass')
      expect(optedOut.evidence.http?.insecure).toBe(true)
    })
  })

  describe('secrets', () => {
    const CANARY = 'sk_live_CANARY_9f8e7d6c5b4a'

    it('never appear in evidence, reasons or request lines', async () => {
      const server = await startServer()
      const r = await probe(
        {
          kind: 'http',
          url: `${server.url}/echo?api_key=\${secrets.stripe}&page=2`,
          auth: { credential: 'stripe' },
          headers: { 'X-Api-Key': '${secrets.stripe}' },
          json: { key: '${secrets.stripe}' },
          expect: ['status == 500'],
        },
        { secrets: { stripe: CANARY } },
      )
      // The server really got the secret...
      expect(server.stats.last?.headers.authorization).toBe(`Bearer ${CANARY}`)
      // ...and nothing the probe kept mentions it, even though the echo body and URL carried it.
      const kept = JSON.stringify(r)
      expect(kept).not.toContain(CANARY)
      expect(kept).not.toContain(encodeURIComponent(CANARY))
      expect(kept).not.toContain(Buffer.from(CANARY).toString('base64'))
      expect(r.evidence.http?.request.url).toBe(`${server.url}/echo?api_key=[REDACTED]&page=2`)
      expect(r.evidence.http?.bodyExcerpt).toContain('[REDACTED]')
    })

    it('a missing credential is a failed result naming how to set it', async () => {
      const r = await probe({
        kind: 'http',
        url: 'http://127.0.0.1:9/x',
        auth: { credential: 'github' },
      })
      expect(r.reason).toBe('blocked: credential `github` is not set (set GONOGO_SECRET_GITHUB)')
    })
  })
})
