import type { Plan } from '../../shared/plan/schema'
import { collectReferences } from '../../shared/plan/references'
import type { PlannedProbe } from '../probes/runner'
import { envVarFor, type SecretSource } from '../probes/secrets'
import type { Vault } from './vault'

/** Probes' credentials from the vault, checked against the kinds the plan declares. */
export function vaultSecrets(vault: Vault, plan: Plan): SecretSource {
  return {
    credential: async (name) => {
      const declared = plan.credentials[name]
      if (!declared) throw new Error(`the plan declares no credential "${name}"`)
      return vault.resolve(name, declared.kind)
    },
    hint: (name) =>
      `gonogo secret set ${name} --kind ${plan.credentials[name]?.kind ?? 'token'}, or set ${envVarFor(name)}`,
  }
}

/** Every credential the given probes use, by auth or by `${secrets.NAME}`. */
export function credentialsUsed(probes: readonly PlannedProbe[]): string[] {
  const names = new Set<string>()
  for (const { probe } of probes) {
    for (const ref of collectReferences(probe)) if (ref.scope === 'secrets') names.add(ref.name)
    if (probe.kind === 'preset') names.add(probe.credential)
    const auths = [probe, ...(probe.kind === 'flow' ? probe.steps : [])]
    for (const p of auths) if ('auth' in p && p.auth) names.add(p.auth.credential)
  }
  return [...names].sort()
}
