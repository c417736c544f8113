import { generateKeyPairSync } from 'node:crypto'
import { importSPKI, jwtVerify } from 'jose'
import { beforeEach, describe, expect, it } from 'vitest'
import { clearAuthCache } from '../../../src/main/probes/auth'
import type { ProbeCredential } from '../../../src/main/probes/secrets'
import { probeWithCredential } from '../../helpers/probes'
import { json, startServer } from '../../helpers/servers'

beforeEach(() => clearAuthCache())

/** Run a preset with one structured credential (App Store Connect key, Google service account). */
const runPreset = (
  preset: string,
  base: string,
  params: Record<string, unknown>,
  credential: Omit<ProbeCredential, 'name' | 'source'>,
) =>
  probeWithCredential(
    { kind: 'preset', preset, credential: 'c', baseUrl: base, params },
    credential,
  )

describe('appstore.server-notifications (the fixture checks the ES256 JWT and its bid)', () => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const ISSUER = '57246542-96fe-1a63-e053-0824d011072a'
  const KEY_ID = 'ZZ7J2CQKBW'
  const TOKEN = 'ce3af791-365e-4c60-841b-1674b43c1609_1763805600000'
  const credential = {
    kind: 'appstore-connect' as const,
    fields: { issuerId: ISSUER, keyId: KEY_ID, privateKey },
  }

  /** Apple's App Store Server API: a test notification, then its status (404 until attempted). */
  async function appleFixture(result: string) {
    const publicKey = await importSPKI(publicPem, 'ES256')
    let polls = 0
    const server = await startServer({
      extra: async (req, res) => {
        const jwt = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''
        try {
          const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, {
            issuer: ISSUER,
            audience: 'appstoreconnect-v1',
            algorithms: ['ES256'],
          })
          if (protectedHeader.kid !== KEY_ID || payload.bid !== 'com.example.app')
            throw new Error('claims')
        } catch {
          res.writeHead(401).end()
          return
        }
        if (req.method === 'POST' && req.url === '/inApps/v1/notifications/test')
          return json(res, 200, { testNotificationToken: TOKEN })
        if (req.method === 'GET' && req.url === `/inApps/v1/notifications/test/${TOKEN}`) {
          if (polls++ === 0)
            return json(res, 404, {
              errorCode: 4040008,
              errorMessage:
                'Either the test notification token is expired or the notification and status are not yet available.',
            })
          return json(res, 200, {
            signedPayload: 'eyJhbGciOiJFUzI1NiJ9.e30.sig',
            firstSendAttemptResult: result,
            sendAttempts: [{ attemptDate: 1763805601000, sendAttemptResult: result }],
          })
        }
        json(res, 404, { errorCode: 4040000, errorMessage: 'Not found.' })
      },
    })
    return { ...server, polls: () => polls }
  }

  it('requests a test notification, polls its delivery, and keeps the token out of the evidence', async () => {
    const server = await appleFixture('SUCCESS')
    const r = await runPreset(
      'appstore.server-notifications',
      server.url,
      { bundle: 'com.example.app', within: '10s' },
      credential,
    )
    expect(r.reason).toBeUndefined()
    expect(r.status).toBe('pass')
    expect(server.polls()).toBe(2)
    // The token is captured for the poll, never kept: a token-named value is scrubbed from evidence.
    expect(r.evidence.ids ?? {}).toEqual({})
    expect(JSON.stringify(r)).not.toContain(TOKEN)
    expect(r.evidence.steps?.map((s) => [s.id, s.attempts])).toEqual([
      ['request', 1],
      ['delivery', 2],
    ])
  })

  it('fails with Apple’s send result when the backend did not take the notification', async () => {
    const server = await appleFixture('NO_RESPONSE')
    const r = await runPreset(
      'appstore.server-notifications',
      server.url,
      { bundle: 'com.example.app', within: '10s' },
      credential,
    )
    expect(r.reason).toBe(
      'step `delivery`: body.sendAttempts[size(body.sendAttempts) - 1].sendAttemptResult == "SUCCESS" → "NO_RESPONSE" == "SUCCESS"',
    )
  })

  it('a token for another app (no matching bid) is rejected, naming the key it needs', async () => {
    const server = await appleFixture('SUCCESS')
    const r = await runPreset(
      'appstore.server-notifications',
      server.url,
      { bundle: 'com.example.other' },
      credential,
    )
    expect(r.reason).toBe(
      'step `request`: token rejected (HTTP 401): needs an In-App Purchase key (App Store Connect › Users and Access › Integrations) for the app; before the app’s first production release, environment sandbox (App Store Server API)',
    )
    expect(JSON.stringify(r)).not.toContain(privateKey.split('\n')[1] ?? 'unreachable')
  })
})

describe('googleplay.track (the fixture checks the RS256 assertion before issuing a token)', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const ACCESS = 'ya29.c.CANARY_play_access_token'
  const EDIT = '06192837465'
  const APP = '/androidpublisher/v3/applications/com.example.app'

  /** Google's token endpoint and the Play Developer API's edits, as documented. */
  async function playFixture(options: { permission?: boolean } = {}) {
    const publicKey = await importSPKI(publicPem, 'RS256')
    const calls: string[] = []
    const server = await startServer({
      extra: async (req, res, body) => {
        calls.push(`${req.method ?? ''} ${req.url ?? ''}`)
        if (req.url === '/token') {
          const form = new URLSearchParams(body)
          try {
            const { payload } = await jwtVerify(form.get('assertion') ?? '', publicKey, {
              issuer: 'release-bot@acme-prod.iam.gserviceaccount.com',
              audience: `${server.url}/token`,
            })
            if (payload.scope !== 'https://www.googleapis.com/auth/androidpublisher')
              throw new Error('scope')
          } catch {
            return json(res, 400, {
              error: 'invalid_grant',
              error_description: 'Invalid JWT Signature.',
            })
          }
          return json(res, 200, { access_token: ACCESS, expires_in: 3599, token_type: 'Bearer' })
        }
        if (req.headers.authorization !== `Bearer ${ACCESS}`)
          return json(res, 401, {
            error: {
              code: 401,
              message: 'Request had invalid authentication credentials.',
              status: 'UNAUTHENTICATED',
            },
          })
        if (options.permission === false)
          return json(res, 403, {
            error: {
              code: 403,
              message: 'The caller does not have permission',
              status: 'PERMISSION_DENIED',
            },
          })
        if (req.method === 'POST' && req.url === `${APP}/edits`)
          return json(res, 200, { id: EDIT, expiryTimeSeconds: '1763809200' })
        if (req.method === 'GET' && req.url === `${APP}/edits/${EDIT}/tracks/production`)
          return json(res, 200, {
            track: 'production',
            releases: [
              { name: '2.3.0', versionCodes: ['230'], status: 'inProgress', userFraction: 0.1 },
              { name: '2.2.0', versionCodes: ['220'], status: 'completed' },
            ],
          })
        // A track with no active release: `releases` is optional in Track (androidpublisher v3).
        if (req.method === 'GET' && req.url === `${APP}/edits/${EDIT}/tracks/alpha`)
          return json(res, 200, { track: 'alpha' })
        if (req.method === 'DELETE' && req.url === `${APP}/edits/${EDIT}`) {
          res.writeHead(204).end()
          return
        }
        json(res, 404, {
          error: { code: 404, message: 'Track not found.', status: 'NOT_FOUND' },
        })
      },
    })
    return { ...server, calls }
  }

  const credential = (tokenUri: string) => ({
    kind: 'google-service-account' as const,
    fields: {
      type: 'service_account',
      project_id: 'acme-prod',
      client_email: 'release-bot@acme-prod.iam.gserviceaccount.com',
      private_key: privatePem,
      token_uri: tokenUri,
    },
  })

  it('opens an edit, reads the track, deletes the edit, and passes on the staged rollout', async () => {
    const server = await playFixture()
    const r = await runPreset(
      'googleplay.track',
      server.url,
      { package: 'com.example.app', status: 'inProgress', fraction: 0.1, version: '230' },
      credential(`${server.url}/token`),
    )
    expect(r.reason).toBeUndefined()
    expect(server.calls).toEqual([
      'POST /token',
      `POST ${APP}/edits`,
      `GET ${APP}/edits/${EDIT}/tracks/production`,
      `DELETE ${APP}/edits/${EDIT}`,
    ])
    expect(r.evidence.ids).toEqual({ edit: EDIT })
    expect(JSON.stringify(r)).not.toContain(ACCESS)
  })

  it('a rollout at another fraction fails, and the edit is still deleted', async () => {
    const server = await playFixture()
    const r = await runPreset(
      'googleplay.track',
      server.url,
      { package: 'com.example.app', status: 'inProgress', fraction: 0.2 },
      credential(`${server.url}/token`),
    )
    expect(r.reason).toMatch(
      /^step `track`: body\.releases\.exists\(r, r\.status == "inProgress" && has\(r\.userFraction\) && r\.userFraction == 0\.2\) is false/,
    )
    expect(server.calls.at(-1)).toBe(`DELETE ${APP}/edits/${EDIT}`)
    const beta = await runPreset(
      'googleplay.track',
      server.url,
      { package: 'com.example.app', status: 'completed', track: 'beta' },
      credential(`${server.url}/token`),
    )
    expect(beta.reason).toMatch(/^step `track`: status == 200 → 404 == 200/)
    expect(server.calls.at(-1)).toBe(`DELETE ${APP}/edits/${EDIT}`)
  })

  it('a service account without access is rejected with the permission it needs; no edit to delete', async () => {
    const server = await playFixture({ permission: false })
    const r = await runPreset(
      'googleplay.track',
      server.url,
      { package: 'com.example.app', status: 'completed' },
      credential(`${server.url}/token`),
    )
    expect(r.reason).toBe(
      'step `open_edit`: token rejected (HTTP 403: The caller does not have permission): needs a service account invited in Play Console › Users and permissions with "View app information" for the app (OAuth scope androidpublisher) (Google Play)',
    )
    expect(server.calls.filter((c) => c.startsWith('DELETE'))).toEqual([])
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    const forged = await runPreset(
      'googleplay.track',
      server.url,
      { package: 'com.example.app', status: 'completed' },
      {
        ...credential(`${server.url}/token`),
        fields: { ...credential(`${server.url}/token`).fields, private_key: wrongKey },
      },
    )
    expect(forged.reason).toMatch(
      /Google token exchange refused the service account \(HTTP 400\): Invalid JWT Signature\./,
    )
  })

  it('judges a completed release (no userFraction) and a track without releases instead of raising', async () => {
    const server = await playFixture()
    const completed = await runPreset(
      'googleplay.track',
      server.url,
      { package: 'com.example.app', status: 'completed', fraction: 0.5 },
      credential(`${server.url}/token`),
    )
    expect(completed.reason).toMatch(/has\(r\.userFraction\) && r\.userFraction == 0\.5\) is false/)
    const empty = await runPreset(
      'googleplay.track',
      server.url,
      { package: 'com.example.app', status: 'completed', track: 'alpha' },
      credential(`${server.url}/token`),
    )
    expect(empty.reason).toMatch(/^step `track`: has\(body\.releases\)/)
    expect(server.calls.at(-1)).toBe(`DELETE ${APP}/edits/${EDIT}`)
  })
})
