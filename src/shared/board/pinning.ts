import { planRoles, type PlanRole as PinnedRole } from '../plan/roles'
import type { Plan } from '../plan/schema'

/** A sign-off role as the plan declares it: a plain name, or a role that pins its signers. */
export type PlanRole = Plan['roles'][number]

export interface RolePinning {
  pinned: boolean
  /** What the roll call shows next to the role. */
  label: 'pinned' | 'not pinned'
}

function pinnedRole(role: PlanRole): PinnedRole {
  const [read] = planRoles({ roles: [role] })
  return read ?? { name: roleName(role), pins: [], quorum: 1, pinned: false }
}

/**
 * Whether a role pins who may sign for it (SSH public keys, an allowed_signers file): the one
 * place the board asks, reading the role through planRoles like the rest of GoNoGo.
 */
export function rolePinning(role: PlanRole): RolePinning {
  const pinned = pinnedRole(role).pinned
  return { pinned, label: pinned ? 'pinned' : 'not pinned' }
}

/** A role's display name. */
export function roleName(role: PlanRole): string {
  return typeof role === 'string' ? role : role.name
}
