import { canonicalHash } from '../canonical'
import type { Plan } from './schema'

/**
 * A plan's identity: SHA-256 over the RFC 8785 canonical JSON of the validated plan. Its own
 * module so that sessions can hash a plan without loading the plan loader (YAML positions, the
 * CEL compiler, presets).
 */
export function planHash(plan: Plan): string {
  return canonicalHash(plan)
}
