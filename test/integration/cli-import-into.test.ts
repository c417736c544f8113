import { copyFileSync, readFileSync } from 'node:fs'
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
