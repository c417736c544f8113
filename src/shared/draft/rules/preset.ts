import { defaultCatalog } from '../../presets/catalog'
import { PRESET_RULES } from '../preset-rules'
import { probeDraft, words, type Rule } from '../rule'
import { varName } from '../text'
import type { Draft } from '../types'

/**
 * Presets by their rules (src/shared/draft/preset-rules.ts), parameters from the catalog: a value
 * the words give is filled in, a required one they do not give becomes a plan var
 * (`${vars.stripe_url}`), an optional one is left out.
 */
export const presetRule: Rule = (r) => {
  const drafts: Draft[] = []
  // The built-in presets main installed (src/main/presets/preset-files.ts): rules are keyed by their ids.
  for (const preset of defaultCatalog().presets) {
    const rule = PRESET_RULES[preset.id]
    if (!rule) continue
    if (!rule.all.every((re) => re.test(r.text))) continue
    if (rule.unless?.test(r.text)) continue
    const ownProvider = rule.provider.test(r.text)
    if (!ownProvider && !(rule.contextual && rule.provider.test(r.input.plan.text))) continue
    const needs = r.needs()
    const read = rule.params?.(r.text) ?? {}
    const params: Record<string, string | number | boolean | string[]> = {}
    const prefix = rule.credential.split('_')[0] ?? rule.credential
    for (const [name, spec] of Object.entries(preset.params)) {
      const value = read[name]
      const given =
        value !== undefined &&
        !(typeof value === 'number' && Number.isNaN(value)) &&
        !(Array.isArray(value) && value.length === 0)
      if (given) {
        params[name] = spec.type === 'list' && !Array.isArray(value) ? [String(value)] : value
        continue
      }
      if (!spec.required) continue
      // A list var is split on commas when the probe runs (several names in one value).
      const placeholder = needs.var(
        varName(`${prefix}_${name}`),
        spec.type === 'list' ? `${spec.description} (comma-separated)` : spec.description,
      )
      // Numbers cannot come from a var; every required preset param is a string or a list today.
      params[name] = spec.type === 'list' ? [placeholder] : placeholder
    }
    const kind = preset.credentialKinds[0] ?? 'token'
    const credential = needs.credential(
      rule.credential,
      kind,
      `${preset.permission} (${preset.provider})`,
    )
    const filled = Object.keys(params).filter((k) => !String(params[k]).includes('${vars.')).length
    drafts.push(
      probeDraft(
        `preset:${preset.id}`,
        {
          kind: 'preset',
          preset: preset.id,
          credential,
          ...(Object.keys(params).length > 0 && { params }),
        },
        needs,
        words(r.text, rule.provider, ...rule.all),
        Math.min(0.95, (ownProvider ? 0.8 : 0.6) + 0.05 * filled),
      ),
    )
  }
  return drafts
}
