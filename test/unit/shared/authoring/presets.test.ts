import { describe, expect, it } from 'vitest'
import { authoringCatalog, presetInfo } from '../../../../src/shared/authoring/presets'
import { defaultCatalog, findPreset } from '../../../../src/shared/presets/catalog'
import { PresetInfoSchema } from '../../../../src/shared/ipc-authoring'

describe('presets for the picker', () => {
  const builtin = defaultCatalog()
  it('describes a preset with its params, least permission and credential kinds', () => {
    const info = presetInfo(findPreset('github.branch-protection', builtin)!)
    expect(() => PresetInfoSchema.parse(info)).not.toThrow()
    expect(info).toMatchObject({
      id: 'github.branch-protection',
      provider: expect.any(String),
      builtin: true,
    })
    expect(info.permission).toMatch(/Administration/)
    expect(info.params.find((p) => p.name === 'repo')).toMatchObject({
      required: true,
      type: 'string',
      pattern: expect.any(String),
    })
    expect(info.params.find((p) => p.name === 'branch')).toMatchObject({
      required: false,
      default: 'main',
    })
  })

  it('offers every built-in preset, the plan’s own winning over one of the same id', () => {
    const base = findPreset('github.branch-protection', builtin)!
    const own = {
      presets: [{ ...base, title: 'Our own', origin: { file: 'p.yaml', builtin: false } }],
      overridden: [base.id],
    }
    const catalog = authoringCatalog(builtin, own)
    expect(catalog.presets).toHaveLength(builtin.presets.length)
    expect(findPreset(base.id, catalog)?.title).toBe('Our own')
    expect(catalog.overridden).toContain(base.id)
    expect(authoringCatalog(builtin, undefined)).toBe(builtin)
  })
})
