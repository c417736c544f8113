import { describe, expect, it } from 'vitest'
import { exchangeEvidence, KEPT_HEADERS } from '../../../src/main/probes/evidence'
import type { HttpExchange } from '../../../src/main/probes/http-exchange'
import { Redactor, REDACTED } from '../../../src/main/probes/redact'

const SECRET = 'canary-secret-5b0c1d'

function exchange(headers: Record<string, string>): HttpExchange {
  return {
    method: 'GET',
    url: 'https://api.example.test/v1/status',
    status: 200,
    headers,
    bytes: Buffer.from(`{"echo":"${SECRET}"}`),
    truncated: false,
    contentType: 'application/json',
    timing: { ttfb: 1, total: 2 },
    redirects: [],
    retries: 0,
  }
}

describe('HTTP evidence', () => {
  it('keeps no header whose name marks it as a credential', () => {
    const redactor = new Redactor([])
    for (const name of KEPT_HEADERS)
      expect(redactor.headers({ [name]: 'value' })[name], name).toBe('value')
  })

  it('keeps the listed headers only, with secret values replaced', () => {
    const evidence = exchangeEvidence(
      exchange({
        'content-type': 'application/json',
        'x-request-id': `req-${SECRET}`,
        'set-cookie': `session=${SECRET}`,
        authorization: `Bearer ${SECRET}`,
        'x-internal-debug': 'dropped',
      }),
      new Redactor([SECRET]),
      false,
      new Set(),
    )
    expect(evidence.headers).toEqual({
      'content-type': 'application/json',
      'x-request-id': `req-${REDACTED}`,
    })
    expect(evidence.bodyExcerpt).toBe(`{"echo":"${REDACTED}"}`)
    expect(JSON.stringify(evidence)).not.toContain(SECRET)
  })
})
