import { generateKeyPairSync } from 'node:crypto'
import { importSPKI, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { clearAuthCache } from '../../../src/main/probes/auth'
import { failed } from '../../helpers/api-fixture'
import { probeWithCredential } from '../../helpers/probes'
import { json, startServer } from '../../helpers/servers'

/*
 * Shapes from Apple's OpenAPI description "App Store Connect API" 4.4.1 (app_store_connect_api.json
 * as vendored in AvdLee/appstoreconnect-swift-sdk, commit 651b569): JSON:API documents whose
 * `attributes` members are all optional. builds_getCollection (Build.processingState,
 * expired; include=buildBetaDetail → BuildBetaDetail internal/externalBuildState),
 * apps_appStoreVersions_getToManyRelated (AppStoreVersion.appVersionState, createdDate; no sort;
 * include=appStoreVersionPhasedRelease → phasedReleaseState), reviewSubmissions_getCollection
 * (ReviewSubmission.state). The fixture checks the ES256 JWT as Apple does.
 */
const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
const ISSUER = '69a6de70-03db-47e3-e053-5b8c7c11a4d1'
const KEY_ID = '2X9R4HXF34'
const APP = '1234567890'

async function appStoreConnect(routes: Record<string, unknown>) {
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
      const body = routes[req.url ?? '']
      if (body === undefined)
        return json(res, 404, {
          errors: [
            { status: '404', code: 'NOT_FOUND', title: 'The specified resource does not exist' },
          ],
        })
      json(res, 200, body)
    },
  })
}

const run = (preset: string, base: string, params: Record<string, unknown>, key = privateKey) => {
  clearAuthCache()
  return probeWithCredential(
    { kind: 'preset', preset, credential: 'asc', baseUrl: base, params },
    { kind: 'appstore-connect', fields: { issuerId: ISSUER, keyId: KEY_ID, privateKey: key } },
  )
}

const q = (s: string) => s.replaceAll('[', '%5B').replaceAll(']', '%5D')

describe('appstore.build-processed', () => {
  const builds = (attributes: Record<string, unknown>) => ({
    data: [{ type: 'builds', id: '1b2c3d4e-0000-4000-8000-000000000001', attributes }],
    links: { self: 'https://api.appstoreconnect.apple.com/v1/builds' },
    meta: { paging: { total: 57, limit: 1 } },
  })
  const url = q(`/v1/builds?filter[app]=${APP}&sort=-uploadedDate&limit=1`)

  it('passes on VALID, fails on PROCESSING and on a build without attributes', async () => {
    const attrs = { version: '142', uploadedDate: '2026-11-27T18:00:00-08:00', expired: false }
    const ok = await appStoreConnect({ [url]: builds({ ...attrs, processingState: 'VALID' }) })
    expect((await run('appstore.build-processed', ok.url, { app: APP })).reason).toBeUndefined()
    const processing = await appStoreConnect({
      [url]: builds({ ...attrs, processingState: 'PROCESSING' }),
    })
    expect((await run('appstore.build-processed', processing.url, { app: APP })).reason).toBe(
      'body.data[0].attributes.processingState == "VALID" → "PROCESSING" == "VALID"',
    )
    const bare = await appStoreConnect({ [url]: { data: [{ type: 'builds', id: 'b' }] } })
    expect(failed(await run('appstore.build-processed', bare.url, { app: APP }))).toHaveLength(1)
  })
})

describe('appstore.version-state', () => {
  const url = q(`/v1/apps/${APP}/appStoreVersions?filter[platform]=IOS&limit=200`)
  const version = (
    id: string,
    versionString: string,
    createdDate: string,
    appVersionState: string,
  ) => ({
    type: 'appStoreVersions',
    id,
    attributes: { platform: 'IOS', versionString, appVersionState, createdDate },
  })
  // Apple documents no order here: the newest (2.4.0) comes second.
  const versions = {
    data: [
      version('b2c3', '2.3.1', '2026-10-01T10:00:00-07:00', 'READY_FOR_DISTRIBUTION'),
      {
        ...version('a1b2', '2.4.0', '2026-11-20T10:00:00-08:00', 'PENDING_DEVELOPER_RELEASE'),
        // The deprecated attribute may still come along; it is not read.
        attributes: {
          platform: 'IOS',
          versionString: '2.4.0',
          appStoreState: 'READY_FOR_SALE',
          appVersionState: 'PENDING_DEVELOPER_RELEASE',
          createdDate: '2026-11-20T10:00:00-08:00',
        },
      },
    ],
    links: { self: '' },
    meta: { paging: { total: 2, limit: 200 } },
  }

  it('judges the newest version by createdDate, reading appVersionState', async () => {
    const server = await appStoreConnect({ [url]: versions })
    expect(
      (
        await run('appstore.version-state', server.url, {
          app: APP,
          state: 'PENDING_DEVELOPER_RELEASE',
        })
      ).reason,
    ).toBeUndefined()
    // The older version is READY_FOR_DISTRIBUTION: that is not the newest one's state.
    expect(
      (
        await run('appstore.version-state', server.url, {
          app: APP,
          state: 'READY_FOR_DISTRIBUTION',
        })
      ).status,
    ).toBe('fail')
  })

  it('a wrongly signed token is rejected with the role needed', async () => {
    const server = await appStoreConnect({ [url]: versions })
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    const r = await run(
      'appstore.version-state',
      server.url,
      { app: APP, state: 'IN_REVIEW' },
      otherKey,
    )
    expect(r.reason).toBe(
      'token rejected (HTTP 401: Authentication credentials are missing or invalid.): needs an App Store Connect API key with the App Manager role (or higher) (App Store Connect)',
    )
  })
})

describe('appstore.review-submission', () => {
  const url = q(`/v1/reviewSubmissions?filter[app]=${APP}&filter[platform]=IOS&limit=200`)
  const submission = (state: string) => ({
    data: [
      {
        type: 'reviewSubmissions',
        id: '7c6b5a49-0000-4000-8000-00000000abcd',
        attributes: { platform: 'IOS', submittedDate: '2026-11-26T09:00:00-08:00', state },
        relationships: {
          appStoreVersionForReview: { data: { type: 'appStoreVersions', id: 'a1b2c3d4' } },
        },
      },
    ],
    links: { self: '' },
    meta: { paging: { total: 1, limit: 200 } },
  })

  it('passes while waiting for or in review (the default), or in the states given', async () => {
    const waiting = await appStoreConnect({ [url]: submission('WAITING_FOR_REVIEW') })
    expect(
      (await run('appstore.review-submission', waiting.url, { app: APP })).reason,
    ).toBeUndefined()
    const done = await appStoreConnect({ [url]: submission('COMPLETE') })
    expect((await run('appstore.review-submission', done.url, { app: APP })).status).toBe('fail')
    expect(
      (await run('appstore.review-submission', done.url, { app: APP, states: ['COMPLETE'] }))
        .reason,
    ).toBeUndefined()
  })
})

describe('appstore.phased-release', () => {
  const url = q(
    `/v1/apps/${APP}/appStoreVersions?filter[platform]=IOS&filter[versionString]=2.4.0&include=appStoreVersionPhasedRelease`,
  )
  const withPhased = (phasedReleaseState?: string) => ({
    data: [
      {
        type: 'appStoreVersions',
        id: 'a1b2c3d4',
        attributes: {
          platform: 'IOS',
          versionString: '2.4.0',
          appVersionState: 'READY_FOR_DISTRIBUTION',
        },
        relationships: {
          appStoreVersionPhasedRelease: {
            data: phasedReleaseState
              ? { type: 'appStoreVersionPhasedReleases', id: 'f0e1d2c3' }
              : null,
          },
        },
      },
    ],
    ...(phasedReleaseState && {
      included: [
        {
          type: 'appStoreVersionPhasedReleases',
          id: 'f0e1d2c3',
          attributes: {
            phasedReleaseState,
            startDate: '2026-11-25T00:00:00Z',
            totalPauseDuration: 0,
            currentDayNumber: 4,
          },
        },
      ],
    }),
    links: { self: '' },
  })

  it('passes on an ACTIVE phased release, fails on PAUSED and on a version released without one', async () => {
    const params = { app: APP, version: '2.4.0' }
    expect(
      (
        await run(
          'appstore.phased-release',
          (await appStoreConnect({ [url]: withPhased('ACTIVE') })).url,
          params,
        )
      ).reason,
    ).toBeUndefined()
    expect(
      (
        await run(
          'appstore.phased-release',
          (await appStoreConnect({ [url]: withPhased('PAUSED') })).url,
          params,
        )
      ).status,
    ).toBe('fail')
    const none = await run(
      'appstore.phased-release',
      (await appStoreConnect({ [url]: withPhased() })).url,
      params,
    )
    expect(failed(none)).toHaveLength(1)
    expect(none.reason).toMatch(/^has\(body\.included\)/)
  })
})

describe('appstore.testflight-build', () => {
  const url = q(
    `/v1/builds?filter[app]=${APP}&filter[betaGroups]=grp-42&sort=-uploadedDate&limit=1&include=buildBetaDetail`,
  )
  const build = (internal: string, external: string, expired = false) => ({
    data: [
      {
        type: 'builds',
        id: '1b2c0001',
        attributes: {
          version: '142',
          processingState: 'VALID',
          expired,
          uploadedDate: '2026-11-27T18:00:00-08:00',
        },
        relationships: { buildBetaDetail: { data: { type: 'buildBetaDetails', id: '9d8c0001' } } },
      },
    ],
    included: [
      {
        type: 'buildBetaDetails',
        id: '9d8c0001',
        attributes: {
          autoNotifyEnabled: true,
          internalBuildState: internal,
          externalBuildState: external,
        },
      },
    ],
    links: { self: '' },
    meta: { paging: { total: 3, limit: 1 } },
  })
  const params = { app: APP, group: 'grp-42' }

  it('passes when the newest build in the group is in beta testing', async () => {
    const ok = await appStoreConnect({ [url]: build('IN_BETA_TESTING', 'WAITING_FOR_BETA_REVIEW') })
    expect((await run('appstore.testflight-build', ok.url, params)).reason).toBeUndefined()
  })

  it('fails on a build still in beta review, and on an expired one', async () => {
    const review = await appStoreConnect({
      [url]: build('READY_FOR_BETA_TESTING', 'IN_BETA_REVIEW'),
    })
    expect(failed(await run('appstore.testflight-build', review.url, params))).toHaveLength(1)
    const expired = await appStoreConnect({ [url]: build('EXPIRED', 'EXPIRED', true) })
    expect(failed(await run('appstore.testflight-build', expired.url, params))).toHaveLength(2)
  })
})
