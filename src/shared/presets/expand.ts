import type { z } from 'zod'
import { ProbeSchema, type Probe, type PresetProbeSchema } from '../plan/probes'
import { defaultCatalog, findPreset, resolvePresetParams, type PresetCatalog } from './catalog'
import { fillPreset, MissingParam } from './template'

export type PresetProbe = z.infer<typeof PresetProbeSchema>

/**
 * The generic probe a preset stands for: its request and conditions, authenticated with the
 * plan's credential, with the user's extra conditions appended.
 */
export function expandPreset(
  probe: PresetProbe,
  catalog: PresetCatalog = defaultCatalog(),
): { ok: true; probe: Probe } | { ok: false; message: string } {
  const preset = findPreset(probe.preset, catalog)
  if (!preset)
    return {
      ok: false,
      message: `unknown preset "${probe.preset}" (\`gonogo presets list\` shows them)`,
    }
  const resolved = resolvePresetParams(preset, probe.params)
  if (!resolved.ok) return { ok: false, message: `${preset.id}: ${resolved.problems.join('; ')}` }
  // The plan's baseUrl wins; else a host chosen by a param (production, sandbox); else the preset's.
  const chosen = preset.baseUrlByParam
  const byParam = chosen && resolved.values[chosen.param]
  const base = (
    probe.baseUrl ??
    (typeof byParam === 'string' ? chosen?.urls[byParam] : undefined) ??
    preset.baseUrl
  ).replace(/\/+$/, '')
  let spec: Record<string, unknown>
  try {
    spec = fillPreset(preset, resolved.values, base)
  } catch (e) {
    const why = e instanceof MissingParam || e instanceof Error ? e.message : String(e)
    return { ok: false, message: `${preset.id}: ${why}` }
  }
  const expect = [...((spec.expect as string[] | undefined) ?? []), ...probe.expect]
  const hint = `${preset.permission} (${preset.provider})`
  // The preset may add to auth (a bundle id); the credential is always the plan's.
  const authenticated = (request: Record<string, unknown>) => ({
    auth: { ...(request.auth as object | undefined), credential: probe.credential },
    authHint: hint,
  })
  const timeout = probe.timeout ?? preset.timeout
  // A flow authenticates each of its steps; any other probe its one request.
  const parsed = ProbeSchema.safeParse({
    ...spec,
    expect,
    ...(spec.kind === 'flow'
      ? {
          steps: (spec.steps as Record<string, unknown>[]).map((step) => ({
            ...step,
            ...authenticated(step),
          })),
        }
      : authenticated(spec)),
    ...(timeout !== undefined && { timeout }),
  })
  if (!parsed.success)
    return {
      ok: false,
      message: `${preset.id}: the preset does not expand to a valid probe (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`,
    }
  return { ok: true, probe: parsed.data }
}
