import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { gonogo } from '../helpers/cli'
import { useTempDirs } from '../helpers/temp-dir'

const tempDir = useTempDirs('gonogo-cli-into-')
const FIXTURES = resolve('test/fixtures/merge')

describe('gonogo import --into', () => {
  it('merges the changed checklist into the plan in place and says what changed', () => {
    const plan = join(tempDir(), 'launch-plan.yaml')
    copyFileSync(join(FIXTURES, 'launch-plan.yaml'), plan)
    const r = gonogo(['import', join(FIXTURES, 'launch-v2.md'), '--into', plan])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines.slice(0, 3)).toEqual([
      'matched 5 item(s): 3 by id, 2 by title',
      '  ~ database-backups-restored-in-staging: renamed "Database backups restored in staging" → "Database backups restored in staging and timed" (title similarity 0.8)',
      '  ~ tls-certificate-valid-for-30-more-days: initial updated from the checklist',
    ])
    expect(lines).toContain(
      'phase infrastructure: renamed "Infrastructure" → "Production infrastructure"',
    )
    expect(lines).toContain('phase communication: new, "Communication"')
    expect(lines).toContain(
      '  + refund-flow-tested-end-to-end: "Refund flow tested end to end" in billing',
    )
    expect(lines).toContain(
      'kept 1 item(s) no longer in the checklist (pass --prune to remove them):',
    )
    expect(lines).toContain(
      '  - legacy-cron-jobs-disabled: "Legacy cron jobs disabled" in infrastructure',
    )
    expect(lines.at(-1)).toMatch(/^wrote .*launch-plan\.yaml: plan hash [0-9a-f]{64}$/)
    const text = readFileSync(plan, 'utf8')
    expect(text).toContain('# The one probe everybody watches.')
    expect(text).toContain('title: Stripe webhooks configured for production')

    // --json: the same summary for scripts; a second run finds nothing to change.
    const again = gonogo(['import', join(FIXTURES, 'launch-v2.md'), '--into', plan, '--json'])
    expect(again.code).toBe(0)
    const summary = JSON.parse(again.stdout)
    expect(summary).toMatchObject({ plan, changed: false, pruned: false, added: [] })
    expect(summary.gone).toEqual([
      {
        id: 'legacy-cron-jobs-disabled',
        title: 'Legacy cron jobs disabled',
        phase: 'infrastructure',
      },
    ])
    expect(readFileSync(plan, 'utf8')).toBe(text)
  }, 60_000)

  it('--suggest: new items get drafted probes, their vars and credentials are declared, the plan validates', () => {
    const dir = tempDir()
    const plan = join(dir, 'launch-plan.yaml')
    copyFileSync(join(FIXTURES, 'launch-plan.yaml'), plan)
    // The v2 checklist and three new items: two a machine can check, one a person does.
    const checklist = join(dir, 'launch-v3.md')
    writeFileSync(
      checklist,
      readFileSync(join(FIXTURES, 'launch-v2.md'), 'utf8')
        .replace(
          '- [ ] CDN cache purged after deploy\n',
          '- [ ] CDN cache purged after deploy\n- [ ] GET /api/version returns 200\n',
        )
        .concat('- [ ] Resend domain mail.example.com verified\n- [ ] Press release drafted\n'),
    )
    const r = gonogo(['import', checklist, '--into', plan, '--suggest', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const summary = JSON.parse(r.stdout)
    expect(summary.drafted.map((d: { item: string; rule: string }) => [d.item, d.rule])).toEqual([
      ['get-api-version-returns-200', 'http'],
      ['resend-domain-mail-example-com-verified', 'preset:resend.domain-verified'],
    ])
    // The plan's own api_url is reused; Resend's credential is new, and declared.
    expect(summary.declared).toEqual({ vars: [], credentials: ['resend'] })
    const text = readFileSync(plan, 'utf8')
    expect(text).toContain(
      [
        '      - id: get-api-version-returns-200',
        '        title: GET /api/version returns 200',
        '        probe:',
        '          kind: http',
        '          url: ${vars.api_url}/api/version',
      ].join('\n'),
    )
    expect(text).toMatch(
      /- id: press-release-drafted\n\s+title: Press release drafted\n(?!\s+probe)/,
    )
    expect(text).toContain('  resend:\n    kind: token\n')
    // Comments and the hand-written flow styles are kept.
    expect(text).toContain('# The one probe everybody watches.')
    expect(text).toContain('owner: DBA   # not in the checklist; the plan says who')
    expect(text).toContain(
      '  stripe: { kind: token, help: Restricted key with read access to Webhook Endpoints }',
    )
    const valid = gonogo(['validate', plan, '--json'], { env: { GONOGO_SECRET_RESEND: '' } })
    expect(valid.code, valid.stdout + valid.stderr).toBe(0)
    expect(JSON.parse(valid.stdout).left.credentials).toContainEqual(
      expect.objectContaining({ name: 'resend' }),
    )

    // Without --suggest the same new items arrive bare.
    const bare = join(dir, 'bare.yaml')
    copyFileSync(join(FIXTURES, 'launch-plan.yaml'), bare)
    expect(gonogo(['import', checklist, '--into', bare]).code).toBe(0)
    const plain = readFileSync(bare, 'utf8')
    expect(plain).toContain('title: Resend domain mail.example.com verified')
    expect(plain).not.toContain('url: ${vars.api_url}/api/version')
    expect(plain).not.toMatch(/^ {2}resend:/m)
  }, 60_000)

  it('refuses --suggest without --into, and --min-confidence without --suggest', () => {
    const alone = gonogo(['import', join(FIXTURES, 'launch-v2.md'), '--suggest'])
    expect(alone.code).toBe(2)
    expect(alone.stderr).toContain('--suggest applies only with --into PLAN')
    const min = gonogo([
      'import',
      join(FIXTURES, 'launch-v2.md'),
      '--into',
      'x.yaml',
      '--min-confidence',
      '0.5',
    ])
    expect(min.code).toBe(2)
    expect(min.stderr).toContain('--min-confidence goes with --suggest')
  })

  it('refuses --prune without --into, and a plan that is not there, in one line', () => {
    const prune = gonogo(['import', join(FIXTURES, 'launch-v2.md'), '--prune'])
    expect(prune.code).toBe(2)
    expect(prune.stderr).toContain('--prune applies only with --into PLAN')
    const missing = gonogo([
      'import',
      join(FIXTURES, 'launch-v2.md'),
      '--into',
      '/nonexistent/plan.yaml',
    ])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim()).toBe('/nonexistent/plan.yaml: no such file')
  }, 60_000)
})
