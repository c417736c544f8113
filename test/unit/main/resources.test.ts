import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadPlanFile } from '../../../src/main/plans/plan-files'
import { GONOGO_VERSION } from '../../../src/shared/version'
import { planJsonSchema } from '../../../scripts/plan-schema'

describe('bundled resources', () => {
  it.each(readdirSync('resources/plans').filter((f) => f.endsWith('.yaml')))(
    'template %s validates',
    async (file) => {
      const r = await loadPlanFile(`resources/plans/${file}`)
      expect(r.ok ? [] : r.errors).toEqual([])
    },
  )

  it('ships the three launch templates the product promises', () => {
    const files = readdirSync('resources/plans')
    for (const t of ['saas-launch.yaml', 'mobile-launch.yaml', 'assisted-onboarding.yaml'])
      expect(files).toContain(t)
  })

  it('plan.schema.json is up to date with the zod schema (run `npm run schema`)', () => {
    expect(readFileSync('resources/plan.schema.json', 'utf8')).toBe(planJsonSchema())
  })

  it('the generator version matches package.json', () => {
    expect(GONOGO_VERSION).toBe(
      (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    )
  })
})
