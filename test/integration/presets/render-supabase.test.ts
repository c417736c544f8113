import { describe, expect, it } from 'vitest'
import { apiServer, failed, runPreset } from '../../helpers/api-fixture'

const TOKEN = 'rnd_CANARY_0f1e2d3c4b5a'

/*
 * Render: shapes from Render's OpenAPI as generated into render-oss/cli pkg/client/types_gen.go
 * (oapi-codegen, commit 85c8c2c): deployList = [deployWithCursor {cursor?, deploy? {id, status?}}],
 * service.serviceDetails (webServiceDetails) → envSpecificDetails (nativeEnvironmentDetails |
 * dockerDetails) → preDeployCommand?. Cron jobs have no envSpecificDetails.
 */
describe('Render presets', () => {
  it('render.deploy-live reads the newest deploy; a deploy without status fails, not raises', async () => {
    const deploy = (status?: string) => [
      {
        cursor: 'Q1VSU09SOjE3MzI4',
        deploy: {
          id: 'dep-d0xyz789',
          ...(status !== undefined && { status }),
          trigger: 'new_commit',
          commit: { id: '3f4e5d6', message: 'Fix checkout', createdAt: '2026-11-28T09:00:00Z' },
          createdAt: '2026-11-28T09:01:00Z',
          finishedAt: '2026-11-28T09:04:00Z',
        },
      },
    ]
    const route = 'GET /v1/services/srv-d0abc123xyz/deploys?limit=1'
    const run = async (body: unknown) =>
      runPreset(
        'render.deploy-live',
        (await apiServer({ token: TOKEN, routes: { [route]: { body } } })).url,
        { service: 'srv-d0abc123xyz' },
        TOKEN,
      )
    expect((await run(deploy('live'))).reason).toBeUndefined()
    expect((await run(deploy('pre_deploy_failed'))).reason).toBe(
      'body[0].deploy.status == "live" → "pre_deploy_failed" == "live"',
    )
    expect((await run(deploy())).status).toBe('fail')
  })

  describe('render.pre-deploy-command', () => {
    const service = (envSpecificDetails?: Record<string, unknown>) => ({
      id: 'srv-d0abc123xyz',
      name: 'api',
      type: envSpecificDetails ? 'web_service' : 'cron_job',
      slug: 'api-7x2k',
      ownerId: 'tea-c9abc',
      createdAt: '2026-01-10T10:00:00Z',
      updatedAt: '2026-11-20T10:00:00Z',
      dashboardUrl: 'https://dashboard.render.com/web/srv-d0abc123xyz',
      rootDir: '',
      autoDeploy: 'yes',
      notifyOnFail: 'default',
      suspended: 'not_suspended',
      suspenders: [],
      serviceDetails: {
        runtime: 'node',
        plan: 'starter',
        region: 'oregon',
        ...(envSpecificDetails
          ? { url: 'https://api-7x2k.onrender.com', numInstances: 1, envSpecificDetails }
          : { schedule: '0 * * * *' }),
      },
    })
    const run = async (body: unknown, params: Record<string, unknown> = {}) =>
      runPreset(
        'render.pre-deploy-command',
        (
          await apiServer({
            token: TOKEN,
            routes: { 'GET /v1/services/srv-d0abc123xyz': { body } },
          })
        ).url,
        { service: 'srv-d0abc123xyz', ...params },
        TOKEN,
      )
    const native = { buildCommand: 'npm ci && npm run build', startCommand: 'npm start' }

    it('passes on a native or Docker service with the command, containing the text', async () => {
      expect(
        (
          await run(service({ ...native, preDeployCommand: 'npm run db:migrate' }), {
            contains: 'migrate',
          })
        ).reason,
      ).toBeUndefined()
      const docker = {
        dockerCommand: '',
        dockerContext: '.',
        dockerfilePath: './Dockerfile',
        preDeployCommand: './bin/migrate',
      }
      expect((await run(service(docker))).reason).toBeUndefined()
    })

    it('fails without a command, with another command, and on a cron job (no envSpecificDetails)', async () => {
      expect(failed(await run(service(native)))).toHaveLength(1)
      expect(
        failed(
          await run(service({ ...native, preDeployCommand: 'npm run seed' }), {
            contains: 'migrate',
          }),
        ),
      ).toHaveLength(1)
      const cron = await run(service())
      expect(failed(cron)).toHaveLength(1)
      expect(cron.reason).toMatch(/^has\(body\.serviceDetails\.envSpecificDetails\)/)
    })
  })
})

/*
 * Supabase: shapes from the Management API OpenAPI ("Supabase API (v1)" 1.0.0) as in supabase/cli
 * packages/api/src/generated/openapi.json (commit 1d1e719): V1ServiceHealthResponse {name,
 * healthy (deprecated), status: COMING_UP | ACTIVE_HEALTHY | UNHEALTHY, info?, error?},
 * V1BackupsResponse {region, walg_enabled, pitr_enabled, backups, physical_backup_data},
 * SslEnforcementResponse {currentConfig: {database}, appliedSuccessfully}.
 */
describe('Supabase presets', () => {
  const REF = 'abcdefghijklmnopqrst'
  const health = (storage: string) => [
    { name: 'db', healthy: true, status: 'ACTIVE_HEALTHY' },
    {
      name: 'auth',
      healthy: true,
      status: 'ACTIVE_HEALTHY',
      info: { name: 'GoTrue', version: 'v2.170.0', description: 'GoTrue' },
    },
    { name: 'rest', healthy: true, status: 'ACTIVE_HEALTHY' },
    // `healthy` says true while `status` says the service is still coming up: status decides.
    { name: 'storage', healthy: true, status: storage },
  ]
  const server = (storage: string, pitr: boolean, ssl: boolean) =>
    apiServer({
      token: TOKEN,
      routes: {
        [`GET /v1/projects/${REF}/health?services=db&services=auth&services=rest&services=storage`]:
          { body: health(storage) },
        [`GET /v1/projects/${REF}/database/backups`]: {
          body: {
            region: 'eu-central-1',
            walg_enabled: true,
            pitr_enabled: pitr,
            backups: [
              {
                id: 101,
                is_physical_backup: true,
                status: 'COMPLETED',
                inserted_at: '2026-11-28T02:00:00Z',
              },
            ],
            physical_backup_data: { earliest_physical_backup_date_unix: 1763600000 },
          },
        },
        [`GET /v1/projects/${REF}/ssl-enforcement`]: {
          body: { currentConfig: { database: ssl }, appliedSuccessfully: true },
        },
      },
    })

  it('all three pass on a healthy project with PITR and SSL enforcement', async () => {
    const s = await server('ACTIVE_HEALTHY', true, true)
    for (const preset of [
      'supabase.services-healthy',
      'supabase.pitr-enabled',
      'supabase.ssl-enforced',
    ])
      expect((await runPreset(preset, s.url, { project: REF }, TOKEN)).reason).toBeUndefined()
  })

  it('services-healthy reads status, not the deprecated healthy flag', async () => {
    const s = await server('COMING_UP', false, false)
    expect(
      failed(await runPreset('supabase.services-healthy', s.url, { project: REF }, TOKEN)),
    ).toEqual(['body.all(s, s.status == "ACTIVE_HEALTHY")'])
    expect(
      failed(await runPreset('supabase.pitr-enabled', s.url, { project: REF }, TOKEN)),
    ).toEqual(['body.pitr_enabled == true'])
    expect(
      failed(await runPreset('supabase.ssl-enforced', s.url, { project: REF }, TOKEN)),
    ).toEqual(['body.currentConfig.database == true'])
  })
})
