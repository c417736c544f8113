import { describe, expect, it } from 'vitest'
import { testCert } from '../../helpers/pki'
import { probe } from '../../helpers/probes'
import { startDnsServer, startServer } from '../../helpers/servers'

describe('tls probe', () => {
  it('passes a trusted, matching, fresh certificate and reports its details', async () => {
    const server = await startServer({ tls: testCert('valid') })
    const r = await probe({
      kind: 'tls',
      host: 'localhost',
      port: server.port,
      expect: ['cert.days_left > 80', 'cert.issuer.startsWith("GoNoGo Test Root CA")'],
    })
    expect(r.status).toBe('pass')
    expect(r.evidence.cert).toMatchObject({
      authorized: true,
      host_match: true,
      subject: 'localhost',
      san: ['localhost', 'IP Address:127.0.0.1'],
    })
    expect(['TLSv1.2', 'TLSv1.3']).toContain(r.evidence.cert?.protocol)
  })

  it('says an expired certificate expired, and when', async () => {
    const server = await startServer({ tls: testCert('expired') })
    const r = await probe({ kind: 'tls', host: 'localhost', port: server.port })
    expect(r.status).toBe('fail')
    expect(r.reason).toMatch(/^not trusted: CERT_HAS_EXPIRED \(and 1 more failed condition\)$/)
    expect(r.evidence.conditions.find((c) => c.expression.startsWith('at least'))?.actual).toMatch(
      /^expired 3 days ago \(\d{4}-/,
    )
  })

  it('says a wrong-host certificate does not match, with its names', async () => {
    const server = await startServer({ tls: testCert('wrong-host') })
    const r = await probe({ kind: 'tls', host: 'localhost', port: server.port })
    const hostCheck = r.evidence.conditions.find(
      (c) => c.expression === 'certificate is valid for localhost',
    )
    expect(hostCheck?.pass).toBe(false)
    expect(hostCheck?.actual).toContain('subject other.example, SAN other.example')
  })

  it('fails a certificate expiring inside the window', async () => {
    const server = await startServer({ tls: testCert('expiring') })
    const r = await probe({ kind: 'tls', host: 'localhost', port: server.port, minDaysLeft: 14 })
    expect(r.reason).toBe('5 days left (expires ' + String(r.evidence.cert?.not_after) + ')')
  })

  it('reports a closed port as a failed result', async () => {
    const server = await startServer()
    await server.close()
    const r = await probe({ kind: 'tls', host: '127.0.0.1', port: server.port })
    expect(r.reason).toBe(`connection refused by 127.0.0.1:${server.port}`)
  })
})

describe('dns probe', () => {
  it('checks records against expected values at a given resolver', async () => {
    const dns = await startDnsServer({
      'app.example.com': { A: ['203.0.113.10', '203.0.113.11'], TXT: [['v=spf1 -all']] },
    })
    const ok = await probe({
      kind: 'dns',
      name: 'app.example.com',
      type: 'A',
      expected: ['203.0.113.10'],
      resolvers: [dns.address],
    })
    expect(ok.status).toBe('pass')
    expect(ok.evidence.dns).toMatchObject({ records: ['203.0.113.10', '203.0.113.11'] })
    const txt = await probe({
      kind: 'dns',
      name: 'app.example.com',
      type: 'TXT',
      expected: ['v=spf1 -all'],
      match: 'equal',
      resolvers: [dns.address],
    })
    expect(txt.status).toBe('pass')
    const equal = await probe({
      kind: 'dns',
      name: 'app.example.com',
      type: 'A',
      expected: ['203.0.113.10'],
      match: 'equal',
      resolvers: [dns.address],
    })
    expect(equal.reason).toBe(
      `${dns.address} answered 203.0.113.10, 203.0.113.11; unexpected 203.0.113.11`,
    )
  })

  it('names the lagging resolver when propagation is partial, and a missing name', async () => {
    const fresh = await startDnsServer({ 'app.example.com': { A: ['198.51.100.7'] } })
    const stale = await startDnsServer({ 'app.example.com': { A: ['203.0.113.10'] } })
    const r = await probe({
      kind: 'dns',
      name: 'app.example.com',
      expected: ['198.51.100.7'],
      resolvers: [fresh.address, stale.address],
    })
    expect(r.status).toBe('fail')
    expect(r.reason).toBe(`${stale.address} answered 203.0.113.10; missing 198.51.100.7`)
    expect(r.evidence.conditions.map((c) => c.pass)).toEqual([true, false])
    const missing = await probe({
      kind: 'dns',
      name: 'nope.example.com',
      resolvers: [fresh.address],
    })
    expect(missing.reason).toBe(`${fresh.address}: the name does not exist (ENOTFOUND)`)
  })
})

describe('headers probe', () => {
  it('passes a full policy', async () => {
    const server = await startServer({
      extra: (_q, res) => {
        res.writeHead(200, {
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
          'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'strict-origin-when-cross-origin',
        })
        res.end('ok')
      },
    })
    const r = await probe({ kind: 'headers', url: `${server.url}/page` })
    expect(r.status).toBe('pass')
    expect(r.evidence.findings).toEqual([])
  })

  it('reports each missing or weak header as its own finding', async () => {
    const server = await startServer({
      extra: (req, res) => {
        if (req.url === '/weak') {
          res.writeHead(200, {
            'strict-transport-security': 'max-age=600',
            'content-security-policy': "script-src 'unsafe-eval'",
            'x-frame-options': 'DENY',
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'unsafe-url',
          })
        } else res.writeHead(200)
        res.end('ok')
      },
    })
    const none = await probe({ kind: 'headers', url: `${server.url}/bare` })
    expect(none.evidence.findings).toEqual([
      'Strict-Transport-Security is missing',
      'Content-Security-Policy is missing',
      'X-Content-Type-Options is missing (expected nosniff)',
      'neither CSP frame-ancestors nor X-Frame-Options DENY/SAMEORIGIN is set (clickjacking)',
      'Referrer-Policy is missing',
    ])
    expect(none.reason).toBe('Strict-Transport-Security is missing (and 4 more failed conditions)')
    const weak = await probe({ kind: 'headers', url: `${server.url}/weak` })
    expect(weak.evidence.findings).toEqual([
      'Strict-Transport-Security max-age=600 is below 15552000',
      "Content-Security-Policy allows 'unsafe-eval'",
      'Referrer-Policy unsafe-url leaks full URLs',
    ])
  })
})
