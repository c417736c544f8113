import { ProbeSchema, type Probe, type PresetProbeSchema } from '../plan/probes'
import type { z } from 'zod'
import { checkPresetParams, findPreset, type PresetParams } from './catalog'

export type PresetProbe = z.infer<typeof PresetProbeSchema>

/**
 * The generic probe a preset stands for: its request and conditions, authenticated with the
 * plan's credential, with the user's extra conditions appended.
 */
export function expandPreset(
  probe: PresetProbe,
): { ok: true; probe: Probe } | { ok: false; message: string } {
  const preset = findPreset(probe.preset)
  if (!preset) return { ok: false, message: `unknown preset "${probe.preset}"` }
  const problems = checkPresetParams(preset, probe.params as PresetParams)
  if (problems.length > 0) return { ok: false, message: `${preset.id}: ${problems.join('; ')}` }
  const base = (probe.baseUrl ?? preset.baseUrl).replace(/\/+$/, '')
  const spec = preset.expand(probe.params as PresetParams, base)
  const expect = [...((spec.expect as string[] | undefined) ?? []), ...probe.expect]
  const hint = `${preset.permission} (${preset.provider})`
  // The preset may add to auth (a bundle id); the credential is always the plan's.
  const authenticated = (request: Record<string, unknown>) => ({
    auth: { ...(request.auth as object | undefined), credential: probe.credential },
    authHint: hint,
  })
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
    ...(probe.timeout !== undefined && { timeout: probe.timeout }),
  })
  if (!parsed.success)
    return { ok: false, message: `${preset.id}: the preset does not expand to a valid probe` }
  return { ok: true, probe: parsed.data }
}
