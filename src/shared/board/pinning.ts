import type { Plan } from '../plan/schema'

/** A sign-off role as the plan declares it. */
export type PlanRole = Plan['roles'][number]

export interface RolePinning {
  pinned: boolean
  /** What the roll call shows next to the role. */
  label: 'pinned' | 'not pinned'
}

/**
 * Whether a role pins who may sign for it (SSH public keys, an allowed_signers file). The one
 * place the board asks: roles are plain names in this plan version, so none is pinned yet, and the
 * roll call flags every one of them.
 */
export function rolePinning(role: PlanRole): RolePinning {
  void role
  return { pinned: false, label: 'not pinned' }
}

/** A role's display name. */
export function roleName(role: PlanRole): string {
  return role
}
