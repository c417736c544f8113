import { generateKeyPairSync } from 'node:crypto'
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose'
import { beforeEach, describe, expect, it } from 'vitest'
import { authorize, clearAuthCache } from '../../../src/main/probes/auth'
import { json, startServer } from '../../helpers/servers'

const pair = (type: 'ec' | 'rsa') => {
  const keys =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privatePem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

beforeEach(() => clearAuthCache())

describe('auth strategies', () => {
  it('bearer, basic and custom header, each with its secrets for redaction', async () => {
    expect(
      await authorize({ name: 't', kind: 'token', fields: { token: 'abc' }, source: 'keychain' }),
    ).toEqual({ headers: { authorization: 'Bearer abc' }, secrets: ['abc'] })
    const basic = await authorize({
      name: 'b',
      kind: 'basic',
      fields: { user: 'u', password: 'p4ss' },
      source: 'keychain',
    })
    expect(basic.headers.authorization).toBe(`Basic ${Buffer.from('u:p4ss').toString('base64')}`)
    expect(basic.secrets).toContain('p4ss')
    expect(
      await authorize({
        name: 'h',
        kind: 'header',
        fields: { name: 'X-Api-Key', value: 'k3y' },
        source: 'keychain',
      }),
    ).toEqual({ headers: { 'x-api-key': 'k3y' }, secrets: ['k3y'] })
  })

  it('App Store Connect: an ES256 JWT with kid, iss, aud and at most 20 minutes of life, reused until near expiry', async () => {
    const { privatePem, publicPem } = pair('ec')
    const fields = {
      issuerId: '57246542-96fe-1a63-e053-0824d011072a',
      keyId: '2X9R4HXF34',
      privateKey: privatePem,
    }
    const auth = await authorize({
      name: 'asc',
      kind: 'appstore-connect',
      fields,
      source: 'keychain',
    })
    const jwt = (auth.headers.authorization ?? '').replace(/^Bearer /, '')
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'ES256', kid: '2X9R4HXF34', typ: 'JWT' })
    const { payload } = await jwtVerify(jwt, await importSPKI(publicPem, 'ES256'), {
      issuer: fields.issuerId,
      audience: 'appstoreconnect-v1',
    })
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(20 * 60)
    expect(auth.secrets).toEqual([jwt])
    const again = await authorize({
      name: 'asc',
      kind: 'appstore-connect',
      fields,
      source: 'keychain',
    })
    expect(again.headers.authorization).toBe(auth.headers.authorization)
    const server = await authorize({
      name: 'assa',
      kind: 'appstore-connect',
      fields: { ...fields, bundleId: 'com.example.app' },
      source: 'keychain',
    })
    const serverJwt = (server.headers.authorization ?? '').replace(/^Bearer /, '')
    expect((await jwtVerify(serverJwt, await importSPKI(publicPem, 'ES256'))).payload.bid).toBe(
      'com.example.app',
    )
  })

  it('Google service account: an RS256 assertion the token endpoint verifies, exchanged for a cached access token', async () => {
    const { privatePem, publicPem } = pair('rsa')
    const publicKey = await importSPKI(publicPem, 'RS256')
    let exchanges = 0
    const server = await startServer({
      extra: async (req, res, body) => {
        const form = new URLSearchParams(body)
        if (
          req.url !== '/token' ||
          form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer'
        )
          return json(res, 400, { error: 'unsupported_grant_type' })
        try {
          const { payload } = await jwtVerify(form.get('assertion') ?? '', publicKey, {
            issuer: 'ci@proj.iam.gserviceaccount.com',
            audience: `${server.url}/token`,
          })
          if (payload.scope !== 'https://www.googleapis.com/auth/androidpublisher')
            return json(res, 400, { error: 'invalid_scope' })
        } catch {
          return json(res, 400, {
            error: 'invalid_grant',
            error_description: 'Invalid JWT Signature.',
          })
        }
        exchanges++
        json(res, 200, {
          access_token: 'ya29.access-token',
          expires_in: 3599,
          token_type: 'Bearer',
        })
      },
    })
    const fields = {
      type: 'service_account',
      client_email: 'ci@proj.iam.gserviceaccount.com',
      private_key: privatePem,
      token_uri: `${server.url}/token`,
    }
    const auth = await authorize({
      name: 'play',
      kind: 'google-service-account',
      fields,
      source: 'keychain',
    })
    expect(auth.headers.authorization).toBe('Bearer ya29.access-token')
    expect(auth.secrets).toContain('ya29.access-token')
    await authorize({ name: 'play', kind: 'google-service-account', fields, source: 'keychain' })
    expect(exchanges).toBe(1)
    clearAuthCache()
    const wrongKey = pair('rsa').privatePem
    await expect(
      authorize({
        name: 'play',
        kind: 'google-service-account',
        fields: { ...fields, private_key: wrongKey },
        source: 'keychain',
      }),
    ).rejects.toThrow(
      'Google token exchange refused the service account (HTTP 400): Invalid JWT Signature.',
    )
  })
})
