import { ProbeSchema, type Probe } from '../../src/shared/plan/probes'
import type { PresetCatalog } from '../../src/shared/presets/catalog'
import type { ProbeResult } from '../../src/shared/probes/result'
import { runProbe } from '../../src/main/probes/runner'
import {
  tokenSecrets,
  type ProbeCredential,
  type SecretSource,
} from '../../src/main/probes/secrets'

/** A secret source over a fixed map (tests plant canary values in it). */
export function secretsFrom(values: Record<string, string>): SecretSource {
  return tokenSecrets(values)
}

/** Run one probe spec (as written in a plan) for an item `t`. */
export function probe(
  spec: Record<string, unknown>,
  options: {
    vars?: Record<string, string>
    secrets?: Record<string, string>
    blocking?: boolean
    /** Presets beyond the built-in ones (a user's preset files). */
    presets?: PresetCatalog
  } = {},
): Promise<ProbeResult> {
  const parsed: Probe = ProbeSchema.parse(spec)
  return runProbe(
    {
      phase: { id: 'p', title: 'P', items: [] },
      item: { id: 't', title: 'T', blocking: options.blocking ?? true, probe: parsed },
      probe: parsed,
    },
    {
      vars: options.vars ?? {},
      secrets: secretsFrom(options.secrets ?? {}),
      ...(options.presets && { presets: options.presets }),
    },
  )
}

/** Run one probe spec whose credentials are all this one structured credential (a key, a key file). */
export function probeWithCredential(
  spec: Record<string, unknown>,
  credential: Omit<ProbeCredential, 'name' | 'source'>,
): Promise<ProbeResult> {
  const parsed: Probe = ProbeSchema.parse(spec)
  return runProbe(
    {
      phase: { id: 'p', title: 'P', items: [] },
      item: { id: 't', title: 'T', blocking: true, probe: parsed },
      probe: parsed,
    },
    {
      vars: {},
      secrets: {
        credential: (name) => Promise.resolve({ ...credential, name, source: 'keychain' }),
        hint: () => '',
      },
    },
  )
}
