import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gonogo, gonogoAsync } from '../helpers/cli'
import { startKeyringDaemon } from '../helpers/keyring'
import { startServer, type TestServer } from '../helpers/servers'
import { useTempDirs } from '../helpers/temp-dir'

/**
 * One plan, two environments, each a real server on 127.0.0.1: a run goes where its environment
 * says, and the session, status, record, PDF and verify all name the environment.
 */

const tempDir = useTempDirs('gonogo-cli-env-')

const planText = (staging: string, production: string) => `name: Environments launch
vars:
  api_url: { description: Base URL of the API }
  tenant: { default: acme }
environments:
  staging:
    description: the rehearsal
    vars: { api_url: '${staging}', tenant: acme-test }
  production:
    vars: { api_url: '${production}' }
phases:
  - id: infra
    title: Infrastructure
    items:
      - id: health
        title: API healthy
        probe: { kind: http, url: '\${vars.api_url}/json', expect: [status == 200] }
      - id: runbook
        title: Runbook reviewed
`

describe('environments on the command line', () => {
  let staging: TestServer
  let production: TestServer
  let keyring: { address: string; stop: () => void }
  let plan: string
  let dir: string
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    keyring = await startKeyringDaemon()
  })
  afterAll(() => keyring?.stop())

  const setUp = async () => {
    staging = await startServer()
    production = await startServer()
    dir = tempDir()
    plan = join(dir, 'plan.yaml')
    writeFileSync(plan, planText(staging.url, production.url))
    env = {
      GONOGO_ACTOR: 'Ada',
      DBUS_SESSION_BUS_ADDRESS: keyring.address,
      GONOGO_PKI_DIR: join(dir, 'pki'),
    }
  }

  it('check needs --env with two environments, refuses an unknown one, and probes the chosen one', async () => {
    await setUp()
    const none = gonogo(['check', plan], { env })
    expect(none.code).toBe(2)
    expect(none.stderr.trim()).toBe(
      `${plan}: --env: the plan declares 2 environments (staging, production): choose one with --env NAME`,
    )
    const unknown = gonogo(['check', plan, '--env', 'prod'], { env })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.trim()).toBe(
      `${plan}: --env: unknown environment "prod": the plan declares staging, production`,
    )
    expect(staging.stats.requests + production.stats.requests).toBe(0)

    const run = await gonogoAsync(['check', plan, '--env', 'staging', '--json'], { env })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ environment: 'staging', ok: true })
    expect([staging.stats.requests, production.stats.requests]).toEqual([1, 0])
    // --var still wins over the environment's value.
    const over = await gonogoAsync(
      ['check', plan, '--env', 'staging', '--var', `api_url=${production.url}`],
      { env },
    )
    expect(over.code).toBe(0)
    expect(over.stderr).toContain('environment: staging')
    expect([staging.stats.requests, production.stats.requests]).toEqual([1, 1])
  }, 120_000)

  it('a session runs in its environment: first event, check --session, status, digest', async () => {
    await setUp()
    const rehearsal = join(dir, 'rehearsal')
    const launch = join(dir, 'launch')
    const started = gonogo(['session', 'new', plan, rehearsal, '--env', 'staging'], { env })
    expect(started.stdout).toContain('in environment staging')
    expect(gonogo(['session', 'new', plan, launch, '--env', 'production'], { env }).code).toBe(0)
    const first = JSON.parse(readFileSync(join(rehearsal, 'events.jsonl'), 'utf8').split('\n')[0]!)
    expect(first.data).toMatchObject({
      environment: 'staging',
      vars: { api_url: staging.url, tenant: 'acme-test' },
    })

    // The session decides the environment; naming another one is refused before anything runs.
    const wrong = gonogo(['check', plan, '--session', rehearsal, '--env', 'production'], { env })
    expect(wrong.code).toBe(2)
    expect(wrong.stderr.trim()).toBe(
      `gonogo check: ${rehearsal} runs in environment staging, not production`,
    )
    const checked = await gonogoAsync(['check', plan, '--session', rehearsal], { env })
    expect(checked.code).toBe(0)
    expect([staging.stats.requests, production.stats.requests]).toEqual([1, 0])

    const status = gonogo(['status', rehearsal], { env })
    expect(status.stdout.split('\n')[1]).toBe('Environment: staging')
    const json = JSON.parse(gonogo(['status', rehearsal, '--json'], { env }).stdout)
    expect(json.environment).toBe('staging')
    expect(gonogo(['digest', rehearsal]).stdout).not.toBe(gonogo(['digest', launch]).stdout)
  }, 120_000)

  it('the record, its PDF and verify name the environment', async () => {
    await setUp()
    const session = join(dir, 'session')
    expect(gonogo(['session', 'new', plan, session, '--env', 'staging'], { env }).code).toBe(0)
    expect(gonogo(['mark', session, 'runbook', 'pass'], { env }).code).toBe(0)
    const out = join(dir, 'record.pdf')
    const exported = gonogo(['record', session, '-o', out], { env })
    expect(exported.stderr).toBe('')
    expect(exported.code).toBe(0)
    const record = JSON.parse(readFileSync(join(dir, 'record.json'), 'utf8'))
    expect(record.environment).toBe('staging')
    const text = spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout
    expect(text).toContain('Environment: staging')
    expect(text).toContain('Environments launch · staging · digest')
    const verified = gonogo(['verify', out, '--session', session], { env })
    expect(verified.stdout).toContain('· environment: staging (the digest covers it)')
    // No trust anchor is given here: the integrity holds, the signers are not vouched for (exit 4).
    expect(verified.stdout).toContain('integrity verified')
    expect(verified.code).toBe(4)
    expect(verified.code).toBe(4)
  }, 120_000)
})
