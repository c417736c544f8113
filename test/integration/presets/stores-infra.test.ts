import { generateKeyPairSync } from 'node:crypto'
import { importSPKI, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { clearAuthCache } from '../../../src/main/probes/auth'
import { probe, probeWithCredential } from '../../helpers/probes'
import { json, startServer } from '../../helpers/servers'

const TOKEN = 'sbp_CANARY_0f1e2d3c4b5a'

describe('Render and Supabase presets', () => {
  it('render.deploy-live', async () => {
    const server = await startServer({
      extra: (req, res) =>
        req.headers.authorization !== `Bearer ${TOKEN}`
          ? json(res, 401, { message: 'unauthorized' })
          : json(res, 200, [
              {
                deploy: {
                  id: 'dep-cph1rs3idesc73a2b2mg',
                  status: 'build_failed',
                  trigger: 'new_commit',
                  finishedAt: '2026-11-22T07:00:00Z',
                },
                cursor: 'abc',
              },
            ]),
    })
    const r = await probe(
      {
        kind: 'preset',
        preset: 'render.deploy-live',
        credential: 'render',
        baseUrl: server.url,
        params: { service: 'srv-abc123' },
      },
      { secrets: { render: TOKEN } },
    )
    expect(r.reason).toBe('body[0].deploy.status == "live" → "build_failed" == "live"')
    expect(server.stats.last?.url).toBe('/v1/services/srv-abc123/deploys?limit=1')
  })

  it('render.pre-deploy-command: configured, containing the text, or missing', async () => {
    const service = (preDeployCommand?: string) => ({
      id: 'srv-abc123',
      name: 'api',
      type: 'web_service',
      suspended: 'not_suspended',
      serviceDetails: {
        env: 'node',
        plan: 'standard',
        region: 'frankfurt',
        numInstances: 2,
        healthCheckPath: '/health',
        ...(preDeployCommand !== undefined && { preDeployCommand }),
        envSpecificDetails: { buildCommand: 'npm ci && npm run build', startCommand: 'npm start' },
      },
    })
    let current = service('npm run db:migrate')
    const server = await startServer({
      extra: (req, res) =>
        req.headers.authorization !== `Bearer ${TOKEN}`
          ? json(res, 401, { message: 'unauthorized' })
          : req.url === '/v1/services/srv-abc123'
            ? json(res, 200, current)
            : json(res, 404, { message: 'service not found' }),
    })
    const run = (params: Record<string, string>, token = TOKEN) =>
      probe(
        {
          kind: 'preset',
          preset: 'render.pre-deploy-command',
          credential: 'render',
          baseUrl: server.url,
          params: { service: 'srv-abc123', ...params },
        },
        { secrets: { render: token } },
      )
    expect((await run({ contains: 'migrate' })).status).toBe('pass')
    expect((await run({ contains: 'prisma' })).reason).toBe(
      'body.serviceDetails.preDeployCommand.contains("prisma") is false, where body.serviceDetails.preDeployCommand = "npm run db:migrate"',
    )
    current = service()
    expect((await run({})).reason).toMatch(/^has\(body\.serviceDetails\.preDeployCommand\)/)
    expect((await run({}, 'rnd_wrong')).reason).toBe(
      'token rejected (HTTP 401: unauthorized): needs an API key of a workspace member who can see the service (Render)',
    )
  })

  it('supabase.services-healthy and supabase.pitr-enabled', async () => {
    const server = await startServer({
      extra: (req, res) => {
        if (req.headers.authorization !== `Bearer ${TOKEN}`)
          return json(res, 401, { message: 'Unauthorized' })
        if (req.url?.startsWith('/v1/projects/abcdefghijklmnop/health'))
          return json(res, 200, [
            { name: 'db', healthy: true, status: 'ACTIVE_HEALTHY' },
            { name: 'auth', healthy: false, status: 'UNHEALTHY', error: 'timeout' },
          ])
        if (req.url === '/v1/projects/abcdefghijklmnop/database/backups')
          return json(res, 200, {
            region: 'eu-west-1',
            walg_enabled: true,
            pitr_enabled: false,
            backups: [],
          })
        json(res, 404, { message: 'not found' })
      },
    })
    const params = { project: 'abcdefghijklmnop' }
    const health = await probe(
      {
        kind: 'preset',
        preset: 'supabase.services-healthy',
        credential: 's',
        baseUrl: server.url,
        params,
      },
      { secrets: { s: TOKEN } },
    )
    expect(health.status).toBe('fail')
    expect(health.reason).toMatch(/^body\.all\(s, s\.healthy == true\) is false/)
    const pitr = await probe(
      {
        kind: 'preset',
        preset: 'supabase.pitr-enabled',
        credential: 's',
        baseUrl: server.url,
        params,
      },
      { secrets: { s: TOKEN } },
    )
    expect(pitr.reason).toBe('body.pitr_enabled == true → false == true')
    const rejected = await probe(
      {
        kind: 'preset',
        preset: 'supabase.pitr-enabled',
        credential: 's',
        baseUrl: server.url,
        params,
      },
      { secrets: { s: 'sbp_wrong' } },
    )
    expect(rejected.reason).toBe(
      'token rejected (HTTP 401: Unauthorized): needs a personal access token of a member of the project’s organization (Supabase)',
    )
  })
})

describe('App Store Connect presets (the fixture checks the ES256 JWT)', () => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const ISSUER = '69a6de70-03db-47e3-e053-5b8c7c11a4d1'
  const KEY_ID = '2X9R4HXF34'

  async function appStoreFixture(processingState: string) {
    const publicKey = await importSPKI(publicPem, 'ES256')
    return startServer({
      extra: async (req, res) => {
        const jwt = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''
        try {
          const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, {
            issuer: ISSUER,
            audience: 'appstoreconnect-v1',
            algorithms: ['ES256'],
          })
          if (protectedHeader.kid !== KEY_ID || (payload.exp ?? 0) - (payload.iat ?? 0) > 1200)
            throw new Error('claims')
        } catch {
          return json(res, 401, {
            errors: [
              {
                status: '401',
                code: 'NOT_AUTHORIZED',
                title: 'Authentication credentials are missing or invalid.',
                detail: 'Provide a properly configured and signed bearer token.',
              },
            ],
          })
        }
        if (req.url === '/v1/builds?filter%5Bapp%5D=1234567890&sort=-uploadedDate&limit=1')
          return json(res, 200, {
            data: [
              {
                type: 'builds',
                id: 'b1',
                attributes: {
                  version: '42',
                  processingState,
                  uploadedDate: '2026-11-21T10:00:00Z',
                },
              },
            ],
            links: { self: '' },
          })
        if (req.url === '/v1/apps/1234567890/appStoreVersions?filter%5Bplatform%5D=IOS&limit=1')
          return json(res, 200, {
            data: [
              {
                type: 'appStoreVersions',
                id: 'v1',
                attributes: {
                  platform: 'IOS',
                  versionString: '2.3.0',
                  appStoreState: 'PENDING_DEVELOPER_RELEASE',
                },
              },
            ],
          })
        json(res, 404, {
          errors: [
            { status: '404', code: 'NOT_FOUND', title: 'The specified resource does not exist' },
          ],
        })
      },
    })
  }

  const run = (preset: string, base: string, params: Record<string, string>, key = privateKey) => {
    clearAuthCache()
    return probeWithCredential(
      { kind: 'preset', preset, credential: 'asc', baseUrl: base, params },
      {
        kind: 'appstore-connect',
        fields: { issuerId: ISSUER, keyId: KEY_ID, privateKey: key },
      },
    )
  }

  it('appstore.build-processed passes on VALID and fails on PROCESSING', async () => {
    expect(
      (
        await run('appstore.build-processed', (await appStoreFixture('VALID')).url, {
          app: '1234567890',
        })
      ).status,
    ).toBe('pass')
    expect(
      (
        await run('appstore.build-processed', (await appStoreFixture('PROCESSING')).url, {
          app: '1234567890',
        })
      ).reason,
    ).toBe('body.data[0].attributes.processingState == "VALID" → "PROCESSING" == "VALID"')
  })

  it('appstore.version-state compares the state, and a wrongly signed token is rejected with the role needed', async () => {
    const server = await appStoreFixture('VALID')
    expect(
      (
        await run('appstore.version-state', server.url, {
          app: '1234567890',
          state: 'READY_FOR_SALE',
        })
      ).reason,
    ).toBe(
      'body.data[0].attributes.appStoreState == "READY_FOR_SALE" → "PENDING_DEVELOPER_RELEASE" == "READY_FOR_SALE"',
    )
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    const rejected = await run(
      'appstore.version-state',
      server.url,
      { app: '1234567890', state: 'READY_FOR_SALE' },
      otherKey,
    )
    expect(rejected.reason).toBe(
      'token rejected (HTTP 401: Authentication credentials are missing or invalid.): needs an App Store Connect API key with the App Manager role (or higher) (App Store Connect)',
    )
  })
})
