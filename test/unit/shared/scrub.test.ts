import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  isSecretName,
  SCRUBBED,
  scrubText,
  secretHeaderValues,
} from '../../../src/shared/probes/scrub'

// Fixtures made up for these tests, shaped like the real thing (none is a live credential).
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0ZW5hbnQtNDIiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLW5vdC1yZWFsLTEyMzQ1Ng'
const SHAPED = [
  JWT,
  'sk_live_4eC39HqLyjWDarjtT1zdp7dcNotReal',
  'rk_test_51HqLyjWDarjtT1zdp7dc',
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
  'xoxb-123456789012-1234567890123-NotARealSlackToken',
  'AKIAIOSFODNN7EXAMPLE',
  '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5HvG2xqNOTREAL\n-----END EC PRIVATE KEY-----',
]

describe('scrubText: secrets a target returns', () => {
  it('replaces secret-named JSON fields and says so, keeping everything else byte for byte', () => {
    const body =
      '{"access_token": "tok_9f8e7d6c5b4a", "token_type":"Bearer", "expires_in": 3600,' +
      ' "refresh_token":"rt-0011223344", "user": {"id": 7, "password": "hunter2hunter2"}, "pin": 1234}'
    const out = scrubText(body)
    expect(out.text).toBe(
      `{"access_token": "${SCRUBBED}", "token_type":"Bearer", "expires_in": 3600,` +
        ` "refresh_token":"${SCRUBBED}", "user": {"id": 7, "password": "${SCRUBBED}"}, "pin": 1234}`,
    )
    expect(out.found.sort()).toEqual(['hunter2hunter2', 'rt-0011223344', 'tok_9f8e7d6c5b4a'])
  })

  it('scrubs everything under a secret-named object or array, and numeric secrets', () => {
    const out = scrubText(
      '[{"credentials": {"user": "ada@example.com", "keys": ["abcdefgh1", 42]}, "api_key": 123456789}]',
    )
    expect(out.text).toBe(
      `[{"credentials": {"user": "${SCRUBBED}", "keys": ["${SCRUBBED}", "${SCRUBBED}"]}, "api_key": "${SCRUBBED}"}]`,
    )
    expect(out.found).toContain('ada@example.com')
    expect(out.found).toContain('123456789')
  })

  it('scrubs a value cut off by the excerpt, and decodes escapes in what it found', () => {
    const out = scrubText('{"id_token": "abc\\/def-ghijkl')
    expect(out.text).toBe(`{"id_token": "${SCRUBBED}`)
    expect(out.found).toEqual(['abc/def-ghijkl'])
  })

  it('scrubs form bodies and query strings by field name', () => {
    const out = scrubText('grant_type=client_credentials&client_secret=s3cr3t%2Bvalue&scope=read')
    expect(out.text).toBe(`grant_type=client_credentials&client_secret=${SCRUBBED}&scope=read`)
    expect(out.found).toContain('s3cr3t+value')
    expect(scrubText('see https://x.test/cb?code=1&access_token=abcdefghij').text).toBe(
      `see https://x.test/cb?code=1&access_token=${SCRUBBED}`,
    )
  })

  it('scrubs values shaped like well-known secrets wherever they stand', () => {
    for (const secret of SHAPED) {
      const json = scrubText(JSON.stringify({ note: `value: ${secret} end` }))
      expect(json.text, secret).not.toContain(secret.slice(4, 24))
      const plain = scrubText(`<p>${secret}</p>`)
      expect(plain.text, secret).toBe(`<p>${SCRUBBED}</p>`)
      expect(plain.found).toContain(secret)
    }
  })

  it('leaves ordinary responses alone', () => {
    for (const text of [
      '{"status":"ok","checks":{"db":"up","migrations":{"pending":0}},"author":"Ada","token_type":"Bearer"}',
      '<html><body>Welcome, eyJ is not a token</body></html>',
      'name=ada&city=Paris',
      '',
    ])
      expect(scrubText(text)).toEqual({ text, found: [] })
  })

  it('never lets a secret-named field value or a shaped secret through (property)', () => {
    const name = fc.constantFrom(
      'access_token',
      'refresh_token',
      'id_token',
      'client_secret',
      'password',
      'api_key',
      'apiKey',
      'X-Session',
      'auth',
      'privateKey',
    )
    const value = fc.stringMatching(/^[A-Za-z0-9_.~+/-]{12,40}$/)
    const filler = fc.dictionary(
      fc.constantFrom('id', 'name', 'status', 'count', 'items'),
      fc.oneof(fc.string(), fc.integer()),
    )
    fc.assert(
      fc.property(name, value, filler, fc.constantFrom(...SHAPED), (key, secret, rest, shaped) => {
        const body = JSON.stringify({ ...rest, [key]: secret, nested: [{ note: shaped }] }, null, 1)
        const out = scrubText(body)
        expect(out.text).not.toContain(secret)
        expect(out.text).not.toContain(shaped)
        expect(out.found).toContain(secret)
        // Only the secrets changed: with them back in place, the body is what it was.
        expect(JSON.parse(out.text)).toEqual({
          ...rest,
          [key]: SCRUBBED,
          nested: [{ note: SCRUBBED }],
        })
        const form = scrubText(`a=1&${encodeURIComponent(key)}=${encodeURIComponent(secret)}&b=2`)
        expect(form.text).toBe(`a=1&${encodeURIComponent(key)}=${SCRUBBED}&b=2`)
        // The excerpt may cut the body anywhere: no prefix shows a secret-named value it began.
        const cut = body.slice(0, body.indexOf(secret) + Math.ceil(secret.length / 2))
        expect(scrubText(cut).text).not.toContain(secret.slice(0, Math.ceil(secret.length / 2)))
      }),
      { numRuns: 300 },
    )
  })

  it('names and header values', () => {
    for (const n of [
      'access_token',
      'X-Auth-Token',
      'Authorization',
      'set-cookie',
      'PASSWORD',
      'stripeToken',
      'sessionId',
    ])
      expect(isSecretName(n), n).toBe(true)
    for (const n of ['token_type', 'expires_in', 'author', 'content-type', 'x-request-id', 'id'])
      expect(isSecretName(n), n).toBe(false)
    expect(
      secretHeaderValues({
        'x-access-token': 'hdr-minted-0123456789',
        'set-cookie': ['sid=cookie-value-0123; Path=/; HttpOnly'],
        'content-type': 'application/json',
        'x-note': `see ${JWT}`,
      }).sort(),
    ).toEqual(
      [
        'cookie-value-0123',
        'hdr-minted-0123456789',
        'sid=cookie-value-0123; Path=/; HttpOnly',
        JWT,
      ].sort(),
    )
  })
})
